"""Project score tables (项目支出绩效自评表) read cell by cell: funds, the 预算执行率 row, indicators, the total.

A table is recognised by its header rows: one naming the money columns (年初预算数 / 全年预算数 / 全年执行数,
with 分值 and 得分 for the execution row), one naming the indicator columns (一级指标 … 三级指标, 指标值,
实际完成值, 分值, 得分). A row is read only when each of its cells sits under a header; what cannot be placed
is left out and listed under not-extracted. A 合计 row's 分值 is never read as a score.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..grades import normalize_grade
from ..model import TOTAL_ROW_NAMES, WORD_AFTER, WORD_DIRECTIONS, Execution, Funds, Indicator, Measure
from ..sources_file import where_zh
from .cells import Cell, by_column, number, rejoin
from .document import Source
from .numbers import NUM, UNIT, parse, to_wan
from .result import Extraction

_PAREN = r"(?:\([A-Za-z/]*\))?"
INDICATOR_HEADS = {"level1": r"一级指标", "level2": r"二级指标", "name": r"三级指标|指标名称|具体指标",
                   "target": r"(?:年度)?(?:指标值|目标值)", "actual": r"(?:全年)?实际(?:完成)?值|完成值|实际完成",
                   "weight": r"分值|权重(?:\(%\))?", "score": r"得分|自评得分|实际得分", "unit": r"计量单位|单位"}
FUNDS_HEADS = {"initial_budget": r"年初预算数?", "full_year_budget": r"全年预算数?|调整后?预算数?",
               "executed": r"全年执行数|实际执行数|执行数", "weight": r"分值", "score": r"得分", "rate": r"执行率"}
MONEY_ROW = re.compile(r"资金总额|年度资金|合计")
PART_ROWS = ("基本支出", "项目支出")  # a department table's parts, each with its own 分值 / 得分 in some templates
UNIT_WORD = re.compile(r"(?:单位\s*[:：]?\s*|\()(?P<unit>亿元|万元|元)")
_MONEY = re.compile(r"\s*(?P<num>" + NUM + r")\s*(?P<unit>" + UNIT + r")?\s*")
EXECUTION_NAMES = re.compile(r"^预算执行(?:率|情况)?$")
SCORE_LABEL = re.compile(r"^(?:自评得分|总得分|总分|自评总分|综合得分)$")
GRADE_LABEL = re.compile(r"^(?:评价等级|自评等级|绩效等级|自评结果)$")
_MEASURE_UNIT = re.compile(r"^[^\d\s.%]{1,2}$")


def header_map(cells: list[Cell], heads: dict[str, str]) -> dict[str, int]:
    """Field → column for a header row (each header text matched whole, a trailing (A) or (B) allowed)."""
    found: dict[str, int] = {}
    for cell in cells:
        for key, pattern in heads.items():
            if key not in found and re.fullmatch(f"(?:{pattern}){_PAREN}", cell.compact):
                found[key] = cell.col
                break
    return found


def is_indicator_header(cells: list[Cell]) -> bool:
    """Names the indicator column and the weight column, or target, actual and 得分 (a table with no 分值)."""
    found = header_map(cells, INDICATOR_HEADS)
    return "name" in found and ("weight" in found or {"target", "actual", "score"} <= set(found))


def is_funds_header(cells: list[Cell]) -> bool:
    """Names at least two of the money columns."""
    return len(set(header_map(cells, FUNDS_HEADS)) & {"initial_budget", "full_year_budget", "executed"}) >= 2


class TableReader:
    """Reads one table's rows in order, switching between its funds part and its indicator part."""

    def __init__(self, ex: Extraction, caption: str) -> None:
        self.ex, self.caption = ex, caption
        self.fields: dict[str, tuple[object, Source]] = {}
        self.indicators: list[tuple[Indicator, Source]] = []
        self.mode, self.cols, self.width = "", {}, 0
        self.levels = ["", ""]
        self.row_total: tuple[Decimal, Source] | None = None  # the 合计 row's 得分: the total when none is stated
        self.unit = self._unit(caption)
        self.parts: list[tuple[str, Funds, Execution, Source]] = []  # 基本支出 / 项目支出 rows scored on their own
        self.pending: list[Cell] | None = None  # a text row that may go on on the next line
        self.lost = 0  # rows left out (cells that fit no column, a weight that is no number): the sums are not whole

    @staticmethod
    def _unit(text: str) -> str | None:
        m = UNIT_WORD.search(text.replace("（", "(").replace("）", ")"))
        return m["unit"] if m else None

    def row(self, cells: list[Cell]) -> None:
        """One row, put back together first when copying broke it over two lines."""
        if self.pending is not None:
            short, self.pending = self.pending, None
            joined = rejoin(short, cells, self.width)
            if joined is None:
                self._read(short)
            cells = joined or cells
        if self.mode == "funds" and len(cells) < self.width and not cells[0].source.where.startswith("table "):
            self.pending = cells
            return
        self._read(cells)

    def close(self) -> None:
        """The table's end: a row still waiting for its second line is read as it is."""
        if self.pending is not None:
            self._read(self.pending)
            self.pending = None

    def _read(self, cells: list[Cell]) -> None:
        """One row: a header switches the part; a body row is read under the current header."""
        if is_funds_header(cells):
            self.mode, self.cols, self.width = "funds", header_map(cells, FUNDS_HEADS), len(cells)
            self.unit = self._unit(" ".join(c.text for c in cells)) or self.unit
        elif is_indicator_header(cells):
            self.mode, self.cols, self.width = "indicators", header_map(cells, INDICATOR_HEADS), len(cells)
        elif not self._is_total_row(cells) and self._labels(cells):
            return
        elif self.mode == "funds":
            self._funds(cells)
        elif self.mode == "indicators":
            self._indicator(cells)

    def _is_total_row(self, cells: list[Cell]) -> bool:
        """A 合计 / 总分 row laid out under the indicator header (its numbers are 分值 and 得分, not a label's value)."""
        return (self.mode == "indicators" and cells[0].compact in TOTAL_ROW_NAMES | {"总分"}
                and (len(cells) == self.width or cells[0].source.where.startswith("table ")))

    def _labels(self, cells: list[Cell]) -> bool:
        """'项目名称 | X', '自评得分 | 92', '评价等级 | 优秀' anywhere in the row."""
        used = False
        for label, value in zip(cells, cells[1:]):
            if label.compact == "项目名称" and value.text:
                self.fields.setdefault("name", (value.text, value.source))
                used = True
            elif SCORE_LABEL.match(label.compact) and number(value.text) is not None:
                self.fields.setdefault("score", (number(value.text), value.source))
                used = True
            elif GRADE_LABEL.match(label.compact) and normalize_grade(value.compact):
                self.fields.setdefault("grade", (normalize_grade(value.compact), value.source))
                used = True
        return used

    def _placed(self, cells: list[Cell]) -> dict[int, Cell] | None:
        """The row's cells by column, or None (and a note) when a text row lost cells."""
        if not cells[0].source.where.startswith("table ") and len(cells) != self.width:  # .docx rows have a grid
            where = row_source(cells).where
            self.ex.skip(f"{where_zh(where)}：表格行“{' | '.join(c.text for c in cells)}”有{len(cells)}格，"
                         f"而表头有{self.width}列，各格无法对应到列，未读取")
            self.lost += 1
            return None
        return by_column(cells)

    def _money(self, cell: Cell | None) -> Decimal | None:
        m = _MONEY.fullmatch(cell.text) if cell is not None else None
        if m is None or not (m["unit"] or self.unit):
            return None
        return to_wan(parse(m["num"]), m["unit"] or self.unit)

    def _funds(self, cells: list[Cell]) -> None:
        """The 年度资金总额 row: the three amounts, and the execution row's 分值 / 得分 when the header has them."""
        row = self._placed(cells)
        first = min(self.cols.values())
        label = "".join(c.compact for col, c in (row or {}).items() if col < first)
        if row is None:
            return
        source = row_source(cells)
        if "funds" in self.fields or not MONEY_ROW.search(label):
            funds, execution = self._amounts(row), self._points(row)
            if label in PART_ROWS and funds is not None and execution is not None:
                self.parts.append((label, funds, execution, source))
            return
        funds = self._amounts(row)
        if funds is None:
            self.ex.skip(f"{where_zh(source.where)}：资金行“{label}”没有注明单位（万元／元）的金额，未读取")
            return
        self.fields["funds"] = (funds, source)
        if (execution := self._points(row)) is not None:
            self.fields["execution"] = (execution, source)

    def _amounts(self, row: dict[int, Cell]) -> Funds | None:
        amounts = {k: self._money(row.get(self.cols[k])) for k in ("initial_budget", "full_year_budget", "executed")
                   if k in self.cols}
        return Funds(**{k: v for k, v in amounts.items() if v is not None}) if any(amounts.values()) else None

    def _points(self, row: dict[int, Cell]) -> Execution | None:
        """The row's 分值 and 得分, when the header has a 分值 column and the row fills it."""
        weight = number(row[self.cols["weight"]].text) if "weight" in self.cols and self.cols["weight"] in row else None
        score = number(row[self.cols["score"]].text) if "score" in self.cols and self.cols["score"] in row else None
        return Execution(weight, score) if weight is not None else None

    def _text(self, row: dict[int, Cell], key: str) -> str:
        cell = row.get(self.cols[key]) if key in self.cols else None
        return cell.text if cell is not None else ""

    def _indicator(self, cells: list[Cell]) -> None:
        """One indicator row, the 预算执行率 row, or the 合计 row."""
        row = self._placed(cells)
        if row is None:
            return
        for i, key in enumerate(("level1", "level2")):
            # a merged cell is printed once: an empty level cell continues the group above it
            self.levels[i] = self._text(row, key) or self.levels[i]
        name = self._text(row, "name")
        first = "".join(self._text(row, "level1").split()) or "".join(name.split())
        weight_text, score_text = self._text(row, "weight"), self._text(row, "score")
        weight, score = number(weight_text), number(score_text)
        source = row_source(cells)
        if not name and first not in TOTAL_ROW_NAMES | {"总分"}:
            return
        if weight is None and "weight" in self.cols:
            self.ex.skip(f"{where_zh(source.where)}：指标“{name or first}”的分值“{weight_text}”不是数字，未读取")
            self.lost += 1
            return
        if weight is None and score is None:  # a table of 得分 alone: a row with no score gives nothing to check
            self.ex.skip(f"{where_zh(source.where)}：指标“{name or first}”既没有分值栏也没有得分，未读取")
            self.lost += 1
            return
        if score_text and score is None:
            self.ex.skip(f"{where_zh(source.where)}：指标“{name}”的得分“{score_text}”不是数字，其得分未读取")
        if first in TOTAL_ROW_NAMES | {"总分"}:
            self._total(weight, score, source)
        elif EXECUTION_NAMES.match("".join(name.split())) or EXECUTION_NAMES.match("".join(self.levels[0].split())):
            if weight is not None:
                self._execution(weight, score, source)
        else:
            self.indicators.append((self._make(row, name, weight, score), source))

    def _make(self, row: dict[int, Cell], name: str, weight: Decimal | None, score: Decimal | None) -> Indicator:
        target, actual = self._text(row, "target"), self._text(row, "actual")
        unit = self._text(row, "unit") or measure_unit(target, actual)
        return Indicator(name=name, weight=weight, score=score, level1=self.levels[0], level2=self.levels[1],
                         target=Measure.parse(target, unit) if target else None,
                         actual=Measure.parse(actual, unit) if actual else None, unit=unit)

    def _total(self, weight: Decimal | None, score: Decimal | None, source: Source) -> None:
        self.indicators.append((Indicator(name="合计", weight=weight, score=score), source))
        if score is None:
            self.ex.skip(f"{where_zh(source.where)}：合计行的{weight}是分值合计（未列得分），不作为得分读取")
        else:  # a copy: one object in two places would be written as a YAML alias
            self.row_total = (Decimal(str(score)), source)

    def _execution(self, weight: Decimal, score: Decimal | None, source: Source) -> None:
        found = self.fields.get("execution")
        if found is not None and found[0] != Execution(weight, score):
            self.ex.skip(f"{where_zh(source.where)}：又一个预算执行率行（{weight}／{score}）与"
                         f"{where_zh(found[1].where)}的不同，保留先读到的")
            return
        self.fields.setdefault("execution", (Execution(weight, score), source))


def row_source(cells: list[Cell]) -> Source:
    """The whole row as one source: its line (or table row) and its cells' text."""
    where = cells[0].source.where.rsplit(", cell ", 1)[0]
    snippet = " | ".join(c.text for c in cells if c.text)
    return Source(where, snippet if len(snippet) <= 80 else snippet[:79] + "…")


_COMPARISON_WORDS = re.compile("^(?:" + "|".join(sorted(WORD_DIRECTIONS, key=len, reverse=True)) + ")|(?:"
                               + "|".join(sorted(WORD_AFTER, key=len, reverse=True)) + ")$")


def measure_unit(target: str, actual: str) -> str:
    """The unit both values print after their number (条, 人, 万元), or '' when they do not agree on one."""
    found = set()
    for text in (target, actual):
        text = _COMPARISON_WORDS.sub("", text)  # "不低于500人次", "500人次以上": the unit is 人次
        m = re.fullmatch(r"\s*[<>=≥≤≧≦＞＜＝]*\s*" + NUM + r"\s*(?P<unit>\S*)\s*", text)
        if m is None:
            return ""
        found.add(m["unit"])
    unit = found.pop() if len(found) == 1 else ""
    return unit if _MEASURE_UNIT.match(unit) else ""
