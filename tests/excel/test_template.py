"""`template`: the sheets, two header rows, Excel's own validation, and example rows derived from the seed."""
from __future__ import annotations

import openpyxl
import pytest

import selfeval
from selfeval.dump import dumps
from selfeval.excel import read_workbook, template
from selfeval.excel.schema import GRADES, MONEY, README_TITLE, SHEETS

from .conftest import SEED, WATER, column_letter, data_rows, unsourced


@pytest.fixture(scope="module")
def book_path(tmp_path_factory):
    return template(tmp_path_factory.mktemp("template") / "departments.xlsx")


@pytest.fixture(scope="module")
def book(book_path):
    return openpyxl.load_workbook(book_path)


def test_the_template_has_a_sheet_per_part_and_a_readme(book):
    assert book.sheetnames == ["部门", "人员编制", "收入", "支出", "结转结余", "项目", "绩效指标", "报告声明", README_TITLE]


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.title)
def test_chinese_headers_over_params_keys_and_frozen(book, sheet):
    ws = book[sheet.title]
    assert [c.value for c in ws[1]] == [c.head for c in sheet.columns]
    assert [c.value for c in ws[2]] == [c.key for c in sheet.columns]
    assert ws.freeze_panes == "B3"
    assert ws["A1"].font.b and not ws["A2"].font.b


def validations(ws) -> dict[str, object]:
    """The validation of each column, by the first cell of its range."""
    return {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}


def test_amounts_must_be_numbers_not_below_zero(book):
    for sheet in SHEETS:
        found = validations(book[sheet.title])
        for column in sheet.columns:
            if column.kind == MONEY:
                letter = column_letter(sheet.title, column.key)
                dv = found[f"{letter}3"]
                assert dv.type == "custom" and dv.formula1 == f"AND(ISNUMBER(VALUE({letter}3)),VALUE({letter}3)>=0)"
                assert str(dv.sqref) == f"{letter}3:{letter}1048576" and dv.allow_blank and dv.showErrorMessage


def test_grades_directions_units_and_years_are_validated(book):
    grade = validations(book["项目"])[f"{column_letter('项目', 'projects[].grade')}3"]
    assert grade.type == "list" and grade.formula1 == '"' + ",".join(GRADES) + '"' and "较好" in GRADES and "A" in GRADES
    claim = validations(book["报告声明"])[f"{column_letter('报告声明', 'claims.grade')}3"]
    assert claim.type == "list"
    direction = validations(book["绩效指标"])[f"{column_letter('绩效指标', 'projects[].indicators[].direction')}3"]
    assert direction.type == "list" and direction.formula1 == '">=,<=,=,>,<,≥,≤"'
    found = validations(book["部门"])
    assert found["E3"].type == "list" and found["E3"].formula1 == '"万元,元,亿元"'
    assert (found["D3"].type, found["D3"].operator, found["D3"].formula1, found["D3"].formula2) == (
        "whole", "between", "1949", "2100")


def test_amount_columns_are_formatted_as_text(book):
    ws = book["收入"]
    assert ws.column_dimensions["C"].number_format == "@"
    assert (ws["C3"].value, ws["C3"].data_type, ws["C3"].number_format) == ("344.64", "s", "@")


def test_the_example_rows_are_the_seed_figures(book_path, book):
    seed = selfeval.load(SEED)
    [example], errors = read_workbook(book_path, examples=True)
    assert errors == []
    assert unsourced(example) == unsourced(seed) and dumps(example) == dumps(seed)
    row = [c.value for c in book["部门"][3]]
    assert row[:6] == ["luquan-cac", seed.department.name, "鹿泉区委网信办", 2022, "万元", "344.64"]
    assert [c.value for c in book["支出"][3]] == ["luquan-cac", "基本支出", "280.75", "81.46"]
    assert data_rows(book["项目"]) == len(seed.projects)


def test_the_readme_names_where_the_example_comes_from(book):
    lines = [row[0].value for row in book[README_TITLE].iter_rows()]
    assert "示例数据取自 luquan-cac-2022.yaml（鹿泉区委网信办，2022 年度），可覆盖或删除。" in lines


def test_another_example_fills_the_score_table_sheet(tmp_path):
    path = template(tmp_path / "t.xlsx", [WATER])
    [example], _ = read_workbook(path, examples=True)
    assert example.department.code == "sample-water"
    assert data_rows(openpyxl.load_workbook(path)["绩效指标"]) == sum(len(p.indicators) for p in example.projects)
