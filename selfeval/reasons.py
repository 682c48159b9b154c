"""A failed department's reason as shown to people: its file named once, the run's own words in Chinese."""
from __future__ import annotations

import re
from pathlib import Path

# A line that starts with the file it is about: "/x/p.yaml: income.total: …", "b.xlsx: 部门!A4: …", "r.pdf: …".
_LEADING_FILE = re.compile(r"^(?P<file>[^\n:]*?\.(?:ya?ml|xlsx|xlsm|pdf|docx|html?|txt)): ", re.IGNORECASE)
# The run's own English phrases (a tool's quoted text after them stays as it is).
_ZH = (
    (re.compile(r"^cannot read: "), "无法读取："),
    (re.compile(r"^worker process died$"), "工作进程意外退出"),
    (re.compile(r"^Dask task failed: "), "Dask 任务失败："),
    (re.compile(r"^PDF failed: "), "PDF 生成失败："),
    (re.compile(r"^PDF skipped: "), "未生成 PDF："),
    (re.compile(r"^cell (\d+) raised "), r"第 \1 个单元格出错："),
)


def _names(params: str) -> set[str]:
    """The names a reason may start with for this department: its params file, or its workbook (book:code)."""
    path = Path(params)
    names = {path.name}
    if ":" in path.name:  # a workbook's department: "<dir>/<book stem>:<code>"
        names |= {path.name.split(":", 1)[0] + suffix for suffix in (".xlsx", ".xlsm")}
    return names


def reason_shown(reason: str, params: str) -> str:
    """The reason with the department's own file dropped from the start of each line, in Chinese where it is ours."""
    names = _names(params)
    lines = []
    for line in reason.splitlines() or [""]:
        match = _LEADING_FILE.match(line)
        if match and Path(match["file"]).name in names:
            line = line[match.end():]
        for pattern, zh in _ZH:
            line = pattern.sub(zh, line, count=1)
        lines.append(line)
    return "\n".join(lines)
