"""Who the report is about: department name, short name, year, head counts; and the params code."""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path

from .document import Block
from .result import Extraction

NAME_FIELD = re.compile(r"(?:单位|部门)(?:\s*[(（]\s*单位\s*[)）])?(?:名称|全称)\s*[:：|]\s*(?P<name>[^\s,，;；。:：|]{2,40})")
# A title's name, then its year; a year followed by its month is a date in a table cell, not a title's year.
TITLE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,40}?)(?:关于)?\s*(?P<year>(?:19|20)\d{2})\s*年度?(?!\s*\d{1,2}\s*月)")
TITLE_YEAR = re.compile(r"[(（]?(?P<year>(?:19|20)\d{2})\s*年度?[)）]?")
TITLE_WORDS = re.compile(r"报告|说明|自评表|评价表|决算|预算")
ANY_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度")
NOT_A_NAME = re.compile(r"^第.{1,3}(?:部分|章|节)|^(?:关于|根据|按照|对|本|我)|报告|说明|自评表|评价表")
UNIT_FIELD = re.compile(r"(?:(?:项目)?(?:实施单位|项目单位)(?:\s*[(（]\s*盖章\s*[)）])?\s*[:：|]?|(?:^|\|)\s*部门\s*\|)\s*"
                        r"(?P<name>[\u4e00-\u9fff][^\s,，;；。:：|/]{1,39}?)(?=\s|\||$|[,，;；。/])")
GLUED_HEAD = re.compile(r"全年|年初|项目资金|主管部门|资金情况|预算|绩效|项目负责人")
PUBLISHED = re.compile(r"(?<=..)(?:公布|发布|公开|印发|披露)$")
FILE_NAME = re.compile(r"\.(?:docx?|pdf|wps|txt)\s*$", re.IGNORECASE)
STAFF = re.compile(r"(?P<n>\d+)\s*(?:个|名)?\s*(?P<kind>事业|行政)编(?:制)?(?:人员)?|(?P<kind2>事业|行政)编制\s*(?:人数)?\s*"
                   r"(?:为|:)?\s*(?P<n2>\d+)\s*(?:人|名)")
CHANGE = re.compile(r"人员(?P<dir>减少|增加)\s*(?P<n>\d+)\s*(?:名|人)\s*[,，]?\s*(?P<reason>[^。;；,，\d]{2,20})?")
_CODE_BAD = re.compile(r"[^a-z0-9-]+")
SHORT_NAME = re.compile(r"[\u4e00-\u9fff]{2,30}")
HEAD_BLOCKS = 12  # a title sits among the first blocks; later "2019年" are dates of documents cited


def derive_code(path: str | Path) -> str:
    """A params code from the file name: lowercased, other characters to '-', or a hash if none is left."""
    stem = Path(path).stem
    code = _CODE_BAD.sub("-", stem.lower()).strip("-")[:64].strip("-")
    return code or "report-" + hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]


def _title(blocks: list[Block], ex: Extraction) -> None:
    for i, block in enumerate(blocks[:HEAD_BLOCKS]):
        if not TITLE_WORDS.search(block.text) or FILE_NAME.search(block.text):
            continue
        if i and TITLE_YEAR.match(block.text) and SHORT_NAME.fullmatch(blocks[i - 1].text.strip()) \
                and not NOT_A_NAME.search(blocks[i - 1].text.strip()):  # "第二部分" above "2018年度部门决算情况说明"
            # A title in two lines: the department's (short) name, then "2022年度…报告".
            prev, m = blocks[i - 1], TITLE_YEAR.match(block.text)
            ex.put("department.title_name", prev.text.strip(), prev.source(0, len(prev.text)))
            ex.put("department.year", int(m["year"]), block.source(m.start(), m.end()))
            return
        m = TITLE.search(block.text)
        if m and not NOT_A_NAME.search(m["name"]):
            name = PUBLISHED.sub("", m["name"])  # "教育部公布2024年度部门决算": the name stops before the verb
            ex.put("department.title_name", name, block.source(m.start("name"), m.start("name") + len(name)))
            ex.put("department.year", int(m["year"]), block.source(m.start(), m.end()))
            return
        m = TITLE_YEAR.search(block.text)
        if m:
            ex.put("department.year", int(m["year"]), block.source(m.start(), m.end()))
            return


BUDGET_TITLE = re.compile(r"预算(?:说明|公开|情况说明)|(?:部门|单位)预算")
NOT_BUDGET = re.compile(r"决算|自评|评价")


def read_department(blocks: list[Block], ex: Extraction) -> None:
    """Name (from 单位名称 or the title), short name, and year; whether the report is a budget document."""
    _title(blocks, ex)
    head = " ".join(b.text for b in blocks[:HEAD_BLOCKS])
    ex.budget_document = bool(BUDGET_TITLE.search(head)) and not NOT_BUDGET.search(head)
    for block in blocks:
        m = NAME_FIELD.search(block.text)
        if m:
            ex.put("department.name", m["name"], block.source(m.start("name"), m.end("name")))
            break
    title_name = ex.values.pop("department.title_name", None)
    if title_name is not None:
        if "department.name" not in ex.values:
            ex.values["department.name"] = title_name
        elif title_name[0] != ex.get("department.name"):
            ex.values["department.short_name"] = title_name
    if "department.name" not in ex.values:
        _unit_field(blocks, ex)
    if "department.year" not in ex.values:
        for block in blocks:
            m = ANY_YEAR.search(block.text)
            if m:
                ex.put("department.year", int(m["year"]), block.source(m.start(), m.end()))
                break


def _unit_field(blocks: list[Block], ex: Extraction) -> None:
    """A project table names no department but its 实施单位 (项目单位): the unit that reports on the project."""
    for block in blocks:
        m = UNIT_FIELD.search(block.text)
        name = GLUED_HEAD.split(m["name"])[0] if m else ""  # OCR glues the next cells on: 卫生院全年预算数…
        if len(name) >= 2 and not NOT_A_NAME.search(name):
            ex.put("department.name", name, block.source(m.start("name"), m.start("name") + len(name)))
            return


def read_staff(block: Block, ex: Extraction) -> None:
    """Year-end head counts by kind of 编制 and the change with its reason."""
    for m in STAFF.finditer(block.text):
        kind = m["kind"] or m["kind2"]
        key = "staff.administrative" if kind == "行政" else "staff.institutional"
        ex.put(key, Decimal(m["n"] or m["n2"]), block.source(m.start(), m.end()))
    m = CHANGE.search(block.text)
    if m and "staff.change" not in ex.values and any(k.startswith("staff.") for k in ex.values):
        n = Decimal(m["n"]) * (-1 if m["dir"] == "减少" else 1)
        source = block.source(m.start(), m.end())
        ex.put("staff.change", n, source)
        if m["reason"]:
            ex.put("staff.change_reason", m["reason"].strip(), source)
