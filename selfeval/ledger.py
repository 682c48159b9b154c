"""整改台账 (rectification ledger): one row per failing finding of every department of an output folder.

Each row has a fingerprint that stays the same from year to year (department code, check, and the place
with list positions replaced by the names of the lines and projects), so last year's ledger carries
over: a finding still there is 未整改, one gone from a department checked again is 已整改.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Callable, Iterable

from .checks import Finding, run_checks, text_findings_of
from .errors import InputError, Problem
from .evidence import MANIFEST
from .excel.findings import table_sheet
from .excel.write import save_book
from .findings_view import COLUMNS, key_terms, ordered
from .loader import load
from .locate import Locator, locator, place
from .model import Report
from .notes import STATUSES, load_notes, review
from .safezip import refuse_bombs
from .sources_file import read_sidecar

TITLE, README_TITLE = "整改台账", "说明"
FINGERPRINT, CODE, YEAR = "指纹", "部门代码", "年度"
FIRST_SEEN, PREVIOUS, STATUS, DEADLINE, MEASURES = "首次发现年度", "上期整改状态", "整改状态", "整改期限", "整改措施"
# the findings view's columns a ledger row shows, in the ledger's order (its own columns around them)
_VIEW = ("check", "title", "severity", "message", "where")
_VALUES = ("expected", "actual")
HEADERS = (FINGERPRINT, CODE, "部门名称", YEAR, *(COLUMNS[c].header for c in _VIEW), "来源位置",
           *(COLUMNS[c].header for c in _VALUES), "审核意见", "复核人", "意见时间", FIRST_SEEN, PREVIOUS, STATUS,
           DEADLINE, MEASURES)
PERSISTS, FIXED, UNCHECKED = "未整改", "已整改", "未复核"
CHOICES = (PERSISTS, "整改中", FIXED)
README = (
    "每行是一条不通过的检查结果；“整改状态”“整改期限”“整改措施”三列由财政部门填写。",
    "“指纹”由部门代码、检查编号和位置算出，位置中的序号换成收支项目、项目和指标的名称，逐年不变，用来与上期台账对应。",
    f"以 --previous 给出上期台账时：上期已有、本期仍在的问题标为“{PERSISTS}”，并带入上期的首次发现年度、整改期限和整改措施；"
    f"上期有、本期该部门已复核但不再出现的问题标为“{FIXED}”；本期未复核该部门（未包含或运行失败）的标为“{UNCHECKED}”。"
    f"上期已标为“{FIXED}”的行不再带入。",
    "来源位置：工作簿中的单元格（如 收入!C5），由报告提取的参数为报告的页码、行号，其余为参数文件的行号。",
    "审核意见只列仍然有效的意见；所注检查结果已变化或不再不通过的意见已过期，不列入。",
)
_INDEXED = re.compile(r"(income|expenditure)\.items\[(\d+)\]|projects\[(\d+)\](?:\.indicators\[(\d+)\])?")


def stable_where(report: Report, where: str) -> str:
    """A finding's place with list positions replaced by names: income.items〔其他收入〕, projects〔X〕.indicators〔Y〕."""
    def named(match: re.Match) -> str:
        """One indexed part of a place, by name."""
        section, item, project, indicator = match.groups()
        try:
            if section:
                return f"{section}.items〔{getattr(report, section).items[int(item)].name}〕"
            p = report.projects[int(project)]
            text = f"projects〔{p.name}〕"
            return text + (f".indicators〔{p.indicators[int(indicator)].name}〕" if indicator is not None else "")
        except IndexError:
            return match.group(0)
    return _INDEXED.sub(named, where)


def fingerprint(code: str, check: str, where: str) -> str:
    """16 hex digits of the SHA-256 of code, check and stable place: the same finding, year after year."""
    return hashlib.sha256(f"{code}|{check}|{where}".encode("utf-8")).hexdigest()[:16]


def _note_cells(note: dict | None) -> tuple[str, str, str]:
    if not note:
        return "", "", ""
    text = f"{STATUSES.get(str(note.get('status')), '')} {note.get('note', '')}".strip()
    return text, str(note.get("reviewer", "")), str(note.get("time", ""))


def finding_rows(report: Report, findings: list[Finding], notes: dict,
                 where_of: Callable[[str], str]) -> list[dict[str, object]]:
    """The ledger rows of one department: its failing findings, worst first, with the current note on each."""
    d = report.department
    failing = ordered(f for f in findings if f.status == "fail")
    rows, seen = [], {}
    current = review(notes, findings).current
    for f in failing:
        stable = stable_where(report, f.where)
        seen[(f.check, stable)] = seen.get((f.check, stable), 0) + 1
        n = seen[(f.check, stable)]
        note, by, time = _note_cells(current.get(f"{f.check} {f.where}".strip()))
        view = {COLUMNS[c].header: COLUMNS[c].cell(f) for c in (*_VIEW, *_VALUES)}
        rows.append({FINGERPRINT: fingerprint(d.code, f.check, stable + (f"#{n}" if n > 1 else "")), CODE: d.code,
                     "部门名称": d.name, YEAR: d.year, **view, "来源位置": where_of(f.where), "审核意见": note,
                     "复核人": by, "意见时间": time, FIRST_SEEN: d.year, PREVIOUS: "", STATUS: "", DEADLINE: "",
                     MEASURES: ""})
    return rows


