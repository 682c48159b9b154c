"""DUP-001: a line item listed twice in one section is a warning."""
from __future__ import annotations

from tests.conftest import make_report, only, run, section


def test_no_repeats_pass_per_section():
    findings = run(make_report(), "DUP-001")
    assert {f.where: (f.status, f.severity) for f in findings} == {
        "income.items": ("pass", "warning"), "expenditure.items": ("pass", "warning")}


def test_repeated_name_is_one_warning_naming_every_position():
    report = make_report(income=section("100.00", [
        ("财政拨款收入", "100.00"), ("经营收入", "0.00"), ("其他收入", "0.00"), ("经营收入", "0.00")]))
    findings = run(report, "DUP-001")
    f = only(findings, "income.items[1], income.items[3]")
    assert (f.status, f.severity) == ("fail", "warning")
    assert (f.expected, f.actual, f.difference) == ("1", "2", "")
    assert "经营收入" in f.message and "2次" in f.message
    # a section with repeats gets no "no repeats" pass as well
    assert not any(f.where == "income.items" for f in findings)
    assert only(findings, "expenditure.items").status == "pass"


def test_name_listed_three_times():
    report = make_report(expenditure=section("90.00", [("基本支出", "30.00")] * 3))
    f = only(run(report, "DUP-001"), "expenditure.items[0], expenditure.items[1], expenditure.items[2]")
    assert f.status == "fail" and f.actual == "3"


def test_same_name_in_income_and_expenditure_is_not_a_repeat():
    report = make_report(income=section("10.00", [("其他", "10.00")]), expenditure=section("10.00", [("其他", "10.00")]))
    assert all(f.status == "pass" for f in run(report, "DUP-001"))


def test_no_items_is_not_applicable():
    report = make_report(income=section("1.00"), expenditure=section("1.00"))
    assert only(run(report, "DUP-001")).status == "n/a"
