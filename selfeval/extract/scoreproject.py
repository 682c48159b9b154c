"""A project score table read cell by cell, filed as its project: named in the table, or before it."""
from __future__ import annotations

from ..sources_file import where_zh
from .cells import cells_of
from .document import Block, Source
from .result import Extraction
from .scoretable import TableReader, is_funds_header, is_indicator_header


def read_score_table(blocks: list[Block], caption: str, ex: Extraction) -> bool:
    """Read a project score table from its rows; False (nothing read) when the rows are not one."""
    rows = [c for c in map(cells_of, blocks) if c is not None]
    if not any(is_indicator_header(r) or is_funds_header(r) for r in rows):
        return False
    if any(is_funds_header(r) and any(c.compact == "项目名称" for c in r) for r in rows):
        return False  # 项目名称 heading a money column: a table of projects, one to a row
    reader = TableReader(ex, caption)
    for cells in rows:
        reader.row(cells)
    reader.close()
    file_project(reader, blocks[0], caption, ex)
    return True


def file_project(reader: TableReader, first: Block, caption: str, ex: Extraction) -> None:
    """Add what the table gave to its project (named in the table, or in the line before it)."""
    fields = reader.fields
    if reader.row_total is not None:
        fields.setdefault("score", reader.row_total)
    name = fields.pop("name", None) or _named_before(reader, first, caption, ex)
    if name is None:
        ex.skip(f"{where_zh(first.lines[0].where)}：评分表中及其前一行都没有项目名称，未读取")
        return
    project = ex.add_project(name[0], name[1])
    if reader.lost:
        ex.rows_lost.add(name[0])
    for key, found in fields.items():
        project.setdefault(key, found)
    if reader.indicators:
        project["indicators"] = (tuple(i for i, _ in reader.indicators), reader.indicators[0][1])
        for k, (_, source) in enumerate(reader.indicators):
            project[f"indicators[{k}]"] = (None, source)
    for label, funds, execution, source in reader.parts:  # a department table's 基本支出 / 项目支出, scored apart
        ex.add_project(label, source, funds=(funds, source), execution=(execution, source))
    if "funds" in project:  # the table's money block replaces the short form (the loader refuses both)
        project.pop("budget", None)
        project.pop("spent", None)


def _named_before(reader: TableReader, first: Block, caption: str, ex: Extraction) -> tuple[str, Source] | None:
    """The name of a table that prints none: the 项目名称 before it; 部门整体支出 for a whole department's table (as
    the flattened reader names it); or the score table just before it, when that one gave a money block and no
    rows (its indicators printed as a second table)."""
    from .projects import PROJECT_NAME  # noqa: PLC0415 - projects imports the table readers' neighbours

    m = PROJECT_NAME.search(caption)
    last = ex.projects[-1] if ex.projects else None
    goes_on = bool(reader.indicators) and last is not None and "indicators" not in last and bool(
        {"funds", "execution"} & last.keys())
    if m is None and "部门整体支出" not in caption and not goes_on:
        return None
    named = m["name"] if m else "部门整体支出" if "部门整体支出" in caption else last["name"][0]  # type: ignore[index]
    return named, first.source(0, min(len(first.text), 40))
