"""Indicator rows of a flattened score table: the header's columns, then each row fitted to them.

A row is the cells from its name to the next name: level names set the group, an operator and a unit join
the value beside them ('≧ | 735 | 人次' is one target), a dash is an empty cell. The cells are fitted to the
header's value columns (target, actual, 分值, 得分) in order, allowing for cells the flattening dropped; a
row's 分值 / 得分 are kept only when every fitting reading gives the same ones (得分 ≤ 分值).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from ..model import DIRECTIONS, Indicator, Measure
from .flattokens import Tok
from .lexicon import (AFTER_LEVEL1, HEAD_HALVES, HEADISH, INDICATOR_HEADS, LEVEL1_BEFORE_LEVEL2, Kind,
                      classify, is_measure)
from .scoretable import measure_unit

HUNDRED = Decimal(100)
VALUE_COLUMNS = ("target", "actual", "weight", "score")
COLUMN_ZH = {"target": "指标值", "actual": "实际完成值", "weight": "分值", "score": "得分"}
EXECUTION_NAMES = ("预算执行率", "预算执行情况", "预算执行")


@dataclass
class Cell:
    """A value cell after joining: its text, whether it is a bare number, and whether it holds an operator."""

    text: str
    number: Decimal | None = None
    op: str = ""
    unit: str = ""


@dataclass
class Row:
    """One indicator row as read: its group, its name and its value cells."""

    level1: str
    level2: str
    name: Tok
    values: list[Tok] = field(default_factory=list)

    def complete(self, numbers: int = 2) -> bool:
        """Whether the row has reached its 分值 and 得分 (that many numbers, the last cell one of them)."""
        return (bool(self.values) and self.values[-1].cls == "num"
                and sum(t.cls == "num" for t in self.values) >= numbers)

    def free_texts(self) -> int:
        """How many of its cells are texts (a name or a qualitative value)."""
        return sum(t.cls in ("text", "grade") for t in self.values)


def columns_zh(order: list[str]) -> str:
    """Value columns in the table's own words ("指标值／实际完成值／分值／得分")."""
    return "／".join(COLUMN_ZH[k] for k in order)


def _column(tok: Tok) -> str | None:
    """The column an indicator header cell names ('' for 绩效指标), or None when it is no header."""
    if tok.cls == "head":
        kind = classify(tok.text, INDICATOR_HEADS)
        return kind.field if kind.cls == "head" else None
    return HEAD_HALVES.get(tok.text)


def schema(toks: list[Tok], start: int, reach: int = 0) -> tuple[list[str], bool, int]:
    """The value columns in the header's order, whether a 偏差原因 column follows them, and where the body starts.

    With a reach, header cells spilled among the first rows (a table copied out of order) are gathered from
    that many cells on, and the body starts after the last of them.
    """
    order: list[str] = []
    reason = False
    i = end = start
    while i < len(toks) and (reach or _column(toks[i]) is not None) and i < start + max(reach, len(toks)):
        key = _column(toks[i])
        if key is not None:
            end = i + 1
        if key == "reason":
            reason = True
        elif key in VALUE_COLUMNS and key not in order:
            order.append(key)
        i += 1
    unknown = [t for t in toks[start:i + 1] if _column(t) is None and HEADISH.search(t.text)]
    return ([] if unknown else order), reason, end  # a column the lexicon does not know: no row can be placed


def cells(values: list[Tok]) -> list[Cell]:
    """Value cells with operators and units joined to their number; a dash is an empty cell."""
    out: list[Cell] = []
    pending_op = ""
    for tok in values:
        if tok.cls == "op":
            pending_op = tok.text
            continue
        if tok.cls == "unit" and out and not pending_op:
            out[-1] = Cell(out[-1].text + tok.text, None, out[-1].op, tok.kind.field)
            continue
        text = "" if tok.cls == "dash" else tok.text
        number = tok.kind.value if tok.cls == "num" and not pending_op else None
        out.append(Cell(pending_op + text, number, pending_op))
        pending_op = ""
    return out


def _readings(found: list[Cell], order: list[str]) -> list[dict[str, Cell]]:
    """Every placement of the cells under the columns, in order, that gives a sound 分值 / 得分."""
    readings = []
    for cols in combinations(order, len(found)):
        reading = dict(zip(cols, found))
        weight, score = reading.get("weight"), reading.get("score")
        if "weight" not in order:  # a table of 得分 alone: a row is sound when its score is a number of 0 or more
            if score is not None and score.number is not None and score.number >= 0:
                readings.append(reading)
            continue
        if weight is None and score is not None and score.number is not None:
            readings.append(reading)  # a lone number may be a 得分 whose 分值 was dropped: a rival reading
            continue
        if weight is None or weight.number is None or weight.number <= 0:
            continue
        if score is not None and (score.number is None or score.number > weight.number):
            continue
        readings.append(reading)
    return readings


