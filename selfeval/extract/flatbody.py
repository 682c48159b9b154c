"""The body of a flattened score table: every indicator row fitted to the header's columns, the 预算执行率 row and
the 合计 row, each read only when its figures fit; what cannot be placed is listed, never guessed."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Indicator
from ..sources_file import where_zh
from .flatrows import EXECUTION_NAMES, HUNDRED, Cell, Row, agree, cells, columns_zh, indicator, readings, split_rows
from .flattokens import Tok


@dataclass
class Body:
    """What the indicator rows gave: the rows read, the 合计 row, and the rows left out."""

    indicators: list[tuple[Indicator, Tok]] = field(default_factory=list)
    execution: tuple[Decimal, Decimal | None, Tok] | None = None
    total: tuple[Decimal, Decimal | None, Tok] | None = None
    grade: tuple[str, Tok] | None = None
    left_out: list[str] = field(default_factory=list)


def _unreason(row: Row, order: list[str]) -> Row:
    """A row whose first cell is the row above's 偏差原因 text: the same row without it."""
    if len(cells(row.values)) <= len(order) or not row.values or row.values[0].cls != "text":
        return row
    return Row(row.level1, row.level2, row.values[0], row.values[1:])


def _by_hundred(doubt: list[dict[str, Cell]], known: Decimal, order: list[str]) -> dict[str, Cell] | None:
    """The one reading of the one doubtful row whose 分值 brings the weights to 100."""
    return agree([r for r in doubt if "weight" in r and known + r["weight"].number == HUNDRED], order)


def read_body(toks: list[Tok], order: list[str], reason: bool, extra: Decimal = Decimal(0)) -> Body:
    """Every indicator row, the 预算执行率 row and the 合计 row, each read only when its figures fit.

    When one row alone has rival readings, the one whose 分值 makes all weights add up to 100 is taken.
    """
    body = Body()
    weighted = "weight" in order
    rows, total = split_rows(toks, sum(k in ("target", "actual") for k in order) + reason, 1 + weighted)
    placed: list[tuple[Row, dict[str, Cell] | None, list[dict[str, Cell]]]] = []
    for row in rows:
        row = _unreason(row, order) if reason else row
        found = readings(row, order)
        placed.append((row, agree(found, order), found))
    doubtful = [k for k, (_, reading, found) in enumerate(placed) if reading is None and found]
    if len(doubtful) == 1 and weighted:
        known = extra + sum((r["weight"].number for _, r, _ in placed if r is not None), Decimal(0))
        row, _, found = placed[doubtful[0]]
        placed[doubtful[0]] = (row, _by_hundred(found, known, order), found)
    for k, (row, reading, _) in enumerate(placed):
        if reading is None and not row.values and _label_cell(placed, k, reason):
            continue
        if reading is None:
            body.left_out.append(f"{where_zh(row.name.source.where)}：指标“{row.name.text}”的各格"
                                 f"（{' | '.join(t.text for t in row.values) or '均为空'}）不能唯一地对应到"
                                 f"{columns_zh(order)}各列，未读取")
            continue
        made = indicator(row, reading)
        if "".join(made.name.split()) in EXECUTION_NAMES or made.level1 in EXECUTION_NAMES:
            if made.weight is None:
                body.left_out.append(f"{where_zh(row.name.source.where)}：{row.name.text}行没有分值，未读取")
                continue
            body.execution = body.execution or (made.weight, made.score, row.name)
        else:
            body.indicators.append((made, row.name))
    if total:
        _total(total, body, extra)
    return body


def _label_cell(placed: list[tuple[Row, dict[str, Cell] | None, list[dict[str, Cell]]]], k: int, reason: bool) -> bool:
    """Whether a row with no cells is text beside another row on its line, not an indicator of its own: a merged
    group cell repeating the row's own name (预算执行 | 预算执行率 | 预算执行率 | 10 …), or the 偏差原因 text that
    ends the row before it."""
    row = placed[k][0]
    where, name = row.name.source.where, row.name.text
    after = k + 1 < len(placed) and placed[k + 1][0].name.source.where == where and name in placed[k + 1][0].name.text
    return after or reason and k > 0 and placed[k - 1][0].name.source.where == where


def _total(toks: list[Tok], body: Body, extra: Decimal) -> None:
    """The 合计 / 总分 row: 分值 and 得分 when two numbers follow it, a grade after them."""
    numbers = []
    for tok in toks[1:]:
        if tok.cls == "num" and len(numbers) < 2:
            numbers.append(tok.kind.value)
        elif tok.cls == "grade":
            body.grade = (tok.kind.field, tok)
            break
        elif tok.cls not in ("dash", "num"):
            break
    known = [i.weight for i, _ in body.indicators]
    weights = (sum(known, Decimal(0)) + (body.execution[0] if body.execution else extra)
               if None not in known else None)  # a table of 得分 alone: one number may be a 分值 or a score
    if len(numbers) == 2 and numbers[1] <= numbers[0]:
        body.total = (numbers[0], numbers[1], toks[0])
    elif len(numbers) == 1 and numbers[0] == weights:  # one number: the weights' sum, never a score
        body.total = (numbers[0], None, toks[0])
    elif numbers:
        body.left_out.append(f"{where_zh(toks[0].source.where)}：{toks[0].text}行的{'／'.join(map(str, numbers))}"
                             "分不清哪个是分值、哪个是得分，未读取")
