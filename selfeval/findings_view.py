"""One presentation model of findings, which every table of them renders: terminal, notebook, panel, workbooks, CSV.

The columns (an id, the Chinese header, how a cell is read from a Finding), the order rows are shown in (failing
first, worst severity first), the counts a summary gives, and a place for each finding's source (来源). A column
added here appears in every table built from `table()`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, NamedTuple

from .checks import TEXT_FINDINGS
from .checks.registry import FAIL, NA, PASS, SEVERITIES, UNCHECKED, Finding, declared
from .schema import KEYS, PARTS, generic
from .sources_file import place_and_words, where_zh

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_ZH = {PASS: "通过", FAIL: "不通过", NA: "不适用", UNCHECKED: "无法检查"}
SourceCell = Callable[[Finding], str]  # a finding's 来源 cell, from whatever source a renderer has


@dataclass(frozen=True)
class Column:
    """One column of a findings table: stable id, Chinese header, and its cell for a finding."""

    id: str
    header: str
    cell: Callable[[Finding], str]


def title(check_id: str) -> str:
    """A check's registered Chinese title, or '' for an id no registry declares."""
    chk = declared(check_id)
    return chk.title if chk else ""


COLUMNS: dict[str, Column] = {c.id: c for c in (
    Column("department", "部门代码", lambda f: f.department), Column("file", "文件", lambda f: f.file),
    Column("check", "检查", lambda f: f.check), Column("title", "检查项目", lambda f: title(f.check)),
    Column("severity", "级别", lambda f: SEVERITY_ZH.get(f.severity, f.severity)),
    Column("status", "结果", lambda f: STATUS_ZH.get(f.status, f.status)), Column("where", "位置", lambda f: f.where),
    Column("source", "来源", lambda f: ""),  # filled by the source a renderer has (see table())
    Column("expected", "应为", lambda f: f.expected), Column("actual", "实为", lambda f: f.actual),
    Column("difference", "差额", lambda f: f.difference), Column("message", "说明", lambda f: f.message))}
# The findings table as the terminal, notebook and panel show it; the workbook adds who and what in front.
STANDARD = ("check", "severity", "status", "where", "source", "expected", "actual", "difference", "message")
WORKBOOK = ("department", "file", "check", "title", "severity", "status", "where", "source", "expected", "actual",
            "difference", "message")


class Table(NamedTuple):
    """Findings laid out: the columns shown, their headers, the findings in the order shown, and their cells."""

    columns: tuple[str, ...]
    headers: list[str]
    findings: list[Finding]
    rows: list[list[str]]


