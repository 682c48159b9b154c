"""SHR-001: a printed share is a rounding of amount ÷ total; SHR-002: shares add up to 100 within rounding."""
from __future__ import annotations

from decimal import Decimal

from tests.conftest import make_report, only, run, section


def spending(share_basic: str, share_project: str = "18.54"):
    return make_report(expenditure=section("344.64", [("基本支出", "280.75", share_basic),
                                                      ("项目支出", "63.89", share_project)]))


def test_share_matching_rounded_amount_over_rounded_total_passes():
    # 280.75 / 344.64 = 81.4618…%; printed 81.46
    f = only(run(spending("81.46"), "SHR-001"), "expenditure.items[0].share")
    assert (f.status, f.severity) == ("pass", "error")
    assert (f.expected, f.actual) == ("81.46", "81.46")
    assert "相符" in f.message


def test_share_outside_what_rounding_allows_fails():
    # amount ∈ [280.745, 280.755], total ∈ [344.635, 344.645] → share ∈ [81.459…, 81.463…]; 81.50 ± 0.005 misses it
    f = only(run(spending("81.50"), "SHR-001"), "expenditure.items[0].share")
    assert (f.status, f.severity) == ("fail", "error")
    assert (f.expected, f.actual, f.difference) == ("81.46", "81.50", "0.04")
    assert "不符" in f.message and "基本支出" in f.message


def test_share_uses_both_roundings_not_only_the_exact_quotient():
    # 1.00/3.00 = 33.333…% exactly; but the amount may be 1.005 and the total 2.995 → up to 33.556%.
    # A printed 33.50 (± 0.005) is reachable only through the roundings of amount and total.
    report = make_report(income=section("3.00", [("财政拨款收入", "1.00", "33.50"), ("其他收入", "2.00", "66.50")]))
    f = only(run(report, "SHR-001"), "income.items[0].share")
    assert (f.status, f.severity) == ("pass", "info")
    assert f.expected == "33.33"


def test_fewer_decimals_in_share_passes_as_info():
    # 81.5 printed with one decimal stands for [81.45, 81.55], which contains 81.4618…
    f = only(run(spending("81.5"), "SHR-001"), "expenditure.items[0].share")
    assert (f.status, f.severity) == ("pass", "info")
    assert (f.expected, f.actual) == ("81.46", "81.5")


def test_more_decimals_in_share_recompute_to_as_many_places():
    f = only(run(spending("81.462"), "SHR-001"), "expenditure.items[0].share")
    assert f.status == "pass" and f.expected == "81.462"


def test_items_without_share_are_not_checked():
    report = make_report(expenditure=section("100.00", [("基本支出", "60.00", "60.00"), ("项目支出", "40.00")]))
    findings = run(report, "SHR-001")
    assert [f.where for f in findings] == ["expenditure.items[0].share"]


def test_zero_total_cannot_recompute_share():
    report = make_report(income=section("0.00", [("其他收入", "0.00", "0.00")]))
    f = only(run(report, "SHR-001"), "income.items[0].share")
    assert f.status == "n/a"
    assert "无法复算" in f.message


# ---- SHR-002 ----

def shares(*printed: str):
    lines = [(f"第{i + 1}项", "1.00", s) for i, s in enumerate(printed)]
    return make_report(income=section("3.00", lines))


def test_shares_summing_to_exactly_hundred_pass():
    f = only(run(spending("81.46", "18.54"), "SHR-002"), "expenditure.items")
    assert (f.status, f.severity) == ("pass", "error")
    assert (f.expected, f.actual) == ("100", "100.00")
    assert "一致" in f.message


def test_thirds_sum_to_hundred_within_their_rounding():
    # 99.9 printed; each 33.3 may be 33.35, so up to 100.05: 100 is reachable (3 × 0.05 = 0.15 ≥ 0.1)
    f = only(run(shares("33.3", "33.3", "33.3"), "SHR-002"), "income.items")
    assert (f.status, f.severity) == ("pass", "info")
    assert f.actual == "99.9"
    assert "在舍入误差范围内" in f.message


def test_shares_short_of_hundred_beyond_rounding_fail():
    # 99.8 + 3 × 0.05 = 99.95 < 100
    f = only(run(shares("33.3", "33.3", "33.2"), "SHR-002"), "income.items")
    assert (f.status, f.severity) == ("fail", "error")
    assert f.actual == "99.8"
    assert Decimal(f.difference) == Decimal("-0.2")
    assert "超出舍入误差范围" in f.message


def test_shares_over_hundred_beyond_rounding_fail():
    f = only(run(spending("81.46", "18.60"), "SHR-002"), "expenditure.items")
    assert f.status == "fail"
    assert Decimal(f.actual) == Decimal("100.06")


def test_some_items_without_share_make_the_sum_not_applicable():
    report = make_report(income=section("100.00", [("财政拨款收入", "60.00", "60.00"), ("其他收入", "40.00")]))
    f = only(run(report, "SHR-002"), "income.items")
    assert f.status == "n/a"


def test_no_shares_at_all_is_not_applicable():
    f = only(run(make_report(), "SHR-002"))
    assert f.status == "n/a"
