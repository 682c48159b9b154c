"""Issue 18, names are text everywhere: controls and bidi overrides shown in HTML (and so the PDF printed from it),
formulas never live in a spreadsheet cell written from data, a workbook written whatever a name holds."""
from __future__ import annotations

import openpyxl

import selfeval
from selfeval import display
from selfeval.checks import Finding
from selfeval.excel import join, write_findings
from tests.conftest import make_report, project, section

OVERRIDE = "财政拨款\u202e收入"
ESCAPE = "其他收入\x1b[2K\r"


def test_bidi_override_in_a_name_is_shown_in_the_html_tables_not_obeyed():
    """Repro: an item named "财政拨款\\u202e收入" reversed the tool's own text after it in the HTML and PDF tables."""
    report = make_report(income=section("100.00", [(OVERRIDE, "100.00", "100")]))
    page = display.html_table(["名称"], [[item.name] for item in report.income.items])
    assert "\u202e" not in page and "财政拨款«U+202E»收入" in page


def test_terminal_escape_in_a_project_name_is_shown_in_its_score_table_heading():
    """Repro: a project named "其他收入\\x1b[2K\\r" went into the score table's <h3> raw (ESC and CR in the page)."""
    report = make_report(projects=(project(ESCAPE, "10.00", "10.00"),))
    page = display.score_table_html(report, 0, selfeval.run_checks(report))
    assert "\x1b" not in page and "\r" not in page and "其他收入«U+001B»[2K«U+000D»" in page


def test_failing_cell_of_an_html_table_shows_controls():
    """The cells that carry a failure mark go through the same text rule."""
    cell = display._cell(OVERRIDE, [Finding("SUM-001", "error", "fail", "income.items", "", "", "", "")])
    assert "\u202e" not in cell and "«U+202E»" in cell


def test_escape_in_a_name_no_longer_fails_join_with_a_traceback(tmp_path):
    """Repro: `selfeval join` of a params file whose name holds ESC → openpyxl IllegalCharacterError traceback."""
    folder = tmp_path / "params"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        'department: {name: "测试\\e单位", code: test-dept, year: 2022}\n'
        "income: {total: 100.00, items: [{name: 收入, amount: 100.00}]}\n"
        "expenditure: {total: 100.00, items: [{name: 支出, amount: 100.00}]}\n", encoding="utf-8")
    workbook, errors = join([folder], tmp_path / "departments.xlsx")
    assert errors == []
    names = [c.value for c in openpyxl.load_workbook(workbook)["部门"][3]]
    assert "测试«U+001B»单位" in names


def test_formula_from_data_in_the_data_workbook_is_a_text_cell(tmp_path):
    """Repro: a name "=HYPERLINK(\\"http://x\\",\\"y\\")" must not become a live formula in the joined workbook."""
    folder = tmp_path / "params"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "department: {name: 测试单位, code: test-dept, year: 2022}\n"
        'income: {total: 100.00, items: [{name: "=HYPERLINK(\\"http://x\\",\\"y\\")", amount: 100.00}]}\n'
        'expenditure: {total: 100.00, items: [{name: "@SUM(1)", amount: 100.00}]}\n', encoding="utf-8")
    workbook, _ = join([folder], tmp_path / "departments.xlsx")
    book = openpyxl.load_workbook(workbook)
    cells = [c for ws in (book["收入"], book["支出"]) for c in ws[3] if isinstance(c.value, str) and c.value[0] in "=@"]
    assert [(c.value, c.data_type) for c in cells] == [('=HYPERLINK("http://x","y")', "s"), ("@SUM(1)", "s")]


def test_formula_and_escape_in_a_finding_are_text_cells_in_the_findings_workbook(tmp_path):
    """Repro: a finding's message "=1+2*3" or holding ESC: a live formula, or an IllegalCharacterError."""
    findings = [Finding("SUM-001", "error", "fail", "income.items", "", "", "", "=1+2*3"),
                Finding("DUP-001", "warning", "fail", "income.items", "", "", "", ESCAPE)]
    book = openpyxl.load_workbook(write_findings(findings, tmp_path / "findings.xlsx"))
    values = {(c.value, c.data_type) for row in book.worksheets[0].iter_rows(min_row=2) for c in row}
    assert ("=1+2*3", "s") in values and ("其他收入«U+001B»[2K«U+000D»", "s") in values
