"""The data model of one department's self-evaluation: frozen dataclasses, Decimal money."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Department:
    """Who the report is about."""

    name: str
    code: str
    year: int
    short_name: str = ""
    unit: str = "万元"


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
class Project:
    """One project with its money and self-evaluation result, as far as the report gives them."""

    name: str
    budget: Decimal | None = None
    spent: Decimal | None = None
    score: Decimal | None = None
    grade: str | None = None  # canonical (优秀 / 良好 / 中等 / 差)


@dataclass(frozen=True)
class Claims:
    """What the report's text asserts about its projects."""

    project_count: int | None = None
    min_score: Decimal | None = None
    grade: str | None = None


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
