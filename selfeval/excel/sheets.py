"""Read the sheets of a departments workbook into raw cells, by the params key in each column's second header row.

A first read (not data_only) sees what each cell holds, formulas included; only when it finds a formula does a
second read (data_only) fetch the values Excel cached for them.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..discover import refuse_unreadable
from ..errors import InputError, Problem
from ..safezip import refuse_bombs
from .schema import BY_TITLE, CODE_KEY, DEPARTMENTS, FIRST_DATA_ROW, MEASURE, SHARE, SHEETS, Sheet

_SHOWN = 40


@dataclass(frozen=True)
class RawCell:
    """What one non-empty cell holds (for a formula: the value Excel cached, None when it has none)."""

    value: object
    quoted: bool = False       # text typed with Excel's leading apostrophe: text even if it looks like a number
    percent: bool = False      # a number shown in a % format (0.8146 shown as 81.46%)
    formula: str = ""          # the formula, when the cell holds one
    error: bool = False        # an Excel error value such as #N/A


@dataclass
class Row:
    """One data row of a sheet: its number and its non-empty cells by column key."""

    sheet: Sheet
    number: int
    cells: dict[str, RawCell]


@dataclass
class SheetData:
    """One sheet as read: the column letter of each key, and the non-empty data rows."""

    sheet: Sheet
    letters: dict[str, str]
    rows: list[Row] = field(default_factory=list)

    def ref(self, key: str, row: int) -> str | None:
        """`收入!C14` for a key and row, or None when the sheet has no such column."""
        letter = self.letters.get(key)
        return None if letter is None else f"{self.sheet.title}!{letter}{row}"


def _open(path: Path, data_only: bool):  # noqa: ANN202 - an openpyxl workbook, imported lazily
    from openpyxl import load_workbook  # noqa: PLC0415 - only Excel commands pay for importing openpyxl
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    refuse_unreadable(path)
    refuse_bombs(path)  # by the sizes its zip directory states, before openpyxl inflates shared strings or a sheet
    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except FileNotFoundError:
        raise InputError([Problem(str(path), "", "file not found")]) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError([Problem(str(path), "", f"not a readable Excel workbook (.xlsx): {exc}")]) from None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _columns(sheet: Sheet, keys: tuple, file: str) -> tuple[dict[int, str], list[Problem]]:
    """The key of each read column by position, from the second header row; unknown or repeated keys are problems."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    found: dict[int, str] = {}
    problems = []
    for i, cell in enumerate(keys):
        key = cell.value.strip() if isinstance(cell.value, str) else cell.value
        if _blank(key):
            continue  # a column without a key is the user's own note: not read
        where = f"{sheet.title}!{get_column_letter(i + 1)}2"
        if sheet.column(str(key)) is None:
            expected = ", ".join(c.key for c in sheet.columns)
            problems.append(Problem(file, where, f"unknown column key {key!r} (expected one of: {expected})"))
        elif key in found.values():
            problems.append(Problem(file, where, f"column key {key!r} appears twice"))
        else:
            found[i] = key
    if CODE_KEY not in found.values():
        problems.append(Problem(file, f"{sheet.title}!2",
                                f"no column keyed {CODE_KEY} (部门代码) in the second header row"))
    return found, problems


def _cell(cell: object, key_kind: str) -> RawCell:
    """A RawCell from an openpyxl read-only cell that is not blank."""
    kind = cell.data_type  # type: ignore[attr-defined]
    value = cell.value  # type: ignore[attr-defined]
    if kind == "f":
        return RawCell(None, formula=str(value))
    if kind == "e":
        return RawCell(value, error=True)
    # Styles are looked up only where they change the reading: they cost a lookup per cell.
    if kind == "s":
        quoted = key_kind == MEASURE and bool(cell.style_array.quotePrefix)  # type: ignore[attr-defined]
        return RawCell(value, quoted=quoted)
    if kind == "n" and key_kind in (SHARE, MEASURE) and "%" in (cell.number_format or ""):  # type: ignore[attr-defined]
        return RawCell(value, percent=True)
    return RawCell(value)


def _read_sheet(ws: object, sheet: Sheet, file: str) -> tuple[SheetData | None, list[Problem], list[tuple[int, str]]]:
    """One sheet's rows; also the (row, key) of each formula cell, whose cached value a second read fetches."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    ws.reset_dimensions()  # type: ignore[attr-defined] - a stale <dimension> would cut the read short
    rows = ws.iter_rows()  # type: ignore[attr-defined]
    next(rows, ())  # the Chinese headers: for people; the keys below them say what each column is
    columns, problems = _columns(sheet, next(rows, ()), file)
    if problems:
        return None, problems, []
    kinds = {key: sheet.column(key).kind for key in columns.values()}  # type: ignore[union-attr]
    data = SheetData(sheet, {key: get_column_letter(i + 1) for i, key in columns.items()})
    formulas = []
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        cells = {}
        for i, key in columns.items():
            if i < len(row) and not _blank(row[i].value):
                cells[key] = _cell(row[i], kinds[key])
                if cells[key].formula:
                    formulas.append((number, key))
        if cells:
            data.rows.append(Row(sheet, number, cells))
    return data, problems, formulas


def _cached(path: Path, pending: dict[str, list[tuple[int, str]]], sheets: dict[str, SheetData]) -> None:
    """Replace each formula cell by the value Excel cached for it (kept as None when it has none)."""
    from openpyxl.utils import column_index_from_string  # noqa: PLC0415

    book = _open(path, data_only=True)
    try:
        for title, cells in pending.items():
            data = sheets[title]
            wanted: dict[int, list[str]] = {}
            for number, key in cells:
                wanted.setdefault(number, []).append(key)
            by_row = {row.number: row for row in data.rows if row.number in wanted}
            ws = book[title]
            ws.reset_dimensions()
            for number, values in enumerate(ws.iter_rows(), start=1):
                for key in wanted.get(number, ()):
                    i = column_index_from_string(data.letters[key]) - 1
                    _fill_cached(by_row[number], key, values[i] if i < len(values) else None, data.sheet)
    finally:
        book.close()


def _fill_cached(row: Row, key: str, cached: object, sheet: Sheet) -> None:
    """Put a formula's cached value in its cell, keeping the formula text for messages."""
    if cached is None or _blank(getattr(cached, "value", None)):
        return
    raw = _cell(cached, sheet.column(key).kind)  # type: ignore[union-attr]
    row.cells[key] = RawCell(raw.value, raw.quoted, raw.percent, row.cells[key].formula, raw.error)


def read_sheets(path: str | Path) -> dict[str, SheetData]:
    """Every known sheet of the workbook by title; raises InputError when the layout itself is wrong."""
    path = Path(path)
    file = str(path)
    book = _open(path, data_only=False)
    problems: list[Problem] = []
    sheets: dict[str, SheetData] = {}
    pending: dict[str, list[tuple[int, str]]] = {}
    try:
        if DEPARTMENTS.title not in book.sheetnames:
            titles = "、".join(s.title for s in SHEETS)
            raise InputError([Problem(file, "", f"no sheet named {DEPARTMENTS.title!r}; a departments workbook has "
                                                f"the sheets {titles} (see `selfeval template`)")])
        for title in book.sheetnames:
            if title in BY_TITLE:
                data, found, formulas = _read_sheet(book[title], BY_TITLE[title], file)
                problems += found
                if data is not None:
                    sheets[title] = data
                if formulas:
                    pending[title] = formulas
    finally:
        book.close()
    if problems:
        raise InputError(problems)
    if pending:
        _cached(path, pending, sheets)
    return sheets
