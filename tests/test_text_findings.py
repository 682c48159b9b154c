"""Text checks (TXT-xxx) of a report input reach its department's notebook, ledger rows and workbook (issue 13 §4)."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from selfeval import display
from selfeval.checks import TEXT, text_findings_of
from selfeval.cli import main
from selfeval.excel import write_findings
from selfeval.findings_view import sidecar_source, table
from selfeval.extract.audit import audit_lines
from selfeval.extract.output import params_yaml
from selfeval.extract.reading import read_lines
from selfeval.evidence import MANIFEST
from selfeval.ledger import finding_rows, folder_rows
from selfeval.report_inputs import sidecar
from selfeval.sources_file import read_sidecar, sidecar_path
from tests.conftest import DATA

DEFECTS = DATA / "reports" / "defects.txt"
TEXT_FAILING = [("TXT-001", "line 5"), ("TXT-002", "line 12"), ("TXT-003", "line 9"), ("TXT-006", "line 13"),
                ("TXT-007", "line 14")]


def staged(folder: Path) -> Path:
    """The defects report staged as a batch stages a report: its params and its sources sidecar side by side."""
    lines = read_lines(DEFECTS)
    audit = audit_lines(lines, "inputs/reports/defects.txt")
    folder.mkdir(parents=True, exist_ok=True)
    params = folder / f"{audit.extraction.code}.yaml"
    params.write_text(params_yaml(audit.extraction), encoding="utf-8")
    side = sidecar(audit, lines, "inputs/reports/defects.txt", "txt")
    sidecar_path(params).write_text(json.dumps(side, ensure_ascii=False), encoding="utf-8")
    return params


def test_a_reports_text_findings_are_kept_in_its_sidecar_and_join_its_notebooks_findings(tmp_path):
    params = staged(tmp_path)
    kept = text_findings_of(read_sidecar(params))
    assert sorted((f.check, f.where) for f in kept if f.status == "fail") == TEXT_FAILING
    audit = display.open_audit(str(params))
    assert sorted((f.check, f.where) for f in audit.findings if f.check in TEXT and f.status == "fail") == TEXT_FAILING
    assert text_findings_of(None) == []  # a params file or workbook input has no sidecar, so no text findings


def test_text_findings_carry_their_registered_titles_into_the_ledger_and_workbook(tmp_path):
    params = staged(tmp_path)
    audit = display.open_audit(str(params))
    rows = [r for r in finding_rows(audit.report, audit.findings, {}, str) if r["检查"] == "TXT-002"]
    assert rows and rows[0]["检查项目"] == "所述个数与列举相符" and rows[0]["级别"] == "错误"
    book = openpyxl.load_workbook(write_findings(audit.findings, tmp_path / "findings.xlsx"))
    sheet = [[c.value for c in row] for row in book["审核结果"].iter_rows()]
    titles = {row[2]: row[3] for row in sheet[1:]}
    assert titles["TXT-007"] == "同一数字前后一致"


def test_parameters_show_a_file_name_and_the_report_read_not_an_absolute_path(tmp_path):
    params = staged(tmp_path)
    assert display.shown_parameters({"params_path": str(params)}) == [
        ("params_path", params.name), ("报告文件", "defects.txt")]
    assert display.shown_parameters({"params_path": "inputs/params/x.yaml"}) == [
        ("params_path", "inputs/params/x.yaml")]


def test_the_findings_table_of_a_report_input_has_a_source_column_quoting_the_document(tmp_path, monkeypatch):
    params = staged(tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(display, "display", lambda html: shown.append(html.data))
    display.show_findings(display.open_audit(str(params)))
    [page] = shown
    assert '<th class="col-source">来源</th>' in page
    view = table(display.open_audit(str(params)).findings, source=sidecar_source(read_sidecar(params)))
    cells = {(f.check, f.where): row[view.columns.index("source")] for f, row in zip(view.findings, view.rows)}
    assert cells[("TXT-002", "line 12")].startswith("第12行「")
    assert cells[("SHR-001", "income.items[0].share")].startswith("第")  # a figure's finding quotes its line
    assert "「" in cells[("SHR-001", "income.items[0].share")]


def test_a_params_input_has_no_source_column(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(display, "display", lambda html: shown.append(html.data))
    display.show_findings(display.open_audit(str(DATA.parent.parent / "params" / "sample-water-2023.yaml")))
    assert "来源" not in shown[0] and '<th class="col-check">检查</th>' in shown[0]


def test_a_place_reads_in_the_reports_terms_with_the_key_path_below_and_a_document_line_alone():
    assert display.where_html("income.items[1].share") == (
        '本年收入 第2项 占比<br><small class="selfeval-path">income.<wbr>items[1].<wbr>share</small>')
    assert display.where_html("line 12") == "第12行"


def test_selfeval_check_of_a_reports_params_writes_its_text_findings_to_the_workbook(tmp_path, capsys):
    params = staged(tmp_path)
    assert main(["check", str(params), "-o", str(tmp_path / "found.xlsx")]) == 1
    capsys.readouterr()
    rows = list(openpyxl.load_workbook(tmp_path / "found.xlsx")["审核结果"].iter_rows(values_only=True))
    assert ("TXT-002", "所述个数与列举相符", "错误", "不通过") in {row[2:6] for row in rows}


def test_a_figure_stated_twice_is_told_in_the_reports_terms():
    audit = audit_lines(read_lines(DEFECTS), str(DEFECTS))
    [twice] = [f for f in audit.findings if f.check == "TXT-007"]
    assert twice.message == "本年收入合计前后不一致：第6行为300.00，第14行为310.00"


def test_the_ledger_of_an_output_folder_has_a_reports_text_findings_placed_in_the_report(tmp_path):
    params = staged(tmp_path / "inputs")
    (tmp_path / MANIFEST).write_text(json.dumps({"departments": [
        {"status": "findings", "parameters": {"params_path": f"inputs/{params.name}"}}]}), encoding="utf-8")
    rows, checked = folder_rows(tmp_path)
    placed = {(r["检查"], r["位置"]): r["来源位置"] for r in rows}
    assert placed[("TXT-002", "line 12")] == "defects.txt line 12"
    assert placed[("SHR-001", "income.items[0].share")] == "defects.txt line 6"  # a figure: where it was read
    assert checked == {params.stem}
