"""GRD-001 score range; GRD-002 grade matches the band; CLM-001 claims agree with data; CLM-002 claims evidenced."""
from __future__ import annotations

from decimal import Decimal

import pytest

from selfeval.model import Claims
from tests.conftest import make_report, only, project, run


# ---- GRD-001 ----

@pytest.mark.parametrize("score, status", [("0", "pass"), ("100", "pass"), ("95.5", "pass"),
                                           ("100.5", "fail"), ("-1", "fail")])
def test_score_must_be_between_0_and_100(score, status):
    f = only(run(make_report(projects=[project("甲", score=score)]), "GRD-001"), "projects[0].score")
    assert (f.status, f.severity) == (status, "error")
    assert f.actual == score
    assert ("超出" in f.message) is (status == "fail")


def test_unscored_projects_leave_score_range_not_applicable():
    assert only(run(make_report(projects=[project("甲")]), "GRD-001")).status == "n/a"


# ---- GRD-002 ----

@pytest.mark.parametrize("score, earned", [
    ("90", "优秀"), ("89.99", "良好"), ("80", "良好"), ("79.9", "中等"), ("60", "中等"), ("59.99", "差"),
])
def test_grade_that_matches_the_band_passes(score, earned):
    f = only(run(make_report(projects=[project("甲", score=score, grade=earned)]), "GRD-002"), "projects[0].grade")
    assert (f.status, f.severity) == ("pass", "error")
    assert (f.expected, f.actual) == (earned, earned)


@pytest.mark.parametrize("score, stated, earned", [
    ("89.99", "优秀", "良好"),   # just below the 优秀 bound
    ("90", "良好", "优秀"),      # the bound itself is 优秀
    ("79.9", "良好", "中等"),
    ("59.99", "中等", "差"),
])
def test_grade_outside_the_band_fails(score, stated, earned):
    f = only(run(make_report(projects=[project("甲", score=score, grade=stated)]), "GRD-002"), "projects[0].grade")
    assert (f.status, f.severity) == ("fail", "error")
    assert (f.expected, f.actual) == (earned, stated)
    assert f"应评为“{earned}”" in f.message


def test_grade_needs_both_score_and_grade():
    report = make_report(projects=[project("甲", score="95"), project("乙", grade="优秀")])
    assert only(run(report, "GRD-002")).status == "n/a"


# ---- CLM-001 / CLM-002 ----

def six_unscored():
    return [project(f"项目{i}") for i in range(6)]


def test_claims_without_per_project_data_are_claimed_not_evidenced():
    report = make_report(projects=six_unscored(), claims=Claims(project_count=6, min_score=Decimal(90), grade="优秀"))
    evidenced = run(report, "CLM-002")
    assert {f.where: (f.status, f.severity) for f in evidenced} == {
        "claims.project_count": ("pass", "warning"),     # six listed: the count is evidenced
        "claims.min_score": ("fail", "warning"),
        "claims.grade": ("fail", "warning"),
    }
    assert "有声明、无依据" in only(evidenced, "claims.min_score").message
    # with no data, CLM-001 cannot say the claims are wrong: not applicable, not failed
    agree = run(report, "CLM-001")
    assert {f.where: f.status for f in agree} == {
        "claims.project_count": "pass", "claims.min_score": "n/a", "claims.grade": "n/a"}


def test_claims_with_no_projects_listed_at_all_are_not_evidenced():
    report = make_report(claims=Claims(project_count=6, min_score=Decimal(90), grade="优秀"))
    assert all((f.status, f.severity) == ("fail", "warning") for f in run(report, "CLM-002"))
    assert all(f.status == "n/a" for f in run(report, "CLM-001"))


def test_min_score_claim_contradicted_by_a_project_is_an_error():
    report = make_report(projects=[project("甲", score="95"), project("乙", score="85")],
                         claims=Claims(min_score=Decimal(90)))
    f = only(run(report, "CLM-001"), "claims.min_score")
    assert (f.status, f.severity) == ("fail", "error")
    assert "乙（85分）" in f.message and "甲" not in f.message.split("低于该分数的有")[1]
    assert "与声明不符" in f.message
    # the data is there, so the claim is evidenced (just wrong)
    assert only(run(report, "CLM-002"), "claims.min_score").status == "pass"


def test_min_score_claim_met_by_every_project_passes():
    report = make_report(projects=[project("甲", score="95"), project("乙", score="90")],
                         claims=Claims(min_score=Decimal(90)))
    f = only(run(report, "CLM-001"), "claims.min_score")
    assert (f.status, f.severity) == ("pass", "error")


def test_min_score_claim_with_one_project_unscored_is_not_evidenced():
    report = make_report(projects=[project("甲", score="95"), project("乙")], claims=Claims(min_score=Decimal(90)))
    assert only(run(report, "CLM-002"), "claims.min_score").status == "fail"
    assert only(run(report, "CLM-001"), "claims.min_score").status == "n/a"


