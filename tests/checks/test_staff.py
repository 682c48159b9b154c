"""STF-001: head counts are whole numbers; year-end counts are not negative (a change may be)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from selfeval.model import Staff
from tests.conftest import make_report, only, run


def test_whole_counts_and_a_negative_change_pass():
    report = make_report(staff=Staff(administrative=Decimal(6), institutional=Decimal(6), change=Decimal(-1)))
    findings = run(report, "STF-001")
    assert {f.where: (f.status, f.severity) for f in findings} == {
        "staff.administrative": ("pass", "error"), "staff.institutional": ("pass", "error"),
        "staff.change": ("pass", "error")}
    assert only(findings, "staff.change").actual == "-1"


@pytest.mark.parametrize("field, value, why", [
    ("administrative", "5.5", "不是整数"),
    ("institutional", "-2", "为负数"),
    ("change", "0.5", "不是整数"),
])
def test_fractional_or_negative_counts_fail(field, value, why):
    report = make_report(staff=Staff(**{field: Decimal(value)}))
    f = only(run(report, "STF-001"), f"staff.{field}")
    assert (f.status, f.severity, f.actual) == ("fail", "error", value)
    assert why in f.message


def test_a_whole_number_written_with_decimals_is_whole():
    f = only(run(make_report(staff=Staff(administrative=Decimal("6.0"))), "STF-001"))
    assert f.status == "pass"


def test_no_staff_data_is_not_applicable():
    assert only(run(make_report(), "STF-001")).status == "n/a"
    assert only(run(make_report(staff=Staff()), "STF-001")).status == "n/a"
