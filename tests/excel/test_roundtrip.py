"""params → workbook → params without loss, for every bundled department; join and split are inverses."""
from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import selfeval
from selfeval.dump import dumps
from selfeval.excel import join, read_workbook, split, split_workbook, write_workbook
from selfeval.excel.schema import SHEETS

from .conftest import PARAMS, bundled, edit, ref, unsourced


def through_workbook(reports: list, path: Path) -> list:
    write_workbook(reports, path)
    back, errors = read_workbook(path)
    assert errors == [], [str(e) for e in errors]
    return back


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: p.stem)
def test_each_bundled_department_round_trips_exactly(params, tmp_path):
    report = selfeval.load(params)
    [back] = through_workbook([report], tmp_path / "one.xlsx")
    assert dumps(back) == dumps(report)
    assert unsourced(back) == unsourced(report)
    assert back.source == str(tmp_path / "one.xlsx")


def test_all_bundled_departments_in_one_workbook_round_trip_in_order(tmp_path):
    reports = bundled()
    back = through_workbook(reports, tmp_path / "all.xlsx")
    assert [dumps(r) for r in back] == [dumps(r) for r in reports]
    assert [unsourced(r) for r in back] == [unsourced(r) for r in reports]


def cells(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cells: value, type and the apostrophe mark, row by row."""
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple((c.value, c.data_type, c.quotePrefix) for c in row) for row in ws.iter_rows()]
            for ws in book.worksheets}


def test_join_and_split_are_inverses(tmp_path):
    joined, errors = join([PARAMS[0].parent], tmp_path / "departments.xlsx")
    assert errors == []
    written = split(joined, tmp_path / "split")
    assert [p.name for p in written] == [p.name for p in PARAMS]  # <code>-<year>.yaml, as bundled
    for original, copy in zip(PARAMS, written, strict=True):
        assert copy.read_text(encoding="utf-8") == dumps(selfeval.load(original))
    again, errors = join([tmp_path / "split"], tmp_path / "again.xlsx")
    assert errors == [] and cells(again) == cells(joined)
    assert [p.read_text(encoding="utf-8") for p in split(again, tmp_path / "split2")] == [
        p.read_text(encoding="utf-8") for p in written]


def write_params(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


EDGES = """\
    department: {name: 边界单位, code: edge-cases, year: 2023, unit: 亿元}
    staff: {}
    income: {total: 20.00, grand_total: 20.000, items: [{name: 财政拨款收入, amount: 20.00, share: "100%"}]}
    carryover: {}
    expenditure: {total: 20.0, items: []}
    projects:
      - name: 目标写作文本数字
        indicators:
          - {name: 条数, target: "8000", actual: 8000.0, weight: 20.50, score: -1}
          - {name: 公式样, direction: "=", target: "=100%", actual: "100%", unit: "%", weight: 10}
          - {name: 空格, target: " 有效提升 ", actual: .5, weight: 0}
      - {name: 空项目}
    claims: {project_count: 2}
    """


def test_edge_values_round_trip_exactly(tmp_path):
    report = selfeval.load(write_params(tmp_path / "edge.yaml", EDGES))
    [back] = through_workbook([report], tmp_path / "edge.xlsx")
    assert dumps(back) == dumps(report) and unsourced(back) == unsourced(report)
    target = back.projects[0].indicators[0].target
    assert target.raw == "8000" and isinstance(target.raw, str)  # quoted text stays text, thanks to the apostrophe
    assert back.projects[0].indicators[0].actual.raw == Decimal("8000.0")
    assert back.staff is not None and back.carryover is not None  # present but empty blocks stay present


def test_text_cells_keep_the_decimals_as_printed(tmp_path):
    path = write_workbook([selfeval.load(PARAMS[1])], tmp_path / "agri.xlsx")  # sample-agri: 1400.00, 0.00
    sheet = openpyxl.load_workbook(path)["收入"]
    cell = sheet["C3"]
    assert (cell.value, cell.data_type, cell.number_format) == ("1400.00", "s", "@")


def test_a_measure_typed_as_a_percent_number_reads_as_its_percent_text(tmp_path):
    path = write_workbook([selfeval.load(PARAMS[-1])], tmp_path / "water.xlsx")
    where = ref("绩效指标", "projects[].indicators[].actual", 4)
    edit(path, {where: 0.97}, styles={where: {"number_format": "0%"}})
    [back], _ = read_workbook(path)
    assert back.projects[0].indicators[1].actual.raw == "97%"
    assert back.projects[0].indicators[1].actual.percent


def test_split_writes_the_good_departments_and_reports_the_bad(tmp_path):
    path = write_workbook(bundled(), tmp_path / "departments.xlsx")
    edit(path, {ref("部门", "income.total", 4): "abc"})  # sample-agri
    written, errors = split_workbook(path, tmp_path / "out")
    assert len(written) == len(PARAMS) - 1 and "sample-agri-2023.yaml" not in {p.name for p in written}
    assert [str(p) for e in errors for p in e.problems] == [
        f"{path}: 部门!F4: 本年收入合计须为数字，如 1206.38（读到“abc”）"]
    with pytest.raises(selfeval.InputError) as caught:
        split(path, tmp_path / "strict")
    assert caught.value.written == sorted(tmp_path.joinpath("strict").iterdir())


def test_blank_rows_whitespace_cells_and_note_columns_are_ignored(tmp_path):
    report = selfeval.load(PARAMS[0])
    path = write_workbook([report], tmp_path / "seed.xlsx")
    book = openpyxl.load_workbook(path)
    income = book["收入"]
    income.insert_rows(5)  # a blank row inside the department's lines
    income["E1"], income["E3"] = "备注", "核对过"  # a note column: a header but no key
    income["B4"] = "  " + income["B4"].value + " "
    book["部门"]["G3"] = "   "  # 收入总计: whitespace only reads as empty
    book.save(path)
    [back], errors = read_workbook(path)
    assert errors == [] and dumps(back) == dumps(report)


def test_every_sheet_is_keyed_by_department_code():
    assert all(sheet.columns[0].key == "department.code" and sheet.columns[0].head == "部门代码" for sheet in SHEETS)


def test_grading_department_score_grade_and_min_grade_had_no_column_now_round_trip(tmp_path):
    import dataclasses  # noqa: PLC0415

    from selfeval.model import Claims  # noqa: PLC0415

    report = bundled()[0]
    dept = dataclasses.replace(report.department, score=Decimal("92.60"), grade="A")
    report = dataclasses.replace(report, department=dept, grading="ABCD", projects=(),
                                 claims=Claims(min_grade="B"))
    [back] = through_workbook([report], tmp_path / "b.xlsx")
    assert (back.grading, back.department.score, back.department.grade) == ("ABCD", Decimal("92.60"), "A")
    assert back.claims.min_grade == "B"
