"""Where a finding sits in what the department came from: a workbook cell, a report's line or page, a params line.

A finding's `where` is a params key path ("income.items[2].amount", or several joined by ", "). Workbook
departments are placed through the workbook's own reader (`收入!C5`); params files written by `selfeval
extract` carry `# source: line 19: …` comments, read back here; any other params file is placed by line.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import yaml

from .excel.read import cell_locator

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_COMMENT = re.compile(r"^\s*# (source|[a-z_][a-z_.\[\]0-9]*(?:, [a-z_][a-z_.\[\]0-9]*)*): (.+)$")
_WHERE = re.compile(r"^(?:page \d+, )?(?:lines? \d|table \d|row \d|paragraph \d)")
_LAST = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")
_EXTRACTED = re.compile(r"^# (?:extracted by selfeval from |本文件由 selfeval 读取自：)(.+)$", re.MULTILINE)

Locator = Callable[[str], tuple[str, str]]  # key path → (the file, where in it; "" when only the file is known)


def _parts(key: str) -> list[str | int]:
    """income.items[2].amount → ["income", "items", 2, "amount"]."""
    return [int(index) if index else name for name, index in _PART.findall(key)]


def _node_line(root: yaml.Node | None, key: str) -> int | None:
    """The line (from 1) of the deepest YAML node a key path reaches."""
    node, line = root, None
    for part in _parts(key.split("[*]")[0]):
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def params_lines(path: Path) -> Locator:
    """A params file's key paths as its lines: `x.yaml 第12行`."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        root = None

    def where(key: str) -> tuple[str, str]:
        """The params file and the line of a key path."""
        line = _node_line(root, key)
        return path.name, f"第{line}行" if line else ""
    return where


def _line_path(line: str, state: dict) -> str | None:
    """The key path a YAML line of `selfeval.dump` stands for, tracked as `extract` annotates it."""
    indent = len(line) - len(line.lstrip(" "))
    body = line.strip()
    if body.startswith("- "):
        parent = state["parent"]
        state["counters"][parent] = state["counters"].get(parent, -1) + 1
        return f"{parent}[{state['counters'][parent]}]"
    key, _, value = body.partition(":")
    path = key if indent == 0 else f"{state['top']}.{key}"
    if indent == 0:
        state["top"] = key
    if not value.strip():
        state["parent"] = path
        return None
    return path


def extracted_sources(text: str) -> dict[str, str]:
    """Key path → where in the report (`line 19`, `page 2, line 5`), from an extracted params file's comments."""
    found: dict[str, str] = {}
    pending: list[tuple[str, str]] = []
    state: dict = {"top": "", "parent": "", "counters": {}}
    for line in text.splitlines():
        match = _COMMENT.match(line)
        if match:
            where = match.group(2).partition(": ")[0]
            if _WHERE.match(where):
                pending.append((match.group(1), where))
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        path = _line_path(line, state)
        for keys, where in pending:
            for key in ([path] if keys == "source" else [f"{path}.{k}" for k in keys.split(", ")]):
                if path is not None:
                    found[key] = where
        pending = []
    return found


def report_lines(path: Path) -> Locator | None:
    """For a params file extracted from a report: each key path as the report's page and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    named = _EXTRACTED.search(text)
    if named is None:
        return None
    report, sources = Path(named.group(1).strip()).name, extracted_sources(text)

    def where(key: str) -> tuple[str, str]:
        """The report and where in it the figures of a key path were read."""
        key = key.split("[*]")[0]
        hits = [w for k, w in sources.items() if k == key or k.startswith((key + ".", key + "["))]
        while not hits and key:  # no source for the key itself: the nearest enclosing one that has one
            key = _LAST.sub("", key) if _LAST.search(key) else ""
            hits = [sources[key]] if key in sources else []
        return report, "、".join(dict.fromkeys(hits))
    return where


def locator(out_dir: Path, params: str, origin: dict[str, str] | None, code: str) -> Locator:
    """How to place a department's findings in its source: workbook cells, report lines, or params lines."""
    if origin and origin.get("workbook"):
        book = out_dir / origin["workbook"]
        cells = cell_locator(book, code)
        if cells is not None:
            return lambda key: (book.name, cells(key))
    return report_lines(out_dir / params) or params_lines(out_dir / params)


def place(locate: Locator, where: str) -> str:
    """Where a finding sits, each of its key paths placed: `收入.xlsx 收入!C5、收入!C7`, `x.yaml 第15行、第17行`."""
    keys = [k.strip() for k in where.split(", ") if k.strip()] or [""]
    spots: dict[str, list[str]] = {}
    for key in keys:
        file, spot = locate(key)
        found = spots.setdefault(file, [])
        if spot and spot not in found:
            found.append(spot)
    return "；".join(f"{file} {'、'.join(found)}".strip() for file, found in spots.items())
