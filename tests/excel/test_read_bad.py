"""Bad input in a workbook: each problem names file, sheet, cell; every problem is listed; other departments load."""
from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from selfeval.excel import read_workbook
from selfeval.excel.schema import FIRST_DATA_ROW

from .conftest import append_row, cache_formula, edit, problem_lines, read_one_bad, ref

R = FIRST_DATA_ROW  # the first data row: the seed's department row, its first income line, ...


def loaded_codes(path: Path) -> list[str]:
    return [r.department.code for r in read_workbook(path)[0]]


def test_text_that_is_not_a_number_names_file_sheet_and_cell(three_book):
    edit(three_book, {ref("收入", "income.items[].amount", R + 1): "n/a"})
    lines = read_one_bad(three_book)
    assert lines == [f"{three_book}: 收入!C{R + 1}: 金额须为数字，如 1206.38（读到“n/a”）"]
    assert loaded_codes(three_book) == ["sample-agri", "sample-water"]  # the others still load
    assert [e.code for e in read_workbook(three_book)[1]] == ["luquan-cac"]  # which department, for a batch


def test_every_problem_of_a_department_is_listed_in_sheet_and_cell_order(three_book):
    edit(three_book, {ref("项目", "projects[].grade", R + 2): "很好", ref("部门", "department.year"): "二〇二二",
                      ref("收入", "income.items[].share", R + 3): "-5", ref("部门", "department.name"): None})
    assert [line.split(": ", 1)[1] for line in read_one_bad(three_book)] == [
        "部门!B3: 缺少必填项“单位名称”：该格为空",
        "部门!D3: 年度须为整数（读到“二〇二二”）",
        "收入!D6: 占比（%）不能为负数（读到-5）",
        "项目!L5: 未知的评价等级“很好”，应为 优秀/优/良好/良/中等/中/差/较差 之一",
    ]


def test_a_number_with_more_than_two_decimals_in_wanyuan_is_refused(three_book):
    edit(three_book, {ref("支出", "expenditure.items[].amount"): 280.754})
    assert read_one_bad(three_book) == [
        f"{three_book}: 支出!C3: the number 280.754 has more than 2 decimals for an amount in 万元; type the amount "
        "as text, as the report prints it (e.g. 20.00)"]


def test_numbers_typed_as_numbers_read_from_their_shortest_repr(three_book):
    edit(three_book, {ref("支出", "expenditure.items[].amount"): 280.75, ref("支出", "expenditure.items[].share"): 81.46,
                      ref("部门", "income.total"): 344, ref("项目", "projects[].score", R + 8): 97.8})
    reports, errors = read_workbook(three_book)
    assert errors == []
    seed, water = reports[0], reports[2]
    assert seed.expenditure.items[0].amount == Decimal("280.75") and str(seed.expenditure.items[0].amount) == "280.75"
    assert str(seed.expenditure.items[0].share) == "81.46"
    assert str(seed.income.total) == "344"  # a whole number typed as a number has no decimals to keep
    assert str(water.projects[0].score) == "97.8"


def test_a_share_in_a_percent_format_reads_as_the_percent_shown(three_book):
    where = ref("支出", "expenditure.items[].share")
    edit(three_book, {where: 0.8146}, styles={where: {"number_format": "0.00%"}})
    assert str(read_workbook(three_book)[0][0].expenditure.items[0].share) == "81.46"


def test_a_formula_without_a_cached_value_is_an_error_naming_the_cell(three_book):
    edit(three_book, {ref("部门", "income.total"): "=SUM(收入!C3:C9)"})
    assert read_one_bad(three_book) == [
        f"{three_book}: 部门!F3: the formula =SUM(收入!C3:C9) has no cached value (the workbook was last saved by a "
        "program that does not calculate); open and save it in Excel, or type the value"]


