"""What extraction found: values by params key path, each with its Source, plus what it could not read."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..money import interval, meet
from .document import Source


@dataclass(frozen=True)
class Item:
    """One line of a stated breakdown: name, amount in 万元, stated share, and where it was read."""

    name: str
    amount: Decimal
    share: Decimal | None
    source: Source
    share_of: str = ""  # the words between 占 and the share (本年收入, 收入总计的), when printed


@dataclass
class Statement:
    """A stated total and its breakdown ("收入合计X万元，其中：A…，B…")."""

    kind: str                      # income / expenditure / budget / projects
    label: str                     # the words of the total, e.g. 本年收入合计
    total: Decimal | None
    source: Source
    items: list[Item] = field(default_factory=list)

    def words(self) -> str:
        """The total and its lines in the report's terms ("预算总额2.7万元及其3项明细")."""
        return f"{self.label}{self.total}万元" + (f"及其{len(self.items)}项明细" if self.items else "")


@dataclass(frozen=True)
class Change:
    """A year-on-year change: amount and rate as printed, and the current figure it applies to."""

    subject: str                   # income / expenditure / both
    direction: int                 # +1 increase, -1 decrease
    amount: Decimal
    rate: Decimal
    source: Source
    current: Decimal | None = None  # this year's figure, when the sentence prints it beside the change
    label: str = ""                 # the figure's own words (商品和服务支出), when it is not a 总计
    rate_direction: int = 0         # the rate's own word: +1 增长/增幅, -1 下降/减幅, 0 as the amount's


@dataclass(frozen=True)
class Fulfilment:
    """"…年初预算为A万元，支出决算为B万元，完成年初预算的R%": a line's final figure against its budget."""

    label: str
    budget: Decimal
    final: Decimal
    rate: Decimal
    source: Source


@dataclass(frozen=True)
class Count:
    """A stated count with the names listed beside it ("A、B、C等3个项目")."""

    stated: int
    noun: str
    listed: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Conflict:
    """The same figure stated twice with different values."""

    key: str
    first: object
    first_source: Source
    second: object
    second_source: Source


@dataclass
class Extraction:
    """Everything read from one report, ready to become a params file and to be audited."""

    file: str
    code: str
    values: dict[str, tuple[object, Source]] = field(default_factory=dict)
    sections: dict[str, Statement] = field(default_factory=dict)   # income / expenditure breakdowns
    budgets: list[Statement] = field(default_factory=list)
    projects: list[dict[str, tuple[object, Source]]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    fulfilments: list[Fulfilment] = field(default_factory=list)  # 完成年初预算的x% statements
    counts: list[Count] = field(default_factory=list)
    headcounts: list = field(default_factory=list)  # headcount.HeadCount: a head count and its parts (TXT-010)
    grade_statements: list[tuple[str, Source]] = field(default_factory=list)
    scores_stated: bool = False
    conflicts: list[Conflict] = field(default_factory=list)
    not_extracted: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    placeholders: int = 0
    # Statements printed with another year than the report's: (year, statement, how to file it), kept
    # aside and used only when the report states no figure of that kind for its own year.
    other_years: list[tuple[int, Statement, object]] = field(default_factory=list)
    # Projects whose score table stops before its 合计 row with weights short of 100: the text was cut inside
    # the table, so whether its weights make 100 cannot be judged from what was read.
    unclosed: set[str] = field(default_factory=set)
    # Projects whose score table had rows the reader left out: their weights and scores as read do not add up to
    # the table's own, so the checks of those sums cannot judge them.
    rows_lost: set[str] = field(default_factory=set)
    # A budget document (单位预算说明, 部门预算公开): its 收入预算 / 支出预算 are the year's income and expenditure.
    budget_document: bool = False
    # The sections of an OCR'd score table glued into one run of text (ocrscores), read once for the one project:
    # its rows are filed from them, or TXT-008 bounds its stated total by them. None: no such table.
    ocr_sections: list | None = None

    def put(self, key: str, value: object, source: Source) -> None:
        """Record a value; a second, different value for the same key is kept as a conflict."""
        if key not in self.values:
            self.values[key] = (value, source)
            return
        first, first_source = self.values[key]
        if first != value and not agree(first, value):
            self.conflicts.append(Conflict(key, first, first_source, value, source))

    def get(self, key: str) -> object | None:
        """The value under a key path, or None."""
        found = self.values.get(key)
        return None if found is None else found[0]

    def note(self, text: str) -> None:
        """Add a note once."""
        if text not in self.notes:
            self.notes.append(text)

    def skip(self, text: str) -> None:
        """Record something seen but not read with confidence, once."""
        if text not in self.not_extracted:
            self.not_extracted.append(text)

    def add_project(self, name: str, source: Source, **fields: tuple[object, Source]) -> dict:
        """A project by name (merging with one already found under that name)."""
        for project in self.projects:
            if project["name"][0] == name:
                for key, found in fields.items():
                    project.setdefault(key, found)
                return project
        project = {"name": (name, source), **fields}
        self.projects.append(project)
        return project

    @property
    def found_anything(self) -> bool:
        """Whether any figure at all was read."""
        figures = [k for k in self.values if not k.startswith("department.")]
        return bool(figures or self.sections or self.budgets or self.projects)


def agree(a: object, b: object) -> bool:
    """Two amounts that are one figure under the rounding rule (1286.40万元 and 12864012.34元)."""
    return isinstance(a, Decimal) and isinstance(b, Decimal) and meet(interval(a), interval(b))
