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
