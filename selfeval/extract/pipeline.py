"""Extraction end to end: lines → blocks → values with sources → a Report for the loader and the checks."""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Carryover, Claims, Department, LineItem, Project, Report, Section, Staff
from ..sources_file import where_zh
from .department import derive_code, read_department, read_staff
from .document import Block, Source, blocks_of
from .changes import read_changes, settle_bare_changes
from .ocrrows import read_ocr_rows
from .carryover import read_carryover, settle_other_years
from .finance import read_finance
from .fulfilment import read_fulfilments
from .projectlines import read_project_lines, read_the_project
from .projects import (PROJECT_NAME, read_claims, read_counts, read_department_score, read_grade_after,
                       read_project_table, read_weight_totals)
from .reading import RawLine, read_lines
from .cells import is_tab_row
from .cellrows import rebuild
from .flatgrid import read_flat_table
from .government import read_own_level
from .headcount import read_headcounts
from .result import Extraction
from .scoreproject import read_score_table
from .spacedrows import spaced_rows
from .tables import UNIT_LINE, read_table

_SENTENCE = re.compile(r"[。，,；;]")
PLACEHOLDER = re.compile(r"(?<![A-Za-z])[xX]{2,}(?:\.[xX]+)?(?![A-Za-z])")
_READERS = (read_finance, read_own_level, read_carryover, read_changes, read_fulfilments, read_staff, read_headcounts,
            read_counts, read_claims, read_department_score, read_project_table, read_project_lines, read_the_project,
            read_weight_totals)


def _is_row(block: Block) -> bool:
    return len(block.lines) == 1 and block.text.count("|") >= 1 and len(block.text.strip(" |")) > 0


def _starts_table(block: Block) -> bool:
    """A blank line, or a new 项目名称 row, starts another table."""
    return block.after_blank or block.text.lstrip(" |").startswith("项目名称")


def _run(blocks: list[Block], i: int, is_row: object) -> int:
    """The end of the table whose first row is blocks[i]."""
    j = i + 1
    while j < len(blocks) and is_row(blocks[j]) and not _starts_table(blocks[j]):  # type: ignore[operator]
        j += 1
    return j


def _caption(blocks: list[Block], i: int) -> str:
    """The line before a table; when it names no project, the nearest of the three before it that does
    (项目名称 stated above a line of 主管部门 and 实施单位)."""
    caption = blocks[i - 1].text if i else ""
    title = blocks[i - 2].text if i >= 2 else ""
    if UNIT_LINE.fullmatch(caption) and len(title) <= 50 and not _SENTENCE.search(title):
        caption = f"{title} {caption}"  # "单位：万元" under the table's title: the title too
    if "项目名称" not in caption:
        named = next((b.text for b in reversed(blocks[max(0, i - 3):i - 1])
                      if PROJECT_NAME.search(b.text) and not _is_row(b) and not is_tab_row(b)), "")  # not a header
        caption = f"{named} {caption}" if named else caption
    return caption


def _read_blocks(blocks: list[Block], ex: Extraction) -> None:
    i = 0
    while i < len(blocks):
        caption = _caption(blocks, i)
        if (end := read_flat_table(blocks, i, caption, ex)) is not None:  # a score table whose grid was flattened
            for block in (b for b in blocks[i:end] if not _is_row(b) and not is_tab_row(b)):
                for reader in _READERS:  # its text lines may still state a score, a claim, a count
                    reader(block, ex)
                read_grade_after(block, ex)
            if end < len(blocks):
                read_grade_after(blocks[end], ex)
            i = end
            continue
        if _is_row(blocks[i]):
            j = _run(blocks, i, _is_row)
            if not read_score_table(blocks[i:j], caption, ex):
                read_table(blocks[i:j], caption, ex)
            elif j < len(blocks):
                read_grade_after(blocks[j], ex)
            i = j
            continue
        if is_tab_row(blocks[i]):  # tab-separated rows (a web page's table copied): a table if they read as one
            j = _run(blocks, i, is_tab_row)
            if read_score_table(blocks[i:j], caption, ex) or read_table(blocks[i:j], caption, ex):
                if j < len(blocks):
                    read_grade_after(blocks[j], ex)
                i = j
                continue
        for reader in _READERS:
            reader(blocks[i], ex)
        ex.placeholders += len(PLACEHOLDER.findall(blocks[i].text))
        i += 1


