"""XDC-001..006: the documents of one department against each other, built in code, passing and failing."""
from __future__ import annotations

from selfeval.checks.crossrun import CROSS, run_cross
from selfeval.dossier import BUDGET, FINAL, SELF, Document, Dossier
from selfeval.loader import report_from_data


def doc(kind: str, year: int, unit: str = "万元", income: str = "500.00", expenditure: str = "490.00",
        lines: dict | None = None, **parts: object) -> Document:
    """A document of department t: totals as printed, `lines` as {name: amount} per section, other params keys."""
    lines = lines or {}
    data = {"department": {"name": "测试单位", "code": "t", "year": year, "unit": unit},
            "income": {"total": income, "items": [{"name": n, "amount": a} for n, a in lines.get("income", {}).items()]},
            "expenditure": {"total": expenditure,
                            "items": [{"name": n, "amount": a} for n, a in lines.get("expenditure", {}).items()]},
            **parts}
    path = f"{year}-{kind}-{unit}.yaml"
    return Document(report_from_data(data, path), kind, year, path)


def results(check_id: str, *docs: Document) -> list[tuple[str, str]]:
    """(status, severity) of each finding of one check on a dossier of these documents."""
    assert check_id in CROSS
    return [(f.status, f.severity) for f in run_cross(Dossier("d", "t", docs)) if f.check == check_id]


def findings(check_id: str, *docs: Document) -> list:
    return [f for f in run_cross(Dossier("d", "t", docs)) if f.check == check_id]


# ---- XDC-001: the same figure in two documents of a year ----

def test_the_same_totals_in_two_documents_agree():
    assert results("XDC-001", doc(SELF, 2023), doc(FINAL, 2023)) == [("pass", "error")] * 2


def test_344_64_wan_and_3446400_yuan_are_the_same_figure():
    found = findings("XDC-001", doc(SELF, 2023, income="344.64"), doc(FINAL, 2023, "元", income="3446400.00",
                                                                        expenditure="4900000.00"))
    assert [(f.status, f.severity) for f in found] == [("pass", "error")] * 2
    assert found[0].difference in ("0.0000", "0.00")


def test_a_yuan_figure_inside_the_rounding_of_the_wan_figure_agrees_and_just_outside_does_not():
    wan = doc(SELF, 2023, income="344.64")
    # 344.64万元 may be any amount from 3446350 to 3446450 元
    inside = doc(FINAL, 2023, "元", income="3446449.00", expenditure="4900000.00")
    outside = doc(FINAL, 2023, "元", income="3446451.00", expenditure="4900000.00")
    assert results("XDC-001", wan, inside)[0] == ("pass", "info")  # passes; the printed figures differ, shown as info
    assert results("XDC-001", wan, outside)[0] == ("fail", "error")


def test_a_line_that_disagrees_fails_naming_both_documents_and_places():
    own = doc(SELF, 2023, lines={"income": {"财政拨款收入": "505.30"}}, income="505.30")
    accounts = doc(FINAL, 2023, lines={"income": {"财政拨款收入": "500.30", "事业收入": "5.00"}}, income="505.30")
    failed = [f for f in findings("XDC-001", own, accounts) if f.status == "fail"]
    assert len(failed) == 1
    f = failed[0]
    assert "2023-自评报告-万元.yaml: income.items[0].amount" in f.where
    assert "2023-决算-万元.yaml: income.items[0].amount" in f.where
    assert "财政拨款收入" in f.message and f.difference == "-5.00"


def test_a_budget_is_not_compared_with_the_accounts_of_its_year():
    assert results("XDC-001", doc(FINAL, 2023, income="520.00"), doc(BUDGET, 2023, income="540.00")) == [("n/a", "error")]


# ---- XDC-002: 年初结转和结余 continues last year's 年末结转和结余 ----

