"""Audit published reports: read a report's text or .docx, extract its figures with their sources.

`extract_file(path)` returns an Extraction (values by params key path, each with the line and words
it came from); `to_report(extraction)` turns it into a selfeval Report for the loader's schema and
the checks; `audit_file(path)` adds the checks and the text-level findings.
"""
from __future__ import annotations

from .document import Source
from .pipeline import extract_file, extract_lines, sources, to_report
from .result import Extraction

__all__ = ["Extraction", "Source", "extract_file", "extract_lines", "sources", "to_report"]
