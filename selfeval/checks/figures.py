"""FIG-001: a whole number written among a section's decimal figures, which silently widens the rounding tolerance."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..model import Report, Section
from ..money import exponent, fmt
from .registry import Outcome, check


def _section_figures(section: Section, where: str) -> Iterator[tuple[str, str, Decimal]]:
    """(group, key path, value) of a section's amounts and shares; shares are compared among shares."""
    yield "amount", f"{where}.total", section.total
    if section.grand_total is not None:
        yield "amount", f"{where}.grand_total", section.grand_total
    for i, item in enumerate(section.items):
        yield "amount", f"{where}.items[{i}].amount", item.amount
        if item.share is not None:
            yield "share", f"{where}.items[{i}].share", item.share


def _groups(report: Report) -> Iterator[list[tuple[str, Decimal]]]:
    """The figures printed to one precision in a report: each section's amounts, its shares, the project money."""
    for where in ("income", "expenditure"):
        figures = list(_section_figures(getattr(report, where), where))
        for group in ("amount", "share"):
            yield [(key, value) for kind, key, value in figures if kind == group]
    yield [(f"projects[{i}].{k}", v) for i, p in enumerate(report.projects)
           for k, v in (("budget", p.budget), ("spent", p.spent)) if v is not None]


@check("FIG-001", "整数写法的数字与同组小数位数一致", "warning")
def whole_among_decimals(report: Report) -> Iterator[Outcome]:
    """`50` among two-decimal figures reads as 49.5–50.5, not 49.995–50.005: most likely 50.00 was meant."""
    for figures in _groups(report):
        exponents = [exponent(v) for _, v in figures]
        places = {-e for e in exponents if e < 0}
        if len(places) != 1:
            continue  # no decimals to compare with, or mixed already: nothing says which was meant
        decimals = places.pop()
        for (key, value), e in zip(figures, exponents):
            if e == 0 and value != 0:
                meant = f"{value:.{decimals}f}"
                yield Outcome(key, False, f"{key} 写作{fmt(value)}，同组其他数字印{decimals}位小数：写作{meant}？"
                                          f"按整数读，舍入容差放宽为±0.5", expected=meant, actual=value)
