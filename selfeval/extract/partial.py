"""Lines listed in prose may be only the main ones: "本年收入合计500万元，其中：财政拨款收入450万元，占90%".

When such a list falls short of its total and its shares fall short of 100% alike (or state none), the text
does not claim to list every line: the sum and share-total checks of that section are 无法检查, not errors. A
list whose shares reach 100%, or that runs over its total, claims completeness and is checked as it is; so is
a table, which lists every line.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..checks import Finding
from ..checks.registry import UNCHECKED
from .result import Extraction

HUNDRED = Decimal(100)


def _short(f: Finding | None, of: Decimal | None = None) -> bool:
    """A failing finding whose actual is below its expected (or below `of`)."""
    if f is None or f.status != "fail":
        return False
    try:
        return Decimal(f.actual) < (of if of is not None else Decimal(f.expected))
    except (InvalidOperation, ValueError):
        return False


def _partial(kind: str, by: dict[tuple[str, str], Finding], ex: Extraction) -> bool:
    stated = ex.sections.get(kind)
    if stated is None or stated.label.endswith(" table"):
        return False
    where = f"{kind}.items"
    shares = by.get(("SHR-002", where))
    no_shares = shares is None or shares.status == "n/a"
    return _short(by.get(("SUM-001", where))) and (no_shares or _short(shares, HUNDRED))


def partial_lists(findings: list[Finding], ex: Extraction) -> list[Finding]:
    """The findings with a prose list that may name only the main lines made 无法检查."""
    by = {(f.check, f.where): f for f in findings}
    cut = {kind for kind in ("income", "expenditure") if _partial(kind, by, ex)}
    out = []
    for f in findings:
        kind = f.where.split(".")[0]
        if kind in cut and f.where == f"{kind}.items" and f.check in ("SUM-001", "SHR-002") and f.status == "fail":
            side = "收入" if kind == "income" else "支出"
            f = f._replace(status=UNCHECKED, expected="", actual="", difference="",
                           message=f"所列本年{side}各项之和（{by[('SUM-001', f.where)].actual}万元）少于合计、占比合计亦不足100%："
                                   "文中可能只列出主要项目，各项之和无法检查")
        out.append(f)
    return out