def extract_lines(lines: list[RawLine], file: str) -> Extraction:
    """Read every figure the patterns recognise from a report's lines."""
    ex = Extraction(file=file, code=derive_code(file))
    blocks = blocks_of(rebuild(spaced_rows(lines)))
    read_department(blocks, ex)
    _read_blocks(blocks, ex)
    settle_other_years(ex)
    _whole_department(ex)
    settle_bare_changes(blocks, ex)
    read_ocr_rows(lines, ex)
    for st in ex.budgets:
        if st.kind == "budget":
            ex.skip(f"{where_zh(st.source.where)}：{st.words()}是预算数，不是本年支出，参数文件中没有它的位置，"
                    "未采用（其合计由 TXT-004 检查）")
    if not ex.found_anything:
        found = f"；文中有{ex.placeholders}处模板占位符（如 xxxx.xx）" if ex.placeholders else ""
        ex.note(f"未读到任何数字：没有识别出收入、支出、预算或项目的数字{found}")
    return ex


def _whole_department(ex: Extraction) -> None:
    """A 部门整体支出 score table scores the department's whole spending: its score and grade are the department's
    (one the text states otherwise is a conflict, reported by TXT-007)."""
    for project in ex.projects:
        if project["name"][0] == "部门整体支出":
            for field in ("score", "grade"):
                if field in project:
                    ex.put(f"department.{field}", *project[field])


def extract_file(path: str | Path) -> Extraction:
    """Extract from a .pdf / .docx / .html / .txt / .md report; raises InputError when the file cannot be read."""
    return extract_lines(read_lines(path), str(path))


def _section(ex: Extraction, key: str) -> Section | None:
    total = ex.get(f"{key}.total")
    stated = ex.sections.get(key)
    items = tuple(LineItem(i.name, i.amount, i.share) for i in stated.items) if stated else ()
    grand_total = ex.get(f"{key}.grand_total")
    if total is None and grand_total is None and not items:
        return None
    # A 总计 without its 本年合计, or lines whose total the text cut off, are kept: the params stay incomplete,
    # but no figure read is lost.
    return Section(total=total, items=items, grand_total=grand_total)


def _group(ex: Extraction, prefix: str, cls: type, keys: tuple[str, ...]) -> object | None:
    found = {k: ex.get(f"{prefix}.{k}") for k in keys if ex.get(f"{prefix}.{k}") is not None}
    return cls(**found) if found else None


def to_report(ex: Extraction) -> tuple[Report, list[str]]:
    """A Report of what was found, and the required parts that are missing (filled with placeholders)."""
    missing = [f"{k} ({label})" for k, label in (("department.name", "单位名称"), ("department.year", "年度"))
               if ex.get(k) is None]
    income, expenditure = _section(ex, "income"), _section(ex, "expenditure")
    missing += [f"{k} (本年{label}合计)" for k, label, s in
                (("income", "收入", income), ("expenditure", "支出", expenditure)) if s is None or s.total is None]
    department = Department(name=ex.get("department.name") or "", code=ex.code, year=ex.get("department.year"),
                            short_name=ex.get("department.short_name") or "", unit="万元",
                            score=ex.get("department.score"), grade=ex.get("department.grade"))
    # keys such as indicators[2] only carry a row's source
    projects = tuple(Project(**{k: v[0] for k, v in p.items() if "[" not in k}) for p in ex.projects)
    report = Report(department=department, income=income or Section(total=None), source=ex.file,
                    expenditure=expenditure or Section(total=None), projects=projects,
                    staff=_group(ex, "staff", Staff, ("administrative", "institutional", "change", "change_reason")),
                    carryover=_group(ex, "carryover", Carryover, ("opening", "surplus_used", "distribution", "closing")),
                    claims=_group(ex, "claims", Claims, ("project_count", "min_score", "grade")))
    return report, missing


def sources(ex: Extraction) -> dict[str, Source]:
    """Params key path → where the value was read ("income.items[2].amount" → line 19: …)."""
    found = {k: s for k, (_, s) in ex.values.items()}
    for key, stated in ex.sections.items():
        found[f"{key}.items"] = stated.source
        for i, item in enumerate(stated.items):
            for field in ("", ".name", ".amount") + ((".share",) if item.share is not None else ()):
                found[f"{key}.items[{i}]{field}"] = item.source
    for i, project in enumerate(ex.projects):
        found[f"projects[{i}]"] = project["name"][1]
        for field, (_, source) in project.items():
            found[f"projects[{i}].{field}"] = source
    return found
