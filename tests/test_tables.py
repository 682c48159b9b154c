"""Terminal tables: CJK characters take two columns, so columns line up by display width."""
from __future__ import annotations

from selfeval.checks import Finding
from selfeval.tables import display_width, render, summary


def finding(check: str, severity: str, status: str, where: str, message: str) -> Finding:
    return Finding(check, severity, status, where, "1", "2", "", message)


def test_display_width_counts_wide_characters_twice():
    assert display_width("abc") == 3
    assert display_width("经营收入") == 8
    assert display_width("（一）") == 6  # full-width brackets are wide too
    assert display_width("items[2]") == 8


def test_columns_line_up_by_display_width():
    rows = [finding("DUP-001", "warning", "fail", "income.items[2], income.items[4]", "经营收入列示了2次"),
            finding("SUM-001", "error", "pass", "income.items", "一致")]
    lines = render(rows).splitlines()
    assert len(lines) == 3
    # the last column (说明) starts at the same display column on every line
    starts = [display_width(line[: line.index(text)]) for line, text in zip(lines, ["说明", "经营收入", "一致"])]
    assert len(set(starts)) == 1


def test_colour_only_for_failing_rows_and_only_when_asked():
    rows = [finding("DUP-001", "warning", "fail", "x", "重复"), finding("SUM-001", "error", "pass", "y", "一致")]
    assert "\033[" not in render(rows)
    coloured = render(rows, colour=True).splitlines()
    assert coloured[1].startswith("\033[33m") and coloured[1].endswith("\033[0m")  # warning: yellow
    assert "\033[" not in coloured[2]


def test_summary_counts_failures_by_severity_and_passes():
    rows = [finding("A", "error", "fail", "", ""), finding("B", "warning", "fail", "", ""),
            finding("C", "warning", "fail", "", ""), finding("D", "error", "pass", "", ""),
            finding("E", "info", "n/a", "", "")]
    assert summary(rows) == "不通过：错误 1，警告 2，提示 0；通过 1 项"
