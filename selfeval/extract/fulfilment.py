"""The 决算说明's budget-completion sentences: "一般公共服务（类）支出年初预算为90.00万元，支出决算为100.00万元，
完成年初预算的111.11%". Every 部门决算说明 prints one for its 一般公共预算财政拨款 spending and for each of its
classes; the rate is the final figure over the budget, so it can be recomputed (TXT-009).
"""
from __future__ import annotations

import re

from .document import Block
from .numbers import amount, number, parse, to_wan
from .result import Extraction, Fulfilment

FULFILMENT = re.compile(r"(?P<label>[^\d,，。;；:：]{2,40}?)(?:年初)?预算(?:数)?\s*(?:为|是)?\s*" + amount("a", "ua")
                        + r"\s*[,，]\s*(?:支出)?决算(?:数)?\s*(?:为|是)?\s*" + amount("b", "ub")
                        + r"\s*[,，]\s*完成(?:年初)?预算(?:数)?的\s*" + number("rate") + r"\s*%")


def read_fulfilments(block: Block, ex: Extraction) -> None:
    """Each budget-completion sentence of one block."""
    for m in FULFILMENT.finditer(block.text):
        # "2023年度一般公共…": the label starts after the year's digits; its 年度 and a list number go too
        label = re.sub(r"^(?:其中)?[、.．\d]*(?:年度?)?", "", "".join(m["label"].split()))
        ex.fulfilments.append(Fulfilment(label, to_wan(parse(m["a"]), m["ua"]), to_wan(parse(m["b"]), m["ub"]),
                                         parse(m["rate"]), block.source(m.start("label"), m.end())))
