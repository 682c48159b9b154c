"""The template's example row is marked and skipped; one department code from two inputs is bad input naming both."""
from __future__ import annotations

import openpyxl

import selfeval
from selfeval.cli import main
from selfeval.excel import load_sources, read_workbook, split_workbook, template, write_workbook
from selfeval.excel.schema import EXAMPLE_KEY

from .conftest import AGRI, SEED, WATER, append_row, edit, problem_lines


def example_column(path) -> str:
    """The letter of the 示例行 column on the 部门 sheet."""
    keys = [c.value for c in openpyxl.load_workbook(path)["部门"][2]]
    return openpyxl.utils.get_column_letter(keys.index(EXAMPLE_KEY) + 1)


def test_the_template_marks_its_example_row(tmp_path):
    path = template(tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)["部门"]
    letter = example_column(path)
    assert ws[f"{letter}1"].value == "示例行" and ws[f"{letter}3"].value == "示例"


def test_the_example_row_is_skipped_with_every_row_of_it(tmp_path):
    path = template(tmp_path / "t.xlsx", [SEED, WATER])
    reports, errors = read_workbook(path)
    assert reports == [] and errors == []  # no orphan problems for the example's income, projects, indicators…
    notices: list[str] = []
    written, errors = split_workbook(path, tmp_path / "split", notices)
    assert written == [] and errors == []
    assert notices == [f"{path}: 部门!A3: 示例行（部门代码 'luquan-cac'），已跳过",
                       f"{path}: 部门!A4: 示例行（部门代码 'sample-water'），已跳过"]


def test_an_example_row_filled_in_and_unmarked_is_read(tmp_path):
    path = template(tmp_path / "t.xlsx")
    edit(path, {f"部门!{example_column(path)}3": None})
    [report], errors = read_workbook(path)
    assert errors == [] and report.department.code == "luquan-cac"


def test_a_real_row_beside_an_example_row_of_the_same_code_is_an_error(tmp_path):
    path = template(tmp_path / "t.xlsx")
    ws_book = openpyxl.load_workbook(path)
    ws = ws_book["部门"]
    append_row(ws, [c.value for c in ws[3]][:-1])  # the example's row again, unmarked
    ws_book.save(path)
    reports, errors = read_workbook(path)
    assert reports == [] and "is on more than one row (部门!A3, 部门!A4)" in problem_lines(errors)[0]


def test_check_skips_the_example_and_says_so(tmp_path, capsys):
    path = template(tmp_path / "t.xlsx")
    assert main(["check", str(path)]) == 0
    assert "示例行（部门代码 'luquan-cac'），已跳过" in capsys.readouterr().err


def test_one_code_in_two_workbooks_is_bad_input_naming_both_cells(tmp_path):
    first = write_workbook([selfeval.load(AGRI), selfeval.load(SEED)], tmp_path / "a.xlsx")
    second = write_workbook([selfeval.load(SEED)], tmp_path / "b.xlsx")
    reports, errors = load_sources([first, second])
    assert [r.department.code for r in reports] == ["sample-agri", "luquan-cac"]
    assert problem_lines(errors) == [f"{second}: 部门!A3: 部门代码 'luquan-cac' 重复：{first}: 部门!A4 已有该部门；"
                                     "同一部门只能出现一次，请删除其中一处"]


def test_a_params_file_and_a_workbook_with_one_code_are_bad_input(tmp_path, capsys):
    book = write_workbook([selfeval.load(SEED)], tmp_path / "a.xlsx")
    reports, errors = load_sources([SEED, book])
    assert len(reports) == 1 and problem_lines(errors) == [
        f"{book}: 部门!A3: 部门代码 'luquan-cac' 重复：{SEED} 已有该部门；同一部门只能出现一次，请删除其中一处"]
    assert main(["check", str(book), str(SEED)]) == 2
    err = capsys.readouterr().err
    assert f"{SEED}: 部门代码 'luquan-cac' 重复：{book}: 部门!A3 已有该部门" in err


def test_two_params_files_with_one_code_are_still_both_checked(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    reports, errors = load_sources([SEED, copy])
    assert len(reports) == 2 and errors == []
