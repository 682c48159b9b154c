"""A section's lines as filed: the first breakdown stated wins; the same lines restated with other figures are a
conflict; another classification of the same total (by function beside 基本支出/项目支出) is chosen between by
the checks' own arithmetic: the one that adds up to the total, then the one with shares, then the first.
"""
from __future__ import annotations

import dataclasses

from ..money import add_intervals, interval, meet
from ..sources_file import where_zh
from .result import Conflict, Extraction, Item, Statement, agree


def file_lines(kind: str, lines: list[Item], ex: Extraction, st: Statement | None = None) -> None:
    """A section's lines: the first breakdown stated wins; a different one of the same lines later is a conflict,
    and one of other lines (by function beside by nature) is a second classification, chosen between by arithmetic."""
    lines = [_of_this_year(i, ex) for i in lines]
    label = st.label if st else f"{kind} table"
    new = Statement(kind, label, st.total if st else None, st.source if st else lines[0].source, lines)
    if kind not in ex.sections:
        ex.sections[kind] = new
        return
    first = ex.sections[kind]
    if _same_lines(first.items, lines):
        return
    if {i.name for i in first.items} & {i.name for i in lines}:
        ex.conflicts.append(Conflict(f"{kind}.items", _listed(first.items), first.source, _listed(lines),
                                     lines[0].source))
        return
    kept, other = _classification(kind, first, new, ex)
    ex.sections[kind] = kept
    ex.note(f"{where_zh(other.source.where)}：{KIND_ZH.get(kind, kind)}另有一种分类（{_listed(other.items)}），"
            f"与（{_listed(kept.items)}）并列：检查的是{'与合计相符' if _adds_up(kind, kept, ex) else '先列出'}"
            f"{'且列有占比' if any(i.share is not None for i in kept.items) else ''}的一种")


def _same_lines(a: list[Item], b: list[Item]) -> bool:
    """One breakdown stated twice: the same lines in order, amounts that agree under the rounding rule, no share
    differing. A table lists its empty lines (上级补助收入 0.00) where prose leaves them out, and prose may name a
    line more closely (一般公共预算财政拨款收入 for the table's 财政拨款收入): neither makes two breakdowns."""
    a, b = [x for x in a if x.amount != 0], [y for y in b if y.amount != 0]
    return len(a) == len(b) and all(
        (x.name in y.name or y.name in x.name) and agree(x.amount, y.amount)
        and (x.share is None or y.share is None or x.share == y.share) for x, y in zip(a, b))


def _adds_up(kind: str, st: Statement, ex: Extraction) -> bool:
    total = ex.get(f"{kind}.total")
    return total is not None and meet(add_intervals([i.amount for i in st.items], floor_at_zero=True), interval(total))


def _classification(kind: str, first: Statement, second: Statement, ex: Extraction) -> tuple[Statement, Statement]:
    """Of two classifications of one total, the one whose lines add up to it, then the one with shares, then the first."""
    def rank(st: Statement) -> tuple[bool, bool]:
        return _adds_up(kind, st, ex), any(i.share is not None for i in st.items)
    return (second, first) if rank(second) > rank(first) else (first, second)


def _listed(items: list[Item]) -> str:
    return "、".join(f"{i.name}{i.amount}" for i in items)


KIND_ZH = {"income": "收入", "expenditure": "支出"}
_OF_GRAND = ("总计",)  # 总收入 / 总支出 are read as the year's own totals (决算总收入), as TOTAL_OTHER reads them


def _of_this_year(item: Item, ex: Extraction) -> Item:
    """A line whose share is printed as one of 收入总计 (carry-over included) keeps its amount, not that share:
    the lines are checked against 本年收入合计."""
    if item.share is None or not any(word in item.share_of for word in _OF_GRAND):
        return item
    ex.skip(f"{where_zh(item.source.where)}：{item.name}的占比{item.share}%是占{item.share_of.rstrip('的')}的比例，"
            "不是占本年合计的比例，未检查")
    return dataclasses.replace(item, share=None)
