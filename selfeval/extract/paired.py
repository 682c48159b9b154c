"""Names and their figures in two lists: "基本支出、项目支出分别为900.00万元和419.52万元，分别占68.21%和31.79%".

The names are parted by 、 和 及 与, the figures likewise; each figure may carry its unit, or the last one's
serves them all. The lists pair off only when they are as long as each other (shares too, when printed).
"""
from __future__ import annotations

import re
from decimal import Decimal

from .document import Block
from .numbers import NUM, UNIT, parse, to_wan
from .result import Extraction, Item

_AND = r"\s*[、和及与,，]\s*"
_NAME = r"[\u4e00-\u9fff]{2,20}?"
PAIRED = re.compile(rf"(?P<names>{_NAME}(?:\s*[、和及与]\s*{_NAME}){{1,5}})\s*[,，]?\s*(?:分别|各)\s*(?:为|是)\s*"
                    rf"(?P<values>{NUM}\s*(?:{UNIT})?(?:{_AND}{NUM}\s*(?:{UNIT})?){{1,5}})"
                    rf"(?:\s*[,，]\s*(?:分别|各)?\s*占[^\d%,，;；。]{{0,10}}?\s*"
                    rf"(?P<shares>{NUM}\s*%(?:{_AND}{NUM}\s*%){{1,5}}))?")
_VALUE = re.compile(rf"(?P<num>{NUM})\s*(?P<unit>{UNIT})?")
_SPLIT_NAMES = re.compile(r"\s*[、和及与]\s*")


def pairs(m: re.Match) -> list[tuple[str, Decimal, Decimal | None]] | None:
    """(name, amount in 万元, share) for each name, or None when the lists do not pair off or a unit is missing."""
    names = [n for n in _SPLIT_NAMES.split(m["names"]) if n]
    values = list(_VALUE.finditer(m["values"]))
    shares = [parse(s["num"]) for s in _VALUE.finditer(m["shares"])] if m["shares"] else [None] * len(values)
    last_unit = values[-1]["unit"] if values else None
    if len(names) != len(values) or len(shares) != len(values) or last_unit is None:
        return None
    return [(name, to_wan(parse(v["num"]), v["unit"] or last_unit), share)
            for name, v, share in zip(names, values, shares)]


def paired_lines(block: Block, m: re.Match, side: str) -> list[Item] | None:
    """The lines of "基本支出、项目支出分别为A万元和B万元", when every name is a line of that side."""
    found = pairs(m)
    if not found or not all(name.endswith(side) for name, _, _ in found):
        return None
    return [Item(name, amount_, share, block.source(m.start(), m.end())) for name, amount_, share in found]


_TOTAL_NAMES = {"本年收入合计": "income.total", "本年支出合计": "expenditure.total", "收入合计": "income.total",
                "支出合计": "expenditure.total", "收入总计": "income.grand_total", "支出总计": "expenditure.grand_total"}


def paired_totals(block: Block, ex: Extraction) -> None:
    """"本年收入合计、本年支出合计分别为A万元、B万元": totals named together, their figures after."""
    for m in PAIRED.finditer(block.text):
        found = pairs(m)
        names = [_YEAR_LEAD.sub("", name) for name, _, _ in found or []]
        if found and all(name in _TOTAL_NAMES for name in names):
            for name, (_, value, _) in zip(names, found):
                ex.put(_TOTAL_NAMES[name], value, block.source(m.start(), m.end()))


_YEAR_LEAD = re.compile(r"^(?:年度?|其中)")
