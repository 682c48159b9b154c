"""A department table's parts, 基本支出 and 项目支出, each with its own funds, 分值 and 得分 in some templates.

They follow the 年度资金总额 row under the same money header. Each is filed as a project of its own name, so
SCR-005 checks its execution score (the department-wide PRJ sums leave such rows out: model.DEPARTMENT_WIDE).
"""
from __future__ import annotations

from ..model import Execution, Funds
from .document import Source
from .flattokens import Tok
from .numbers import to_wan

PART_ROWS = ("基本支出", "项目支出")
MONEY = ("initial_budget", "full_year_budget", "executed")
Part = tuple[str, Funds, Execution, Source]
_ENDS = ("head", "level1", "level2", "label", "total", "stop")


def read_parts(toks: list[Tok], start: int, fields: list[str], unit: str, fit) -> list[Part]:  # noqa: ANN001
    """The part rows from toks[start:]: a 基本支出 / 项目支出 label and the numbers after it, placed by `fit`."""
    parts: list[Part] = []
    i = start
    while i < len(toks) and toks[i].cls not in _ENDS:  # the money block ends where the goals or indicators begin
        if toks[i].text not in PART_ROWS:
            i += 1
            continue
        j = i + 1
        while j < len(toks) and toks[j].cls in ("num", "pct", "dash"):
            j += 1
        reading = fit(fields, toks[i + 1:j])
        if reading and all(reading.get(k) is not None and reading[k].cls == "num" for k in ("weight", "score")):
            amounts = {k: to_wan(reading[k].kind.value, unit) for k in MONEY if k in reading and reading[k].cls == "num"}
            execution = Execution(reading["weight"].kind.value, reading["score"].kind.value)
            parts.append((toks[i].text, Funds(**amounts), execution, toks[i].source))
        i = j
    return parts
