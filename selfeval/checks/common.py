"""Small helpers shared by the check modules."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..model import Report, Section
from ..money import fmt, half_unit

SECTION_LABELS = {"income": "收入", "expenditure": "支出"}


def sections(report: Report) -> Iterator[tuple[str, str, Section]]:
    """(key, Chinese label, section) for income then expenditure; a section without a total is skipped.

    A params file always states both totals; a report read by the extractor may lack one, and a check
    must then say nothing of that section rather than fail on the missing figure.
    """
    for key in ("income", "expenditure"):
        section = getattr(report, key)
        if section.total is not None:
            yield key, SECTION_LABELS[key], section


def money(report: Report, value: Decimal) -> str:
    """A figure with the report's unit, as printed: 344.64万元."""
    return f"{fmt(value)}{report.department.unit}"


def tolerance(*values: Decimal) -> Decimal:
    """How far apart printed figures may be from rounding alone."""
    return sum((half_unit(v) for v in values), Decimal(0))