def test_a_formula_is_read_from_its_cached_value(three_book):
    edit(three_book, {ref("部门", "income.total"): "=SUM(收入!C3:C9)"})
    cache_formula(three_book, "部门", "F3", "344.64")
    reports, errors = read_workbook(three_book)
    assert errors == [] and str(reports[0].income.total) == "344.64"


def test_an_excel_error_value_is_an_error(three_book):
    edit(three_book, {ref("结转结余", "carryover.opening"): "#DIV/0!"})
    assert read_one_bad(three_book) == [f"{three_book}: 结转结余!B3: the cell holds the Excel error #DIV/0!"]


@pytest.mark.parametrize("value, shown", [(True, "true"), (datetime.datetime(2022, 1, 5), "2022-01-05 00:00:00")])
def test_a_boolean_or_a_date_where_an_amount_belongs_is_an_error(three_book, value, shown):
    edit(three_book, {ref("收入", "income.items[].amount"): value})
    assert read_one_bad(three_book) == [f"{three_book}: 收入!C3: 金额须为数字，如 1206.38（读到{shown}）"]


def test_a_row_naming_a_department_that_is_not_on_the_departments_sheet(three_book):
    edit(three_book, {ref("收入", "department.code", R + 1): "luquan"})
    reports, errors = read_workbook(three_book)
    assert [r.department.code for r in reports] == ["luquan-cac", "sample-agri", "sample-water"]
    assert problem_lines(errors) == [
        f"{three_book}: 收入!A4: 部门代码 (department.code) 'luquan' is not on the 部门 sheet"]
    assert len(reports[0].income.items) == 6  # the stray line is not counted in


def test_a_department_code_on_two_rows_reports_that_department_only(three_book):
    book = openpyxl.load_workbook(three_book)
    append_row(book["部门"], ["luquan-cac", "另一个单位", None, 2022, "万元", "1.00", None, "1.00"])
    book.save(three_book)
    reports, errors = read_workbook(three_book)
    assert [r.department.code for r in reports] == ["sample-agri", "sample-water"]
    assert problem_lines(errors) == [
        f"{three_book}: 部门!A3: department code 'luquan-cac' is on more than one row (部门!A3, 部门!A6)",
        f"{three_book}: 部门!A6: department code 'luquan-cac' is on more than one row (部门!A3, 部门!A6)"]


def test_two_staff_rows_for_one_department(three_book):
    book = openpyxl.load_workbook(three_book)
    append_row(book["人员编制"], ["luquan-cac", "6"])
    book.save(three_book)
    assert read_one_bad(three_book) == [f"{three_book}: 人员编制!A6: a department has at most one row on the 人员编制 "
                                        "sheet; 'luquan-cac' is also on 人员编制!A3"]


def test_an_invalid_department_code_is_the_loaders_message_at_its_cell(three_book):
    edit(three_book, {ref("部门", "department.code"): "Luquan CAC"})
    lines = problem_lines(read_workbook(three_book)[1])
    assert f"{three_book}: 部门!A3: 部门代码须为 1 到 64 个小写字母 a-z、数字 0-9 或连字符“-”（读到“Luquan CAC”）" in lines


def test_an_indicator_of_a_project_that_does_not_exist(three_book):
    edit(three_book, {ref("绩效指标", "projects[]", R + 2): 7})
    assert read_one_bad(three_book) == [
        f"{three_book}: 绩效指标!B5: no project with 项目序号 7 for 'sample-water' on the 项目 sheet"]


def test_an_indicator_whose_project_name_disagrees_with_its_number(three_book):
    edit(three_book, {ref("绩效指标", "projects[].name"): "别的项目"})
    assert read_one_bad(three_book) == [
        f"{three_book}: 绩效指标!C3: 项目名称 '别的项目' is not the name of project 1 ('河道日常管护项目')"]


def test_an_indicator_found_by_project_name_alone(three_book):
    edit(three_book, {ref("绩效指标", "projects[]", R + 7): None})  # the second project's first indicator
    reports, errors = read_workbook(three_book)
    assert errors == [] and reports[2].projects[1].indicators[0].name == "维修供水工程处数"


