"""Audit a published report: extract its figures, run the registered checks and the text-level ones.

Checks run only on the parts found. A report whose required figures were not read is never passing:
its status is incomplete, the figures missing are listed, and every check that could not run is a
finding of its own with status 无法检查 (unchecked).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import REGISTRY, Finding, run_checks
from ..checks.registry import UNCHECKED, unchecked
from ..checks.scoretable import weight_sum
from ..findings_view import source_key
from .document import Source
from .partial import partial_lists
from .pipeline import extract_lines, sources, to_report
from .reading import read_lines
from .result import Extraction
from .textchecks import text_findings

SECTION_CHECKS = ("SUM-", "SHR-", "DUP-")
BALANCE_CHECKS = ("BAL-",)
PROJECT_CHECKS = ("PRJ-", "GRD-", "CLM-", "SCR-")
STAFF_CHECKS = ("STF-",)
REPORT_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".markdown", ".doc", ".wps"}


@dataclass
class Audit:
    """One report's findings, each with the source it points at (None when the where is not a figure read)."""

    file: str
    extraction: Extraction
    findings: list[Finding] = field(default_factory=list)
    sources: list[Source | None] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether the figures a check needs were read: both section totals, or a project's figures."""
        sections_missing = [m for m in self.missing if m.startswith(("income ", "expenditure "))]
        projects_read = any(len(p) > 1 for p in self.extraction.projects)
        return self.extraction.found_anything and (not sections_missing or projects_read)

    @property
    def status(self) -> str:
        """complete / incomplete, as shown in every table and the exit code."""
        return "complete" if self.complete else "incomplete"

    @property
    def department(self) -> str:
        """The department's name as read, or '' when the report does not state it."""
        return str(self.extraction.get("department.name") or "")


def check_ids(ex: Extraction, missing: list[str]) -> list[str]:
    """The registered checks that have data to work on in this extraction."""
    both = not any(m.startswith(("income ", "expenditure ")) for m in missing)
    prefixes: tuple[str, ...] = ()
    if ex.sections or both or any(k.startswith(("income.", "expenditure.")) for k in ex.values):
        prefixes += SECTION_CHECKS + (BALANCE_CHECKS if both else ())
    if ex.projects or any(k.startswith("claims.") for k in ex.values):
        prefixes += PROJECT_CHECKS
    if any(k.startswith("staff.") for k in ex.values):
        prefixes += STAFF_CHECKS
    if both:
        return list(REGISTRY)  # every check, including ones added after this module was written
    return [i for i in REGISTRY if i.startswith(prefixes)] if prefixes else []


def source_of(where: str, found: dict[str, Source], check: str = "") -> Source | None:
    """The source behind a finding's `where` ("income.items[1], income.items[4]" → the first one read)."""
    key = source_key(where, found, check)
    return found[key] if key is not None else None


WEIGHT_CHECKS = ("SCR-001", "SCR-002")
SUM_CHECKS = ("SCR-001", "SCR-002", "SCR-004", "SCR-008")  # the checks that add up a table's rows
_PROJECT_AT = re.compile(r"^projects\[(\d+)\]")


def _unclosed(project: object, ex: Extraction) -> bool:
    """Whether a project's score table, as read, stops before a 合计 row: it may go on past what the text holds."""
    rows = getattr(project, "indicators", ())
    return project.name in ex.unclosed or bool(rows) and not any(r.is_total for r in rows)  # type: ignore[attr-defined]


def _short_of_rows(project: object, ex: Extraction) -> bool:
    """Whether rows the reader left out may carry weight: it left some out, and the weights read are not 100."""
    return project.name in ex.rows_lost and weight_sum(project) != 100  # type: ignore[attr-defined, arg-type]


def _cut_tables(findings: list[Finding], report: object, ex: Extraction) -> list[Finding]:
    """A table the text stops inside has its weight checks as 无法检查, not as a failing sum of what was read."""
    out = []
    for f in findings:
        at = _PROJECT_AT.match(f.where) if f.check in SUM_CHECKS and f.status in ("fail", "n/a") else None
        project = report.projects[int(at.group(1))] if at else None  # type: ignore[attr-defined]
        if project is not None and _short_of_rows(project, ex):
            f = f._replace(status=UNCHECKED, expected="", actual="", difference="",
                           message=f"{project.name}：评分表有行未能读出（见“未读取”），各行分值与得分的合计无法检查")
        elif project is not None and f.status == "fail" and f.check in WEIGHT_CHECKS and _unclosed(project, ex):
            f = f._replace(status=UNCHECKED, expected="", actual="", difference="", message=f"{project.name}：评分表"
                           "无合计行、已读分值合计不是100分，原文可能在表中截断，分值结构无法检查")
        out.append(f)
    return out


def audit_lines(lines: list, file: str) -> Audit:
    """Extract and check already-read lines."""
    ex = extract_lines(lines, file)
    report, missing = to_report(ex)
    result = Audit(file, ex, missing=missing)
    ids = check_ids(ex, missing)
    if ids:
        found = sources(ex)
        for finding in partial_lists(_cut_tables(run_checks(report, ids), report, ex), ex):
            result.findings.append(finding)
            result.sources.append(source_of(finding.where, found, finding.check))
    for finding, source in text_findings(lines, ex):
        result.findings.append(finding)
        result.sources.append(source)
    if not result.complete:
        for check_id in (i for i in REGISTRY if i not in ids):
            result.findings.append(unchecked(check_id, ex.code, file))
            result.sources.append(None)
    return result


def audit_file(path: str | Path) -> Audit:
    """Audit one report file; raises InputError when it cannot be read."""
    return audit_lines(read_lines(path), str(path))


def report_files(paths: list[str]) -> list[Path]:
    """The reports named: files as given; folders searched recursively for reports (not README).

    Legacy .doc / .wps files are listed too, so a folder audit names them as unreadable rather than skip them.
    """
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in
                            REPORT_SUFFIXES and not p.name.startswith(("~$", "."))
                            and not p.stem.lower().startswith("readme"))
        else:
            found.append(path)
    return found
