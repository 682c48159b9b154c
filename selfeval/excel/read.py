"""Workbook → params data → Report, one department at a time, through the loader's own rules and messages.

Each department's rows are gathered into the mapping a params file would hold, with the row each part came
from; the loader's key-path problems are then put back on the cells they name (`收入!C14`). A department with a
problem is reported and the others still load.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import InputError, Problem
from ..loader import report_from_data
from ..model import Report
from .book import LINKS, Book, Dept
from .cells import CellProblem, decimals_unknown, text_of, value_of
from .schema import (CODE_KEY, DEPARTMENTS, EXPENDITURE, INCOME, INDICATORS, PROJECT_NAME_KEY, PROJECT_NO_KEY, PROJECTS,
                     SHEETS)
from .sheets import Row, read_sheets

SINGLE = tuple(s for s in SHEETS if not s.many and s is not DEPARTMENTS)


class DepartmentError(InputError):
    """Every problem of one department of a workbook; `code` says which (a batch can record it by code)."""

    def __init__(self, code: str, problems: list[Problem]):
        super().__init__(problems)
        self.code = code


def _departments(book: Book, examples: bool) -> tuple[dict[str, Dept | DepartmentError], dict[str, str]]:
    """The departments by code, in sheet order, and the example codes skipped (with their cell).

    A code on two rows makes that department an error; a code whose only rows are marked 示例行 is the
    template's example and skipped, unless `examples` asks for it.
    """
    rows: dict[str, list[Row]] = {}
    for row in book.sheets[DEPARTMENTS.title].rows:
        code = book.code_of(row)
        if code is None:
            book.orphans.append(book.problem(row, CODE_KEY, "部门代码 (department.code) is empty"))
        else:
            rows.setdefault(code, []).append(row)
    depts: dict[str, Dept | DepartmentError] = {}
    skipped: dict[str, str] = {}
    for code, found in rows.items():
        refs = ", ".join(book.ref(r, CODE_KEY) for r in found)
        if not examples and all(book.is_example(r) for r in found):
            skipped[code] = refs
        elif len(found) == 1:
            depts[code] = Dept(code, found[0])
        else:
            depts[code] = DepartmentError(code, [
                Problem(book.file, book.ref(r, CODE_KEY), f"department code {code!r} is on more than one row ({refs})")
                for r in found])
    return depts, skipped


def _attach(book: Book, depts: dict[str, Dept | DepartmentError], skipped: dict[str, str]) -> None:
    """Give every row of the other sheets to its department; a row naming no department is an orphan problem."""
    for sheet in SHEETS[1:]:
        data = book.sheets.get(sheet.title)
        for row in data.rows if data is not None else ():
            code = book.code_of(row)
            dept = depts.get(code) if code is not None else None
            if isinstance(dept, DepartmentError) or code in skipped:
                continue  # the department is reported for its code already, or is the example
            if dept is None:
                what = "is empty" if code is None else f"{code!r} is not on the {DEPARTMENTS.title} sheet"
                book.orphans.append(book.problem(row, CODE_KEY, f"部门代码 (department.code) {what}"))
            elif sheet.many:
                dept.lists.setdefault(sheet.title, []).append(row)
            elif sheet.title in dept.singles:
                first = book.ref(dept.singles[sheet.title], CODE_KEY)
                dept.problems.append(book.problem(row, CODE_KEY, f"a department has at most one row on the "
                                                                 f"{sheet.title} sheet; {code!r} is also on {first}"))
            else:
                dept.singles[sheet.title] = row


def _fill(book: Book, dept: Dept, row: Row, base: str, target: dict) -> None:
    """Put a row's cells into `target` under their keys; a cell that cannot give a value is a problem."""
    dept.places.append((base, row))
    links = LINKS[row.sheet.title]
    for key, cell in row.cells.items():
        column = row.sheet.column(key)
        if key in links or column is None:
            continue
        path = f"{base}.{column.rel}" if base else column.rel
        try:
            value = value_of(cell, column, dept.unit)
        except CellProblem as exc:
            dept.problems.append(book.problem(row, key, str(exc)))
            dept.bad_paths.add(path)
            continue
        unknown = decimals_unknown(cell, column)
        if unknown:
            book.warnings.append(f"{book.file}: {book.ref(row, key)}: {unknown}")
        node = target
        for part in column.parts[:-1]:
            node = node.setdefault(part, {})
        node[column.parts[-1]] = value