def rank(finding: Finding) -> tuple[bool, int]:
    """Sort key: failing before the rest, and within each, errors, then warnings, then info."""
    severity = SEVERITIES.index(finding.severity) if finding.severity in SEVERITIES else len(SEVERITIES)
    return finding.status != FAIL, severity


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the order every table shows them (stable: checks keep their order within a rank)."""
    return sorted(findings, key=rank)


def table(findings: Iterable[Finding], columns: Iterable[str] = STANDARD, source: SourceCell | None = None,
          order: bool = True) -> Table:
    """Findings as a table of the given columns; the 来源 column only when a source is given."""
    shown = tuple(c for c in columns if c != "source" or source is not None)
    cells = [source if c == "source" else COLUMNS[c].cell for c in shown]
    rows = ordered(findings) if order else list(findings)
    return Table(shown, [COLUMNS[c].header for c in shown], rows, [[cell(f) for cell in cells] for f in rows])


class Counts(NamedTuple):
    """How many findings failed at each severity, and how many passed, did not apply or could not be checked."""

    error: int
    warning: int
    info: int
    passed: int
    not_applicable: int
    unchecked: int

    @property
    def failing(self) -> int:
        """Failing findings of any severity."""
        return self.error + self.warning + self.info

    def by_severity(self) -> dict[str, int]:
        """Failing counts keyed by severity id, in severity order."""
        return {"error": self.error, "warning": self.warning, "info": self.info}


def counts(findings: Iterable[Finding]) -> Counts:
    """The counts of a set of findings."""
    n = dict.fromkeys((*SEVERITIES, PASS, NA, UNCHECKED), 0)
    for f in findings:
        n[f.severity if f.status == FAIL else f.status] += 1
    return Counts(n["error"], n["warning"], n["info"], n[PASS], n[NA], n[UNCHECKED])


# ---- the 来源 of a finding: the figures it compares, as the report read them ----

_WHERE_SPLIT = re.compile(r",\s*|\s*/\s*")


def source_key(where: str, found: Mapping[str, object], check: str = "") -> str | None:
    """The key of the first figure read behind a finding's `where` ("income.items[1], income.items[4]" → the
    first one read): the key itself, its amount, or the line it belongs to."""
    for part in _WHERE_SPLIT.split(where):
        part = part.strip()
        # BAL-001 compares the 总计 figures when the report states them, whatever its where says.
        grand = [part.replace(".total", ".grand_total")] if check == "BAL-001" else []
        for key in (*grand, part, f"{part}.amount", part.rsplit(".", 1)[0]):
            if key in found:
                return key
    return None


def sidecar_source(side: dict | None) -> SourceCell | None:
    """The 来源 cell of each finding of a department read from a report (its sources sidecar); None without one."""
    if side is None:
        return None
    said = {(r.get("check"), r.get("where"), r.get("message")): (r.get("source_where", ""), r.get("source_text", ""))
            for r in side.get(TEXT_FINDINGS, ())}
    figures = side.get("sources", {})

    def cell(f: Finding) -> str:
        key = source_key(f.where, figures, f.check)
        place, words = said.get((f.check, f.where, f.message)) or (
            (figures[key]["where"], figures[key]["snippet"]) if key else ("", ""))
        return place_and_words(place, words) if place else ""
    return cell


# ---- a finding's place in the report's own terms: income.items[1].share → 本年收入 第2项 占比 ----

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")
_SECTIONS = {"income": "本年收入", "expenditure": "本年支出"}
_UNIT = re.compile(r"（[^）]*）$")


def _label(path: str) -> str | None:
    """The Chinese name of a part or key at a generic path, its unit in brackets dropped."""
    if path in _SECTIONS:
        return _SECTIONS[path]
    key, part = KEYS.get(path), PARTS.get(path)
    name = key.label if key else part.label if part else None
    return _UNIT.sub("", name) if name else None


def _terms(where: str) -> str | None:
    """One key path in Chinese, or None when it is not a params key path (a place in a document, say)."""
    words: list[str] = []
    path, part = "", False  # part: the last word names a part, which a key inside it may make redundant
    for name, index in _STEP.findall(where.strip()):
        if index:
            if not words:
                return None  # a list position with no list before it is no key path
            listed = path.split(".")[-1] == "items" and path.split(".")[0] in _SECTIONS
            noun = words.pop()
            noun = _SECTIONS[path.split(".")[0]] if listed else noun
            ordinal = ("各项" if index == "*" else f"第{int(index) + 1}项") if listed else \
                (f"各{noun}" if index == "*" else f"第{int(index) + 1}个{noun}")
            words += [noun, ordinal] if listed else [ordinal]
            path, part = path + "[]", False
            continue
        path = f"{path}.{name}" if path else name
        label = _label(generic(path))
        if label is None:
            return None
        if part and ("[]" not in path or label.startswith(words[-1])):
            words.pop()  # 本年收入 本年收入合计 → 本年收入合计; 人员编制 行政编制 → 行政编制
        words.append(label)
        part = True
    return " ".join(words) or None


def key_terms(where: str) -> str | None:
    """A finding's key paths as the report names them ("本年收入 第2项 占比"), or None when it names no key path."""
    named = [_terms(p) for p in _WHERE_SPLIT.split(where)] if where else []
    return "、".join(dict.fromkeys(named)) if named and all(named) else None  # type: ignore[arg-type]


def place_terms(where: str) -> str:
    """A finding's place in Chinese words: its key paths in the report's terms, or a place in a document."""
    return key_terms(where) or where_zh(where)  # where_zh: page, table, line of the document
