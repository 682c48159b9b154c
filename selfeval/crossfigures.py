"""The figures one department's documents share, by their Chinese names, and where each sits in a Report."""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from .model import Report
from .money import Interval, interval

# name → (part of the Report, field): the totals and carry-over terms every kind of document may state.
TOTALS: dict[str, tuple[str, str]] = {
    "本年收入合计": ("income", "total"),
    "本年支出合计": ("expenditure", "total"),
    "收入总计": ("income", "grand_total"),
    "支出总计": ("expenditure", "grand_total"),
    "年初结转和结余": ("carryover", "opening"),
    "使用非财政拨款结余": ("carryover", "surplus_used"),
    "结余分配": ("carryover", "distribution"),
    "年末结转和结余": ("carryover", "closing"),
}
# The lines the issue names; any other line stated under the same name in two documents is compared too.
LINES = ("财政拨款收入", "基本支出", "项目支出")
NAMES = frozenset(TOTALS) | frozenset(LINES)
UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


class Stated(NamedTuple):
    """One named figure as a document states it: its value in the document's unit and its key path."""

    name: str
    value: Decimal
    key: str


def _compact(name: str) -> str:
    return "".join(name.split())


def stated_figures(report: Report) -> dict[str, Stated]:
    """Every named figure the report states: the totals, carry-over terms and each line by its name."""
    found: dict[str, Stated] = {}
    for name, (part, attr) in TOTALS.items():
        value = getattr(getattr(report, part), attr, None) if getattr(report, part) is not None else None
        if value is not None:
            found[name] = Stated(name, value, f"{part}.{attr}")
    for part in ("income", "expenditure"):
        for i, item in enumerate(getattr(report, part).items):
            # a name stated twice is DUP-001's finding; the first is the one compared
            found.setdefault(_compact(item.name), Stated(_compact(item.name), item.amount, f"{part}.items[{i}].amount"))
    return found


def figure(report: Report, name: str) -> Stated | None:
    """One named figure of the report, or None when it does not state it."""
    return stated_figures(report).get(_compact(name))


def in_yuan(value: Decimal, unit: str, signed: bool = False) -> Interval:
    """The interval of true values, in 元, of a figure printed as `value` in `unit` (the rounding rule).

    An amount cannot be below zero whatever its rounding; a change (`signed`) can.
    """
    low, high = interval(value, floor_at_zero=not signed)
    factor = UNIT_FACTORS[unit]
    return low * factor, high * factor


def convert(value: Decimal, unit: str, to: str) -> Decimal:
    """A figure in another unit, exactly (344.64 万元 → 3446400 元)."""
    return value * UNIT_FACTORS[unit] / UNIT_FACTORS[to] if unit != to else value
