"""SUM: each section's items add up to its stated total."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..model import Report
from ..money import add_intervals, fmt, interval, meet
from .common import money, sections, tolerance
from .registry import Outcome, check


@check("SUM-001", "各项之和等于合计", "error")
def items_sum_to_total(report: Report) -> Iterator[Outcome]:
    """Items must add up to the total within the rounding of every printed figure."""
    for key, label, section in sections(report):
        if not section.items:
            continue
        amounts = [item.amount for item in section.items]
        exact = sum(amounts, Decimal(0))
        ok = meet(add_intervals(amounts, floor_at_zero=True), interval(section.total))
        gap = exact - section.total
        if not ok:
            slack = tolerance(section.total, *amounts)
            msg = (f"本年{label}各项之和{money(report, exact)}与{label}合计{money(report, section.total)}不符，"
                   f"相差{money(report, gap)}，超出舍入误差范围（±{fmt(slack)}）")
        elif gap:
            slack = tolerance(section.total, *amounts)
            msg = f"本年{label}各项之和{money(report, exact)}与合计相差{money(report, gap)}，在舍入误差范围内（±{fmt(slack)}）"
        else:
            msg = f"本年{label}各项之和与{label}合计{money(report, section.total)}一致"
        yield Outcome(f"{key}.items", ok, msg, expected=section.total, actual=exact, within_rounding=bool(gap))
