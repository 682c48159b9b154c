"""FIG-001: a whole number written among a section's decimal figures, which silently widens the rounding tolerance."""
from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Callable, Iterator

from ..model import Report
from ..money import exponent, fmt
from .registry import Outcome, check


def _groups(report: Report) -> Iterator[tuple[list[Decimal], Callable[[], list[str]]]]:
    """The figures printed to one precision in a report: each section's amounts, its shares, the project money.

    Each group comes as its values and a function giving their key paths, called only for a group with a
    finding: most reports have none, and the paths would cost more than the check itself.
    """
    for where in ("income", "expenditure"):
        section = getattr(report, where)
        items = section.items
        heads = ["total"] if section.grand_total is None else ["total", "grand_total"]
        amounts = [section.total] if section.grand_total is None else [section.total, section.grand_total]
        amounts += [item.amount for item in items]
        yield amounts, partial(_amount_keys, where, heads, len(items))
        shared = [i for i, item in enumerate(items) if item.share is not None]
        yield [items[i].share for i in shared], partial(_share_keys, where, shared)
    money = [(i, k, v) for i, p in enumerate(report.projects) for k, v in (("budget", p.budget), ("spent", p.spent))
             if v is not None]
    yield [v for _, _, v in money], lambda: [f"projects[{i}].{k}" for i, k, _ in money]


def _amount_keys(where: str, heads: list[str], count: int) -> list[str]:
    return [f"{where}.{head}" for head in heads] + [f"{where}.items[{i}].amount" for i in range(count)]


def _share_keys(where: str, shared: list[int]) -> list[str]:
    return [f"{where}.items[{i}].share" for i in shared]


@check("FIG-001", "整数写法的数字与同组小数位数一致", "warning")
def whole_among_decimals(report: Report) -> Iterator[Outcome]:
    """`50` among two-decimal figures reads as 49.5–50.5, not 49.995–50.005: most likely 50.00 was meant."""
    for values, keys in _groups(report):
        exponents = [exponent(v) for v in values]
        places = {-e for e in exponents if e < 0}
        if len(places) != 1:
            continue  # no decimals to compare with, or mixed already: nothing says which was meant
        if not any(e == 0 and value != 0 for value, e in zip(values, exponents)):
            continue
        decimals = places.pop()
        for key, value, e in zip(keys(), values, exponents):
            if e == 0 and value != 0:
                meant = f"{value:.{decimals}f}"
                yield Outcome(key, False, f"{key} 写作{fmt(value)}，同组其他数字印{decimals}位小数：写作{meant}？"
                                          f"按整数读，舍入容差放宽为±0.5", expected=meant, actual=value)
