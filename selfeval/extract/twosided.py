"""The two-sided table of every 部门决算: 收入支出决算总表 (公开01表), income on the left, expenditure on the right.

Each row holds up to two lines: a name, perhaps its 行次 (row number), and an amount, on each side. The left
side is read as an income table and the right as an expenditure one, row by row, through the same filing as a
one-sided table: 本年收入合计 / 收入总计, 年初结转和结余 … and the functional lines (一般公共服务支出 …).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

from ..sources_file import where_zh
from .lines import file_lines
from .result import Extraction, Item

ROW_NUMBER_HEAD = re.compile(r"^(?:行次|栏次)$")
_NAMED = re.compile(r"[\u4e00-\u9fff]")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
Cells = list[tuple[int, str]]
FileRow = Callable[..., None]  # tables._file_row


def _named(text: str) -> bool:
    return bool(_NAMED.search(text))


def halves(cells: Cells) -> tuple[Cells, Cells] | None:
    """A row cut before its second name: (left, right); None for a row with more or fewer than two names."""
    named = [i for i, (_, text) in enumerate(cells) if _named(text)]
    if len(named) != 2 or named[0] != 0:
        return None
    return cells[:named[1]], cells[named[1]:]


def is_two_sided(rows: list, headers: list[str]) -> bool:  # rows: tables.Row
    """Whether a table pairs income lines with expenditure lines in one row."""
    if sum(1 for h in headers if h in ("项目", "收入", "支出")) >= 2 and any("支出" in h for h in headers):
        return True
    for row in rows:
        cut = halves(row.cells)
        if cut and "收入" in cut[0][0][1] and "支出" in cut[1][0][1]:
            return True
    return False


def _value(half: Cells, numbered: bool, amount: Callable[[str], Decimal | None]) -> Decimal | None:
    """The amount of one half: its last figure, the 行次 (the cell after the name) passed over when the table has one."""
    after = half[2:] if numbered and (len(half) > 2 or _ROW_NUMBER.match(half[-1][1])) else half[1:]
    figures = [text for _, text in after if amount(text) is not None]
    return amount(figures[-1]) if figures else None


def _sides(cells: Cells) -> list[tuple[Cells, str]]:
    """A row's halves with their sides; a row with one line is on the side where its name stands."""
    cut = halves(cells)
    if cut:
        return [(cut[0], "income"), (cut[1], "expenditure")]
    named = [i for i, (_, text) in enumerate(cells) if _named(text)]
    if len(named) != 1:
        return []
    return [(cells[named[0]:], "income" if named[0] == 0 else "expenditure")]


def read_two_sided(rows: list, headers: list[str], amount: Callable[[str], Decimal | None],
                   file_row: FileRow, clean: Callable[[str], str], ex: Extraction) -> None:
    """Both sides of a 收入支出决算总表, each as its own table."""
    numbered = any(ROW_NUMBER_HEAD.match(h) for h in headers) or any(
        ROW_NUMBER_HEAD.match(text) for row in rows[:3] for _, text in row.cells)
    lines: dict[str, list[Item]] = {"income": [], "expenditure": []}
    for row in rows:
        for half, side in _sides(row.cells):
            name = clean(half[0][1])
            value = _value(half, numbered, amount)
            if not _named(name) or ROW_NUMBER_HEAD.match(name) or name in ("项目", "收入", "支出"):
                continue
            if value is None:
                ex.skip(f"{where_zh(row.source().where)}：“{name}”没有注明单位的金额，未读取")
                continue
            file_row(name, value, None, row.block.source(half[0][0], half[-1][0] + len(half[-1][1])),
                     side, lines, ex)
    for key, items in lines.items():
        if items:
            file_lines(key, items, ex)
