"""The data model of one department's self-evaluation: frozen dataclasses, Decimal money."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import takewhile
from decimal import Decimal

from .grades import Scale, scale_named


@dataclass(frozen=True)
class Department:
    """Who the report is about."""

    name: str
    code: str
    year: int
    short_name: str = ""
    unit: str = "万元"
    score: Decimal | None = None   # 部门整体自评得分
    grade: str | None = None       # 部门整体评价等级, as written


@dataclass(frozen=True)
class Staff:
    """Head counts at year end (编制) and the change during the year."""

    administrative: Decimal | None = None
    institutional: Decimal | None = None
    change: Decimal | None = None
    change_reason: str = ""


@dataclass(frozen=True)
class LineItem:
    """One income or expenditure line: an amount and the share the report states for it."""

    name: str
    amount: Decimal
    share: Decimal | None = None


@dataclass(frozen=True)
class Section:
    """本年收入 or 本年支出: a stated total (合计) and its lines."""

    total: Decimal
    items: tuple[LineItem, ...] = ()
    grand_total: Decimal | None = None  # 收入总计 / 支出总计 where the report states it


@dataclass(frozen=True)
class Carryover:
    """The terms that turn this year's income and spending into the 总计 figures."""

    # None means the report does not state the term: it then adds no rounding slack either.
    opening: Decimal | None = None       # 年初结转和结余
    surplus_used: Decimal | None = None  # 使用非财政拨款结余
    distribution: Decimal | None = None  # 结余分配
    closing: Decimal | None = None       # 年末结转和结余


@dataclass(frozen=True)
class Funds:
    """The money block of a 项目支出绩效自评表."""

    initial_budget: Decimal | None = None    # 年初预算数
    full_year_budget: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None          # 全年执行数


@dataclass(frozen=True)
class Execution:
    """The 预算执行率 row: its weight (分值) and the score it was given (得分)."""

    weight: Decimal
    score: Decimal | None = None


# Comparison words a table writes, in their canonical (ASCII) form.
DIRECTIONS: dict[str, str] = {
    ">=": ">=", "≥": ">=", "≧": ">=", "＞＝": ">=", "<=": "<=", "≤": "<=", "≦": "<=", "＜＝": "<=",
    "=": "=", "＝": "=", "==": "=", ">": ">", "＞": ">", "<": "<", "＜": "<",
}
DIRECTION_SHOWN = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}
# Comparisons written in words inside a target ("不低于95%", "95%以上"), as common as the signs.
WORD_DIRECTIONS: dict[str, str] = {
    "不低于": ">=", "不少于": ">=", "大于等于": ">=", "大于或等于": ">=", "达到": ">=", "不高于": "<=", "不超过": "<=",
    "不多于": "<=", "不大于": "<=", "小于等于": "<=", "小于或等于": "<=", "控制在": "<=", "大于": ">", "高于": ">",
    "超过": ">", "小于": "<", "低于": "<", "等于": "=",
}
WORD_AFTER = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<="}
PERCENT_UNITS = ("%", "％")
_OPERATORS = "|".join(sorted(map(re.escape, {**DIRECTIONS, **WORD_DIRECTIONS}), key=len, reverse=True))
_MEASURE = re.compile(rf"\s*(?P<op>{_OPERATORS})?\s*(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
                      rf"(?P<suffix>\S*?)\s*")


@dataclass(frozen=True)
class Measure:
    """A target (年度指标值) or actual (实际完成值) as written, and its number when it is quantitative."""

    raw: Decimal | str               # exactly as the params file has it
    value: Decimal | None = None     # None: a text (qualitative) value such as 有效提升
    percent: bool = False
    operator: str | None = None      # a comparison written inside the text ("≥8000"), canonical

    @classmethod
    def parse(cls, raw: Decimal | str, unit: str = "") -> Measure:
        """Read a number out of text like "≥8000", "95%" or "3天"; anything else stays qualitative."""
        in_percent = unit in PERCENT_UNITS
        if isinstance(raw, Decimal):
            return cls(raw, raw, in_percent)
        match = _MEASURE.fullmatch(raw)
        if match is None:
            return cls(raw)
        op = DIRECTIONS.get(match["op"]) or WORD_DIRECTIONS.get(match["op"]) if match["op"] else None
        suffix = match["suffix"]
        after = next((w for w in sorted(WORD_AFTER, key=len, reverse=True) if suffix.endswith(w)), None)
        if after is not None:  # "95%以上", "控制在5%以内"
            suffix, op = suffix[:-len(after)], op or WORD_AFTER[after]
        # Only a bare suffix that is a percent sign or the indicator's own unit keeps the value a number:
        # "100%完成" or "约8000条" say something a bare comparison would not.
        if suffix not in ("", *PERCENT_UNITS, unit):
            return cls(raw)
        return cls(raw, Decimal(match["num"].replace(",", "")), in_percent or suffix in PERCENT_UNITS, op)

    @property
    def shown(self) -> str:
        """The value as written."""
        return format(self.raw, "f") if isinstance(self.raw, Decimal) else self.raw


TOTAL_ROW_NAMES = frozenset({"合计", "总计", "总分", "合计得分"})


@dataclass(frozen=True)
class Indicator:
    """One indicator row of a score table (一级/二级/三级指标, target, actual, weight, score)."""

    name: str
    weight: Decimal | None  # None: the table prints no 分值 column (得分 only), as some regions' templates do
    score: Decimal | None = None
    level1: str = ""
    level2: str = ""
    direction: str | None = None     # canonical: >=, <=, =, >, <
    target: Measure | None = None
    actual: Measure | None = None
    unit: str = ""

    @cached_property  # checks ask many times; a frozen dataclass still has a __dict__ to cache in
    def is_total(self) -> bool:
        """Whether this is the table's 合计 row, which is never an indicator of its own."""
        return "".join(self.name.split()) in TOTAL_ROW_NAMES or "".join(self.level1.split()) in TOTAL_ROW_NAMES

    @property
    def comparison(self) -> str | None:
        """The direction that judges this row: the stated one, else the one written in the target."""
        return self.direction or (self.target.operator if self.target else None)