def test_grade_claim_contradicted_by_a_score_is_an_error():
    report = make_report(projects=[project("甲", score="92"), project("乙", score="85")], claims=Claims(grade="优秀"))
    f = only(run(report, "CLM-001"), "claims.grade")
    assert (f.status, f.severity) == ("fail", "error")
    assert "乙（良好）" in f.message


def test_grade_claim_uses_stated_grades_when_scores_are_missing():
    good = make_report(projects=[project("甲", grade="优秀"), project("乙", score="90")], claims=Claims(grade="优秀"))
    assert only(run(good, "CLM-001"), "claims.grade").status == "pass"
    bad = make_report(projects=[project("甲", grade="良好"), project("乙", score="90")], claims=Claims(grade="优秀"))
    assert only(run(bad, "CLM-001"), "claims.grade").status == "fail"


def test_project_count_claim_against_listed_projects():
    report = make_report(projects=six_unscored()[:5], claims=Claims(project_count=6))
    f = only(run(report, "CLM-001"), "claims.project_count")
    assert (f.status, f.severity) == ("fail", "error")
    assert "报告称共6个项目，列出5个" in f.message


def test_no_claims_is_not_applicable():
    report = make_report(projects=[project("甲", score="95")])
    assert only(run(report, "CLM-001")).status == "n/a"
    assert only(run(report, "CLM-002")).status == "n/a"


# ---- issue 14: grade words as written, regional scales, department.score/grade, claims.min_grade ----

import dataclasses  # noqa: E402

from selfeval.model import Department  # noqa: E402


def test_grade_you_is_reported_as_written_not_as_youxiu():
    f = only(run(make_report(projects=[project("甲", score="95", grade="优")]), "GRD-002"), "projects[0].grade")
    assert f.status == "pass" and "评价等级“优”，相符" in f.message and "“优秀”" not in f.message
    assert f.actual == "优"


@pytest.mark.parametrize("grading, score, stated, status", [
    ("好较好一般差", "85", "较好", "pass"), ("好较好一般差", "85", "好", "fail"),
    ("合格不合格", "61", "合格", "pass"), ("ABCD", "91", "A", "pass"), ("ABCD", "91", "B", "fail"),
])
def test_regional_grade_words_checked_on_the_departments_scale(grading, score, stated, status):
    report = dataclasses.replace(make_report(projects=[project("甲", score=score, grade=stated)]), grading=grading)
    f = only(run(report, "GRD-002"), "projects[0].grade")
    assert f.status == status and f"“{stated}”" in f.message


def _dept(score: str | None, grade: str | None, grading: str = ""):
    report = make_report()
    department = Department(name="测试单位", code="test-dept", year=2022,
                            score=None if score is None else Decimal(score), grade=grade)
    return dataclasses.replace(report, department=department, grading=grading)


@pytest.mark.parametrize("score, status", [("92.6", "pass"), ("100", "pass"), ("100.1", "fail"), ("-3", "fail")])
def test_department_overall_score_had_no_place_now_checked_in_range(score, status):
    f = only(run(_dept(score, None), "GRD-003"), "department.score")
    assert (f.status, f.severity) == (status, "error")


@pytest.mark.parametrize("score, grade, status", [("92.6", "优秀", "pass"), ("92.6", "优", "pass"),
                                                  ("88", "优秀", "fail"), (None, "优秀", "n/a")])
def test_department_overall_grade_had_no_place_now_checked_against_its_score(score, grade, status):
    f = only(run(_dept(score, grade), "GRD-004"), "department.grade")
    assert f.status == status and f"“{grade}”" in f.message


def test_department_overall_grade_on_a_regional_scale():
    assert only(run(_dept("85", "较好", "好较好一般差"), "GRD-004")).status == "pass"
    assert only(run(_dept("85", "好", "好较好一般差"), "GRD-004")).expected == "较好"


@pytest.mark.parametrize("grades, status", [(("优秀", "良"), "pass"), (("优", "中等"), "fail")])
def test_claim_liang_hao_ji_yi_shang_had_no_place_now_min_grade_checked(grades, status):
    ps = [project(f"项目{i}", grade=g) for i, g in enumerate(grades)]
    report = make_report(projects=ps, claims=Claims(min_grade="良好"))
    f = only(run(report, "CLM-001"), "claims.min_grade")
    assert f.status == status and "“良好”及以上" in f.message
    assert ("项目1（中等）" in f.message) is (status == "fail")


def test_min_grade_claim_without_project_grades_is_claimed_not_evidenced():
    f = only(run(make_report(projects=[project("甲")], claims=Claims(min_grade="良好")), "CLM-002"), "claims.min_grade")
    assert f.status == "fail" and "有声明、无依据" in f.message
