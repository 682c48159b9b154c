"""The audit panel's views as HTML: picker entries, the findings table, and a dossier's 跨文件核对 as edited."""
from __future__ import annotations

import dataclasses
import html
from pathlib import Path

from .checks import Finding
from .crossview import cross_section
from .dossier_load import DossierRead
from .model import Report
from .notes import Reviewed, finding_key, shown
from .tables import SEVERITY_ZH, STATUS_ZH


def picker_label(report: Report, findings: list[Finding], document: str = "") -> str:
    """A picker entry: the department (in a dossier, the document: 2023年度决算（x.yaml）) and its failing findings."""
    d = report.department
    failing = {s: sum(1 for f in findings if f.status == "fail" and f.severity == s) for s in SEVERITY_ZH}
    who = document or f"{d.short_name or d.name} {d.year}"
    return f"{who}｜错误{failing['error']} 警告{failing['warning']} 提示{failing['info']}"


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


def findings_html(findings: list[Finding], notes: Reviewed) -> str:
    """Findings as an HTML table, failing rows first and coloured, each failing one with its note (stale marked)."""
    order = sorted(findings, key=lambda f: (f.status != "fail", list(SEVERITY_ZH).index(f.severity)))
    colours = {"error": "#fde0dc", "warning": "#fff3cd", "info": "#e3f2fd"}
    rows = []
    for f in order:
        key = finding_key(f.check, f.where)
        note, stale = notes.current.get(key), notes.stale.get(key)
        remark = shown(note) if note else shown(*stale) if stale and f.status == "fail" else ""
        style = f' style="background:{colours[f.severity]};font-weight:bold"' if f.status == "fail" else ""
        cells = [f.check, SEVERITY_ZH[f.severity], STATUS_ZH[f.status], f.where, f.expected, f.actual, f.message,
                 remark]
        tds = [f'<td style="padding:2px 6px{";white-space:nowrap" if i < 6 else ""}">{html.escape(c)}</td>'
               for i, c in enumerate(cells)]
        rows.append(f'<tr class="selfeval-finding {f.status}"{style}>' + "".join(tds) + "</tr>")
    head = "".join(f'<th style="padding:2px 6px;white-space:nowrap">{h}</th>'
                   for h in ("检查", "级别", "结果", "位置", "应为", "实为", "说明", "审核意见"))
    return (f'<table class="selfeval-findings-table" style="border-collapse:collapse;font-size:12px">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


