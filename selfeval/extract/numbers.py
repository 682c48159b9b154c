"""Numbers as printed in reports: thousands separators, PDF spaces ("46. 25"), units, glued OCR runs.

Everything is Decimal: a value keeps the decimals it was printed with, because the number of
decimals decides its rounding tolerance. Conversions to 万元 use scaleb, which is exact.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

# A printed number: 1,234.56 (ASCII commas in groups of three only), 344.64, or 46. 25 (PDF copy).
# Not preceded by a digit or a dot, so "4125.49,4143.91" reads as two numbers.
NUM = r"(?<![\d.])(?:\d{1,3}(?:, ?\d{3})+(?!\d)|\d+)(?: ?\. ?\d+)?"
UNIT = r"(?:亿元|万元|元|万)"
WAN = "万元"


def number(name: str) -> str:
    """The NUM pattern as a named group."""
    return f"(?P<{name}>{NUM})"


def amount(name: str, unit: str) -> str:
    """A number followed by its unit, as two named groups."""
    return f"{number(name)}\\s*(?P<{unit}>{UNIT})"


def parse(text: str) -> Decimal:
    """A Decimal from printed digits, dropping thousands commas and PDF spaces."""
    return Decimal(text.replace(",", "").replace(" ", ""))


def to_wan(value: Decimal, unit: str | None) -> Decimal:
    """The value in 万元: 元 ÷ 10000, 亿元 × 10000, exactly (the printed precision scales along)."""
    if unit == "元":
        return value.scaleb(-4)
    if unit == "亿元":
        return value.scaleb(4)
    return value


def _valid(token: str) -> bool:
    """A plausible printed number: no leading zero (except 0 or 0.x) and at most two decimals."""
    whole, _, frac = token.partition(".")
    if not whole or (len(whole) > 1 and whole[0] == "0") or len(frac) > 2 or token.endswith("."):
        return False
    return all(part.isdigit() for part in (whole, frac) if part)


def splits(run: str, count: int) -> Iterator[list[Decimal]]:
    """Every way to read a run of glued digits ("64.864.864.8100") as `count` printed numbers."""
    if count == 1:
        if _valid(run):
            yield [Decimal(run)]
        return
    for cut in range(1, len(run)):
        head = run[:cut]
        if _valid(head) and run[cut] != ".":
            for rest in splits(run[cut:], count - 1):
                yield [Decimal(head), *rest]