def test_opening_equal_to_last_years_closing_passes_across_units():
    last = doc(FINAL, 2022, "元", income="5000000.00", expenditure="4900000.00",
               carryover={"opening": "100000.00", "closing": "200000.00"})
    this = doc(FINAL, 2023, carryover={"opening": "20.00", "closing": "25.00"})
    assert results("XDC-002", last, this) == [("n/a", "error"), ("pass", "error")]


def test_opening_other_than_last_years_closing_fails_once_with_the_final_accounts_preferred():
    last = doc(FINAL, 2022, carryover={"closing": "20.00"})
    this = [doc(SELF, 2023, carryover={"opening": "25.00"}), doc(FINAL, 2023, carryover={"opening": "25.00"})]
    found = findings("XDC-002", last, *this)
    assert [(f.status, f.severity) for f in found] == [("fail", "error")]
    assert "2023-决算-万元.yaml: carryover.opening" in found[0].where and "2022-决算-万元.yaml: carryover.closing" in found[0].where
    assert found[0].difference == "5.00"


def test_a_missing_previous_year_is_not_applicable_not_a_failure():
    assert results("XDC-002", doc(FINAL, 2023, carryover={"opening": "25.00"})) == [("n/a", "error")]


# ---- XDC-003: year-on-year statements recompute from last year's figures ----

def test_a_stated_change_that_recomputes_passes_and_one_that_does_not_fails():
    last = doc(FINAL, 2022, income="480.00", expenditure="470.00")
    this = doc(SELF, 2023, income="518.30", expenditure="518.30",
               year_on_year=[{"figure": "本年收入合计", "amount": "38.30", "rate": "7.98"},
                             {"figure": "本年支出合计", "amount": "38.30", "rate": "7.98"}])
    found = findings("XDC-003", last, this)
    assert [f.status for f in found] == ["pass", "fail"]
    assert found[1].expected == "48.30" and "year_on_year[1]" in found[1].where and "expenditure.total" in found[1].where


def test_a_decrease_is_written_negative_and_recomputes():
    last = doc(FINAL, 2022, expenditure="500.00")
    this = doc(FINAL, 2023, expenditure="475.00", year_on_year=[{"figure": "本年支出合计", "amount": "-25.00", "rate": "-5.00"}])
    assert results("XDC-003", last, this) == [("pass", "error")]
    wrong = doc(FINAL, 2023, expenditure="475.00", year_on_year=[{"figure": "本年支出合计", "amount": "-25.00", "rate": "-5.3"}])
    assert results("XDC-003", last, wrong) == [("fail", "error")]


def test_a_rate_stated_alone_is_compared_as_a_rate():
    last = doc(FINAL, 2022, expenditure="470.00")
    right = doc(SELF, 2023, expenditure="518.30", year_on_year=[{"figure": "本年支出合计", "rate": "10.3"}])
    wrong = doc(SELF, 2023, expenditure="518.30", year_on_year=[{"figure": "本年支出合计", "rate": "7.98"}])
    assert [(f.status, f.expected, f.actual) for f in findings("XDC-003", last, right)] == [("pass", "10.28", "10.3")]
    assert [(f.status, f.expected, f.actual) for f in findings("XDC-003", last, wrong)] == [("fail", "10.28", "7.98")]


def test_a_change_without_last_years_document_is_not_applicable():
    this = doc(SELF, 2023, year_on_year=[{"figure": "本年收入合计", "amount": "38.30"}])
    found = findings("XDC-003", this)
    assert [f.status for f in found] == ["n/a"] and "2022" in found[0].message


def test_a_budget_change_is_against_last_years_budget():
    last_budget, last_accounts = doc(BUDGET, 2022, expenditure="500.00"), doc(FINAL, 2022, expenditure="470.00")
    this = doc(BUDGET, 2023, expenditure="525.00", year_on_year=[{"figure": "本年支出合计", "amount": "25.00", "rate": "5.00"}])
    assert results("XDC-003", last_accounts, last_budget, this) == [("pass", "error")]


# ---- XDC-004: the accounts against the budget ----