def _link_value(book: Book, dept: Dept, row: Row, key: str) -> object:
    """The value of a link cell (项目序号, 项目名称), or None when it is empty or unreadable (a problem)."""
    cell = row.cells.get(key)
    if cell is None:
        return None
    try:
        return value_of(cell, row.sheet.column(key), dept.unit)  # type: ignore[arg-type]
    except CellProblem as exc:
        dept.problems.append(book.problem(row, key, str(exc)))
        return None


def _number(book: Book, dept: Dept, row: Row) -> int | None:
    """A row's 项目序号: a whole number from 1 (None when empty or bad, the latter a problem)."""
    value = _link_value(book, dept, row, PROJECT_NO_KEY)
    if value is None or isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value  # type: ignore[return-value]
    dept.problems.append(book.problem(row, PROJECT_NO_KEY, f"项目序号 (projects[]) must be a whole number from 1, "
                                                           f"got {value!r}"))
    return None


def _link(book: Book, dept: Dept, row: Row, numbers: dict[int, int], projects: list[dict]) -> int | None:
    """The index of the project an indicator row belongs to: by 项目序号, else by a unique 项目名称."""
    name = _link_value(book, dept, row, PROJECT_NAME_KEY)
    if PROJECT_NO_KEY in row.cells:
        number = _number(book, dept, row)
        index = numbers.get(number) if number is not None else None
        if number is not None and index is None:
            message = f"no project with 项目序号 {number} for {dept.code!r} on the {PROJECTS.title} sheet"
            dept.problems.append(book.problem(row, PROJECT_NO_KEY, message))
        elif index is not None and name is not None and name != projects[index].get("name"):
            message = f"项目名称 {name!r} is not the name of project {number} ({projects[index].get('name')!r})"
            dept.problems.append(book.problem(row, PROJECT_NAME_KEY, message))
            return None
        return index
    if name is None:
        dept.problems.append(book.problem(row, PROJECT_NO_KEY, "give the 项目序号 (or the 项目名称) of the project "
                                                               "this indicator belongs to"))
        return None
    matches = [i for i, p in enumerate(projects) if p.get("name") == name]
    if len(matches) != 1:
        what = f"{len(matches)} projects are named" if matches else "no project is named"
        dept.problems.append(book.problem(row, PROJECT_NAME_KEY, f"{what} {name!r} for {dept.code!r}; "
                                                                 "give the 项目序号"))
        return None
    return matches[0]


def _projects(book: Book, dept: Dept, data: dict) -> None:
    """The projects in row order, and each indicator row in the project it names."""
    rows, indicators = dept.lists.get(PROJECTS.title, []), dept.lists.get(INDICATORS.title, [])
    if not rows and not indicators:
        return
    projects: list[dict] = []
    data["projects"] = projects
    numbers: dict[int, int] = {}
    for i, row in enumerate(rows):
        projects.append({})
        _fill(book, dept, row, f"projects[{i}]", projects[i])
        number = _number(book, dept, row) if PROJECT_NO_KEY in row.cells else i + 1
        if number in numbers:
            first = book.ref(rows[numbers[number]], PROJECT_NO_KEY)
            dept.problems.append(book.problem(row, PROJECT_NO_KEY, f"项目序号 {number} is also on {first}"))
        elif number is not None:
            numbers[number] = i
    for row in indicators:
        index = _link(book, dept, row, numbers, projects)
        if index is not None:
            table = projects[index].setdefault("indicators", [])
            table.append({})
            _fill(book, dept, row, f"projects[{index}].indicators[{len(table) - 1}]", table[-1])


