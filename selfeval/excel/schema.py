"""The layout of a departments workbook: one sheet per part of the params schema, keyed by department code.

Row 1 of a sheet holds the Chinese headers, row 2 the params key of each column (what the reader goes by),
data from row 3. A key with `[]` is a list: each row of the sheet is one element of it, in row order.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..grades import SCALES
# What a column holds decides how a cell is read and written and how Excel validates it: the params schema's kinds.
from ..schema import (CODE, DECIMAL_KINDS, DIRECTION, GRADE, INT, KEYS, MEASURE, MONEY, NUMBER, SCALE,  # noqa: F401
                      SHARE, SIGNED, TEXT, UNIT)

HEADER_ROWS = 2
FIRST_DATA_ROW = HEADER_ROWS + 1
CODE_KEY = "department.code"
PROJECT_NO_KEY = "projects[]"          # 项目序号: links a project's indicator rows to it
PROJECT_NAME_KEY = "projects[].name"
EXAMPLE_KEY = "example"                # 示例行: a department row marked here is the template's example, skipped
EXAMPLE_MARK = "示例"

# every scale's words for Excel's list (full-width letters are read, not offered)
GRADES = tuple(dict.fromkeys(w for scale in SCALES.values() for w in scale.words if not "Ａ" <= w <= "Ｚ"))
SCALE_WORDS = tuple(SCALES)
DIRECTION_WORDS = (">=", "<=", "=", ">", "<", "≥", "≤")
UNIT_WORDS = ("万元", "元", "亿元")


@dataclass(frozen=True)
class Column:
    """One column: its params key, Chinese header, kind and display width."""

    key: str
    head: str
    kind: str
    width: int = 14

    @cached_property  # asked once per cell read
    def rel(self) -> str:
        """The key below the row's own path: `amount` for income.items[].amount."""
        return self.key.rsplit("[].", 1)[-1] if "[]." in self.key else self.key

    @cached_property
    def parts(self) -> tuple[str, ...]:
        """The rel key's parts: ("funds", "executed")."""
        return tuple(self.rel.split("."))


@dataclass(frozen=True)
class Sheet:
    """One sheet: its title, the params part it holds, and whether a department has one row or many."""

    title: str
    part: str                       # the list or block this sheet's rows fill ("" for the department row)
    columns: tuple[Column, ...]
    many: bool = False              # several rows per department (a list), else at most one

    @cached_property  # a frozen dataclass still has a __dict__ to cache in; read once per cell
    def by_key(self) -> dict[str, Column]:
        """The columns by params key."""
        return {c.key: c for c in self.columns}

    def column(self, key: str) -> Column | None:
        """The column with this params key, if the sheet has one."""
        return self.by_key.get(key)


def _col(key: str, width: int = 14) -> Column:
    """A column of a params key, headed by the schema's own label and read as its kind: declared once."""
    return Column(key, KEYS[key].label, KEYS[key].kind, width)


def _code() -> Column:
    return _col(CODE_KEY, 22)


def _items(title: str, part: str) -> Sheet:
    return Sheet(title, part, (
        _code(), _col(f"{part}[].name", 22), _col(f"{part}[].amount"), _col(f"{part}[].share", 12)), many=True)


DEPARTMENTS = Sheet("部门", "", (
    _code(), _col("department.name", 40), _col("department.short_name", 20),
    _col("department.year", 8), _col("department.unit", 10),
    _col("income.total"), _col("income.grand_total"),
    _col("expenditure.total"), _col("expenditure.grand_total"),
    _col("grading", 14), _col("department.score", 16),
    _col("department.grade", 16), Column(EXAMPLE_KEY, "示例行", TEXT, 10)))
STAFF = Sheet("人员编制", "staff", (
    _code(), _col("staff.administrative"), _col("staff.institutional"),
    _col("staff.change"), _col("staff.change_reason", 20)))
INCOME = _items("收入", "income.items")
EXPENDITURE = _items("支出", "expenditure.items")
CARRYOVER = Sheet("结转结余", "carryover", (
    _code(), _col("carryover.opening", 16),
    _col("carryover.surplus_used", 20),
    _col("carryover.distribution"), _col("carryover.closing", 16)))
PROJECTS = Sheet("项目", "projects", (
    _code(), Column(PROJECT_NO_KEY, "项目序号", INT, 10), _col(PROJECT_NAME_KEY, 36),
    _col("projects[].budget"), _col("projects[].spent"),
    _col("projects[].funds.initial_budget"),
    _col("projects[].funds.full_year_budget"),
    _col("projects[].funds.executed"),
    _col("projects[].execution.weight", 16),
    _col("projects[].execution.score", 16),
    _col("projects[].score", 10), _col("projects[].grade", 10)), many=True)
INDICATORS = Sheet("绩效指标", "projects[].indicators", (
    _code(), Column(PROJECT_NO_KEY, "项目序号", INT, 10), _col(PROJECT_NAME_KEY, 30),
    _col("projects[].indicators[].level1", 12),
    _col("projects[].indicators[].level2", 18),
    _col("projects[].indicators[].name", 24),
    _col("projects[].indicators[].direction", 10),
    _col("projects[].indicators[].target", 16),
    _col("projects[].indicators[].actual", 16),
    _col("projects[].indicators[].unit", 10),
    _col("projects[].indicators[].weight", 8),
    _col("projects[].indicators[].score", 8)), many=True)
CLAIMS = Sheet("报告声明", "claims", (
    _code(), _col("claims.project_count", 18),
    _col("claims.min_score", 18), _col("claims.grade", 18),
    _col("claims.min_grade", 22)))

SHEETS: tuple[Sheet, ...] = (DEPARTMENTS, STAFF, INCOME, EXPENDITURE, CARRYOVER, PROJECTS, INDICATORS, CLAIMS)
BY_TITLE: dict[str, Sheet] = {s.title: s for s in SHEETS}
README_TITLE = "说明"

README_LINES = (
    "绩效自评数据工作簿（selfeval）：每个部门在“部门”表占一行，其余各表以“部门代码”对应到部门。",
    "第 1 行为中文表头，第 2 行为参数键（程序按第 2 行识别各列，请勿修改）；数据从第 3 行起。第 2 行为空的列视为备注，不读取。",
    "金额、占比、分值、得分请按报告所印填写（如 20.00），单元格格式为“文本”，以保留小数位数：小数位数决定四舍五入的容差。",
    "以数字格式填写的金额按其最短十进制表示读取；以万元计的金额超过两位小数视为输入错误。公式按 Excel 保存时的计算结果读取。",
    "收入、支出、项目、绩效指标各表中，同一部门的行按表中顺序读取。绩效指标以“项目序号”（或唯一的项目名称）对应到项目。",
    "“人员编制”“结转结余”“报告声明”每个部门至多一行；报告未载明的数字留空。",
    "指标方向为 >=、<=、=、>、<（或 ≥、≤）；评价等级按“评价等级体系”列所选体系填写，照报告原文（不填为 优良中差：优秀/良好/中等/差，或 优/良/中/较差；"
    "另有 好较好一般差、合格不合格、ABCD）。",
    "以文本输入、形如数字的指标值（如 '8000）带有 Excel 的前导撇号标记，读取时保留为文本。",
    "“部门”表“示例行”列非空的部门是示例（模板自带的示例行标为“示例”），检查、拆分和批量运行时连同其各表数据一并跳过；"
    "在示例行上改填本单位数据时，请清空该格或删除示例行。",
)
