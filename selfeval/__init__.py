"""selfeval: consistency checks, reports and audit evidence for performance self-evaluation reports."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .checks import Finding, run_checks
from .errors import InputError, Problem
from .loader import load, load_many
from .model import Report

try:
    __version__ = version("selfeval")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["Finding", "InputError", "Problem", "Report", "__version__", "load", "load_many", "run_checks"]
