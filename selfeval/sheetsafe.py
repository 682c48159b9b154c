"""Cells written from report data are text, never formulas: a name like "=HYPERLINK(…)" stays a name.

Spreadsheet programs run a CSV cell that starts with = + - @ (or a tab or CR before one) as a formula;
OWASP's advice is a leading apostrophe. In .xlsx, openpyxl makes a formula only of text starting with
"=", so there the cell is typed as a string instead and shows exactly what the report says. XML 1.0
cannot hold most C0 controls at all (openpyxl refuses the cell), so a name holding ESC is written with it
shown as a «U+001B» mark rather than failing the whole workbook.
"""
from __future__ import annotations

import re

from .visible import visible

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl's ILLEGAL_CHARACTERS_RE


def csv_text(value: object) -> object:
    """A CSV value that no spreadsheet program reads as a formula (plain numbers such as -0.25 kept)."""
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def as_text(cell: object) -> None:
    """Make an openpyxl cell holding "=…" text a string cell rather than a formula."""
    if isinstance(cell.value, str) and cell.value.startswith("="):  # type: ignore[attr-defined]
        cell.data_type = "s"  # type: ignore[attr-defined]


def cell_text(text: str) -> str:
    """Text an .xlsx cell can hold: when it has a control character XML forbids, every control shown as a mark."""
    return visible(text) if _NOT_IN_XML.search(text) else text
