"""The params schema, declared once: each part of a params file, its keys in order, what each holds, its Chinese name.

The loader checks every mapping's keys against it (and names a key by its label in messages), dump writes keys in
its order, and a departments workbook can take its columns' kinds and headers from it. A key path written with
`[]` stands for every element of a list: `income.items[].amount` is the amount of each income line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# What a key holds: decides how the loader reads it and how a workbook cell is formatted and validated.
TEXT, CODE, INT, MONEY, NUMBER, SIGNED, SHARE, MEASURE, GRADE, DIRECTION, UNIT, SCALE = (
    "text", "code", "int", "money", "number", "signed", "share", "measure", "grade", "direction", "unit", "scale")
KIND, FIGURE, PART, LIST = "kind", "figure", "part", "list"  # document kind, a figure's name, a mapping, a list of them
DECIMAL_KINDS = frozenset({MONEY, NUMBER, SIGNED, SHARE})


@dataclass(frozen=True)
class Key:
    """One key of a part: its name, what it holds, its Chinese label, whether required, whether it may be below 0."""

    name: str
    kind: str
    label: str
    required: bool = False
    negative: bool = False  # a negative value is read (a finding's business, or a change), not bad input


@dataclass(frozen=True)
class Part:
    """One mapping of a params file: its path (`projects[].funds`), Chinese name and keys in the order written."""

    path: str
    label: str
    keys: tuple[Key, ...]

    @cached_property  # a frozen dataclass still has a __dict__ to cache in; asked once per mapping read
    def required(self) -> frozenset[str]:
        """The keys a mapping of this part must have."""
        return frozenset(k.name for k in self.keys if k.required)

    @cached_property
    def allowed(self) -> frozenset[str]:
        """Every key a mapping of this part may have."""
        return frozenset(k.name for k in self.keys)

    @cached_property
    def order(self) -> tuple[str, ...]:
        """The keys in the order a params file writes them."""
        return tuple(k.name for k in self.keys)


def _section(path: str, what: str) -> tuple[Part, Part]:
    """本年收入 or 本年支出: the totals, then each line."""
    totals = (Key("total", MONEY, f"本年{what}合计", True), Key("grand_total", MONEY, f"{what}总计"),
              Key("items", LIST, f"{what}项目", True))
    line = (Key("name", TEXT, f"{what}项目", True), Key("amount", MONEY, "金额", True), Key("share", SHARE, "占比（%）"))
    return Part(path, what, totals), Part(f"{path}.items[]", f"{what}项目", line)


TOP = Part("", "参数文件", (
    Key("document", PART, "文件"), Key("department", PART, "部门", True), Key("grading", SCALE, "评价等级体系"),
    Key("staff", PART, "人员编制"), Key("income", PART, "收入", True), Key("carryover", PART, "结转结余"),
    Key("expenditure", PART, "支出", True), Key("projects", LIST, "项目"), Key("claims", PART, "报告声明"),
    Key("year_on_year", LIST, "与上年相比"), Key("budget_completion", LIST, "预算完成率")))
DOCUMENT = Part("document", "文件", (Key("kind", KIND, "文件类型", True),))
DEPARTMENT = Part("department", "部门", (
    Key("name", TEXT, "单位名称", True), Key("code", CODE, "部门代码", True), Key("year", INT, "年度", True),
    Key("short_name", TEXT, "单位简称"), Key("unit", UNIT, "金额单位"),
    # a score out of range is a finding (GRD-003), not bad input
    Key("score", NUMBER, "部门整体自评得分", negative=True), Key("grade", GRADE, "部门整体评价等级")))
STAFF = Part("staff", "人员编制", (
    Key("administrative", SIGNED, "行政编制（人）", negative=True),
    Key("institutional", SIGNED, "事业编制（人）", negative=True),
    Key("change", SIGNED, "编制变动（人）", negative=True), Key("change_reason", TEXT, "变动原因")))
INCOME, INCOME_ITEM = _section("income", "收入")
EXPENDITURE, EXPENDITURE_ITEM = _section("expenditure", "支出")
CARRYOVER = Part("carryover", "结转结余", (
    Key("opening", MONEY, "年初结转和结余"), Key("surplus_used", MONEY, "使用非财政拨款结余"),
    Key("distribution", MONEY, "结余分配"), Key("closing", MONEY, "年末结转和结余")))
PROJECT = Part("projects[]", "项目", (
    Key("name", TEXT, "项目名称", True), Key("budget", MONEY, "预算数"), Key("spent", MONEY, "执行数"),
    Key("funds", PART, "项目资金"), Key("execution", PART, "预算执行率"), Key("indicators", LIST, "绩效指标"),
    # a score below 0 is a finding about the table (SCR-003), not bad input
    Key("score", NUMBER, "自评得分", negative=True), Key("grade", GRADE, "评价等级")))
FUNDS = Part("projects[].funds", "项目资金", (
    Key("initial_budget", MONEY, "年初预算数"), Key("full_year_budget", MONEY, "全年预算数"),
    Key("executed", MONEY, "全年执行数")))
EXECUTION = Part("projects[].execution", "预算执行率", (
    Key("weight", NUMBER, "预算执行率分值", True), Key("score", NUMBER, "预算执行率得分", negative=True)))
INDICATOR = Part("projects[].indicators[]", "绩效指标", (   # the columns of a printed score table, left to right
    Key("level1", TEXT, "一级指标"), Key("level2", TEXT, "二级指标"), Key("name", TEXT, "三级指标", True),
    Key("direction", DIRECTION, "指标方向"), Key("target", MEASURE, "年度指标值"),
    Key("actual", MEASURE, "实际完成值"), Key("unit", TEXT, "计量单位"), Key("weight", NUMBER, "分值"),
    Key("score", NUMBER, "得分", negative=True)))
CLAIMS = Part("claims", "报告声明", (
    Key("project_count", INT, "报告所称项目个数"), Key("min_score", NUMBER, "报告所称最低得分"),
    Key("grade", GRADE, "报告所称评价等级"), Key("min_grade", GRADE, "报告所称最低等级（及以上）")))
YEAR_ON_YEAR = Part("year_on_year[]", "与上年相比", (
    Key("figure", FIGURE, "数字名称", True), Key("amount", MONEY, "增减额", negative=True),
    Key("rate", SHARE, "增减率（%）", negative=True)))
BUDGET_COMPLETION = Part("budget_completion[]", "预算完成率", (
    Key("figure", FIGURE, "数字名称", True), Key("rate", SHARE, "预算完成率（%）", True)))

PARTS: dict[str, Part] = {p.path: p for p in (
    TOP, DOCUMENT, DEPARTMENT, STAFF, INCOME, INCOME_ITEM, EXPENDITURE, EXPENDITURE_ITEM, CARRYOVER, PROJECT, FUNDS,
    EXECUTION, INDICATOR, CLAIMS, YEAR_ON_YEAR, BUDGET_COMPLETION)}
# Every key by its full path: `department.code`, `income.items[].amount`, `projects[].indicators[].weight`.
KEYS: dict[str, Key] = {f"{p.path}.{k.name}" if p.path else k.name: k for p in PARTS.values() for k in p.keys}
_INDEX = re.compile(r"\[\d+\]")


def generic(where: str) -> str:
    """A key path with its list positions dropped: income.items[2].amount → income.items[].amount."""
    return _INDEX.sub("[]", where)


def key_at(where: str) -> Key | None:
    """The key a key path names (`income.items[2].amount`), if the schema declares it."""
    return KEYS.get(generic(where))
