"""SUM-001: a section's items add up to its total within the rounding of every printed figure."""
from __future__ import annotations

from tests.conftest import make_report, only, run, section


def thirds(*amounts: str, total: str = "100.00"):
    return section(total, [(f"第{i + 1}项", a) for i, a in enumerate(amounts)])


def test_exact_sum_passes_at_declared_severity():
    report = make_report(income=section("344.64", [("财政拨款收入", "280.75"), ("其他收入", "63.89")]))
    f = only(run(report, "SUM-001"), "income.items")
    assert (f.status, f.severity) == ("pass", "error")
    assert (f.expected, f.actual, f.difference) == ("344.64", "344.64", "0.00")
    assert "一致" in f.message


def test_three_thirds_against_a_hundred_pass_within_rounding_as_info():
    # 99.99 differs from 100.00, but each of the four printed figures may be 0.005 off: 3·0.005 + 0.005 ≥ 0.01
    f = only(run(make_report(income=thirds("33.33", "33.33", "33.33")), "SUM-001"), "income.items")
    assert (f.status, f.severity) == ("pass", "info")
    assert (f.expected, f.actual, f.difference) == ("100.00", "99.99", "-0.01")
    assert "舍入误差范围内" in f.message


def test_gap_beyond_rounding_fails_as_error():
    # 99.96 is 0.04 short; rounding can explain at most 4 × 0.005 = 0.02
    f = only(run(make_report(income=thirds("33.33", "33.33", "33.30")), "SUM-001"), "income.items")
    assert (f.status, f.severity) == ("fail", "error")
    assert (f.expected, f.actual, f.difference) == ("100.00", "99.96", "-0.04")
    assert "不符" in f.message and "100.00万元" in f.message


def test_just_at_the_rounding_limit_passes_and_just_past_it_fails():
    # two items and a total: tolerance 3 × 0.005 = 0.015, so 0.01 passes, 0.02 fails
    at_limit = make_report(expenditure=section("10.00", [("基本支出", "5.00"), ("项目支出", "5.01")]))
    past = make_report(expenditure=section("10.00", [("基本支出", "5.00"), ("项目支出", "5.02")]))
    assert only(run(at_limit, "SUM-001"), "expenditure.items").status == "pass"
    assert only(run(past, "SUM-001"), "expenditure.items").status == "fail"


def test_each_section_checked_separately():
    report = make_report(income=thirds("33.33", "33.33", "33.30"),
                         expenditure=section("100.00", [("基本支出", "60.00"), ("项目支出", "40.00")]))
    findings = run(report, "SUM-001")
    assert {f.where: f.status for f in findings} == {"income.items": "fail", "expenditure.items": "pass"}


def test_unit_appears_in_message():
    f = only(run(make_report(income=thirds("33.33", "33.33", "33.30"), unit="元"), "SUM-001"), "income.items")
    assert "99.96元" in f.message and "万元" not in f.message


def test_sections_without_items_make_the_check_not_applicable():
    report = make_report(income=section("100.00"), expenditure=section("100.00"))
    f = only(run(report, "SUM-001"))
    assert f.status == "n/a"
