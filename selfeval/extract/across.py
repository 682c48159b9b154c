"""The 收入决算表 and 支出决算表 of every 部门决算 (公开02表, 03表): the lines run across the header, not down it.

"项目 | 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入 | … | 其他收入", then a 合计 row, then one row per
functional class. The 合计 row is the department's: its first amount is the year's total and the others are its
lines, each under its header cell. The rows below it are functional classes, not read here. The amounts are
aligned to the header from the right, because the label cells on the left (科目编码, 科目名称) are merged
differently from table to table; the table is read only when there are as many amounts as line headers.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable

from ..sources_file import where_zh
from .finance import LINE_END, SIDES
from .lines import file_lines
from .result import Extraction, Item

FileRow = Callable[..., None]  # tables._file_row
TOTAL_ROWS = ("合计", "总计", "本年合计")


def _line_heads(headers: list[str], clean: Callable[[str], str]) -> list[str]:
    """The header's trailing run of line names (本年收入合计, 财政拨款收入 …), or [] when it has fewer than three."""
    names: list[str] = []
    for text in reversed(headers[1:]):
        name = clean(text)
        if not name.endswith(("收入", "支出", "收入合计", "支出合计")) or not (LINE_END.search(name)):
            break
        names.insert(0, name)
    return names if len(names) >= 3 else []


def _total_row(rows: list, clean: Callable[[str], str]) -> object | None:  # rows: tables.Row
    """The 合计 row: the first row whose first cell is 合计 / 总计."""
    return next((r for r in rows if clean(r.text(0)).replace(" ", "") in TOTAL_ROWS), None)


def is_across(rows: list, headers: list[str], clean: Callable[[str], str]) -> bool:
    """Whether a table's header names its lines across and a 合计 row follows."""
    return bool(_line_heads(headers, clean)) and _total_row(rows, clean) is not None


def read_across(rows: list, headers: list[str], amount: Callable[[str], Decimal | None], file_row: FileRow,
                clean: Callable[[str], str], ex: Extraction) -> None:
    """The 合计 row's amounts under the header's line names, filed as a one-sided table's rows are."""
    names, total = _line_heads(headers, clean), _total_row(rows, clean)
    first = len(total.cells) - len(names)  # type: ignore[attr-defined]
    values = [amount(t) for _, t in total.cells[first:]] if first >= 1 else []  # type: ignore[attr-defined]
    if len(values) != len(names) or any(v is None for v in values):
        ex.skip(f"{where_zh(total.source().where)}：合计行的金额与表头的{len(names)}个收支项目"  # type: ignore[attr-defined]
                "对不上（或未注明单位），未读取")
        return
    side = SIDES[names[0][-4:-2] if names[0].endswith("合计") else names[0][-2:]]
    lines: dict[str, list[Item]] = {"income": [], "expenditure": []}
    for col, (name, value) in enumerate(zip(names, values), first):
        file_row(name, value, None, total.source(col), side, lines, ex)  # type: ignore[attr-defined]
    for key, items in lines.items():
        if items:
            file_lines(key, items, ex)
