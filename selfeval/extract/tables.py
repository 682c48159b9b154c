"""Tables: '|'-flattened text tables, Markdown tables and .docx tables (read as 'cell | cell' rows).

Three kinds are read: income / expenditure tables (a name column, an amount column, maybe a share
column), project tables (项目名称 with 预算 / 执行 / 得分 / 等级 columns), and indicator tables
(指标 with 分值 and maybe 得分), whose 合计 row is a score only when a 得分 column exists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..grades import normalize_grade
from ..sources_file import where_zh
from .document import Block, Source
from .finance import CARRYOVER, LINE_END, SIDES, _PAREN, clean_name
from .functional import classes_only
from .lines import file_lines
from .numbers import NUM, UNIT, parse, to_wan
from .result import Extraction, Item
from .across import is_across, read_across
from .twosided import is_two_sided, read_two_sided

SEPARATOR_ROW = re.compile(r"^[\s|:：\-—=+]+$")
CELL_AMOUNT = re.compile(r"\s*(?P<num>" + NUM + r")\s*(?P<unit>" + UNIT + r")?\s*")
CELL_SHARE = re.compile(r"\s*(?P<num>" + NUM + r")\s*%?\s*")
HEADER_UNIT = re.compile(r"(?:单位\s*[:：]?\s*|[(（])(?P<unit>亿元|万元|元)")
AMOUNT_HEAD = re.compile(r"金额|决算数|本年数|数额|发生额|本年决算|预算数|执行数")
SHARE_HEAD = re.compile(r"占比|比重|比例|%")
# A table titled by one kind of money (一般公共预算财政拨款支出决算表, 政府性基金预算财政拨款收入支出决算表): its 合计
# is that money's, not the department's whole 本年支出合计.
# A unit line under a table's title: "单位：万元", "(万元)".
UNIT_LINE = re.compile(r"\s*(?:(?:金额)?单位\s*[:：]?\s*(?:亿元|万元|元)|[(（](?:亿元|万元|元)[)）])\s*")
KIND_OF_MONEY = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本经营|三公|机关运行经费|政府采购")


@dataclass
class Row:
    """One table row: its block and its cells' text with their start offsets in the block."""

    block: Block
    cells: list[tuple[int, str]]

    def text(self, col: int | None) -> str:
        """The text of a column ('' when absent)."""
        return self.cells[col][1] if col is not None and col < len(self.cells) else ""

    def source(self, col: int | None = None) -> Source:
        """Where the row (or one cell of it) is."""
        if col is not None and col < len(self.cells):
            start, text = self.cells[col]
            return self.block.source(start, start + len(text))
        return self.block.source(self.cells[0][0], self.cells[-1][0] + len(self.cells[-1][1]))


def _row(block: Block) -> Row | None:
    if SEPARATOR_ROW.match(block.text):
        return None
    cells, pos = [], 0
    # tabs are spaces in the normalised text, at the same offsets: cut where the line as read has them
    raw = block.text if "|" in block.text else block.lines[0].text
    for part in raw.split("|" if "|" in block.text else "\t"):
        stripped = block.text[pos:pos + len(part)].strip()
        cells.append((pos + (len(part) - len(part.lstrip())), stripped))
        pos += len(part) + 1
    if cells and not cells[0][1]:
        cells = cells[1:]
    if cells and not cells[-1][1]:
        cells = cells[:-1]
    return Row(block, cells) if len(cells) >= 2 else None


def _column(headers: list[str], pattern: re.Pattern[str], prefer: str = "") -> int | None:
    found = [i for i, h in enumerate(headers) if pattern.search(h)]
    preferred = [i for i in found if prefer and re.search(prefer, headers[i])]
    return (preferred or found or [None])[0]


_OTHER_YEAR = re.compile(r"上年|去年|上期|同期|(?P<year>(?:19|20)\d{2})\s*年")


def _of_other_year(head: str, own: object) -> bool:
    """Whether a column header names another year than the report's (上年决算数, 2022年决算数)."""
    m = _OTHER_YEAR.search(head)
    return m is not None and (m["year"] is None or own is not None and int(m["year"]) != own)


def _year_column(headers: list[str], ex: Extraction) -> int | None:
    """The amount column of the report's year: not one of last year's (上年决算数, 2022年决算数) beside it, and in a
    决算 the 决算数 before a 年初预算数 (a budget document's figures are its 预算数)."""
    own = ex.get("department.year")
    found = [i for i, h in enumerate(headers) if AMOUNT_HEAD.search(h) and not _of_other_year(h, own)]
    preferred = [i for i in found if not ex.budget_document and re.search("本年|决算|执行|金额", headers[i])]
    return (preferred or found or [None])[0]


