"""XDC-001..003: the documents of one department against each other — the same year, and last year."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..crossfigures import Stated, convert, figure, in_yuan, stated_figures
from ..dossier import ACTUAL_KINDS, BUDGET, Document, Dossier
from ..model import YearOnYear
from ..money import Interval, exponent, fmt, interval, meet, percent, ratio_percent
from .registry import Outcome, cross_check


def shown(doc: Document, value: Decimal) -> str:
    """A figure with its document's unit: 344.64万元."""
    return f"{fmt(value)}{doc.unit}"


def first_stating(docs: list[Document], name: str) -> tuple[Document, Stated] | None:
    """The first of these documents that states the figure, with the figure."""
    for doc in docs:
        found = figure(doc.report, name)
        if found is not None:
            return doc, found
    return None


def compared(a: Document, sa: Stated, b: Document, sb: Stated) -> tuple[bool, Decimal]:
    """Whether two printed figures (in their units) can be the same amount, and b's figure in a's unit."""
    return meet(in_yuan(sa.value, a.unit), in_yuan(sb.value, b.unit)), convert(sb.value, b.unit, a.unit)


def _verdict(ok: bool, doc: Document, expected: Decimal, actual: Decimal) -> str:
    """一致 / 不一致 with the difference (actual − expected, in the document's unit)."""
    if not ok:
        return f"不一致，相差{shown(doc, actual - expected)}"
    return "一致" if expected == actual else f"一致（相差{shown(doc, actual - expected)}，在舍入误差范围内）"


@cross_check("XDC-001", "同年各文件所列同一数字一致", "error")
def same_figures(dossier: Dossier) -> Iterator[Outcome]:
    """A figure two documents of the same year both state agrees under the rounding rule, whatever their units."""
    for a, b in dossier.pairs():
        theirs = stated_figures(b.report)
        for name, sa in stated_figures(a.report).items():
            sb = theirs.get(name)
            if sb is None:
                continue
            ok, vb = compared(a, sa, b, sb)
            msg = (f"{name}：{a.label}为{shown(a, sa.value)}，{b.label}为{shown(b, sb.value)}，"
                   f"{_verdict(ok, a, sa.value, vb)}")
            yield Outcome(f"{a.place(sa.key)} ↔ {b.place(sb.key)}", ok, msg, expected=sa.value, actual=vb,
                          within_rounding=ok and vb != sa.value)


def _last_year(dossier: Dossier, doc: Document, name: str, kinds: tuple[str, ...]) -> tuple[Document, Stated] | str:
    """Last year's figure, first from the final accounts, or why it is not there (the check does not apply)."""
    year = doc.year - 1
    if not dossier.has_year(year):
        return f"卷宗中没有{year}年度的文件，不适用"
    found = first_stating(dossier.of_year(year, kinds), name)
    return found if found is not None else f"卷宗中{year}年度的{'、'.join(kinds)}未列{name}，不适用"


@cross_check("XDC-002", "年初结转和结余等于上年年末结转和结余", "error")
def carryover_continues(dossier: Dossier) -> Iterator[Outcome]:
    """This year's 年初结转和结余 is last year's 年末结转和结余 (the final accounts' figure first, budgets aside)."""
    for year in dossier.years:
        this = first_stating(dossier.of_year(year), "年初结转和结余")
        if this is None:
            continue
        doc, opening = this
        last = _last_year(dossier, doc, "年末结转和结余", ACTUAL_KINDS)
        if isinstance(last, str):
            yield Outcome(doc.place(opening.key), None, f"{doc.label}年初结转和结余{shown(doc, opening.value)}：{last}")
            continue
        prev, closing = last
        ok, vb = compared(doc, opening, prev, closing)
        msg = (f"{doc.label}年初结转和结余{shown(doc, opening.value)}，{prev.label}年末结转和结余"
               f"{shown(prev, closing.value)}，{_verdict(ok, doc, vb, opening.value)}")
        yield Outcome(f"{doc.place(opening.key)} ↔ {prev.place(closing.key)}", ok, msg, expected=vb,
                      actual=opening.value, within_rounding=ok and vb != opening.value)


def _change_interval(this: Interval, last: Interval) -> Interval:
    return this[0] - last[1], this[1] - last[0]


def _rate_interval(this: Interval, last: Interval) -> Interval | None:
    ratio = ratio_percent(this, last)
    return None if ratio is None else (ratio[0] - 100, ratio[1] - 100)


def _recomputes(doc: Document, stated: YearOnYear, this: Interval, last: Interval) -> bool:
    """Whether a stated change (amount in the document's unit, rate in percent) can come from the two figures."""
    amount, rate = stated.amount, stated.rate
    if amount is not None and not meet(in_yuan(amount, doc.unit, signed=True), _change_interval(this, last)):
        return False
    rates = _rate_interval(this, last)
    return rate is None or (rates is not None and meet(interval(rate), rates))


@cross_check("XDC-003", "与上年比较可由上年数字复算", "error")
def year_on_year(dossier: Dossier) -> Iterator[Outcome]:
    """A stated change against last year recomputes from this year's figure and last year's own document."""
    for doc in dossier.documents:
        kinds = (BUDGET,) if doc.kind == BUDGET else ACTUAL_KINDS  # a budget is compared with last year's budget
        for i, st in enumerate(doc.report.year_on_year):
            where, said = doc.place(f"year_on_year[{i}]"), _said(doc, st)
            this = figure(doc.report, st.figure)
            last = _last_year(dossier, doc, st.figure, kinds) if this is not None else f"本文件未列{st.figure}本年数，无从复算"
            if isinstance(last, str):
                yield Outcome(where, None, f"{doc.label}称{said}：{last}")
                continue
            yield _recomputed(doc, i, st, this, *last)


def _recomputed(doc: Document, i: int, st: YearOnYear, this: Stated, prev: Document, before: Stated) -> Outcome:
    """One stated change against this year's figure and last year's: the amount, or (stated alone) the rate."""
    ok = _recomputes(doc, st, in_yuan(this.value, doc.unit), in_yuan(before.value, prev.unit))
    base = convert(before.value, prev.unit, doc.unit)
    change = this.value - base
    pct = percent(change, base, max(2, -exponent(st.rate)) if st.rate is not None else 2)
    rate = f"，{'增长' if change >= 0 else '下降'}{fmt(abs(pct))}%" if pct is not None else ""
    msg = (f"{doc.label}称{_said(doc, st)}；按本年{shown(doc, this.value)}与{prev.label}{shown(prev, before.value)}，"
           f"应为{'增加' if change >= 0 else '减少'}{shown(doc, abs(change))}{rate}，{'相符' if ok else '不符'}")
    where = f"{doc.place(f'year_on_year[{i}]')} ↔ {prev.place(before.key)}"
    if st.amount is None:  # a rate stated alone is what is compared
        return Outcome(where, ok, msg, expected=pct, actual=st.rate)
    return Outcome(where, ok, msg, expected=change, actual=st.amount)


def _said(doc: Document, st: YearOnYear) -> str:
    """A stated change in words: 本年支出合计增加20.00万元、增长4.00%."""
    amount, rate = st.amount, st.rate
    parts = [f"{'增加' if amount >= 0 else '减少'}{shown(doc, abs(amount))}" if amount is not None else "",
             f"{'增长' if rate >= 0 else '下降'}{fmt(abs(rate))}%" if rate is not None else ""]
    return st.figure + "、".join(p for p in parts if p)
