"""The audit panel's views as HTML: picker entries, the findings table, and a dossier's 跨文件核对 as edited."""
from __future__ import annotations

import dataclasses
import html
from pathlib import Path

from .checks import Finding
from .crossview import cross_section
from .dossier_load import DossierRead
from .findings_view import STANDARD, counts, table
from .model import Report
from .notes import Reviewed, finding_key, shown

PANEL = tuple(c for c in STANDARD if c != "difference")  # the panel is narrow: the difference is expected − actual


def picker_label(report: Report, findings: list[Finding], document: str = "") -> str:
    """A picker entry: the department (in a dossier, the document: 2023年度决算（x.yaml）) and its failing findings."""
    d = report.department
    n = counts(findings)
    who = document or f"{d.short_name or d.name} {d.year}"
    return f"{who}｜错误{n.error} 警告{n.warning} 提示{n.info}"


def document_labels(read: DossierRead | None) -> dict[str, str]:
    """Each document of a dossier by its resolved path, as the picker names it; {} for a folder of departments."""
    return {str(Path(d.path).resolve()): d.label for d in read.dossier.documents} if read else {}


def cross_html(read: DossierRead, reports: dict[str, Report]) -> str:
    """The dossier's 跨文件核对 with the panel's edits in force: each params document as it now stands."""
    edited = {str(Path(p).resolve()): r for p, r in reports.items()}
    documents = tuple(dataclasses.replace(d, report=edited.get(str(Path(d.path).resolve()), d.report))
                      for d in read.dossier.documents)
    dossier = dataclasses.replace(read.dossier, documents=documents)
    return cross_section(dossier, [str(e) for e in read.errors])


_COLOURS = {"error": "#fde0dc", "warning": "#fff3cd", "info": "#e3f2fd"}
_CELL = "padding:2px 6px"
_NOWRAP = ("check", "severity", "status", "where", "expected", "actual")  # the message and the note may wrap


def findings_html(findings: list[Finding], notes: Reviewed) -> str:
    """Findings as an HTML table, failing rows first and coloured, each failing one with its note (stale marked).

    Styled inline: the panel's output area has no stylesheet of ours.
    """
    view = table(findings, PANEL)
    rows = []
    for f, row in zip(view.findings, view.rows):
        key = finding_key(f.check, f.where)
        note, stale = notes.current.get(key), notes.stale.get(key)
        remark = shown(note) if note else shown(*stale) if stale and f.status == "fail" else ""
        style = f' style="background:{_COLOURS[f.severity]};font-weight:bold"' if f.status == "fail" else ""
        tds = [f'<td style="{_CELL}{";white-space:nowrap" if c in _NOWRAP else ""}">{html.escape(v)}</td>'
               for c, v in zip((*view.columns, "note"), (*row, remark))]
        rows.append(f'<tr class="selfeval-finding {f.status}"{style}>' + "".join(tds) + "</tr>")
    head = "".join(f'<th style="{_CELL};white-space:nowrap">{html.escape(h)}</th>' for h in (*view.headers, "审核意见"))
    return (f'<table class="selfeval-findings-table" style="border-collapse:collapse;font-size:12px">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
