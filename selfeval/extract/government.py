"""A government's own 决算 report: its 本级收入 (本级支出), then 加上 the transfers, making its 收入总计 (支出总计).

"全县一般公共预算本级收入238965万元，增长3.98%，加上：上年结转…、上级补助收入…，收入总计929393万元": the figure
before 加上 is the year's own revenue (the report's 本年收入合计), the 总计 after the transfers the grand total. The
transfers are not lines of the year's total (they add up to the 总计), so they are left to the text, not read.
"""
from __future__ import annotations

import re

from .document import Block
from .finance import SIDES, other_year
from .numbers import amount, parse, to_wan
from .result import Extraction

OWN_LEVEL = re.compile(r"本级(?P<side>收入|支出)\s*(?:为|是|:)?\s*" + amount("num", "unit")
                       + r"(?:\s*[,，]\s*(?:比上年|较上年|同比)?(?:增长|下降|增加|减少)[^,，;；。]{0,12}%)?"
                       + r"\s*[,，]\s*加上\s*[:：]?")


def read_own_level(block: Block, ex: Extraction) -> None:
    """本级收入 / 本级支出 followed by 加上 …: this year's totals of a government's own accounts."""
    for m in OWN_LEVEL.finditer(block.text):
        if other_year(block, m.start(), m.start(), ex) is None:
            key = f"{SIDES[m['side']]}.total"
            ex.put(key, to_wan(parse(m["num"]), m["unit"]), block.source(block.lead(m.start()), m.end()))
