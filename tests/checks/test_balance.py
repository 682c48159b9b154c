"""BAL-001: 收入总计 = 支出总计; BAL-002: each stated 总计 = this year's 合计 + carry-over terms on its side."""
from __future__ import annotations

from decimal import Decimal

from selfeval.model import Carryover
from tests.conftest import D, make_report, only, run, section

BAL_WHERE = "income.total / expenditure.total"


def totals(income: str, expenditure: str, income_grand: str | None = None, expenditure_grand: str | None = None):
    return dict(income=section(income, grand_total=income_grand),
                expenditure=section(expenditure, grand_total=expenditure_grand))


def test_equal_totals_without_carryover_pass():
    f = only(run(make_report(**totals("344.64", "344.64")), "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("pass", "error")
    assert (f.expected, f.actual) == ("344.64", "344.64")
    assert "平衡" in f.message


def test_gap_without_carryover_is_a_warning_that_the_text_does_not_explain_it():
    # Only this year's totals, which differ, and no carry-over stated: the identity cannot be judged.
    f = only(run(make_report(**totals("100.00", "90.00")), "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("fail", "warning")
    assert (f.expected, f.actual) == ("100.00", "90.00")
    assert Decimal(f.difference) == Decimal("-10")
    assert "无从解释" in f.message


def test_small_gap_without_carryover_beyond_rounding_still_fails():
    # Two printed figures, 100.00 and 100.90: rounding explains at most 2 × 0.005 = 0.01 of a 0.90 gap.
    # Carry-over terms the report never printed must not add rounding slack of their own.
    f = only(run(make_report(**totals("100.00", "100.90")), "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("fail", "warning")
    assert "无从解释" in f.message


def test_gap_within_rounding_without_carryover_passes_as_info():
    f = only(run(make_report(**totals("100.00", "100.01")), "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("pass", "info")


def test_carryover_explains_the_gap():
    # 100 income + 20 opening balance = 120 = 110 spent + 10 closing balance
    report = make_report(**totals("100.00", "110.00"), carryover=Carryover(opening=D("20.00"), closing=D("10.00")))
    f = only(run(report, "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("pass", "error")
    assert Decimal(f.expected) == Decimal("120") == Decimal(f.actual)
    assert "无从解释" not in f.message


def test_all_four_carryover_terms_enter_the_identity():
    # 100 + 5 surplus used + 20 opening = 125 = 110 + 3 distributed + 12 closing
    co = Carryover(opening=D("20.00"), surplus_used=D("5.00"), distribution=D("3.00"), closing=D("12.00"))
    f = only(run(make_report(**totals("100.00", "110.00"), carryover=co), "BAL-001"), BAL_WHERE)
    assert f.status == "pass"
    assert Decimal(f.expected) == Decimal("125")


def test_carryover_that_does_not_close_the_gap_fails_without_blaming_missing_carryover():
    report = make_report(**totals("100.00", "110.00"), carryover=Carryover(opening=D("20.00"), closing=D("15.00")))
    f = only(run(report, "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("fail", "error")
    assert Decimal(f.difference) == Decimal("5")
    assert "不平衡" in f.message and "无从解释" not in f.message


def test_carryover_gap_beyond_rounding_fails_even_when_some_terms_are_not_given():
    # 100.00 + 20.00 = 120.00 against 110.00 + 10.50 = 120.50: a 0.50 gap from four printed figures (±0.02).
    # surplus_used and distribution are absent (not printed), so they carry no rounding.
    report = make_report(**totals("100.00", "110.00"), carryover=Carryover(opening=D("20.00"), closing=D("10.50")))
    f = only(run(report, "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("fail", "error")


def test_stated_grand_totals_are_compared_directly():
    report = make_report(**totals("100.00", "110.00", income_grand="120.00", expenditure_grand="120.00"))
    f = only(run(report, "BAL-001"), BAL_WHERE)
    assert f.status == "pass"
    bad = make_report(**totals("100.00", "110.00", income_grand="120.00", expenditure_grand="121.00"))
    f = only(run(bad, "BAL-001"), BAL_WHERE)
    assert f.status == "fail" and Decimal(f.difference) == Decimal("1")


# ---- BAL-002 ----

def test_grand_total_equal_to_total_plus_carryover_passes():
    report = make_report(**totals("100.00", "110.00", income_grand="120.00", expenditure_grand="120.00"),
                         carryover=Carryover(opening=D("20.00"), closing=D("10.00")))
    findings = run(report, "BAL-002")
    assert {f.where: f.status for f in findings} == {"income.grand_total": "pass", "expenditure.grand_total": "pass"}
    assert all(f.severity == "error" for f in findings)
    f = only(findings, "income.grand_total")
    assert Decimal(f.expected) == Decimal("120") and f.actual == "120.00"
    assert "一致" in f.message


def test_grand_total_off_by_more_than_rounding_fails():
    report = make_report(**totals("100.00", "110.00", income_grand="121.00", expenditure_grand="120.00"),
                         carryover=Carryover(opening=D("20.00"), closing=D("10.00")))
    f = only(run(report, "BAL-002"), "income.grand_total")
    assert (f.status, f.severity) == ("fail", "error")
    assert Decimal(f.difference) == Decimal("1")
    assert "不符" in f.message


def test_grand_total_within_rounding_passes_as_info():
    report = make_report(**totals("100.00", "110.00", income_grand="120.01"),
                         carryover=Carryover(opening=D("20.00"), closing=D("10.00")))
    f = only(run(report, "BAL-002"), "income.grand_total")
    assert (f.status, f.severity) == ("pass", "info")


def test_grand_total_gap_beyond_rounding_fails_even_when_some_terms_are_not_given():
    # 100.00 + 20.00 = 120.00 but 120.40 is stated: three printed figures explain at most 0.015.
    report = make_report(**totals("100.00", "110.00", income_grand="120.40"),
                         carryover=Carryover(opening=D("20.00"), closing=D("10.00")))
    f = only(run(report, "BAL-002"), "income.grand_total")
    assert (f.status, f.severity) == ("fail", "error")


def test_no_grand_totals_is_not_applicable():
    report = make_report(**totals("100.00", "110.00"), carryover=Carryover(opening=D("20.00"), closing=D("10.00")))
    f = only(run(report, "BAL-002"))
    assert f.status == "n/a"


def test_a_gap_with_only_one_side_of_carryover_stated_is_a_warning_naming_the_missing_term():
    # 年末结转和结余 stated, 年初 not: 100.00 + opening = 90.00 + 20.00 holds for an opening of 10.00.
    co = Carryover(closing=D("20.00"))
    f = only(run(make_report(**totals("100.00", "90.00"), carryover=co), "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("fail", "warning") and "年初结转和结余" in f.message


def test_a_gap_with_both_sides_of_carryover_stated_is_an_error():
    co = Carryover(opening=D("5.00"), closing=D("20.00"))
    f = only(run(make_report(**totals("100.00", "90.00"), carryover=co), "BAL-001"), BAL_WHERE)
    assert (f.status, f.severity) == ("fail", "error")