def test_budget_and_funds_together_point_at_the_funds_cells(three_book):
    edit(three_book, {ref("项目", "projects[].budget", R + 8): "210.00"})  # sample-water's first project
    assert read_one_bad(three_book) == [f"{three_book}: 项目!F11:H11: 预算数、执行数写作 budget/spent 或写在 funds 中，只能选一种，不能两处都写"]


def test_a_direction_that_contradicts_the_target_points_at_the_direction(three_book):
    edit(three_book, {ref("绩效指标", "projects[].indicators[].direction", R + 1): "<="})
    assert read_one_bad(three_book) == [
        f"{three_book}: 绩效指标!G4: 指标方向 ≤ 与年度指标值“≥95%”中写明的 ≥ 相矛盾"]


def test_a_missing_column_is_named_with_its_row(three_book):
    book = openpyxl.load_workbook(three_book)
    book["部门"].delete_cols(2)  # no 单位名称 column at all
    book.save(three_book)
    reports, errors = read_workbook(three_book)
    assert reports == [] and len(errors) == 3
    assert problem_lines(errors)[0] == (f"{three_book}: 部门!A3:K3 (department.name): "
                                        "缺少必填项“单位名称”：工作表中没有这一列")


def test_an_unknown_column_key_stops_the_workbook(three_book):
    edit(three_book, {"收入!C2": "income.items[].amout"})
    reports, errors = read_workbook(three_book)
    assert reports == [] and problem_lines(errors) == [
        f"{three_book}: 收入!C2: unknown column key 'income.items[].amout' (expected one of: department.code, "
        "income.items[].name, income.items[].amount, income.items[].share)"]


def test_a_workbook_without_a_departments_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(tmp_path / "other.xlsx")
    reports, errors = read_workbook(tmp_path / "other.xlsx")
    assert reports == [] and problem_lines(errors)[0].startswith(f"{tmp_path / 'other.xlsx'}: no sheet named '部门'")


def test_a_file_that_is_not_a_workbook(tmp_path):
    (tmp_path / "notes.xlsx").write_text("not a zip", encoding="utf-8")
    reports, errors = read_workbook(tmp_path / "notes.xlsx")
    assert reports == [] and problem_lines(errors)[0].startswith(
        f"{tmp_path / 'notes.xlsx'}: not a readable Excel workbook (.xlsx)")


def test_a_missing_file(tmp_path):
    assert problem_lines(read_workbook(tmp_path / "absent.xlsx")[1]) == [f"{tmp_path / 'absent.xlsx'}: file not found"]


def test_a_row_with_figures_but_no_department_code(three_book):
    edit(three_book, {ref("支出", "department.code", R + 1): None})
    reports, errors = read_workbook(three_book)
    assert len(reports) == 3 and problem_lines(errors) == [
        f"{three_book}: 支出!A4: 部门代码 (department.code) is empty"]


def test_a_sheet_without_a_code_column_stops_the_workbook(three_book):
    edit(three_book, {"项目!A2": None})
    reports, errors = read_workbook(three_book)
    assert reports == [] and problem_lines(errors) == [
        f"{three_book}: 项目!2: no column keyed department.code (部门代码) in the second header row"]


def test_optional_sheets_may_be_left_out_and_other_sheets_are_ignored(three_book):
    book = openpyxl.load_workbook(three_book)
    for title in ("人员编制", "结转结余", "报告声明", "绩效指标"):
        del book[title]
    book.create_sheet("我的备注")["A1"] = "核对记录"
    book.save(three_book)
    reports, errors = read_workbook(three_book)
    assert errors == [] and [r.department.code for r in reports] == ["luquan-cac", "sample-agri", "sample-water"]
    assert all(r.staff is None and r.carryover is None and r.claims is None for r in reports)
    assert reports[2].projects[0].indicators == () and reports[2].projects[0].funds is not None