def _amount(text: str, unit: str | None) -> Decimal | None:
    m = CELL_AMOUNT.fullmatch(text)
    if not m or not (m["unit"] or unit):
        return None
    return to_wan(parse(m["num"]), m["unit"] or unit)


def _finance(rows: list[Row], headers: list[str], unit: str | None, context: str, ex: Extraction) -> None:
    """An income or expenditure table: totals, carry-over terms and lines (the year's figures: 决算数 before a
    年初预算数 column beside it, unless the report is a budget)."""
    amount_col = _year_column(headers, ex) if headers else 1
    share_col = _column(headers, SHARE_HEAD) if headers else None
    names = [clean_name(r.text(0)) for r in rows]
    sides = {SIDES[s] for n in names for s in SIDES if n.endswith(s)}
    side = sides.pop() if len(sides) == 1 else next((SIDES[s] for s in SIDES if s in context), None)
    lines: dict[str, list[Item]] = {"income": [], "expenditure": []}
    for row, name in zip(rows, names):
        value = _amount(row.text(amount_col), unit)
        if value is None:
            ex.skip(f"{where_zh(row.source().where)}：“{row.text(0)}”没有注明单位的金额，未读取")
            continue
        share_text = CELL_SHARE.fullmatch(row.text(share_col)) if share_col is not None else None
        share = parse(share_text["num"]) if share_text else None
        _file_row(name, value, share, row.source(), side, lines, ex)
    for key, items in lines.items():
        if items:
            file_lines(key, classes_only(items, ex.get(f"{key}.total"), ex) if key == "expenditure" else items, ex)


def _file_row(name: str, value: Decimal, share: Decimal | None, source: Source, side: str | None,
              lines: dict[str, list[Item]], ex: Extraction) -> None:
    term = CARRYOVER.get(_PAREN.sub("", name))
    row_side = next((SIDES[s] for s in SIDES if s in name), side)
    if term is not None:
        ex.put(f"carryover.{term}", value, source)
    elif name.endswith(("合计", "总计")) and row_side is not None:
        ex.put(f"{row_side}.{'grand_total' if name.endswith('总计') else 'total'}", value, source)
    elif LINE_END.search(name) and row_side is not None and name.endswith(("收入", "支出")):
        lines[SIDES[name[-2:]]].append(Item(name, value, share, source))
    else:
        ex.skip(f"{where_zh(source.where)}：“{name}”行不是收入表或支出表的一项，未读取")


def _projects(rows: list[Row], headers: list[str], unit: str | None, ex: Extraction) -> None:
    """A table of projects with budget, spending, score and grade columns."""
    cols = {"budget": _column(headers, re.compile("预算"), prefer="调整|全年"),
            "spent": _column(headers, re.compile("执行数|实际支出|支出数")),
            "score": _column(headers, re.compile("得分|自评分")),
            "grade": _column(headers, re.compile("等级|评价结果|自评结果"))}
    name_col = _column(headers, re.compile("项目名称")) or 0  # after a 序号 column, when there is one
    for row in rows:
        name = row.text(name_col)
        if not name or name.endswith(("合计", "总计")) or name == "合计":
            continue
        fields = {}
        for key, col in cols.items():
            text = row.text(col)
            if key in ("budget", "spent"):
                value = _amount(text, unit)
            elif key == "score":
                value = parse(text) if CELL_SHARE.fullmatch(text) else None
            else:
                value = normalize_grade(text) if text else None
            if value is not None:
                fields[key] = (value, row.source())
        ex.add_project(name, row.source(name_col), **fields)


def _indicators(rows: list[Row], headers: list[str], ex: Extraction) -> None:
    """An indicator table: the 合计 row's 得分 is the project's score; without 得分 it only sums weights."""
    score_col = _column(headers, re.compile("得分"))
    for row in rows:
        if not row.text(0).replace(" ", "").startswith("合计"):
            continue
        source = row.source()
        score_text = row.text(score_col)
        if score_col is None or not CELL_SHARE.fullmatch(score_text):
            ex.skip(f"{where_zh(source.where)}：“{source.snippet}”是各项指标分值的合计（没有得分栏），不作为得分读取")
        elif ex.projects and "score" not in ex.projects[-1]:
            ex.projects[-1]["score"] = (parse(score_text), source)
        else:
            ex.skip(f"{where_zh(source.where)}：指标表的合计{score_text}找不到所属项目，未读取")


