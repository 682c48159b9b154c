"""Structure charts: an SVG written by code, every label the printed figure, names escaped."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import selfeval
from selfeval import charts
from tests.conftest import LUQUAN, PARAMS, section

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """The chart as an XML tree: it must be well-formed SVG."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def bar_widths(root: ET.Element) -> list[float]:
    return [float(r.get("width")) for r in root.iter(f"{SVG}rect")]


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: p.stem)
def test_every_department_charts_each_line_with_its_printed_amount(params):
    report = selfeval.load(params)
    root = parse(charts.structure_charts(report.income, report.expenditure, report.department.unit))
    shown = texts(root)
    for section_ in (report.income, report.expenditure):
        for item in section_.items:
            amount = selfeval.money.fmt(item.amount)
            assert any(t.startswith(amount) for t in shown), (item.name, amount, shown)
    assert len(bar_widths(root)) == len(report.income.items) + len(report.expenditure.items)
    assert float(root.get("width")) > float(root.get("height")) > 50  # two charts side by side


def test_bars_are_proportional_to_the_amounts_and_titles_carry_the_totals():
    income = section("300.00", [("财政拨款收入", "200.00", "66.67"), ("事业收入", "100.00", "33.33")])
    root = parse(charts.structure_charts(income, section("50", [("基本支出", "50")]), "万元"))
    big, small, only = bar_widths(root)
    assert big == pytest.approx(2 * small, rel=0.01)
    assert only > small  # each panel scaled to its own largest line
    shown = texts(root)
    assert "本年收入结构（合计300.00万元）" in shown and "本年支出结构（合计50万元）" in shown
    assert "200.00（66.67%）" in shown and "50" in shown  # a line without a share shows its amount alone
    assert shown.count("单位：万元") == 2


def test_chart_grows_with_the_longest_section():
    report = selfeval.load(LUQUAN)  # 7 income lines
    short = parse(charts.structure_charts(section("1", [("甲", "1")]), section("1", [("乙", "1")]), "万元"))
    tall = parse(charts.structure_charts(report.income, report.expenditure, "万元"))
    assert float(tall.get("height")) > float(short.get("height"))


def test_an_empty_section_and_negative_or_zero_lines_still_draw():
    root = parse(charts.structure_charts(section("0"), section("-5", [("收回", "-5"), ("其他", "0")]), "万元"))
    assert "（无明细）" in texts(root)
    assert bar_widths(root) == [0.0, 0.0]


@pytest.mark.parametrize("name", ["<script>x</script>", "A&B \"引号\" 'x'", "$$x$$", "美元$账户$余额"])
def test_a_name_is_text_whatever_it_holds(name):
    income = section("100.00", [(name, "60.00", "60.00"), ("其他收入", "40.00", "40.00")])
    svg = charts.structure_charts(income, section("100.00", [("基本支出", "100.00", "100")]), "万元")
    root = parse(svg)
    assert "<script" not in svg  # escaped, never markup
    assert f"1. {name}" in texts(root)


def test_control_characters_in_a_name_draw_as_marks_not_tofu():
    """Repro: an item named "其他\\x1b[2K收入" drew a missing glyph (tofu) for ESC in the chart of the HTML and PDF."""
    income = section("100.00", [("其他\x1b[2K收入\u202e", "100.00", "100")])
    svg = charts.structure_charts(income, section("100.00", [("基本支出", "100.00", "100")]), "万元")
    parse(svg)
    assert "\x1b" not in svg and "\u202e" not in svg
    assert "«U+001B»" in svg


def test_a_long_name_is_cut_in_the_chart_with_its_whole_text_as_a_tooltip():
    name = "某某县农业农村局所属事业单位上级补助收入及附属单位上缴收入合并列示"
    root = parse(charts.structure_charts(section("1", [(name, "1")]), section("1", [("乙", "1")]), "万元"))
    label = next(t for t in texts(root) if t.startswith("1. "))
    assert label.endswith("…") and charts.text_em(label) <= charts.NAME_MAX_EM
    assert f"1. {name}" in [t.text for t in root.iter(f"{SVG}title")]


def test_labels_are_measured_wide_for_han_and_narrow_for_digits():
    assert charts.text_em("收入") == 2.0
    assert charts.text_em("12.5") == pytest.approx(2.4)

