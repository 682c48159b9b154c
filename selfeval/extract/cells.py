"""Table rows as cells that keep their column: .docx rows (grid columns), '|'-flattened and tab-separated text rows.

A cell's column is what places it under a header. In a .docx row it is the grid column the cell starts at (so a
merged cell does not shift the cells after it); in flattened text it is the cell's position, which places it only
when the row has as many cells as its header — a row that lost empty cells cannot be placed and is left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .document import Block, Source
from .numbers import NUM, parse

_NUMBER = re.compile(r"\s*(?P<num>" + NUM + r")\s*分?\s*")
SEPARATOR = re.compile(r"^[\s|:：\-—=+]+$")


@dataclass(frozen=True)
class Cell:
    """One cell: its normalised text, its column and where it is."""

    text: str
    col: int
    source: Source

    @property
    def compact(self) -> str:
        """The text without any spaces (headers are often spaced out: 得 分)."""
        return "".join(self.text.split())


def number(text: str) -> Decimal | None:
    """A weight or score as printed (20, 9.95, 10分), or None for anything else."""
    m = _NUMBER.fullmatch(text)
    return parse(m["num"]) if m else None


def is_tab_row(block: Block) -> bool:
    """A single text line whose tabs part at least two non-empty cells."""
    if len(block.lines) != 1 or block.maps[0] is not None or "\t" not in block.lines[0].text:
        return False
    return sum(1 for part in block.lines[0].text.split("\t") if part.strip()) >= 2


def _parts(block: Block) -> list[tuple[int, int]]:
    """(start, end) in block.text of each cell, before stripping."""
    line = block.lines[0]
    sep = "\t" if "\t" in line.text and not line.grid and "|" not in line.text else "|"
    # tabs are spaces in the normalised text, at the same offsets (when normalisation kept the length)
    source = line.text if sep == "\t" else block.text
    bounds, start = [], 0
    for i, ch in enumerate(source):
        if ch == sep:
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(source)))
    return bounds


def cells_of(block: Block) -> list[Cell] | None:
    """The cells of a one-line table row; None for a separator row or one whose cells cannot be told apart."""
    if len(block.lines) != 1 or SEPARATOR.match(block.text):
        return None
    line = block.lines[0]
    bounds = _parts(block)
    text = block.text.strip()
    if not line.grid and len(bounds) > 2 and text.startswith("|") and text.endswith("|"):
        # '| a | b |' (Markdown): the outer bars open and close the row; a bar at one end only is an empty cell
        bounds = bounds[1:-1]
    columns = list(line.grid) if line.grid else list(range(len(bounds)))
    if len(columns) != len(bounds) or len(bounds) < 2:
        return None
    cells = []
    for col, (start, end) in zip(columns, bounds):
        raw = block.text[start:end]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        cells.append(Cell(text, col, block.source(start + lead, start + lead + max(1, len(text)))))
    return cells


def by_column(cells: list[Cell]) -> dict[int, Cell]:
    """The row's cells keyed by column."""
    return {c.col: c for c in cells}


def rejoin(first: list[Cell], second: list[Cell], width: int) -> list[Cell] | None:
    """A text row broken over two lines, put back together: the first stops short of the header's width and the
    second starts with a number, not a label ("基本支出 | 985.19 | 914.97 |" then "10 | 10 | …"); else None."""
    if first[0].source.where.startswith("table ") or number(second[0].text) is None:
        return None  # a .docx or PDF grid row is never broken
    head = list(first)
    while head and not head[-1].text:
        head.pop()
    cells = head + second
    if len(cells) != width:
        return None
    return [Cell(c.text, i, c.source) for i, c in enumerate(cells)]
