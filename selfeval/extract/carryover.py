"""Carry-over stated on its own, and statements of another year: kept out of this year's figures, or let in."""
from __future__ import annotations

import re

from ..sources_file import where_zh
from .document import Block
from .finance import CARRYOVER, other_year
from .numbers import amount, parse, to_wan
from .result import Extraction

CARRY_ALONE = re.compile(r"(?P<label>" + "|".join(sorted(CARRYOVER, key=len, reverse=True)) + r")\s*(?:为|是|共计|:)?\s*"
                         + amount("num", "unit"))


def read_carryover(block: Block, ex: Extraction) -> None:
    """Carry-over figures stated on their own ("2018年度年末结转和结余164.61万元"), when no list stated them."""
    for m in CARRY_ALONE.finditer(block.text):
        key = f"carryover.{CARRYOVER[m['label']]}"
        if ex.get(key) is None and other_year(block, m.start(), m.start(), ex) is None:
            ex.put(key, to_wan(parse(m["num"]), m["unit"]), block.source(block.lead(m.start()), m.end()))


def settle_other_years(ex: Extraction) -> None:
    """Another year's statements stay out, unless the report states nothing of that kind for its own year
    (then its own year was probably misread, and the figures are taken, with a note)."""
    for year, st, file_it in ex.other_years:
        if st.kind in ("income", "expenditure") and not any(k.startswith(st.kind + ".") for k in ex.values):
            file_it()  # type: ignore[operator]
            ex.note(f"{where_zh(st.source.where)}：{st.label}印为{year}年，而报告年度读作{ex.get('department.year')}年；"
                    "因报告未列示本年度的这项数字，仍予采用")
        else:
            ex.skip(f"{where_zh(st.source.where)}：{year}年{st.words()}是其他年度的数字，不是本报告年度的，未采用")
