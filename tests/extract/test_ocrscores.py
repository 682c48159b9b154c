"""Reading (weight, score) pairs out of an OCR'd score table's text: only what is unambiguous."""
from __future__ import annotations

from decimal import Decimal

from selfeval.extract.ocrscores import Section, read_rows, sections, table_text, tokens
from selfeval.model import Execution

D = Decimal
HEADERS = "项目决策(10分){a}项目管理(20分){b}项目产出(40分){c}项目效益(30分){d}"


def test_a_weight_glued_to_a_value_printed_twice_is_read_by_the_repeat():
    assert tokens("保障人数102370人2370人IO") == [("W", D(10)), ("G", None)]
    assert tokens("完成时间52021年12月完成2021年12月完成4") == [("W", D(5)), ("N", D(4))]


def test_of_two_ways_a_weight_and_its_repeated_value_split_the_one_followed_by_a_score_is_read():
    # 4 | 46万元 | 46万元 | 4, not 44 | 6万元4 | 6万元4 (which would leave the row no score)
    assert tokens("场地租金446万元46万元4印刷费") == [("W", D(4)), ("N", D(4))]
    assert tokens("场地租金446万元46万元印刷费") == [("W", D(4))]  # one split only: read, its score left to pairing


def test_a_weight_glued_to_a_value_ocr_spoilt_counts_only_when_the_header_leaves_exactly_it():
    text = "租车费用52万元2万元5印刷费用3K.5万元11.5万元2"
    section = Section("成本指标", D(8))
    read_rows(section, text)
    assert (section.read, section.unknown) == ([(D(5), D(5)), (D(3), D(2))], D(0))
    assert [r.name for r in section.rows] == ["租车费用", "印刷费用"]
    for weight in (D(9), D(7)):  # the header leaves another weight for the spoilt row: nothing is read
        section = Section("成本指标", weight)
        read_rows(section, text)
        assert (section.read, section.unknown) == ([], weight)
    section = Section("成本指标", D(6))  # two spoilt weights: the header's sum cannot confirm both
    read_rows(section, "租车费用3K.5万元11.5万元3印刷费用3K.5万元11.5万元3")
    assert (section.read, section.unknown) == ([], D(6))


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


def _ocr_report(decision: str = "项目立项依据充分性10一立项依据充分10", stated: str = "95"):
    from selfeval.extract.audit import audit_lines  # noqa: PLC0415
    from selfeval.extract.reading import RawLine  # noqa: PLC0415

    text = (f"项目支出绩效自评表项目名称社区照料中心运营补助主管部门某区民政局自评得分{stated}项目决策(10分){decision}"
            "项目过程(20分)资金管理预算执行率10一100%9组织实施管理制度健全性10一制度健全10"
            "项目产出(40分)数量指标(20分)服务老人人次205000人次5000人次20时效指标(20分)完成时间"
            "52023年12月完成2023年12月完成4办结时限153M.8天14.8天15项目效益(30分)社会效益指标受益面扩大"
            "30覆盖全部社区覆盖全部社区28")
    return audit_lines([RawLine("某区民政局2023年度项目支出绩效自评表", "line 1"), RawLine(text, "line 2")], "x.txt")


def test_an_ocr_glued_table_gives_its_rows_by_the_headers_weights_and_one_row_per_unreadable_section():
    audit = _ocr_report()
    (project,) = [p for p in audit.extraction.projects]
    rows = [(i.level1, i.level2, i.name, i.weight, i.score) for i in project["indicators"][0]]
    assert rows == [("项目决策", "项目立项", "依据充分性", D(10), D(10)),
                    ("项目过程", "组织实施", "管理制度健全性", D(10), D(10)),
                    ("项目产出", "数量指标", "服务老人人次", D(20), D(20)),
                    ("项目产出", "时效指标", "时效指标（原文逐项无法辨认）", D(20), None),
                    ("项目效益", "社会效益指标", "受益面扩大", D(30), D(28))]
    assert project["execution"][0] == Execution(D(10), D(9))
    assert project["indicators[3]"][1].where == "line 2"


def test_an_ocr_glued_table_is_checked_like_any_table_and_its_unread_rows_bound_the_total():
    failing = {(f.check, f.where) for f in _ocr_report(stated="99").findings if f.status == "fail"}
    # 10 + 9 + 10 + 20 + 28 printed, and 20 for the unreadable 时效 rows: at most 97, not 99
    assert ("SCR-008", "projects[0].score") in failing and ("SCR-004", "projects[0].score") not in failing
    assert ("SCR-008", "projects[0].score") not in {(f.check, f.where) for f in _ocr_report(stated="95").findings
                                                    if f.status == "fail"}


def test_a_target_printed_twice_is_judged_and_a_section_that_does_not_pair_up_gives_no_scores():
    failing = {(f.check, f.where) for f in _ocr_report(
        decision="项目立项依据充分性52023年3月完成2023年3月完成4绩效目标明确性5一明确5").findings if f.status == "fail"}
    assert ("SCR-006", "projects[0].indicators[0].score") in failing   # met, yet 4 of 5
    unpaired = _ocr_report(decision="项目立项依据充分性10一立项依据充分一般")
    assert [i.name for i in unpaired.extraction.projects[0]["indicators"][0]][0] == "项目决策（原文逐项无法辨认）"
