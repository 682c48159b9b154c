"""The consistency checks, imported by hand (no plug-in magic)."""
from __future__ import annotations

from typing import Iterable

from ..model import Report
# Import order is registration order, which is the order findings are reported in.
from . import sums  # noqa: F401, I001
from . import shares  # noqa: F401
from . import balance  # noqa: F401
from . import duplicates  # noqa: F401
from . import projects  # noqa: F401
from . import grading  # noqa: F401
from . import staff  # noqa: F401
from . import scoring  # noqa: F401
from . import figures  # noqa: F401
from .registry import REGISTRY, TEXT, Check, Finding, Outcome, check, run_registered, stored_findings

__all__ = ["REGISTRY", "TEXT", "Check", "Finding", "Outcome", "check", "run_checks", "text_findings_of"]
TEXT_FINDINGS = "text_findings"  # the key of a report's sources sidecar that keeps its text checks' findings


def run_checks(report: Report, ids: Iterable[str] | None = None) -> list[Finding]:
    """Run every registered check (or the given ids) on one report and return all findings."""
    return run_registered(report, ids)


def text_findings_of(side: dict | None) -> list[Finding]:
    """The findings of the text checks (TXT-xxx) kept in a report's sources sidecar; none without a sidecar.

    They were found in the document's lines when the report was read: a Report alone cannot give them again.
    """
    return stored_findings(side.get(TEXT_FINDINGS, ())) if side else []
