"""Decimal money and the rounding-interval rule (DESIGN.md §2, XBRL Calculation 1.1)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

Interval = tuple[Decimal, Decimal]

PLAIN_PLACES = 1000  # beyond this many places a Decimal is printed with its exponent, not written out
ZERO = Decimal(0)
HUNDRED = Decimal(100)
_HALVES: dict[int, Decimal] = {}  # by exponent; figures use very few of them
_QUANTA: dict[int, Decimal] = {}  # 1E-places, by places


def exponent(value: Decimal) -> int:
    """The printed exponent: -2 for 12.34, 0 for 12 (read from str(), which is ~6x faster than as_tuple())."""
    text = str(value)
    if "E" in text:
        return int(value.as_tuple().exponent)
    dot = text.find(".")
    return 0 if dot < 0 else dot + 1 - len(text)


def half_unit(value: Decimal) -> Decimal:
    """Half of one unit in the last printed place: 0.005 for 12.34, 0.5 for 12."""
    exp = exponent(value)
    half = _HALVES.get(exp)
    if half is None:
        half = _HALVES[exp] = Decimal(5).scaleb(exp - 1)
    return half


def interval(value: Decimal, floor_at_zero: bool = False) -> Interval:
    """The interval of true values that print as `value`."""
    # half_unit(value), inline: the checks ask for an interval of nearly every figure they read
    text = str(value)
    if "E" in text:
        exp = int(value.as_tuple().exponent)
    else:
        dot = text.find(".")
        exp = 0 if dot < 0 else dot + 1 - len(text)
    half = _HALVES.get(exp) or half_unit(value)
    low = value - half
    # An amount or share cannot be negative, whatever its rounding says.
    if floor_at_zero and low < ZERO:
        low = ZERO
    return low, value + half


def add_intervals(values: Iterable[Decimal], floor_at_zero: bool = False) -> Interval:
    """The interval of true sums of printed values."""
    low, high = ZERO, ZERO
    for value in values:  # interval(value, floor_at_zero), inline
        text = str(value)
        if "E" in text:
            exp = int(value.as_tuple().exponent)
        else:
            dot = text.find(".")
            exp = 0 if dot < 0 else dot + 1 - len(text)
        half = _HALVES.get(exp) or half_unit(value)
        v_low = value - half
        if floor_at_zero and v_low < ZERO:
            v_low = ZERO
        low += v_low
        high += value + half
    return low, high


def meet(a: Interval, b: Interval) -> bool:
    """Whether two closed intervals share a point."""
    return a[0] <= b[1] and b[0] <= a[1]


def ratio_percent(part: Interval, whole: Interval) -> Interval | None:
    """Interval of part ÷ whole × 100, or None when the whole may be zero."""
    if whole[0] <= ZERO:
        return None
    return part[0] / whole[1] * HUNDRED, part[1] / whole[0] * HUNDRED


def fmt(value: Decimal | None) -> str:
    """Print a Decimal as written (no exponent, unless that would take more than PLAIN_PLACES places), or "" for None."""
    if value is None:
        return ""
    if type(value) is Decimal:
        # str() prints a Decimal exactly as format(value, "f") does, at a third of the cost, unless it
        # chose an exponent (1E+2, 1E-7)
        text = str(value)
        if "E" not in text and "e" not in text:
            return text
        if value.is_finite() and abs(value.adjusted()) > PLAIN_PLACES:
            return text  # 1E+999999999 written out is a gigabyte; its exponent form says the same
    return format(value, "f")


def percent(part: Decimal, whole: Decimal, places: int = 2) -> Decimal | None:
    """part ÷ whole × 100 rounded half-up to `places`, or None for a zero whole."""
    if whole == ZERO:
        return None
    quantum = _QUANTA.get(places)
    if quantum is None:
        quantum = _QUANTA[places] = Decimal(1).scaleb(-places)
    return (part / whole * HUNDRED).quantize(quantum, rounding=ROUND_HALF_UP)
