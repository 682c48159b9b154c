"""STF: head counts are whole numbers, and not negative."""
from __future__ import annotations

from typing import Iterator

from ..model import Report
from ..money import fmt
from .registry import Outcome, check

LABELS = {"administrative": "行政编制人数", "institutional": "事业编制人数", "change": "人员变动数"}


@check("STF-001", "人员数为非负整数", "error")
def staff_counts(report: Report) -> Iterator[Outcome]:
    """People come in whole numbers; a year-end count cannot be negative (a change can)."""
    if report.staff is None:
        return
    for key, label in LABELS.items():
        value = getattr(report.staff, key)
        if value is None:
            continue
        whole = value == value.to_integral_value()
        ok = whole and (key == "change" or value >= 0)
        problem = "" if ok else ("不是整数" if not whole else "为负数")
        msg = f"{label}{fmt(value)}{'人' if ok else '，' + problem}"
        yield Outcome(f"staff.{key}", ok, msg, actual=value)