_HEADING = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.]")   # '一、示范区建立'
_ITEM = re.compile(r"^\s*\d{1,2}\s*[、.)]")                      # '1、水稻侧深施肥'


def subtotals(rows: tuple[Indicator, ...]) -> frozenset[int]:
    """The rows numbered 一、二、… whose 1、2、… rows below add up to them (score, and weight where printed): headings
    with their items in one table, which a sum would count twice."""
    found = set()
    for k, row in enumerate(rows):
        if not _HEADING.match(row.name):
            continue
        items = list(takewhile(lambda r: _ITEM.match(r.name) is not None, rows[k + 1:]))
        sums = [(getattr(row, key), [getattr(i, key) for i in items]) for key in ("score", "weight")]
        known = [(own, parts) for own, parts in sums if own is not None and None not in parts]
        if len(items) >= 2 and known and all(sum(parts, Decimal(0)) == own for own, parts in known):
            found.add(k)
    return frozenset(found)


DEPARTMENT_PARTS = frozenset({"基本支出", "项目支出"})
DEPARTMENT_WIDE = frozenset({"部门整体支出", "整体支出"}) | DEPARTMENT_PARTS


@dataclass(frozen=True)
class Project:
    """One project with its money and self-evaluation result, as far as the report gives them.

    `budget` / `spent` are the short form; a score table states the same figures under `funds`.
    """

    name: str
    budget: Decimal | None = None
    spent: Decimal | None = None
    score: Decimal | None = None
    grade: str | None = None  # as written (优, 良好, B…): the report's grading scale says which band it names
    funds: Funds | None = None
    execution: Execution | None = None
    indicators: tuple[Indicator, ...] = ()

    @property
    def budget_amount(self) -> Decimal | None:
        """The full-year budget: the table's 全年预算数 when it has one, else `budget`."""
        if self.funds is not None and self.funds.full_year_budget is not None:
            return self.funds.full_year_budget
        return self.budget

    @property
    def rate_budget(self) -> tuple[Decimal | None, str]:
        """What the execution rate divides by, and its name: the full-year budget, else a table's only budget
        column, its 年初预算数 (templates that print no other score 执行率 = B/A on it). Never an overspend's base."""
        if self.budget_amount is not None:
            return self.budget_amount, "全年预算数"
        return (self.funds.initial_budget, "年初预算数") if self.funds is not None else (None, "")

    @property
    def is_department_wide(self) -> bool:
        """A score table of the department's whole spending (or its 基本/项目 part), read like a project's: not one
        of the department's projects when projects are added up."""
        return "".join(self.name.split()) in DEPARTMENT_WIDE

    @property
    def is_part(self) -> bool:
        """A 基本支出 / 项目支出 row of a department table, scored on its own: an execution row, not a whole table."""
        return "".join(self.name.split()) in DEPARTMENT_PARTS and not self.indicators

    @property
    def spent_amount(self) -> Decimal | None:
        """The spending: the table's 全年执行数 when it has one, else `spent`."""
        if self.funds is not None and self.funds.executed is not None:
            return self.funds.executed
        return self.spent

    @property
    def spent_key(self) -> str:
        """Where the spending figure sits in the params file, below projects[i]."""
        return "funds.executed" if self.funds is not None and self.funds.executed is not None else "spent"

    @property
    def has_table(self) -> bool:
        """Whether the project carries a score table (an execution row or indicators)."""
        return self.execution is not None or bool(self.indicators)

    @cached_property
    def rows(self) -> tuple[Indicator, ...]:
        """The indicator rows that count: every row but a 合计 row and a numbered heading that sums its items."""
        heads = subtotals(self.indicators)
        return tuple(row for k, row in enumerate(self.indicators) if not row.is_total and k not in heads)


@dataclass(frozen=True)
class Claims:
    """What the report's text asserts about its projects."""

    project_count: int | None = None
    min_score: Decimal | None = None
    grade: str | None = None
    min_grade: str | None = None   # 良好及以上: every project at least this grade


DOCUMENT_KINDS = ("自评报告", "决算", "预算")


@dataclass(frozen=True)
class YearOnYear:
    """A stated change against last year (与上年相比增加X万元，增长Y%): signed, as printed."""

    figure: str                  # the figure's Chinese name (本年收入合计, 项目支出…)
    amount: Decimal | None = None  # 增加 positive, 减少 negative
    rate: Decimal | None = None    # percent; 增长 positive, 下降 negative


@dataclass(frozen=True)
class Completion:
    """A stated share of the budget achieved (完成预算的100%) for one figure."""

    figure: str
    rate: Decimal


@dataclass(frozen=True)
class Report:
    """Everything one params file says about one department and year."""

    department: Department
    income: Section
    expenditure: Section
    staff: Staff | None = None
    carryover: Carryover | None = None
    projects: tuple[Project, ...] = ()
    claims: Claims | None = None
    source: str = ""
    grading: str = ""              # the grading scale's name (grades.SCALES); "" is the default 优良中差
    kind: str = ""                 # 自评报告 / 决算 / 预算 as the params file states it (document.kind); "" unstated
    year_on_year: tuple[YearOnYear, ...] = ()
    completion: tuple[Completion, ...] = ()

    @property
    def scale(self) -> Scale:
        """The grading scale this department's grades are read on."""
        return scale_named(self.grading) or scale_named(None)
