"""Lines listed in prose may be only the main ones: "本年收入合计500万元，其中：财政拨款收入450万元，占90%".

When such a list falls short of its total and its shares fall short of 100% alike (or state none), the text
does not claim to list every line: the sum and share-total checks of that section are 无法检查, not errors.
When it falls short but its shares make 100%, the text contradicts itself without saying where: an unlisted
line, or shares worked out as if the list were whole (the share check then shows which); the short sum is a
warning, not an error, because 其中 never promised every line. A list that runs over its total is an error as
it is; so is a short table, which lists every line.
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


def _partial(kind: str, by: dict[tuple[str, str], Finding], ex: Extraction) -> str:
    """"cut" for a short prose list without a full set of shares, "short" for one whose shares make 100%, else ""."""
    stated = ex.sections.get(kind)
    if stated is None or stated.label.endswith(" table") or not _short(by.get(("SUM-001", f"{kind}.items"))):
        return ""
    shares = by.get(("SHR-002", f"{kind}.items"))
    return "cut" if shares is None or shares.status == "n/a" or _short(shares, HUNDRED) else "short"


def _restated(f: Finding, how: str, side: str, total: str) -> Finding:
    if how == "cut" and f.check in ("SUM-001", "SHR-002"):
        return f._replace(status=UNCHECKED, expected="", actual="", difference="",
                          message=f"所列本年{side}各项之和（{total}万元）少于合计、占比合计亦不足100%："
                                  "文中可能只列出主要项目，各项之和无法检查")
    if how == "short" and f.check == "SUM-001":
        return f._replace(severity="warning", message=f"{f.message}；所列各项以“其中”引出，占比却合计为100%："
                                                      "或有未列出的项目，或占比按所列各项算出，请核对")
    return f


def partial_lists(findings: list[Finding], ex: Extraction) -> list[Finding]:
    """The findings with a prose list that may name only the main lines made 无法检查 (or a warning, see above)."""
    by = {(f.check, f.where): f for f in findings}
    how = {kind: _partial(kind, by, ex) for kind in ("income", "expenditure")}
    out = []
    for f in findings:
        kind = f.where.split(".")[0]
        if how.get(kind) and f.where == f"{kind}.items" and f.status == "fail":
            f = _restated(f, how[kind], "收入" if kind == "income" else "支出", by[("SUM-001", f.where)].actual)
        out.append(f)
    return out
