"""Plain-text tables that line up with Chinese text in a terminal."""
from __future__ import annotations

import unicodedata

from .checks import Finding
from .visible import visible

HEADERS = ("检查", "级别", "结果", "位置", "应为", "实为", "差额", "说明")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_ZH = {"pass": "通过", "fail": "不通过", "n/a": "不适用", "unchecked": "无法检查"}
_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def display_width(text: str) -> int:
    """Terminal columns a string takes: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def finding_row(f: Finding) -> tuple[str, ...]:
    """One finding as the table's cells."""
    cells = (f.check, SEVERITY_ZH[f.severity], STATUS_ZH[f.status], f.where, f.expected, f.actual, f.difference, f.message)
    return tuple(visible(c) for c in cells)


def render(findings: list[Finding], colour: bool = False) -> str:
    """Findings as an aligned table; failing rows coloured by severity when asked."""
    rows = [finding_row(f) for f in findings]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(HEADERS[:-1])]
    lines = ["  ".join(_pad(c, w) for c, w in zip(HEADERS[:-1], widths)) + "  " + HEADERS[-1]]
    for f, row in zip(findings, rows):
        line = "  ".join(_pad(c, w) for c, w in zip(row[:-1], widths)) + "  " + row[-1]
        if colour and f.status == "fail":
            line = f"{_COLOURS[f.severity]}{line}{_RESET}"
        lines.append(line)
    return "\n".join(lines)


def summary(findings: list[Finding]) -> str:
    """Counts of failing findings by severity, and of passes."""
    failed = {s: sum(1 for f in findings if f.status == "fail" and f.severity == s) for s in SEVERITY_ZH}
    passed = sum(1 for f in findings if f.status == "pass")
    unchecked = sum(1 for f in findings if f.status == "unchecked")
    parts = [f"{SEVERITY_ZH[s]} {n}" for s, n in failed.items()]
    return "不通过：" + "，".join(parts) + f"；通过 {passed} 项" + (f"；无法检查 {unchecked} 项" if unchecked else "")