def _data(book: Book, dept: Dept) -> dict:
    """The params mapping of one department, as the YAML of a params file would give it."""
    unit = dept.row.cells.get("department.unit")
    text = text_of(unit.value) if unit is not None and not unit.error else None
    dept.unit = text if isinstance(text, str) else "万元"
    data: dict = {"department": {}, "income": {"items": []}, "expenditure": {"items": []}}
    _fill(book, dept, dept.row, "", data)
    for sheet in SINGLE:
        row = dept.singles.get(sheet.title)
        if row is not None:
            data[sheet.part] = {}
            _fill(book, dept, row, "", data)
    for sheet in (INCOME, EXPENDITURE):
        items = data[sheet.part.split(".")[0]]["items"]
        for row in dept.lists.get(sheet.title, []):
            items.append({})
            _fill(book, dept, row, f"{sheet.part}[{len(items) - 1}]", items[-1])
    _projects(book, dept, data)
    return data


def _load(book: Book, dept: Dept) -> Report:
    """One department's Report, or an InputError with every problem of it, each at its cell."""
    data = _data(book, dept)
    try:
        report, found = report_from_data(data, book.file), []
    except InputError as exc:
        report, found = None, exc.problems
    problems = dept.problems + [book.placed(dept, p) for p in found if p.where not in dept.bad_paths]
    if problems or report is None:
        raise DepartmentError(dept.code, [p for _, p in sorted(problems, key=lambda pair: pair[0])])
    return report


@dataclass
class WorkbookRead:
    """What one workbook gave: good departments, errors, where each code sits, and the examples skipped."""

    reports: list[Report] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)     # code → its cell on the 部门 sheet (部门!A3)
    examples: dict[str, str] = field(default_factory=dict)   # code of a skipped example → its cell
    warnings: list[str] = field(default_factory=list)        # number cells whose printed decimals are unknown


def read_book(path: str | Path, examples: bool = False) -> WorkbookRead:
    """Every department of a workbook, with the cell of each code; example rows skipped unless asked for."""
    file = str(path)
    try:
        sheets = read_sheets(path)
    except InputError as exc:
        return WorkbookRead(errors=[exc])
    book = Book(file, sheets)
    depts, skipped = _departments(book, examples)
    _attach(book, depts, skipped)
    result = WorkbookRead(examples=skipped, warnings=book.warnings)
    for code, dept in depts.items():
        if isinstance(dept, DepartmentError):  # its code is on two rows
            result.errors.append(dept)
            continue
        result.places[code] = book.ref(dept.row, CODE_KEY)
        try:
            result.reports.append(_load(book, dept))
        except InputError as exc:
            result.errors.append(exc)
    if book.orphans:
        result.errors.append(InputError([p for _, p in sorted(book.orphans, key=lambda pair: pair[0])]))
    return result


def _cells_of(book: Book, dept: Dept, key: str) -> str:
    """The cell (or rows) a key path of a department sits at: 收入!C5, or 收入!3:9 for a whole list."""
    key = key.split("[*]")[0]  # a check over every row of a list (indicators[*].weight): the list's rows
    where = book.locate(dept, key)[1]
    if "(" not in where:
        return where
    rows = [row for base, row in dept.places if base.startswith(key + "[")]
    if not rows:
        return where
    numbers = [row.number for row in rows if row.sheet.title == rows[0].sheet.title]
    return f"{rows[0].sheet.title}!{min(numbers)}:{max(numbers)}"


def cell_locator(path: str | Path, code: str) -> Callable[[str], str] | None:
    """Where each key path of one department sits in its workbook (收入!C5), or None when it is not there."""
    try:
        book = Book(str(path), read_sheets(path))
    except InputError:
        return None
    depts, skipped = _departments(book, examples=False)
    _attach(book, depts, skipped)
    dept = depts.get(code)
    if not isinstance(dept, Dept):
        return None
    _data(book, dept)
    return lambda key: _cells_of(book, dept, key)


def read_workbook(path: str | Path, examples: bool = False) -> tuple[list[Report], list[InputError]]:
    """Every department of a workbook: the Reports of the good ones, a DepartmentError for each bad one.

    Rows that name no department on the 部门 sheet make one more InputError; a workbook whose layout is wrong
    (no 部门 sheet, an unknown column key) gives only that error. Example rows (示例行) are skipped unless
    `examples` is true.
    """
    read = read_book(path, examples)
    return read.reports, read.errors
