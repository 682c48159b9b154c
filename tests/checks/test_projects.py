"""PRJ-001 spending within budget; PRJ-002 execution rate (info); PRJ-003 projects add up to 项目支出."""
from __future__ import annotations

from selfeval.model import Claims, Funds, Project
from tests.conftest import D, make_report, only, project, run, section


def spending(project_line: str = "63.89"):
    return section("344.64", [("基本支出", "280.75"), ("项目支出", project_line)])


# ---- PRJ-001 ----

def test_spent_within_budget_passes():
    f = only(run(make_report(projects=[project("甲", budget="50.00", spent="48.20")]), "PRJ-001"), "projects[0].spent")
    assert (f.status, f.severity) == ("pass", "error")
    assert (f.expected, f.actual, f.difference) == ("50.00", "48.20", "-1.80")


def test_overspend_fails_with_amount_over():
    f = only(run(make_report(projects=[project("甲", budget="50.00", spent="52.50")]), "PRJ-001"), "projects[0].spent")
    assert (f.status, f.severity) == ("fail", "error")
    assert f.difference == "2.50"
    assert "超出预算2.50万元" in f.message


def test_overspend_by_one_cent_is_within_rounding_two_cents_is_not():
    # both printed to 0.01: spent may really be 50.005, budget 50.005
    ok = make_report(projects=[project("甲", budget="50.00", spent="50.01")])
    over = make_report(projects=[project("甲", budget="50.00", spent="50.02")])
    assert only(run(ok, "PRJ-001")).status == "pass"
    assert only(run(over, "PRJ-001")).status == "fail"


def test_projects_without_both_figures_are_skipped():
    report = make_report(projects=[project("甲", budget="50.00"), project("乙", spent="5.00"),
                                   project("丙", budget="10.00", spent="20.00")])
    findings = run(report, "PRJ-001")
    assert [(f.where, f.status) for f in findings] == [("projects[2].spent", "fail")]


def test_no_project_money_is_not_applicable():
    assert only(run(make_report(projects=[project("甲")]), "PRJ-001")).status == "n/a"


# ---- PRJ-002 ----

def test_execution_rate_is_spent_over_budget():
    f = only(run(make_report(projects=[project("甲", budget="80.00", spent="60.00")]), "PRJ-002"), "projects[0]")
    assert (f.status, f.severity) == ("pass", "info")
    assert f.actual == "75.00"
    assert "75.00%" in f.message


def test_execution_rate_rounds_half_up():
    # 1/8 = 12.5% exactly; 0.125/1 of a percent-point: 1.00/800.00 = 0.125% → 0.13
    f = only(run(make_report(projects=[project("甲", budget="800.00", spent="1.00")]), "PRJ-002"))
    assert f.actual == "0.13"


def test_zero_budget_has_no_rate():
    f = only(run(make_report(projects=[project("甲", budget="0.00", spent="1.00")]), "PRJ-002"))
    assert f.status == "n/a"
    assert "无法计算" in f.message


# ---- PRJ-003 ----

def test_project_spending_adds_up_to_project_line():
    report = make_report(expenditure=spending(), projects=[project("甲", spent="40.00"), project("乙", spent="23.89")])
    f = only(run(report, "PRJ-003"), "projects[*].spent")
    assert (f.status, f.severity) == ("pass", "error")
    assert (f.expected, f.actual) == ("63.89", "63.89")


def test_project_spending_within_rounding_passes_as_info():
    report = make_report(expenditure=spending(), projects=[project("甲", spent="40.00"), project("乙", spent="23.90")])
    f = only(run(report, "PRJ-003"), "projects[*].spent")
    assert (f.status, f.severity) == ("pass", "info")
    assert f.difference == "0.01"


def test_project_spending_short_of_the_project_line_is_a_warning_that_asks_for_the_projects_not_listed():
    report = make_report(expenditure=spending(), projects=[project("甲", spent="40.00"), project("乙", spent="20.00")])
    f = only(run(report, "PRJ-003"), "projects[*].spent")
    assert (f.status, f.severity) == ("fail", "warning") and "所列项目可能不全" in f.message
    assert (f.expected, f.actual, f.difference) == ("63.89", "60.00", "-3.89")


def test_project_spending_above_the_project_line_is_an_error():
    report = make_report(expenditure=spending(), projects=[project("甲", spent="40.00"), project("乙", spent="30.00")])
    f = only(run(report, "PRJ-003"), "projects[*].spent")
    assert (f.status, f.severity, f.difference) == ("fail", "error", "6.11") and "不全" not in f.message


def test_fewer_projects_than_claimed_are_not_summed():
    report = make_report(expenditure=spending(), claims=Claims(project_count=3),
                         projects=[project("甲", spent="40.00"), project("乙", spent="23.89")])
    f = only(run(report, "PRJ-003"), "projects")
    assert f.status == "n/a"


def test_a_project_without_spending_makes_the_sum_not_applicable():
    report = make_report(expenditure=spending(), projects=[project("甲", spent="40.00"), project("乙")])
    assert only(run(report, "PRJ-003")).status == "n/a"


def test_no_project_line_makes_the_sum_not_applicable():
    report = make_report(projects=[project("甲", spent="40.00")])  # default expenditure has only 基本支出
    assert only(run(report, "PRJ-003")).status == "n/a"


def test_a_department_wide_table_read_as_a_project_is_not_summed_with_the_projects():
    whole = Project("部门整体支出", funds=Funds(initial_budget=D("1200.00"), executed=D("1180.00")))
    report = make_report(expenditure=spending(), projects=[whole, project("甲", spent="40.00"),
                                                           project("乙", spent="23.89")])
    f = only(run(report, "PRJ-003"), "projects[*].spent")
    assert (f.status, f.expected, f.actual) == ("pass", "63.89", "63.89")


def test_spending_above_an_initial_budget_is_no_overspend():
    whole = Project("部门整体支出", funds=Funds(initial_budget=D("1172.55"), executed=D("1268.72")))
    assert only(run(make_report(projects=[whole]), "PRJ-001")).status == "n/a"


def test_a_department_spending_past_its_budget_is_a_warning_not_an_error():
    whole = Project("部门整体支出", funds=Funds(full_year_budget=D("329.77"), executed=D("338.31")))
    f = only(run(make_report(projects=[whole]), "PRJ-001"))
    assert (f.status, f.severity) == ("fail", "warning") and "上年结转" in f.message
    overspent = only(run(make_report(projects=[project("甲", budget="329.77", spent="338.31")]), "PRJ-001"))
    assert (overspent.status, overspent.severity) == ("fail", "error")
