"""Findings → one workbook for the evaluators: a row per finding of every department, failing errors first.

Headers in Chinese, the header row frozen, filters on, each column as wide as its widest cell (within
bounds), and a second sheet with each department's failing counts.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..checks import Finding
from ..findings_view import WORKBOOK, counts, table
from ..sheetsafe import as_text, cell_text
from ..tables import display_width
from .write import save_book

FINDINGS_TITLE, SUMMARY_TITLE = "审核结果", "部门汇总"
HEADERS = tuple(table([], WORKBOOK).headers)  # the findings view's columns, who and what in front
SUMMARY_HEADERS = ("部门代码", "文件", "不通过（错误）", "不通过（警告）", "不通过（提示）", "通过", "不适用")
MIN_WIDTH, MAX_WIDTH = 6, 60


def finding_cells(finding: Finding) -> tuple[str, ...]:
    """One finding as the cells of its row."""
    return tuple(table([finding], WORKBOOK, order=False).rows[0])


def fitted_widths(rows: Iterable[tuple[str, ...]], headers: tuple[str, ...]) -> list[int]:
    """Each column's width: its widest cell plus a margin, between MIN_WIDTH and MAX_WIDTH."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, text in enumerate(row):
            if len(text) * 2 > widths[i]:  # a cell this short cannot widen the column: spare measuring it
                widths[i] = max(widths[i], len(text) if text.isascii() else display_width(text))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


def summary_rows(findings: list[Finding]) -> list[tuple[object, ...]]:
    """Per department (in order of first finding): failing counts by severity, passes and not-applicable."""
    mine: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        mine.setdefault((f.department, f.file), []).append(f)
    return [(code, file, n.error, n.warning, n.info, n.passed, n.not_applicable)
            for (code, file), n in ((k, counts(v)) for k, v in mine.items())]


def table_sheet(book: object, title: str, headers: tuple[str, ...], rows: list[tuple]) -> object:
    """A write-only sheet with a bold frozen header, filters over all rows and fitted widths."""
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    ws = book.create_sheet(title)  # type: ignore[attr-defined]
    text_rows = [tuple(str(v) for v in row) for row in rows]
    for i, width in enumerate(fitted_widths(text_rows, headers), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    heads = []
    for head in headers:
        cell = WriteOnlyCell(ws, value=head)
        cell.font, cell.fill = bold, fill
        heads.append(cell)
    ws.append(heads)
    for row in rows:
        ws.append([_safe(ws, v, WriteOnlyCell) for v in row])
    return ws


def _safe(ws: object, value: object, cell_type: type) -> object:
    """A value as its cell: none for empty text; text as a text cell, never a formula ("=…"), its controls shown."""
    if value == "":
        return None  # most findings leave expected / actual / difference empty: no cell is cheaper to write
    if isinstance(value, str):
        cell = cell_type(ws, value=cell_text(value))
        as_text(cell)
        return cell
    return value


def write_findings(findings: Iterable[Finding], path: str | Path) -> Path:
    """Write every finding (of all departments) to one workbook, in the findings view's order."""
    from openpyxl import Workbook  # noqa: PLC0415 - only Excel output pays for importing openpyxl

    findings = list(findings)
    book = Workbook(write_only=True)
    table_sheet(book, FINDINGS_TITLE, HEADERS, table(findings, WORKBOOK).rows)
    table_sheet(book, SUMMARY_TITLE, SUMMARY_HEADERS, summary_rows(findings))
    return save_book(book, Path(path))