def readings(row: Row, order: list[str]) -> list[dict[str, Cell]]:
    """Every sound placement of the row's cells under the columns."""
    found = cells(row.values)
    return _readings(found, order) if len(found) <= len(order) else []


def agree(found: list[dict[str, Cell]], order: list[str]) -> dict[str, Cell] | None:
    """The columns all readings agree on, or None when they differ on 分值 or 得分 (or may lack a 分值)."""
    needed = "weight" if "weight" in order else "score"
    if not found or any(needed not in r for r in found):
        return None
    agreed: dict[str, Cell] = {}
    for key in order:
        texts = {(r[key].text, r[key].number) if key in r else None for r in found}
        if len(texts) == 1 and key in found[0]:
            agreed[key] = found[0][key]
        elif key in ("weight", "score") and len(texts) > 1:
            return None
    return agreed


def fit(row: Row, order: list[str]) -> dict[str, Cell] | None:
    """The row's columns when all readings agree on 分值 and 得分 (target / actual kept where they agree too)."""
    return agree(readings(row, order), order)


def measure(cell: Cell | None, unit: str = "") -> Measure | None:
    """A target or actual as printed, its number read when it is quantitative."""
    if cell is None or not cell.text:
        return None
    canonical = cell.text
    for word, op in DIRECTIONS.items():
        canonical = canonical.replace(word, op)
    canonical = canonical.replace("═", "=").replace("﹦", "=")
    parsed = Measure.parse(canonical, cell.unit or unit)
    return Measure(cell.text, parsed.value, parsed.percent, parsed.operator)


def indicator(row: Row, reading: dict[str, Cell]) -> Indicator:
    """The model row."""
    weight = reading["weight"].number if "weight" in reading else None
    score = reading["score"].number if "score" in reading else None
    unit = reading["target"].unit if "target" in reading else ""
    if not unit and "target" in reading and "actual" in reading:  # the unit both values print ('12公里')
        unit = measure_unit(reading["target"].text, reading["actual"].text)
    # a 度量单位 cell is the row's unit: an actual printed as a bare number is in it too
    target, actual = measure(reading.get("target"), unit), measure(reading.get("actual"), unit)
    return Indicator(name=row.name.text, weight=weight, score=score, level1=row.level1,
                     level2=row.level2, target=target, actual=actual, unit=unit)


def _level1_here(toks: list[Tok], i: int) -> bool:
    """A name that is level-2 in one template and level-1 in another, followed by a level-2 name."""
    return (toks[i].cls == "level2" and "".join(toks[i].text.split()) in LEVEL1_BEFORE_LEVEL2
            and i + 1 < len(toks) and toks[i + 1].cls == "level2")


def split_rows(toks: list[Tok], texts: int = 2, numbers: int = 2) -> tuple[list[Row], list[Tok]]:
    """The body's rows, and the tokens from its 合计 / 总分 row on (empty when there is none).

    A text starts a new row after a finished one, or once the row holds as many texts as it has text columns.
    """
    rows: list[Row] = []
    levels = ["", ""]
    cur: Row | None = None
    stopped = False  # after 其他需要说明事项 / 评价结论 only a 总分 row is read
    for i, tok in enumerate(toks):
        if tok.cls == "total":
            return rows, toks[i:]
        if i and toks[i - 1].cls == "level1" and tok.text in AFTER_LEVEL1:  # '满意度指标 | 服务对象满意度'
            tok = Tok(tok.text, Kind("level2"), tok.source)
        if _level1_here(toks, i):  # '成本指标 | 经济成本指标'
            tok = Tok(tok.text, Kind("level1"), tok.source)
        if tok.cls in ("level1", "level2") and not stopped:
            cur = None
            levels[tok.cls == "level2"] = tok.text
            levels[1] = levels[1] if tok.cls == "level2" else ""
        elif tok.text in EXECUTION_NAMES and not stopped:  # the 预算执行率 row among the indicators
            cur = Row(levels[0], levels[1], tok)
            rows.append(cur)
        elif tok.cls in ("stop", "head", "money", "label", "submoney"):
            cur, stopped = None, stopped or tok.cls == "stop"
        elif stopped:
            continue
        elif cur is not None and cur.complete(numbers) and tok.cls in ("pct", "op", "dash", "unit"):
            cur = None  # cells spilled past a finished row belong to no row that can be read
        elif tok.cls in ("text", "grade") and (cur is None or cur.complete(numbers) or cur.free_texts() >= texts):
            # a value where a name should be ('37442人' spilled out of its row): its row cannot be read
            cur = None if is_measure(tok.text) else Row(levels[0], levels[1], tok)
            rows += [cur] if cur else []
        elif cur is not None:
            cur.values.append(tok)
    return rows, []
