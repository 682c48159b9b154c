"""Findings as JSON: one document shape for every command that prints findings (`check`, `audit`).

    {"format": "selfeval-findings/1",
     "departments": [{"code", "department", "year", "kind", "file", "status", "problems", "missing",
                      "not_extracted", "notes", "findings": [{"check", "severity", "status", "where", "expected",
                      "actual", "difference", "message", "department", "file", "source_where", "source_text"}]}]}

Every entry has every key, whichever command wrote it; `--failed-only` keeps the failing and the unchecked
findings of every entry, and every entry.
"""
from __future__ import annotations

import json
from typing import Iterable, Sequence

from .checks import Finding
from .checks.registry import FAIL, UNCHECKED
from .errors import Problem
from .model import Report

FORMAT = "selfeval-findings/1"
FINDING_KEYS = ("check", "severity", "status", "where", "expected", "actual", "difference", "message",
                "department", "file", "source_where", "source_text")
ENTRY_KEYS = ("code", "department", "year", "kind", "file", "status", "problems", "missing", "not_extracted", "notes",
              "findings")
# an entry's status: every figure a check needs was read (a params file always), not all of them, or none at all
COMPLETE, INCOMPLETE, UNREADABLE = "complete", "incomplete", "unreadable"


def kept(finding: Finding, failed_only: bool) -> bool:
    """Whether a finding is shown: every one, or with --failed-only those failing or that could not be checked."""
    return not failed_only or finding.status in (FAIL, UNCHECKED)


def finding_record(finding: Finding, source_where: str = "", source_text: str = "") -> dict[str, str]:
    """One finding with the report text it rests on (none for a params file)."""
    return {**finding.to_dict(), "source_where": source_where, "source_text": source_text}


def entry(file: str, status: str, findings: Sequence[dict[str, str]], **facts: object) -> dict[str, object]:
    """One department (or dossier, or unreadable file) with every key of the shape, facts not given left empty."""
    empty: dict[str, object] = {"code": "", "department": "", "year": None, "kind": "", "problems": [], "missing": [],
                                "not_extracted": [], "notes": []}
    unknown = set(facts) - set(empty)
    if unknown:
        raise TypeError(f"not keys of a findings entry: {sorted(unknown)}")
    found = {**empty, **facts, "file": file, "status": status, "findings": list(findings)}
    return {k: found[k] for k in ENTRY_KEYS}


def report_entry(report: Report, findings: Iterable[Finding], failed_only: bool, **facts: object) -> dict[str, object]:
    """A checked params file's entry: its department, its findings (those kept) without report text."""
    d = report.department
    records = [finding_record(f) for f in findings if kept(f, failed_only)]
    given = {"code": d.code, "department": d.name, "year": d.year, "kind": report.kind} | facts
    return entry(str(given.pop("file", report.source)), COMPLETE, records, **given)


def unreadable_entry(problems: Sequence[Problem], file: str = "") -> dict[str, object]:
    """A file that could not be read or loaded: every problem found in it, with where."""
    return entry(file or (problems[0].file if problems else ""), UNREADABLE, [],
                 problems=[{"where": p.where, "message": p.message} for p in problems])


def dumps(entries: Sequence[dict[str, object]]) -> str:
    """The findings document as JSON text (UTF-8, Chinese unescaped), ending in a newline."""
    return json.dumps({"format": FORMAT, "departments": list(entries)}, ensure_ascii=False, indent=2) + "\n"
