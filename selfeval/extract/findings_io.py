"""Findings out: a terminal table with sources, JSON, and one CSV + XLSX table for many reports."""
from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputError
from ..findings_json import dumps, entry, finding_record, kept, unreadable_entry
from ..sheetsafe import as_text, cell_text, csv_text
from ..tables import SEVERITY_ZH, STATUS_ZH, display_width, summary
from .audit import Audit

COLUMNS = ("file", "department", "code", "check", "severity", "status", "where", "source_where", "source_text",
           "expected", "actual", "difference", "message")
_PLAIN_HEADS = ("检查", "级别", "结果", "位置", "应为", "实为", "差额")


def rows(audits: list[Audit], failed_only: bool = False) -> list[dict[str, str]]:
    """One flat record per finding (those --failed-only keeps), for the CSV and XLSX tables."""
    out = []
    for audit in audits:
        for finding, source in zip(audit.findings, audit.sources):
            if not kept(finding, failed_only):
                continue
            record = {"file": audit.file, "department": audit.department, "code": audit.extraction.code}
            record.update({k: getattr(finding, k) for k in COLUMNS[3:] if hasattr(finding, k)})
            record.update(source_where=source.where if source else "", source_text=source.snippet if source else "")
            out.append({k: record.get(k, "") for k in COLUMNS})
    return out


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render(audit: Audit, failed_only: bool = False) -> str:
    """One report's findings as an aligned table, each with its source on the line below."""
    pairs = [(f, s) for f, s in zip(audit.findings, audit.sources) if kept(f, failed_only)]
    cells = [(f.check, SEVERITY_ZH[f.severity], STATUS_ZH[f.status], f.where, f.expected, f.actual, f.difference)
             for f, _ in pairs]
    widths = [max([display_width(h)] + [display_width(c[i]) for c in cells]) for i, h in enumerate(_PLAIN_HEADS)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(_PLAIN_HEADS, widths)) + "  说明"]
    for (finding, source), row in zip(pairs, cells):
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths)) + "  " + finding.message)
        if source is not None:
            lines.append(f"    ↳ 原文 {source.where}：{source.snippet}")
    return "\n".join(lines)


def describe(audit: Audit, failed_only: bool = False) -> str:
    """The heading, the findings table and what was not extracted, for one report."""
    ex = audit.extraction
    name = audit.department or "（未识别单位名称）"
    year = ex.get("department.year")
    parts = [f"{name}（{ex.code}{f'，{year}年度' if year else ''}） {audit.file}"]
    if not audit.complete:
        parts.append("状态：不完整，未能读出检查所需的数字" + (f"（缺：{'；'.join(audit.missing)}）" if audit.missing else "")
                     + "，不能视为通过")
    shown = [f for f in audit.findings if kept(f, failed_only)]
    if shown:
        parts.append(render(audit, failed_only))
    parts.append(summary(audit.findings))
    parts += [f"  not extracted: {text}" for text in ex.not_extracted]
    parts += [f"  note: {text}" for text in ex.notes]
    return "\n".join(parts) + "\n"


def to_json(audits: list[Audit], unreadable: list[tuple[str, InputError]] | None = None,
            failed_only: bool = False) -> str:
    """The findings document (selfeval.findings_json): each report with its status, what is missing and not read,
    and its findings (those --failed-only keeps) each with its source; each unreadable file with its problems."""
    entries = []
    for audit in audits:
        ex = audit.extraction
        year = ex.get("department.year")
        records = [finding_record(f, s.where if s else "", s.snippet if s else "")
                   for f, s in zip(audit.findings, audit.sources) if kept(f, failed_only)]
        entries.append(entry(audit.file, audit.status, records, code=ex.code, department=audit.department,
                             year=int(year) if year is not None else None, missing=audit.missing,
                             not_extracted=ex.not_extracted, notes=ex.notes))
    entries += [unreadable_entry(error.problems, name) for name, error in unreadable or []]
    return dumps(entries)


def write_tables(audits: list[Audit], unreadable: list[tuple[str, str]], base: Path,
                 failed_only: bool = False) -> tuple[Path, Path]:
    """BASE.csv (UTF-8 with BOM, so spreadsheet programs read the Chinese) and BASE.xlsx with a files sheet."""
    from openpyxl import Workbook  # noqa: PLC0415 - only this command pays for importing openpyxl
    from openpyxl.styles import Font  # noqa: PLC0415

    base = base.with_suffix("") if base.suffix.lower() in (".csv", ".xlsx") else base
    base.parent.mkdir(parents=True, exist_ok=True)
    # An unreadable file still gets a row, so a folder's table accounts for every file given.
    records = rows(audits, failed_only) + [{**dict.fromkeys(COLUMNS, ""), "file": name, "status": "unreadable", "message": reason}
                              for name, reason in unreadable]
    csv_path, xlsx_path = base.with_name(base.name + ".csv"), base.with_name(base.name + ".xlsx")
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows({k: csv_text(v) for k, v in r.items()} for r in records)
    book = Workbook()
    sheet = book.active
    sheet.title = "findings"
    _fill(sheet, COLUMNS, [[r[k] for k in COLUMNS] for r in records], Font)
    files = book.create_sheet("files")
    file_rows = [[a.file, a.department, a.extraction.code, a.status,
                  sum(1 for f in a.findings if f.status == "fail"), "; ".join(a.missing),
                  "; ".join(a.extraction.not_extracted)] for a in audits]
    file_rows += [[name, "", "", f"unreadable: {reason}", "", "", ""] for name, reason in unreadable]
    _fill(files, ("file", "department", "code", "status", "failing", "missing", "not_extracted"), file_rows, Font)
    book.save(xlsx_path)
    return csv_path, xlsx_path


def _fill(sheet: object, heads: tuple[str, ...], data: list[list[object]], font: type) -> None:
    sheet.append(list(heads))  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = font(bold=True)
    for row in data:
        sheet.append([cell_text(v) if isinstance(v, str) else v for v in row])  # type: ignore[attr-defined]
        for cell in sheet[sheet.max_row]:  # type: ignore[attr-defined, index]
            as_text(cell)
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]
    sheet.auto_filter.ref = sheet.dimensions  # type: ignore[attr-defined]
