"""`template`, `split` and `join` as commands: what they print, what they write, their exit codes."""
from __future__ import annotations

import subprocess
import sys

import pytest

import selfeval
from selfeval.dump import dumps
from selfeval.excel import is_workbook, load_sources, read_workbook, write_workbook
from selfeval.cli import main

from .conftest import PARAMS, ROOT, SEED, WATER, bundled, edit, ref, unsourced

BAD_PARAMS = ROOT / "tests" / "data" / "bad" / "amount_not_a_number.yaml"


def run(capsys: pytest.CaptureFixture, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_template_writes_a_workbook_with_the_seed_as_example(capsys, tmp_path):
    code, out, err = run(capsys, "template", tmp_path / "departments.xlsx")
    assert (code, err) == (0, "") and out == f"template: {tmp_path / 'departments.xlsx'} (example rows from {SEED})\n"
    [example], errors = read_workbook(tmp_path / "departments.xlsx", examples=True)
    assert errors == [] and dumps(example) == dumps(selfeval.load(SEED))


def test_template_with_other_examples(capsys, tmp_path):
    code, _, _ = run(capsys, "template", tmp_path / "t.xlsx", "--example", SEED, "--example", WATER)
    assert code == 0 and [r.department.code for r in read_workbook(tmp_path / "t.xlsx", examples=True)[0]] == [
        "luquan-cac", "sample-water"]


def test_template_with_a_bad_example_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, "template", tmp_path / "t.xlsx", "--example", BAD_PARAMS)
    assert code == 2 and out == "" and str(BAD_PARAMS) in err and not (tmp_path / "t.xlsx").exists()


def test_join_then_split_gives_back_the_params(capsys, tmp_path):
    code, out, err = run(capsys, "join", ROOT / "params", "-o", tmp_path / "departments.xlsx")
    assert (code, err) == (0, "") and out == f"workbook: {tmp_path / 'departments.xlsx'} (6 departments)\n"
    code, out, err = run(capsys, "split", tmp_path / "departments.xlsx", "--out", tmp_path / "params")
    assert code == 0 and err == f"6 params files written to {tmp_path / 'params'}\n"
    assert out.splitlines() == [str(tmp_path / "params" / p.name) for p in PARAMS]
    assert [(tmp_path / "params" / p.name).read_text(encoding="utf-8") for p in PARAMS] == [
        dumps(r) for r in bundled()]


def test_join_reports_a_bad_params_file_and_joins_the_rest(capsys, tmp_path):
    code, out, err = run(capsys, "join", BAD_PARAMS, *PARAMS, "-o", tmp_path / "departments.xlsx")
    assert code == 2 and f"{BAD_PARAMS}: income.items[2].amount: 金额须为数字" in err
    assert out == f"workbook: {tmp_path / 'departments.xlsx'} (6 departments)\n"
    assert len(read_workbook(tmp_path / "departments.xlsx")[0]) == 6


def test_join_refuses_a_department_code_given_twice(capsys, tmp_path):
    copy = tmp_path / "copy.yaml"  # the same file named twice is read once (the one discovery rule)
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "join", SEED, copy, SEED, "-o", tmp_path / "departments.xlsx")
    assert code == 2 and "code 'luquan-cac' is also the code of" in err
    assert len(read_workbook(tmp_path / "departments.xlsx")[0]) == 1


def test_join_with_nothing_to_join(capsys, tmp_path):
    code, _, err = run(capsys, "join", tmp_path, "-o", tmp_path / "departments.xlsx")
    assert code == 2 and err.startswith("no .yaml or .yml params files in")


def test_split_reports_a_bad_department_at_its_cell_and_writes_the_others(tmp_path):
    path = write_workbook(bundled(), tmp_path / "departments.xlsx")
    edit(path, {ref("收入", "income.items[].amount", 4): "n/a"})  # the seed's second income line
    proc = subprocess.run([sys.executable, "-m", "selfeval", "split", path, "--out", tmp_path / "out"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [f"{path}: 收入!C4: 金额须为数字，如 1206.38（读到“n/a”）",
                                        f"5 params files written to {tmp_path / 'out'}; 1 with problems, not written"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in PARAMS[1:]]


def test_load_sources_reads_params_files_and_workbooks_in_order(tmp_path):
    book = write_workbook([selfeval.load(WATER), selfeval.load(SEED)], tmp_path / "departments.xlsx")
    reports, errors = load_sources([PARAMS[1], book, BAD_PARAMS])
    assert [r.department.code for r in reports] == ["sample-agri", "sample-water", "luquan-cac"]
    assert [unsourced(r) for r in reports[1:]] == [unsourced(selfeval.load(WATER)), unsourced(selfeval.load(SEED))]
    assert len(errors) == 1 and errors[0].problems[0].file == str(BAD_PARAMS)
    assert is_workbook(book) and is_workbook("X.XLSX") and not is_workbook(SEED)


# ---- issue 14: silent loss in Excel, split overwriting ----

def test_template_formats_only_example_rows_as_text_now_every_data_row(capsys, tmp_path):
    import openpyxl  # noqa: PLC0415

    from selfeval.excel.schema import DECIMAL_KINDS, FIRST_DATA_ROW, SHEETS  # noqa: PLC0415
    from selfeval.excel.write import TEXT_ROWS  # noqa: PLC0415

    assert run(capsys, "template", "-o", tmp_path / "t.xlsx")[0] == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    for sheet in SHEETS:
        ws = book[sheet.title]
        for i, column in enumerate(sheet.columns, start=1):
            if column.kind in DECIMAL_KINDS:
                for row in (FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 50, FIRST_DATA_ROW + TEXT_ROWS - 1):
                    assert ws.cell(row=row, column=i).number_format == "@", (sheet.title, column.key, row)
    assert TEXT_ROWS >= 1000


def test_number_typed_3560_80_stored_as_3560_8_warns_naming_the_cell(capsys, tmp_path):
    import openpyxl  # noqa: PLC0415

    path = tmp_path / "d.xlsx"
    write_workbook([selfeval.load(WATER)], path)
    book = openpyxl.load_workbook(path)
    book["收入"]["C3"].value = 3560.8  # typed into a General cell: Excel keeps the number, not its decimals
    book.save(path)
    code, out, err = run(capsys, "check", path)
    assert "收入!C3: 数字单元格 3560.8 的印刷小数位数未知" in err and "设为文本" in err
    code, out, err = run(capsys, "split", path, "-o", tmp_path / "p")
    assert "收入!C3: 数字单元格 3560.8 的印刷小数位数未知" in err


def test_split_overwrote_existing_params_now_refuses_without_force(capsys, tmp_path):
    path = tmp_path / "d.xlsx"
    write_workbook([selfeval.load(WATER)], path)
    target = tmp_path / "p" / WATER.name
    target.parent.mkdir()
    target.write_text("# my comments\n", encoding="utf-8")
    code, out, err = run(capsys, "split", path, "--out", tmp_path / "p")
    assert code == 2 and f"{target}: 文件已存在，未覆盖" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "# my comments\n"
    code, out, err = run(capsys, "split", path, "-o", tmp_path / "p", "--force")
    assert code == 0 and target.read_text(encoding="utf-8") == dumps(selfeval.load(WATER))
