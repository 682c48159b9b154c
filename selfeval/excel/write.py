"""Reports → a departments workbook: the params data of each (selfeval.dump's mapping) spread over the sheets.

Amounts and scores are written as text cells ("20.00" keeps its two decimals), in columns formatted as text so
what is typed later stays text too; Excel validates what it can (numbers ≥ 0, grades and directions from a list).
"""
from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from ..dump import report_to_data
from ..files import temporary_name
from ..model import Report
from ..sheetsafe import as_text, cell_text
from .cells import PLAIN_NUMBER
from .schema import (CODE, CODE_KEY, DECIMAL_KINDS, DEPARTMENTS, DIRECTION, DIRECTION_WORDS, EXAMPLE_KEY, EXAMPLE_MARK,
                     EXPENDITURE, FIRST_DATA_ROW, GRADE, GRADES, INCOME, INDICATORS, INT, MEASURE, MONEY,
                     PROJECT_NAME_KEY, PROJECT_NO_KEY, PROJECTS, README_LINES, README_TITLE, SHARE, SHEETS, TEXT, UNIT,
                     UNIT_WORDS, SCALE, SCALE_WORDS, Column, Sheet)

_LAST_ROW = 1_048_576
# Rows below the data that are formatted as text too, so what a user types there keeps its decimals (150.00 stays
# 150.00): Excel gives a new cell its column's format only when the cell itself has none.
TEXT_ROWS = 1000
_TEXT_FORMAT = "@"
_WHOLE_LIMITS = {"department.year": ("between", 1949, 2100), PROJECT_NO_KEY: ("greaterThanOrEqual", 1, None),
                 "claims.project_count": ("greaterThanOrEqual", 0, None)}


