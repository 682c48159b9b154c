"""Last year's figure that a change implies, and the numbered changes listed under a change as its parts.

"2018年基本支出预算较上年增17.1万元，增幅17.18%。主要变动原因如下：" then "1.工资福利支出较上年增…" and
"3.对个人和家庭补助支出较上年增加0.11万元，增幅0.01%": the numbered changes after a change are its parts. A part
cannot have been larger than its whole last year, so a part whose change and rate imply a larger prior (0.11 at
0.01% is about 1100万元, against a whole of about 99.5万元) has a rate that cannot be right.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..money import HUNDRED, Interval, interval
from .reading import RawLine
from .result import Change

ORDINAL = re.compile(r"^\s*\d{1,2}\s*[.、．](?!\d)")
# A heading of another section ends the parts of the change above it.
HEADING = re.compile(r"^\s*(?:[(（]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．])")


def implied_prior(c: Change) -> Interval | None:
    """Last year's figure: this year's ∓ the change when printed, else the change ÷ its rate (None at a 0 rate)."""
    change = interval(c.amount)
    if c.current is not None:
        now = interval(c.current)
        return (now[0] - change[1], now[1] - change[0]) if c.direction > 0 else (now[0] + change[0],
                                                                                 now[1] + change[1])
    rate = interval(c.rate)
    if rate[0] <= 0:
        return None
    return change[0] * HUNDRED / rate[1], change[1] * HUNDRED / rate[0]


def parts(lines: list[RawLine], changes: list[Change]) -> list[tuple[Change, Change]]:
    """(whole, part) for each numbered change on a line after an unnumbered one, within one section."""
    by_line: dict[str, list[Change]] = {}
    for c in changes:
        by_line.setdefault(c.source.where, []).append(c)
    found: list[tuple[Change, Change]] = []
    whole: Change | None = None
    for line in lines:
        if HEADING.match(line.text):
            whole = None
        here = by_line.get(line.where, [])
        if not here:
            continue
        if ORDINAL.match(line.text):
            found += [(whole, c) for c in here] if whole is not None else []
        else:
            whole = here[0]
    return found


def _point(c: Change) -> Decimal:
    """The implied prior as printed figures give it, for the message."""
    if c.current is not None:
        return c.current - c.direction * c.amount
    return c.amount * HUNDRED / c.rate


def too_large(whole: Change, part: Change) -> tuple[Decimal, Decimal] | None:
    """The part's and the whole's implied priors when the part's cannot be below the whole's, even with rounding."""
    of_whole, of_part = implied_prior(whole), implied_prior(part)
    if of_whole is None or of_part is None or of_part[0] <= of_whole[1]:
        return None
    return _point(part), _point(whole)
