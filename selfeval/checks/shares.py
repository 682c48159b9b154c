"""SHR: stated shares recompute from amount ÷ total, and add up to 100%."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..model import Report
from ..money import HUNDRED, add_intervals, exponent, fmt, interval, meet, percent, ratio_percent
from .common import sections
from .registry import Outcome, check


@check("SHR-001", "占比与金额÷合计相符", "error")
def shares_recompute(report: Report) -> Iterator[Outcome]:
    """A stated share must be a rounding of amount ÷ total, both of which are rounded too."""
    for key, label, section in sections(report):
        true_total = interval(section.total)
        for i, item in enumerate(section.items):
            if item.share is None:
                continue
            where = f"{key}.items[{i}].share"
            places = -exponent(item.share)
            recomputed = percent(item.amount, section.total, places if places > 2 else 2)
            possible = ratio_percent(interval(item.amount, True), true_total)
            if possible is None or recomputed is None:
                yield Outcome(where, None, f"{label}合计为0，无法复算{item.name}的占比")
                continue
            ok = meet(possible, interval(item.share, True))
            verdict = "相符" if ok else "不符，超出舍入误差范围"
            msg = f"{item.name}占{label}合计的比例应为{fmt(recomputed)}%，报告为{fmt(item.share)}%，{verdict}"
            yield Outcome(where, ok, msg, expected=recomputed, actual=item.share,
                          within_rounding=ok and recomputed != item.share)


@check("SHR-002", "各项占比合计为100%", "error")
def shares_sum_to_hundred(report: Report) -> Iterator[Outcome]:
    """Stated shares of a section must add up to 100% within their rounding."""
    for key, label, section in sections(report):
        shares = [item.share for item in section.items if item.share is not None]
        if not shares:
            continue
        if len(shares) < len(section.items):
            yield Outcome(f"{key}.items", None, f"本年{label}有项目未列占比，不复核占比合计")
            continue
        exact = sum(shares, start=Decimal(0))
        ok = meet(add_intervals(shares, floor_at_zero=True), (HUNDRED, HUNDRED))
        verdict = "在舍入误差范围内" if ok else "超出舍入误差范围"
        msg = f"本年{label}各项占比合计{fmt(exact)}%，与100%{'一致' if exact == HUNDRED else '相差' + fmt(exact - HUNDRED) + '个百分点，' + verdict}"
        yield Outcome(f"{key}.items", ok, msg, expected=HUNDRED, actual=exact, within_rounding=exact != HUNDRED)
