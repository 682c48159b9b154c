"""Plain-text tables that line up with Chinese text in a terminal, laid out by the one findings view."""
from __future__ import annotations

import unicodedata
from typing import Sequence

from .checks import Finding
from .findings_view import SEVERITY_ZH, STATUS_ZH, counts, table
from .visible import visible

__all__ = ["SEVERITY_ZH", "STATUS_ZH", "display_width", "finding_row", "render", "summary"]
_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def display_width(text: str) -> int:
    """Terminal columns a string takes: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def finding_row(f: Finding) -> tuple[str, ...]:
    """One finding as the table's cells."""
    return tuple(visible(c) for c in table([f], order=False).rows[0])


def render(findings: list[Finding], colour: bool = False, below: Sequence[str] | None = None) -> str:
    """Findings as an aligned table in the order given, failing rows coloured by severity when asked; `below`
    gives each finding a line under its row (its source in the document), '' for none."""
    view = table(findings, order=False)
    rows = [tuple(visible(c) for c in row) for row in view.rows]
    # the last column (说明) is free text: it is not padded, so a long message does not widen every line
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(view.headers[:-1])]
    lines = ["  ".join(_pad(c, w) for c, w in zip(view.headers[:-1], widths)) + "  " + view.headers[-1]]
    for i, (f, row) in enumerate(zip(view.findings, rows)):
        line = "  ".join(_pad(c, w) for c, w in zip(row[:-1], widths)) + "  " + row[-1]
        if colour and f.status == "fail":
            line = f"{_COLOURS[f.severity]}{line}{_RESET}"
        lines.append(line)
        if below and below[i]:
            lines.append(f"    ↳ {below[i]}")
    return "\n".join(lines)


def summary(findings: list[Finding]) -> str:
    """Counts of failing findings by severity, and of passes."""
    n = counts(findings)
    parts = [f"{SEVERITY_ZH[s]} {k}" for s, k in n.by_severity().items()]
    return "不通过：" + "，".join(parts) + f"；通过 {n.passed} 项" + (f"；无法检查 {n.unchecked} 项" if n.unchecked else "")