def test_spending_above_its_budget_is_a_warning_and_within_it_passes():
    budget = doc(BUDGET, 2023, expenditure="540.00", lines={"expenditure": {"基本支出": "430.00", "项目支出": "110.00"}})
    accounts = doc(FINAL, 2023, expenditure="518.30", lines={"expenditure": {"基本支出": "400.56", "项目支出": "117.74"}})
    found = findings("XDC-004", budget, accounts)
    assert [(f.status, f.severity) for f in found] == [("pass", "warning"), ("pass", "warning"), ("fail", "warning")]
    assert "执行率107.04%" in found[2].message and "超出预算7.74万元" in found[2].message


def test_spending_equal_to_its_budget_within_rounding_passes():
    budget = doc(BUDGET, 2023, "元", expenditure="5200000.00")
    accounts = doc(FINAL, 2023, expenditure="520.00")
    assert results("XDC-004", budget, accounts) == [("pass", "warning")]


def test_no_budget_in_the_dossier_is_not_applicable():
    assert results("XDC-004", doc(FINAL, 2023)) == [("n/a", "warning")]


# ---- XDC-005: 完成预算X% against the figures ----

def test_a_completion_claim_is_the_actual_over_the_budget_within_rounding():
    budget = doc(BUDGET, 2023, income="540.00", expenditure="525.00")
    good = doc(FINAL, 2023, income="518.30", expenditure="523.00",
               budget_completion=[{"figure": "本年支出合计", "rate": "100"}, {"figure": "本年收入合计", "rate": "100"}])
    found = findings("XDC-005", budget, good)
    assert [f.status for f in found] == ["pass", "fail"]  # 523/525 is 99.62%, printed 100; 518.30/540 is 95.98%
    assert found[1].expected == "95.98"


def test_a_completion_claim_without_a_budget_is_not_applicable():
    claim = doc(SELF, 2023, budget_completion=[{"figure": "本年支出合计", "rate": "100"}])
    assert results("XDC-005", claim) == [("n/a", "error")]


# ---- XDC-006: the projects self-evaluated against the accounts ----

PROJECTS = [{"name": "图书采购项目", "budget": "60.00", "spent": "59.74"}, {"name": "阅读推广项目", "budget": "40.00", "spent": "40.00"}]


def test_projects_listed_in_both_agree_and_one_listed_once_is_a_warning():
    own = doc(SELF, 2023, projects=PROJECTS)
    accounts = doc(FINAL, 2023, projects=[*PROJECTS, {"name": "古籍修复项目", "spent": "18.00"}])
    found = findings("XDC-006", own, accounts)
    assert [(f.status, f.severity) for f in found] == [("pass", "warning"), ("pass", "warning"), ("fail", "warning")]
    assert "古籍修复项目" in found[2].message and "projects[2]" in found[2].where


def test_a_project_amount_that_differs_is_a_warning():
    accounts = doc(FINAL, 2023, "元", expenditure="4900000.00",
                   projects=[{"name": "图书采购项目", "spent": "597400.00"}, {"name": "阅读推广项目", "spent": "390000.00"}])
    assert results("XDC-006", doc(SELF, 2023, projects=PROJECTS), accounts) == [("pass", "warning"), ("fail", "warning")]


def test_without_a_project_list_the_projects_cannot_exceed_the_accounts_project_line():
    line = {"expenditure": {"基本支出": "390.00", "项目支出": "100.00"}}
    assert results("XDC-006", doc(SELF, 2023, projects=PROJECTS), doc(FINAL, 2023, lines=line)) == [("pass", "warning")]
    small = {"expenditure": {"基本支出": "400.00", "项目支出": "90.00"}}
    assert results("XDC-006", doc(SELF, 2023, projects=PROJECTS), doc(FINAL, 2023, lines=small)) == [("fail", "warning")]


def test_every_cross_check_is_not_applicable_to_a_single_document_without_statements():
    statuses = {f.check: f.status for f in run_cross(Dossier("d", "t", (doc(SELF, 2023),)))}
    assert statuses == {check_id: "n/a" for check_id in CROSS}
