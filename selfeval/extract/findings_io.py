"""Findings out: a terminal table with sources, JSON, and one CSV + XLSX table for many reports."""
from __future__ import annotations

import csv
from pathlib import Path

from ..checks import Finding
from ..errors import InputError
from ..findings_json import dumps, entry, finding_record, kept, unreadable_entry
from ..findings_view import COLUMNS as VIEW
from ..findings_view import STANDARD, counts
from ..sheetsafe import as_text, cell_text, csv_text
from ..tables import render as aligned
from ..tables import summary
from .audit import Audit

# The findings view's columns, as data: raw values (severity "error", not 错误) and the source split in two.
COLUMNS = ("file", "department", "code",
           *(part for c in STANDARD for part in (("source_where", "source_text") if c == "source" else (c,))))


def rows(audits: list[Audit], failed_only: bool = False) -> list[dict[str, str]]:
    """One flat record per finding (those --failed-only keeps), for the CSV and XLSX tables."""
    out = []
    for audit in audits:
        for finding, source in zip(audit.findings, audit.sources):
            if not kept(finding, failed_only):
                continue
            record = {"file": audit.file, "department": audit.department, "code": audit.extraction.code}
            record.update({k: getattr(finding, k) if k in Finding._fields else VIEW[k].cell(finding)
                           for k in STANDARD if k != "source"})
            record.update(source_where=source.where if source else "", source_text=source.snippet if source else "")
            out.append({k: record.get(k, "") for k in COLUMNS})
    return out


def render(audit: Audit, failed_only: bool = False) -> str:
    """One report's findings as an aligned table, each with its source on the line below."""
    pairs = [(f, s) for f, s in zip(audit.findings, audit.sources) if kept(f, failed_only)]
    below = [f"原文 {s.where}：{s.snippet}" if s is not None else "" for _, s in pairs]
    return aligned([f for f, _ in pairs], below=below)


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
    parts += [f"  未读取：{text}" for text in ex.not_extracted]
    parts += [f"  说明：{text}" for text in ex.notes]
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
                  counts(a.findings).failing, "; ".join(a.missing),
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
