"""SCR-001..009: a project's score table checked line by line, built in code; each defect reported by one check."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

import selfeval
from selfeval.checks.registry import REGISTRY
from selfeval.model import Execution, Funds, Indicator, Measure, Project
from tests.conftest import D, make_report, only, run

SCR = {"SCR-001": "error", "SCR-002": "warning", "SCR-003": "error", "SCR-004": "error", "SCR-005": "error",
       "SCR-006": "error", "SCR-007": "info", "SCR-008": "error", "SCR-009": "error"}


def ind(name: str, weight: str, score: str | None, level1: str = "产出指标", target: str | None = None,
        actual: str | None = None, direction: str | None = None, unit: str = "") -> Indicator:
    """An indicator row from printed text; a target or actual that reads as a number is given as one."""
    def measure(text):
        if text is None:
            return None
        try:
            return Measure.parse(Decimal(text), unit)
        except ArithmeticError:
            return Measure.parse(text, unit)
    return Indicator(name=name, weight=D(weight), score=D(score), level1=level1, direction=direction,
                     target=measure(target), actual=measure(actual), unit=unit)


def standard_rows(**scores: str | None) -> list[Indicator]:
    """产出 20+15+15, 效益 30 and 时效 as text targets, 满意度 10: at full weight with targets met unless told.

    A quantitative row given less than its weight misses its target, so that only the defect a test plants fails.
    """
    s = {"count": "20", "quality": "15", "time": "15", "effect": "30", "satisfaction": "10", **scores}

    def actual(key: str, met: str, missed: str, weight: str) -> str:
        return met if s[key] is None or Decimal(s[key]) >= Decimal(weight) else missed
    return [ind("数量", "20", s["count"], target="≥8000", actual=actual("count", "8350", "7600", "20")),
            ind("质量", "15", s["quality"], target="≥95%", actual=actual("quality", "96%", "90%", "15")),
            ind("时效", "15", s["time"], target="年底前完成", actual="按期完成"),
            ind("效益", "30", s["effect"], "效益指标", target="有效提升", actual="明显提升"),
            ind("满意度", "10", s["satisfaction"], "服务对象满意度指标", target="≥90%",
                actual=actual("satisfaction", "95%", "85%", "10"))]


def table(rows: list[Indicator] | None = None, *, score: str | None = "100", grade: str | None = None,
          exec_weight: str = "10", exec_score: str | None = "10", budget: str | None = "100.00",
          executed: str | None = "100.00", name: str = "甲项目") -> Project:
    funds = Funds(full_year_budget=D(budget), executed=D(executed)) if budget or executed else None
    return Project(name=name, score=D(score), grade=grade, funds=funds,
                   execution=Execution(D(exec_weight), D(exec_score)) if exec_weight else None,
                   indicators=tuple(standard_rows() if rows is None else rows))


def failing(*projects: Project) -> list[tuple[str, str]]:
    """(check, where) of every failing finding of every check on a report holding these projects."""
    findings = selfeval.run_checks(make_report(projects=projects))
    return sorted((f.check, f.where) for f in findings if f.status == "fail")


def test_checks_are_registered_with_their_severity_and_a_chinese_title():
    for check_id, severity in SCR.items():
        assert REGISTRY[check_id].severity == severity
        assert any("\u4e00" <= ch <= "\u9fff" for ch in REGISTRY[check_id].title)


def test_a_clean_table_fails_nothing():
    assert failing(table()) == []


def test_projects_without_a_table_leave_every_scr_check_not_applicable():
    report = make_report(projects=[Project(name="甲", score=D("95"), grade="优秀")])
    for check_id in SCR:
        assert only(run(report, check_id)).status == "n/a"


# ---- SCR-001 weights make 100 ----

W = "projects[0].indicators[*].weight"


def test_weights_making_100_pass_and_fractional_weights_add_exactly():
    rows = [ind("数量", "22.5", "22.5"), ind("质量", "27.5", "27.5"), *standard_rows()[3:]]
    f = only(run(make_report(projects=[table(rows)]), "SCR-001"), W)
    assert (f.status, f.severity, f.actual) == ("pass", "error", "100")


def test_weights_not_making_100_fail():
    rows = standard_rows()[:4] + [ind("满意度", "8", "8", "满意度指标", "≥90%", "95%")]
    f = only(run(make_report(projects=[table(rows, score="98")]), "SCR-001"), W)
    assert (f.status, f.expected, f.actual, f.difference) == ("fail", "100", "98", "-2")
    assert "各行分值合计98分，不是100分" in f.message
    assert failing(table(rows, score="98")) == [("SCR-001", W)]  # and nothing else: SCR-002 waits for 100


def test_fractional_weights_off_by_half_a_point_fail():
    rows = [ind("数量", "22.5", "22.5"), ind("质量", "27", "27"), *standard_rows()[3:]]
    f = only(run(make_report(projects=[table(rows, score="99.5")]), "SCR-001"), W)
    assert (f.status, f.actual) == ("fail", "99.5")


def test_a_total_row_is_not_counted_among_the_weights():
    rows = standard_rows() + [ind("合计", "100", "100", level1="合计")]
    assert only(run(make_report(projects=[table(rows)]), "SCR-001"), W).actual == "100"


# ---- SCR-002 default split ----

def test_default_split_passes_with_level1_synonyms():
    f = only(run(make_report(projects=[table()]), "SCR-002"), W)
    assert (f.status, f.severity) == ("pass", "warning")
    assert f.actual == "预算执行10、产出指标50、效益指标30、满意度指标10"  # 服务对象满意度指标 is 满意度


def test_another_split_is_a_warning_not_an_error():
    rows = [ind("数量", "20", "20"), ind("质量", "20", "20"), ind("效益一", "20", "20", "效益指标"),
            ind("效益二", "20", "20", "效益指标"), ind("满意度", "10", "10", "满意度指标")]
    f = only(run(make_report(projects=[table(rows)]), "SCR-002"), W)
    assert (f.status, f.severity) == ("fail", "warning")
    assert f.actual == "预算执行10、产出指标40、效益指标40、满意度指标10"
    assert "请对照本地评分办法核实" in f.message
    assert failing(table(rows)) == [("SCR-002", W)]


# ---- SCR-003 each score within 0..weight ----

def test_scores_within_their_weights_pass_as_one_finding():
    f = only(run(make_report(projects=[table(standard_rows(effect="28.6"), score="98.6")]), "SCR-003"))
    assert (f.where, f.status) == ("projects[0]", "pass") and "6行得分" in f.message


@pytest.mark.parametrize("weight, score, ok", [("22.5", "22.5", True), ("22.5", "22.50", True), ("22.5", "22.51", False),
                                               ("22.5", "23", False), ("15", "16", False), ("15", "-1", False),
                                               ("15", "0", True), ("10", "10.004", False)])
def test_a_row_score_outside_its_weight_fails(weight, score, ok):
    rows = [ind("数量", weight, score)] + standard_rows()[1:]
    findings = run(make_report(projects=[table(rows, score=None)]), "SCR-003")
    assert [f.status for f in findings] == ["pass" if ok else "fail"]
    if not ok:
        assert (findings[0].where, findings[0].expected, findings[0].actual) == (
            "projects[0].indicators[0].score", weight, score)


def test_an_execution_score_above_its_weight_fails_once():
    project = table(exec_score="12", score="102")
    f = only(run(make_report(projects=[project]), "SCR-003"))
    assert (f.where, f.status) == ("projects[0].execution.score", "fail")
    assert "预算执行率得分12分，超出0至10分的范围" in f.message
    # SCR-005 does not judge the same score again; the 102 total is GRD-001's
    assert failing(project) == [("GRD-001", "projects[0].score"), ("SCR-003", "projects[0].execution.score")]


def test_a_score_over_its_weight_is_not_judged_again_against_its_target():
    project = table(standard_rows(quality="16", effect="28"), score="99")  # rows: 99
    assert failing(project) == [("SCR-003", "projects[0].indicators[1].score")]
    six = only(run(make_report(projects=[project]), "SCR-006"), "projects[0].indicators[1].score")
    assert six.status == "n/a" and "见SCR-003" in six.message


# ---- SCR-004 Σ scores = total ----

S = "projects[0].score"


def test_rows_adding_up_to_the_total_pass():
    f = only(run(make_report(projects=[table()]), "SCR-004"), S)
    assert (f.status, f.severity, f.expected, f.actual) == ("pass", "error", "100", "100")


def test_three_decimal_scores_within_rounding_pass_as_info():
    rows = [ind("数量", "20", "19.974")] + standard_rows()[1:]  # rows: 10 + 19.974 + 70 = 99.974
    f = only(run(make_report(projects=[table(rows, score="99.97")]), "SCR-004"), S)
    assert (f.status, f.severity, f.expected, f.actual) == ("pass", "info", "99.974", "99.97")


def test_total_printed_89_974_against_rows_89_974_passes_and_89_96_fails():
    rows = standard_rows(effect="19.974")  # 10 + 20 + 15 + 15 + 19.974 + 10 = 89.974
    assert only(run(make_report(projects=[table(rows, score="89.974")]), "SCR-004"), S).status == "pass"
    f = only(run(make_report(projects=[table(rows, score="89.96")]), "SCR-004"), S)
    assert (f.status, f.difference) == ("fail", "-0.014")


def test_rows_not_adding_up_fail():
    project = table(standard_rows(time="12", satisfaction="4.5"), score="93.5", grade="优秀")  # rows: 91.5
    f = only(run(make_report(projects=[project]), "SCR-004"), S)
    assert (f.status, f.expected, f.actual) == ("fail", "91.5", "93.5")
    assert "逐项得分合计91.5分，相差2.0分，超出舍入误差范围" in f.message
    assert failing(project) == [("SCR-004", S)]


def test_whole_number_scores_are_exact_so_a_one_point_slip_fails():
    # read as 19.5..20.5 each, seven whole-number rows would hide up to 3.5 points
    f = only(run(make_report(projects=[table(standard_rows(effect="29"), score="98")]), "SCR-004"), S)
    assert (f.status, f.expected, f.actual) == ("fail", "99", "98")


def test_a_total_rounded_to_whole_points_passes():
    project = table(exec_score="9.95", budget="155.00", executed="154.20", score="100")  # rows: 99.95
    assert only(run(make_report(projects=[project]), "SCR-004"), S).status == "pass"


def test_a_row_without_its_score_leaves_the_total_unchecked():
    f = only(run(make_report(projects=[table(standard_rows(effect=None))]), "SCR-004"), S)
    assert f.status == "n/a" and "未列得分" in f.message


# ---- SCR-005 execution score = rate × weight ----

E = "projects[0].execution.score"


@pytest.mark.parametrize("budget, executed, score, ok", [
    ("210.00", "205.80", "9.8", True), ("155.00", "154.20", "9.95", True), ("155.00", "154.20", "9.94", False),
    ("50.00", "40.00", "8", True), ("50.00", "40.00", "10", False), ("30.00", "31.50", "10", True),
])
def test_execution_score_is_rate_times_weight_capped(budget, executed, score, ok):
    project = table(exec_score=score, budget=budget, executed=executed, score=None)
    f = only(run(make_report(projects=[project]), "SCR-005"), E)
    assert (f.status, f.severity, f.actual) == ("pass" if ok else "fail", "error", score)


def test_execution_score_message_shows_rate_expected_and_stated():
    project = table(exec_score="10", budget="50.00", executed="40.00", score="100")
    f = only(run(make_report(projects=[project]), "SCR-005"), E)
    assert f.expected == "8.00" and "执行率80.00%" in f.message and "应得8.00分，不符（报告得分10分）" in f.message
    assert failing(project) == [("SCR-005", E)]


def test_an_overspend_is_reported_once_by_prj_001():
    project = table(budget="30.00", executed="31.50")
    assert failing(project) == [("PRJ-001", "projects[0].funds.executed")]


def test_no_funds_no_execution_check():
    assert only(run(make_report(projects=[table(budget=None, executed=None)]), "SCR-005")).status == "n/a"


# ---- SCR-006 quantitative targets ----

def six(project: Project, k: int):
    return only(run(make_report(projects=[project]), "SCR-006"), f"projects[0].indicators[{k}].score")


def test_met_targets_at_full_weight_pass():
    f = six(table(), 0)
    assert (f.status, f.expected, f.actual) == ("pass", "20", "20") and "已达成" in f.message


def test_met_target_with_a_lower_score_fails_showing_target_actual_and_score():
    rows = standard_rows()
    rows[0] = dataclasses.replace(rows[0], score=D("18"))
    project = table(rows, score="98")
    f = six(project, 0)
    assert (f.status, f.expected, f.actual) == ("fail", "20", "18")
    assert "目标≥8000，实际8350，已达成，得分18分，低于分值20分" in f.message
    assert failing(project) == [("SCR-006", "projects[0].indicators[0].score")]


def test_missed_target_with_full_score_fails():
    rows = standard_rows()
    rows[1] = ind("质量", "15", "15", target="≥95%", actual="90%")
    f = six(table(rows), 1)
    assert (f.status, f.expected, f.actual) == ("fail", "<15", "15")
    assert "目标≥95%，实际90%，未达成，得分15分，为满分" in f.message


def test_missed_target_with_part_of_the_weight_passes():
    rows = standard_rows(quality="12")
    assert rows[1].actual.shown == "90%"
    assert six(table(rows, score="97"), 1).status == "pass"
    assert failing(table(rows, score="97")) == []


@pytest.mark.parametrize("direction, target, actual, met", [
    ("<=", "2", "1.5", True), ("<=", "2", "2.5", False), ("=", "100", "100.0", True), ("=", "100", "99", False),
    (">", "90", "90", False), ("<", "5", "4.9", True), (">=", "22.5", "22.5", True),
])
def test_each_direction(direction, target, actual, met):
    rows = [ind("指标", "20", "20", target=target, actual=actual, direction=direction)] + standard_rows()[1:]
    f = six(table(rows), 0)
    assert f.status == ("pass" if met else "fail") and ("已达成" if met else "未达成") in f.message


def test_a_fractional_weight_met_needs_its_full_fractional_score():
    rows = [ind("数量", "22.5", "22.49", target="≥8000", actual="8350")]
    assert six(table(rows, score=None), 0).status == "fail"
    assert six(table([dataclasses.replace(rows[0], score=D("22.5"))], score=None), 0).status == "pass"


def test_a_dated_text_target_repeated_as_its_actual_is_met_and_needs_the_full_weight():
    rows = [ind("时效", "6", "5", target="完成时间为2022年12月30日", actual="完成时间为 2022年12月30日")]
    f = six(table(rows, score=None), 0)
    assert (f.status, f.expected, f.actual) == ("fail", "6", "5") and "已达成" in f.message


def test_words_repeated_as_the_actual_and_scored_short_are_a_warning_not_an_error():
    rows = [ind("效果", "30", "25", target="有效控制", actual="有效控制")]
    f = only(run(make_report(projects=[table(rows, score=None)]), "SCR-006"))
    # a grader may judge words by degree, so not an error; but a met target scored short should say why
    assert (f.status, f.severity, f.expected, f.actual) == ("fail", "warning", "30", "25") and "未说明扣分理由" in f.message
    unjudged = run(make_report(projects=[table(rows, score=None)]), "SCR-007")
    assert [f.where for f in unjudged] == [""]  # judged here, so not listed as unjudged (only the "no data" line)
    full = [ind("效果", "30", "30", target="有效控制", actual="有效 控制。")]
    assert only(run(make_report(projects=[table(full, score=None)]), "SCR-006")).status == "n/a"
    other = [ind("效果", "30", "25", target="有效控制", actual="基本控制")]
    assert only(run(make_report(projects=[table(other, score=None)]), "SCR-006")).status == "n/a"


# ---- SCR-007 qualitative rows listed, not judged ----

@pytest.mark.parametrize("row, why", [
    (ind("效益", "30", "28", target="有效提升", actual="明显提升"), "定性指标"),
    (ind("数量", "20", "20", target="8000", actual="8350"), "未注明比较方向"),
    (ind("率", "20", "20", target="≥95%", actual="96"), "一为百分比"),
    (ind("数量", "20", "20", target="≥8000", actual="已完成"), "实际完成值非数值"),
    (ind("数量", "20", "20"), "未列年度指标值"),
])
def test_rows_that_cannot_be_judged_are_listed_as_info(row, why):
    findings = run(make_report(projects=[table([row], score=None)]), "SCR-007")
    f = only(findings, "projects[0].indicators[0].target")
    assert (f.status, f.severity) == ("n/a", "info") and why in f.message and "未作判定" in f.message
    assert only(run(make_report(projects=[table([row], score=None)]), "SCR-006")).status == "n/a"


# ---- SCR-008 total above what the rows can give ----

def test_total_above_what_execution_rate_and_weights_allow_fails():
    # execution 40% earns at most 4 of 10; the indicators 90: at most 94, yet 98 is stated (rows give 90)
    project = table(standard_rows(time="11", effect="26"), exec_score="4", budget="20.00", executed="8.00",
                    score="98", grade="优秀")
    f = only(run(make_report(projects=[project]), "SCR-008"), S)
    assert (f.status, f.expected, f.actual) == ("fail", "≤94.00", "98")
    assert "最多可得94.00分" in f.message
    assert failing(project) == [("SCR-008", S)]  # not SCR-004 as well


def test_rows_that_overclaim_are_the_rows_fault_not_the_totals():
    project = table(exec_score="10", budget="20.00", executed="8.00", score="100")
    assert only(run(make_report(projects=[project]), "SCR-008"), S).status == "n/a"
    assert failing(project) == [("SCR-005", E)]


def test_a_total_above_100_is_grd_001s_alone():
    project = table(score="102", grade="优秀")
    assert failing(project) == [("GRD-001", S)]


# ---- SCR-009 the 合计 row's 分值 read as the score ----

def test_total_equal_to_the_weight_sum_while_rows_give_less_fails():
    rows = standard_rows(quality="12", time="11.5", effect="25") + [ind("合计", "100", "100", level1="合计")]
    project = table(rows, score="100", grade="良好")  # rows: 88.5
    f = only(run(make_report(projects=[project]), "SCR-009"), S)
    assert (f.status, f.expected, f.actual) == ("fail", "88.5", "100")
    assert "疑将合计行的分值当作得分" in f.message
    # the 合计 row holds the same figure: one finding, and the grade fits the rows' 88.5
    assert failing(project) == [("SCR-009", S)]
    grd = only(run(make_report(projects=[project]), "GRD-002"))
    assert grd.status == "pass" and "88.5" in grd.message


def test_a_total_row_whose_score_is_its_weight_fails_at_that_row():
    rows = standard_rows(effect="25") + [ind("合计", "100", "100", level1="合计")]
    project = table(rows, score="95")
    assert failing(project) == [("SCR-009", "projects[0].indicators[5].score")]
    f = only(run(make_report(projects=[project]), "SCR-009"), "projects[0].indicators[5].score")
    assert "与其分值相同" in f.message and f.expected == "95"


def test_a_total_row_that_agrees_passes_and_is_left_out_of_the_sums():
    rows = standard_rows(effect="25") + [ind("合计", "100", "95", level1="合计")]
    findings = run(make_report(projects=[table(rows, score="95")]), "SCR-009")
    assert {f.where: f.status for f in findings} == {S: "pass", "projects[0].indicators[5].score": "pass"}


def test_all_full_marks_is_not_mistaken_for_the_weight_sum():
    assert only(run(make_report(projects=[table()]), "SCR-009"), S).status == "pass"


# ---- the grade (GRD-002) against a table ----

def test_a_grade_that_fits_neither_the_total_nor_the_rows_fails():
    project = table(standard_rows(time="12", satisfaction="4.5"), score="93.5", grade="中等")
    assert failing(project) == [("GRD-002", "projects[0].grade"), ("SCR-004", S)]


def test_a_wrong_grade_for_a_consistent_total_fails_once():
    project = table(standard_rows(quality="9", effect="24", satisfaction="8", time="15"), exec_score="9.5",
                    budget="20.00", executed="19.00", score="85.5", grade="优秀")
    assert failing(project) == [("GRD-002", "projects[0].grade")]


def test_a_table_with_only_an_initial_budget_scores_its_execution_on_it():
    part = Project("基本支出", funds=Funds(initial_budget=D("985.19"), executed=D("914.97")),
                   execution=Execution(D("10"), D("10")))
    f = only(run(make_report(projects=[part]), "SCR-005"), "projects[0].execution.score")
    assert (f.status, f.expected) == ("fail", "9.29") and "÷ 年初预算数985.19" in f.message
    assert only(run(make_report(projects=[part]), "SCR-001")).status == "n/a"  # a row, not a whole table


@pytest.mark.parametrize("written, op, number", [
    ("不低于95%", ">=", "95"), ("大于等于95%", ">=", "95"), ("95%以上", ">=", "95"), ("不超过2小时", "<=", "2"),
    ("控制在5%以内", "<=", "5"), ("低于3%", "<", "3"), ("12家及以上", ">=", "12"),
])
def test_comparisons_written_in_words_are_read_like_the_signs(written, op, number):
    unit = "小时" if "小时" in written else "家" if "家" in written else ""
    measure = Measure.parse(written, unit)
    assert (measure.operator, measure.value) == (op, Decimal(number))


def test_a_word_target_that_is_no_comparison_stays_qualitative():
    assert Measure.parse("按期完成").value is None and Measure.parse("100%完成").value is None


def _unweighted(*scores: str, total: str | None) -> Project:
    """A table of 得分 alone (no 分值 column): an execution row of 20 and three indicator rows."""
    rows = [dataclasses.replace(ind(f"指标{k}", "0", s, target="≥10", actual="12"), weight=None)
            for k, s in enumerate(scores, 1)]
    return table(rows, score=total, exec_weight="20", exec_score="20")


def test_a_table_without_weights_checks_its_total_but_not_its_weights():
    findings = selfeval.run_checks(make_report(projects=[_unweighted("30", "30", "19", total="99")]))
    by_check = {f.check: f for f in findings if f.where.startswith("projects[0]")}
    assert by_check["SCR-001"].status == "n/a" and "未列各行分值" in by_check["SCR-001"].message
    assert by_check["SCR-004"].status == "pass"
    assert by_check["SCR-006"].status == "n/a" and "未列分值" in by_check["SCR-006"].message
    assert not [f for f in findings if f.status == "fail"]


def test_a_table_without_weights_still_fails_a_misadded_total_and_a_negative_score():
    assert failing(_unweighted("30", "30", "19", total="95")) == [("SCR-004", "projects[0].score")]
    assert ("SCR-003", "projects[0].indicators[2].score") in failing(_unweighted("30", "30", "-1", total="79"))


def test_a_numbered_heading_that_sums_its_items_is_not_counted_twice():
    # 一、 (50) heads 1、 + 2、 (30 + 20): the rows are 50 + 30 + 10 plus execution 10 = 100, not 150
    rows = [ind("一、道路养护", "50", "50"), ind("1、路面修补", "30", "30"), ind("2、边沟清理", "20", "20"),
            ind("二、通行改善", "30", "30", "效益指标"), ind("三、群众满意度", "10", "10", "服务对象满意度指标")]
    assert failing(table(rows, score="100")) == []
    misheaded = [dataclasses.replace(rows[0], score=D("45")), *rows[1:]]  # items give 50: not a heading's sum
    assert ("SCR-001", "projects[0].indicators[*].weight") in failing(table(misheaded, score="95"))
