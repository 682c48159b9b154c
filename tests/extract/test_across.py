"""The 收入决算表 / 支出决算表 whose lines run across the header, and one breakdown stated in prose and in a table."""
from __future__ import annotations

from decimal import Decimal as D

from selfeval.extract import extract_lines, to_report
from selfeval.extract.audit import audit_lines
from selfeval.extract.reading import RawLine

from .conftest import items

TITLE = "某县文化馆2022年度部门决算说明"
INCOME = ["收入决算表", "单位：万元", "项目 | 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入 | 其他收入",
          "合计 | 520.00 | 500.00 | 0.00 | 0.00 | 20.00", "文化旅游体育与传媒支出 | 480.00 | 460.00 | 0.00 | 0.00 | 20.00"]
SPENT = ["支出决算表", "单位：万元", "科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 | 经营支出",
         "合计 | 510.00 | 400.00 | 110.00 | 0.00", "207 | 文化旅游体育与传媒支出 | 470.00 | 360.00 | 110.00 | 0.00"]


def _lines(*texts: str) -> list[RawLine]:
    return [RawLine(t, f"line {n}") for n, t in enumerate((TITLE, *texts), 1)]


def test_the_total_row_of_an_across_table_gives_the_year_s_total_and_its_lines():
    report = to_report(extract_lines(_lines(*INCOME, "", *SPENT), "x.txt"))[0]
    assert report.income.total == D("520.00") and items(report.income) == [
        ("财政拨款收入", D("500.00"), None), ("上级补助收入", D("0.00"), None), ("事业收入", D("0.00"), None),
        ("其他收入", D("20.00"), None)]
    # the label cells on the left are merged in the 合计 row: the amounts are aligned from the right
    assert report.expenditure.total == D("510.00") and [i.name for i in report.expenditure.items] == [
        "基本支出", "项目支出", "经营支出"]


def test_a_total_row_with_fewer_amounts_than_line_headers_is_not_read():
    ex = extract_lines(_lines("单位：万元", "项目 | 本年收入合计 | 财政拨款收入 | 事业收入 | 其他收入",
                              "合计 | 520.00 | 500.00 | 20.00"), "x.txt")
    assert ex.get("income.total") is None and any("对不上" in t for t in ex.not_extracted)


def test_prose_and_a_table_of_the_same_lines_are_one_breakdown_not_a_conflict():
    audit = audit_lines(_lines("本年收入合计520.00万元，其中：一般公共预算财政拨款收入500.00万元，占96.15%；"
                               "其他收入20.00万元，占3.85%。", *INCOME), "x.txt")
    assert not [f for f in audit.findings if f.check == "TXT-007" and f.status == "fail"]
    assert items(to_report(audit.extraction)[0].income)[0] == ("一般公共预算财政拨款收入", D("500.00"), D("96.15"))


def test_a_table_that_restates_a_line_with_another_amount_is_still_a_conflict():
    audit = audit_lines(_lines("本年收入合计520.00万元，其中：财政拨款收入490.00万元，其他收入30.00万元。", *INCOME), "x.txt")
    assert [f.status for f in audit.findings if f.check == "TXT-007"] == ["fail"]


def test_an_across_table_copied_one_cell_to_a_line_is_read_as_its_rows():
    cells = ["支出决算表", "单位：万元", "项目", "科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "经营支出",
             "合计", "510.00", "400.00", "110.00", "0.00", "207", "文化旅游体育与传媒支出", "510.00"]
    report = to_report(extract_lines(_lines(*cells), "x.txt"))[0]
    assert report.expenditure.total == D("510.00") and items(report.expenditure) == [
        ("基本支出", D("400.00"), None), ("项目支出", D("110.00"), None), ("经营支出", D("0.00"), None)]


def test_a_one_cell_a_line_header_whose_total_row_lacks_an_amount_is_not_rebuilt():
    cells = ["单位：万元", "项目", "本年收入合计", "财政拨款收入", "事业收入", "合计", "520.00", "500.00"]
    assert extract_lines(_lines(*cells), "x.txt").get("income.total") is None
