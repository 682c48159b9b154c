"""Reading (weight, score) pairs out of an OCR'd score table's text: only what is unambiguous."""
from __future__ import annotations

from decimal import Decimal

from selfeval.extract.ocrscores import Section, read_rows, sections, table_text, tokens

D = Decimal
HEADERS = "项目决策(10分){a}项目管理(20分){b}项目产出(40分){c}项目效益(30分){d}"


def test_a_weight_glued_to_a_value_printed_twice_is_read_by_the_repeat():
    assert tokens("保障人数102370人2370人IO") == [("W", D(10)), ("G", None)]
    assert tokens("完成时间52021年12月完成2021年12月完成4") == [("W", D(5)), ("N", D(4))]


def test_numbers_with_units_labels_and_page_marks_are_not_scores():
    assert tokens("预算执行率10一100%9指标2:") == [("N", D(10)), ("N", D(9))]
    assert table_text(["1、甲", "2、乙3"]) == "甲乙3"


def test_a_section_whose_numbers_do_not_pair_up_to_its_weight_counts_its_whole_weight():
    for text in ("甲4一目标4乙3M.8万元14.8万元3", "甲4一目标4乙5一目标5", "甲4一目标5", "甲4"):
        section = Section("成本指标", D(4))
        read_rows(section, text)
        assert (section.read, section.unknown) == ([], D(4)), text


def test_an_unreadable_score_leaves_its_row_weight_unknown():
    section = Section("数量指标", D(12))
    read_rows(section, "甲2一目标2乙102370人2370人IO")
    assert (section.read, section.unknown) == ([(D(2), D(2))], D(10))


def test_sections_need_the_four_top_headers_adding_up_to_100():
    text = HEADERS.format(a="甲10一目标9", b="乙20一目标20", c="数量指标(40分)丙40一目标38",
                          d="丁20一目标18服务对象满意度指标(10分)")
    found = sections(text)
    assert [(s.name, s.weight, s.scores, s.unknown) for s in found] == [
        ("项目决策", 10, 9, 0), ("项目管理", 20, 20, 0), ("项目产出", 0, 0, 0), ("数量指标", 40, 38, 0),
        ("项目效益", 20, 18, 0), ("服务对象满意度指标", 10, 0, 10)]
    assert sections(text.replace("(30分)", "(35分)")) is None
    assert sections("项目决策(10分)甲10一目标9") is None
    assert sections(text.replace("项目产出(40分)", "项目产出(40分)戊5一目标5")) is None  # rows the headers leave no room for
