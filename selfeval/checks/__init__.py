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
from .registry import REGISTRY, Check, Finding, Outcome, check, run_registered

__all__ = ["REGISTRY", "Check", "Finding", "Outcome", "check", "run_checks"]


def run_checks(report: Report, ids: Iterable[str] | None = None) -> list[Finding]:
    """Run every registered check (or the given ids) on one report and return all findings."""
    return run_registered(report, ids)