def folder_rows(out_dir: Path) -> tuple[list[dict[str, object]], set[str]]:
    """Every failing finding of every department an output folder ran, and the codes of those departments."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError([Problem(str(out_dir / MANIFEST), "", f"不是可读的 selfeval 清单：{exc}")]) from None
    rows: list[dict[str, object]] = []
    checked: set[str] = set()
    for entry in manifest.get("departments", []):
        params = entry.get("parameters", {}).get("params_path", "")
        if entry.get("status") == "failed" or not params:
            continue
        report = load(out_dir / params)
        side = read_sidecar(out_dir / params)
        where_of = _placer(locator(out_dir, params, entry.get("origin"), report.department.code), side)
        findings = run_checks(report) + text_findings_of(side)
        rows += finding_rows(report, findings, load_notes(out_dir / params), where_of)
        checked.add(report.department.code)
    return rows, checked


def _placer(locate: Locator, side: dict | None) -> Callable[[str], str]:
    """How a finding's 来源位置 is told: its key paths placed in the source; a text check's place, which is
    already a place in the report, beside the report's file name."""
    document = Path(side["document"]).name if side else ""

    def where_of(where: str) -> str:
        return f"{document} {where}" if document and where and key_terms(where) is None else place(locate, where)
    return where_of


def read_ledger(path: Path) -> list[dict[str, object]]:
    """The rows of a ledger workbook (this one's layout, by header), for carrying over; InputError if it is not one."""
    from openpyxl import load_workbook  # noqa: PLC0415

    refuse_bombs(path)  # sized by its zip directory before openpyxl unpacks anything
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file it cannot read
        raise InputError([Problem(str(path), "", f"不是可读的 Excel 工作簿：{exc}")]) from None
    try:
        ws = book[TITLE] if TITLE in book.sheetnames else book.worksheets[0]
        lines = ws.iter_rows(values_only=True)
        heads = [str(h).strip() if h is not None else "" for h in next(lines, ())]
        if FINGERPRINT not in heads:
            raise InputError([Problem(str(path), ws.title, f"没有“{FINGERPRINT}”列；不是 selfeval ledger 写的整改台账")])
        return [{h: v for h, v in zip(heads, line) if h} for line in lines if any(v not in (None, "") for v in line)]
    finally:
        book.close()


def carry_over(rows: list[dict[str, object]], previous: Iterable[dict[str, object]],
               checked: set[str]) -> list[dict[str, object]]:
    """This period's rows with last period's carried over by fingerprint: 未整改, 已整改 or 未复核."""
    before = {str(r.get(FINGERPRINT) or ""): r for r in previous if r.get(FINGERPRINT)}
    for row in rows:
        old = before.pop(str(row[FINGERPRINT]), None)
        if old is not None:
            row.update({FIRST_SEEN: old.get(FIRST_SEEN) or old.get(YEAR) or row[YEAR], PREVIOUS: old.get(STATUS) or "",
                        STATUS: PERSISTS, DEADLINE: old.get(DEADLINE) or "", MEASURES: old.get(MEASURES) or ""})
    gone = []
    for old in before.values():
        if old.get(STATUS) == FIXED:
            continue  # rectified in an earlier period: not carried again
        status = FIXED if str(old.get(CODE) or "") in checked else UNCHECKED
        gone.append({h: old.get(h, "") for h in HEADERS} | {PREVIOUS: old.get(STATUS) or "", STATUS: status})
    return rows + sorted(gone, key=lambda r: r[STATUS] != FIXED)


def write_ledger(rows: list[dict[str, object]], path: Path) -> Path:
    """Write the ledger workbook: the rows (filters, frozen header, a list for 整改状态) and a 说明 sheet."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    book = Workbook(write_only=True)
    ws = table_sheet(book, TITLE, HEADERS, [tuple("" if r.get(h) is None else r.get(h) for h in HEADERS) for r in rows])
    letter = get_column_letter(HEADERS.index(STATUS) + 1)
    choice = DataValidation("list", formula1='"' + ",".join(CHOICES + (UNCHECKED,)) + '"', allow_blank=True)
    choice.add(f"{letter}2:{letter}1048576")
    ws.data_validations.append(choice)  # type: ignore[attr-defined]
    table_sheet(book, README_TITLE, (README_TITLE,), [(line,) for line in README])
    return save_book(book, path)


def build_ledger(out_dir: Path, output: Path, previous: Path | None = None) -> list[dict[str, object]]:
    """The ledger of an output folder (carried over from `previous` when given), written to `output`."""
    rows, checked = folder_rows(out_dir)
    if previous is not None:
        rows = carry_over(rows, read_ledger(previous), checked)
    write_ledger(rows, output)
    return rows
