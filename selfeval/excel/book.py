"""The rows of one workbook by department, and where in the workbook a params key path sits (`收入!C14`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem
from ..fields import MISSING_KEY
from .cells import text_of
from .schema import (CODE_KEY, DEPARTMENTS, EXAMPLE_KEY, INDICATORS, PROJECT_NAME_KEY, PROJECT_NO_KEY, PROJECTS,
                     SHEETS)
from .sheets import Row, SheetData

_ORDER = {s.title: i for i, s in enumerate(SHEETS)}
# Columns that say which department (and project) a row belongs to, rather than hold a value of it.
LINKS: dict[str, frozenset[str]] = {s.title: frozenset({CODE_KEY}) for s in SHEETS}
LINKS[DEPARTMENTS.title] = frozenset({EXAMPLE_KEY})
LINKS[PROJECTS.title] = frozenset({CODE_KEY, PROJECT_NO_KEY})
LINKS[INDICATORS.title] = frozenset({CODE_KEY, PROJECT_NO_KEY, PROJECT_NAME_KEY})


@dataclass
class Dept:
    """One department's rows, the params data built from them, and the problems found on the way."""

    code: str
    row: Row
    unit: str = "万元"
    places: list[tuple[str, Row]] = field(default_factory=list)  # (key path of the row, row)
    problems: list[tuple[tuple, Problem]] = field(default_factory=list)
    bad_paths: set[str] = field(default_factory=set)
    singles: dict[str, Row] = field(default_factory=dict)
    lists: dict[str, list[Row]] = field(default_factory=dict)


class Book:
    """The sheets of one workbook and what the reader found in them."""

    def __init__(self, file: str, sheets: dict[str, SheetData]):
        self.file = file
        self.sheets = sheets
        self.orphans: list[tuple[tuple, Problem]] = []
        self.warnings: list[str] = []   # number cells whose printed decimals are unknown, by cell

    def ref(self, row: Row, key: str) -> str:
        """`sheet!C14` of a row's cell (the row alone when the sheet has no such column)."""
        return self.sheets[row.sheet.title].ref(key, row.number) or f"{row.sheet.title}!{row.number}"

    def order(self, row: Row, key: str = "") -> tuple[int, int, int]:
        """What sorts a place by sheet, row and column."""
        letters = self.sheets[row.sheet.title].letters
        return _ORDER[row.sheet.title], row.number, list(letters).index(key) if key in letters else -1

    def problem(self, row: Row, key: str, message: str) -> tuple[tuple, Problem]:
        """A problem at one cell, with the key that sorts it by sheet, row and column."""
        return self.order(row, key), Problem(self.file, self.ref(row, key), message)

    def row_range(self, row: Row) -> str:
        """`项目!A5:L5`: the read columns of one row."""
        letters = [v for k, v in self.sheets[row.sheet.title].letters.items() if k != EXAMPLE_KEY]
        return f"{row.sheet.title}!{letters[0]}{row.number}:{letters[-1]}{row.number}"

    def code_of(self, row: Row) -> str | None:
        """The department code a row names, as text."""
        cell = row.cells.get(CODE_KEY)
        code = None if cell is None else text_of(cell.value)
        return code if isinstance(code, str) and code else None

    def is_example(self, row: Row) -> bool:
        """Whether a 部门 row is marked as an example (its 示例行 cell is not empty)."""
        cell = row.cells.get(EXAMPLE_KEY)
        return cell is not None and text_of(cell.value) not in (None, "")

    def group(self, row: Row, rest: str) -> tuple[tuple, str] | None:
        """Where a key below a row sits: its cell, the cells of a group (funds.*) or the whole row."""
        letters = self.sheets[row.sheet.title].letters
        links = LINKS[row.sheet.title]
        keys = [c.key for c in row.sheet.columns if c.key not in links and (
            c.rel == rest or not rest or c.rel.startswith(rest + "."))]
        if not keys:
            return None
        present = [k for k in letters if k in keys]
        if len(keys) == 1 and present:
            return self.order(row, keys[0]), self.ref(row, keys[0])
        if not present:  # the sheet lacks the column: name the row and the key
            return self.order(row), f"{self.row_range(row)} ({rest or row.sheet.part})"
        first, last = letters[present[0]], letters[present[-1]]
        where = f"{row.sheet.title}!{first}{row.number}" + (f":{last}{row.number}" if first != last else "")
        return self.order(row, present[0]), where

    def locate(self, dept: Dept, path: str) -> tuple[tuple, str]:
        """The cell (or cells) a loader key path names, from the rows the department was read from."""
        for base, row in sorted(dept.places, key=lambda place: -len(place[0])):
            if base and path != base and not path.startswith(base + "."):
                continue
            found = self.group(row, path[len(base) + 1:] if base else path)
            if found is not None:
                return found
        return (len(SHEETS), 0, 0), f"{self.row_range(dept.row)} ({path})"

    def placed(self, dept: Dept, problem: Problem) -> tuple[tuple, Problem]:
        """A loader problem moved from its key path to the cell it names."""
        order, where = self.locate(dept, problem.where)
        message = problem.message
        if message.startswith(MISSING_KEY):  # the loader's words for a key, said of the cells instead
            message += "：工作表中没有这一列" if "(" in where else "：该格为空"
        return order, Problem(problem.file, where, message)