def _flat(prefix: str, mapping: dict) -> dict[str, object]:
    """{"funds": {"executed": x}} → {"<prefix>.funds.executed": x}."""
    out: dict[str, object] = {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            out.update(_flat(f"{prefix}.{key}", value))
        else:
            out[f"{prefix}.{key}"] = value
    return out


def sheet_rows(report: Report, example: bool = False) -> dict[str, list[dict[str, object]]]:
    """One department's rows for each sheet, as {column key: value}, from its params data (marked 示例 if asked)."""
    data = report_to_data(report)
    code = report.department.code
    rows: dict[str, list[dict[str, object]]] = {s.title: [] for s in SHEETS}
    head = _flat("department", data["department"])
    if "grading" in data:
        head["grading"] = data["grading"]
    for sheet in (INCOME, EXPENDITURE):
        part = sheet.part.split(".")[0]
        head.update(_flat(part, {k: v for k, v in data[part].items() if k != "items"}))
        for item in data[part]["items"]:
            rows[sheet.title].append({CODE_KEY: code, **_flat(f"{sheet.part}[]", item)})
    if example:
        head[EXAMPLE_KEY] = EXAMPLE_MARK
    rows[DEPARTMENTS.title].append(head)
    for sheet in SHEETS:
        if not sheet.many and sheet.part in data:
            rows[sheet.title].append({CODE_KEY: code, **_flat(sheet.part, data[sheet.part])})
    for number, project in enumerate(data.get("projects", ()), start=1):
        fields = {k: v for k, v in project.items() if k != "indicators"}
        rows[PROJECTS.title].append({CODE_KEY: code, PROJECT_NO_KEY: number, **_flat("projects[]", fields)})
        for row in project.get("indicators", ()):
            rows[INDICATORS.title].append({CODE_KEY: code, PROJECT_NO_KEY: number, PROJECT_NAME_KEY: project["name"],
                                           **_flat("projects[].indicators[]", row)})
    return rows


class _Writer:
    """Cells for one workbook, with the few styles it uses built once."""

    def __init__(self) -> None:
        from openpyxl import Workbook  # noqa: PLC0415 - only Excel commands pay for importing openpyxl
        from openpyxl.cell import Cell  # noqa: PLC0415
        from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

        # Not write-only: that mode leaves out the <dimension> element, and every later read-only open of
        # the workbook then scans each sheet to the end just to learn its size.
        self.book = Workbook()
        self.book.remove(self.book.active)
        self.cell_type = Cell
        self.head_font, self.key_font = Font(bold=True), Font(color="808080", size=9)
        self.head_fill = PatternFill("solid", fgColor="DDEBF7")
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def cell(self, ws: object, value: object, column: Column) -> object:
        """A value as its cell: Decimals as text cells, text that could be misread marked as text."""
        if value is None or isinstance(value, int) and not isinstance(value, bool):
            return value
        text = format(value, "f") if isinstance(value, Decimal) else cell_text(str(value))
        cell = self.cell_type(ws, value=text)
        if column.kind in DECIMAL_KINDS or column.kind == MEASURE:
            cell.number_format = _TEXT_FORMAT
        if text.startswith("="):  # openpyxl would write a formula; the value is text
            as_text(cell)
            cell.quotePrefix = True
        elif column.kind == MEASURE and isinstance(value, str) and PLAIN_NUMBER.fullmatch(text):
            cell.quotePrefix = True  # text that looks like a number: Excel's apostrophe keeps it text when read back
        return cell

    def headers(self, ws: object, sheet: Sheet) -> None:
        """The Chinese header row and the params key row, styled."""
        heads, keys = [], []
        for column in sheet.columns:
            head, key = self.cell_type(ws, value=column.head), self.cell_type(ws, value=column.key)
            head.font, head.fill, key.font = self.head_font, self.head_fill, self.key_font
            heads.append(head)
            keys.append(key)
        ws.append(heads)  # type: ignore[attr-defined]
        ws.append(keys)  # type: ignore[attr-defined]


def _validation(column: Column, letter: str) -> object | None:
    """Excel's own check for a column, where Excel has one."""
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    first = f"{letter}{FIRST_DATA_ROW}"
    if column.kind in (MONEY, SHARE):
        dv = DataValidation("custom", formula1=f"AND(ISNUMBER(VALUE({first})),VALUE({first})>=0)",
                            error="请填写不小于 0 的数字，按报告所印写（如 20.00）")
    elif column.kind in DECIMAL_KINDS:
        dv = DataValidation("custom", formula1=f"ISNUMBER(VALUE({first}))", error="请填写数字，按报告所印写（如 9.5）")
    elif column.kind == INT:
        operator, low, high = _WHOLE_LIMITS[column.key]
        dv = DataValidation("whole", operator=operator, formula1=str(low), formula2=None if high is None else str(high),
                            error="请填写整数" + (f"（{low}–{high}）" if high else f"（不小于 {low}）"))
    elif column.kind in (GRADE, DIRECTION, UNIT, SCALE):
        words = {GRADE: GRADES, DIRECTION: DIRECTION_WORDS, UNIT: UNIT_WORDS, SCALE: SCALE_WORDS}[column.kind]
        dv = DataValidation("list", formula1='"' + ",".join(words) + '"', error="请从列表中选择：" + "、".join(words))
    elif column.kind == CODE:
        dv = DataValidation("textLength", operator="between", formula1="1", formula2="64",
                            error="部门代码：1 至 64 个字符，只用小写字母 a-z、数字 0-9 和 -")
    else:
        return None
    dv.allow_blank, dv.showErrorMessage, dv.errorTitle = True, True, column.head
    dv.add(f"{first}:{letter}{_LAST_ROW}")
    return dv


def _sheet(writer: _Writer, sheet: Sheet, rows: list[dict[str, object]]) -> None:
    """One sheet: widths, text formats and validations per column, the two header rows, then the data."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    ws = writer.book.create_sheet(sheet.title)
    for i, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = column.width
        if column.kind in DECIMAL_KINDS or column.kind in (MEASURE, TEXT, CODE):
            ws.column_dimensions[letter].number_format = _TEXT_FORMAT
        dv = _validation(column, letter)
        if dv is not None:
            ws.add_data_validation(dv)
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    writer.headers(ws, sheet)
    for row in rows:
        ws.append([writer.cell(ws, row.get(column.key), column) for column in sheet.columns])
    _text_rows(ws, sheet, FIRST_DATA_ROW, FIRST_DATA_ROW + max(TEXT_ROWS, len(rows)))


def _text_rows(ws: object, sheet: Sheet, first: int, end: int) -> None:
    """Format rows [first, end) of every figure and text column as text: the empty cells of data rows too."""
    texty = [i for i, c in enumerate(sheet.columns, start=1) if c.kind in DECIMAL_KINDS or c.kind in (MEASURE, TEXT, CODE)]
    for number in range(first, end):
        for i in texty:
            ws.cell(row=number, column=i).number_format = _TEXT_FORMAT  # type: ignore[attr-defined]


def _readme(writer: _Writer, notes: Iterable[str]) -> None:
    ws = writer.book.create_sheet(README_TITLE)
    ws.column_dimensions["A"].width = 120
    for line in (*README_LINES, *notes):
        cell = writer.cell_type(ws, value=line)
        cell.alignment = writer.wrap
        ws.append([cell])


def write_workbook(reports: Iterable[Report], path: str | Path, notes: Iterable[str] = (),
                   examples: bool = False) -> Path:
    """Write the reports as one departments workbook (as example rows if asked), through a temporary name."""
    path = Path(path)
    rows: dict[str, list[dict[str, object]]] = {s.title: [] for s in SHEETS}
    for report in reports:
        for title, found in sheet_rows(report, examples).items():
            rows[title] += found
    writer = _Writer()
    for sheet in SHEETS:
        _sheet(writer, sheet, rows[sheet.title])
    _readme(writer, notes)
    return save_book(writer.book, path)


def save_book(book: object, path: Path) -> Path:
    """Save an openpyxl workbook under a temporary name, then rename it, so no reader sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        book.save(tmp)  # type: ignore[attr-defined]
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