FIELD_ROW = re.compile(r"^(?:项目名称|自评得分|总得分|评价等级|自评等级|主管部门|实施单位)$")
HEADER_WORDS = re.compile(r"预算|执行|得分|等级|金额|分值|指标")


def _fields(rows: list[Row], ex: Extraction) -> list[Row]:
    """Leading 'label | value' rows of a project table (项目名称 | X, 自评得分 | 92): read, and set aside."""
    while rows and FIELD_ROW.match(rows[0].text(0)) and not HEADER_WORDS.search(rows[0].text(1)):
        row, rows = rows[0], rows[1:]
        label, value = row.text(0), row.text(1)
        if label == "项目名称" and value:
            ex.add_project(value, row.source(1))
        elif ex.projects and "得分" in label and CELL_SHARE.fullmatch(value):
            ex.projects[-1].setdefault("score", (parse(value), row.source(1)))
        elif ex.projects and "等级" in label and normalize_grade(value):
            ex.projects[-1].setdefault("grade", (normalize_grade(value), row.source(1)))
    return rows


def read_table(blocks: list[Block], caption: str, ex: Extraction) -> bool:
    """One table: rows in order, the text before it as its caption (for the unit and the side); whether it gave
    any figure."""
    before = (len(ex.values), len(ex.sections), len(ex.projects))
    _read_table(blocks, caption, ex)
    return (len(ex.values), len(ex.sections), len(ex.projects)) != before


def _read_table(blocks: list[Block], caption: str, ex: Extraction) -> None:
    rows = [r for r in map(_row, blocks) if r is not None]
    if not rows:
        return
    rows = _fields(rows, ex)
    if not rows:
        return
    first = rows[0]
    has_header = not any(CELL_AMOUNT.fullmatch(t) for _, t in first.cells[1:])
    headers = [t for _, t in first.cells] if has_header else []
    body = rows[1:] if has_header else rows
    headers, body = _without_codes(headers, body)
    head_text = " ".join(headers)
    m = HEADER_UNIT.search(head_text) or HEADER_UNIT.search(caption)
    unit = m["unit"] if m else None
    if "指标" in head_text and re.search("分值|权重", head_text):
        _indicators(body, headers, ex)
    elif _is_projects(headers, head_text, body):
        _projects(body, headers, unit, ex)
    elif kind := KIND_OF_MONEY.search(caption):
        title = UNIT_LINE.sub("", caption).strip()[:40]
        ex.skip(f"{where_zh(first.source().where)}：“{title}”是{kind.group()}这一类资金的表，不是本单位的全部收支，"
                "其合计与各行未读取")
    elif is_across(body, headers, clean_name):
        read_across(body, headers, lambda text: _amount(text, unit), _file_row, clean_name, ex)
    elif is_two_sided(body, headers):
        read_two_sided(body, headers, lambda text: _amount(text, unit), _file_row, clean_name, ex)
    else:
        _finance(body, headers, unit, caption + head_text, ex)


_CODE_HEAD = re.compile(r"^(?:功能分类)?(?:科目)?编码$|^科目代码$")
_CODE = re.compile(r"^\d{3,7}$")


def _without_codes(headers: list[str], body: list[Row]) -> tuple[list[str], list[Row]]:
    """A table whose first column is the 科目编码: without it, and with its 类 rows only (a 3-digit code), since the
    款 and 项 rows under them (5 and 7 digits) break the same money down again and are no lines of the total."""
    if not headers or not _CODE_HEAD.match("".join(headers[0].split())):
        return headers, body
    kept = []
    for row in body:
        code = row.text(0)
        if _CODE.match(code):
            if len(code) == 3:
                kept.append(Row(row.block, row.cells[1:]))
        elif len(row.cells) > len(headers) - 1 and not row.text(1):  # "合计 | | 860.00": 合计 in the code column
            kept.append(Row(row.block, row.cells[:1] + row.cells[2:]))
        else:  # "| 合计 | 860.00": its empty code cell dropped when the row was read
            kept.append(row)
    return headers[1:], kept


def _is_projects(headers: list[str], head_text: str, body: list[Row]) -> bool:
    """A project table: headed 项目(名称) with money or score columns, and rows that are not lines."""
    if not headers or not (headers[0].startswith(("项目", "序号")) or "项目名称" in head_text):
        return False
    if not re.search("得分|等级|执行数|预算", head_text) or sum(h.startswith("项目") for h in headers) > 1:
        return False  # two 项目 columns: a two-sided 收支 table
    names = [clean_name(r.text(0)) for r in body]
    return not any(n.endswith(("收入", "支出", "合计", "总计")) for n in names[:-1]) and not (
        names and names[-1].endswith(("收入合计", "支出合计", "总计")))
