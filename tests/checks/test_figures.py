"""FIG-001: a whole number among a group's decimal figures (issue 14: `50` silently widened the tolerance)."""
from __future__ import annotations

from tests.conftest import make_report, only, project, run, section


def test_whole_50_among_two_decimal_figures_widened_tolerance_silently_now_a_warning():
    report = make_report(income=section("150.00", [("财政拨款收入", "100.00"), ("其他收入", "50")]))
    f = only(run(report, "FIG-001"), "income.items[1].amount")
    assert (f.status, f.severity) == ("fail", "warning")
    assert "写作50.00？" in f.message and f.expected == "50.00"


def test_zero_and_consistent_figures_are_not_flagged():
    report = make_report(income=section("100.00", [("财政拨款收入", "100.00"), ("其他收入", "0")]))
    assert only(run(report, "FIG-001")).status == "n/a"


def test_project_money_is_one_group():
    report = make_report(projects=[project("甲", budget="20.00", spent="19.80"), project("乙", budget="30")])
    f = only(run(report, "FIG-001"), "projects[1].budget")
    assert f.status == "fail" and "写作30.00？" in f.message
