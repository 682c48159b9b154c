"""Between the two forms of the same data: a folder of params files and one departments workbook.

`join` puts params files into a workbook and `split` writes a workbook back as params files, one per
department, as `selfeval.dump` writes them: the two are inverses.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..discover import discover
from ..dump import dumps
from ..errors import InputError, Problem
from ..files import write_atomic
from ..loader import load, load_many
from ..model import Report
from ..resources import bundled_params
from .read import read_book
from .write import write_workbook

SEED = bundled_params("luquan-cac-2022.yaml")
PARAMS_SUFFIXES = (".yaml", ".yml")


class SplitError(InputError):
    """Some departments of a workbook were bad: their problems, and the files written for the good ones."""

    def __init__(self, errors: list[InputError], written: list[Path]):
        super().__init__([p for e in errors for p in e.problems])
        self.errors = errors
        self.written = written


def params_name(report: Report) -> str:
    """The params file name of a department: `<code>-<year>.yaml`, as the bundled ones are named."""
    return f"{report.department.code}-{report.department.year}.yaml"


def split_workbook(workbook: str | Path, out_dir: str | Path, notices: list[str] | None = None,
                   force: bool = False) -> tuple[list[Path], list[InputError]]:
    """Write one params file per good department of a workbook; return the files and the bad departments' errors.

    Example rows (示例行) are skipped, and told in `notices` when given. An existing params file is kept (an
    error naming it) unless `force`: rewriting it would drop its comments.
    """
    read = read_book(workbook)
    if notices is not None:
        notices += example_notices(workbook, read.examples) + read.warnings
    out, written, errors = Path(out_dir), [], list(read.errors)
    for report in read.reports:
        target = out / params_name(report)
        if target.exists() and not force:
            errors.append(InputError([Problem(str(target), "", "文件已存在，未覆盖（覆盖会丢失其中的注释和改动）；"
                                                               "确需覆盖请加 --force")]))
            continue
        written.append(write_atomic(target, dumps(report)))
    return written, errors


def split(workbook: str | Path, out_dir: str | Path, force: bool = False) -> list[Path]:
    """Write one params file per department; raises SplitError (with `.written`) if any department is bad.

    The good departments' files are written either way, so a caller can go on with them (`err.written`).
    """
    written, errors = split_workbook(workbook, out_dir, force=force)
    if errors:
        raise SplitError(errors, written)
    return written


def params_files(sources: Iterable[str | Path]) -> list[Path]:
    """The params files named, with each folder's .yaml / .yml files in name order (the one discovery rule)."""
    return discover(sources, workbooks=False)


def _distinct(reports: list[Report]) -> tuple[list[Report], list[InputError]]:
    """The reports with a code not seen before; a repeated code cannot share one workbook and is an error."""
    seen: dict[str, str] = {}
    kept, errors = [], []
    for report in reports:
        code = report.department.code
        if code in seen:
            errors.append(InputError([Problem(report.source, "department.code", f"code {code!r} is also the code "
                                              f"of {seen[code]}; a workbook holds each department once")]))
        else:
            seen[code] = report.source
            kept.append(report)
    return kept, errors


def join(sources: Iterable[str | Path], out: str | Path) -> tuple[Path, list[InputError]]:
    """Write the params files (and folders of them) as one workbook; bad files are returned, the rest joined."""
    reports, errors = load_many(params_files(sources))
    kept, repeated = _distinct(reports)
    return write_workbook(kept, out), errors + repeated


def template(out: str | Path, examples: Iterable[str | Path] = (SEED,)) -> Path:
    """An empty departments workbook with the example departments' rows (by default the seed's) filled in."""
    reports = [load(path) for path in examples]
    notes = [f"示例数据取自 {Path(r.source).name}（{r.department.short_name or r.department.name}，"
             f"{r.department.year} 年度），可覆盖或删除。" for r in reports]
    return write_workbook(reports, out, notes, examples=True)


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def is_workbook(path: str | Path) -> bool:
    """Whether a path names an Excel workbook (by its suffix) rather than a params file."""
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES


def duplicate_problem(code: str, first: str, file: str, where: str = "") -> Problem:
    """The bad-input problem of a department code given twice: at `file`/`where`, naming the first place too."""
    return Problem(file, where, f"部门代码 {code!r} 重复：{first} 已有该部门；同一部门只能出现一次，请删除其中一处")


def example_notices(path: str | Path, examples: dict[str, str]) -> list[str]:
    """One line per example row a workbook's reading skipped."""
    return [f"{path}: {ref}: 示例行（部门代码 {code!r}），已跳过" for code, ref in examples.items()]


def _read_source(path: str | Path, notices: list[str] | None) -> tuple[list[Report], list[InputError], dict]:
    """One source's departments, errors, and the place of each code (file, and 部门!A3 for a workbook)."""
    if not is_workbook(path):
        found, bad = load_many([path])
        return found, bad, {r.department.code: (str(path), "") for r in found}
    read = read_book(path)
    if notices is not None:
        notices += example_notices(path, read.examples) + read.warnings
    return read.reports, read.errors, {code: (str(path), ref) for code, ref in read.places.items()}


def load_sources(paths: Iterable[str | Path],
                 notices: list[str] | None = None) -> tuple[list[Report], list[InputError]]:
    """Load params files and workbooks alike, in the order given: the good departments and each bad one's error.

    A department code given again by a workbook (or a workbook's code given again by a params file) is bad
    input naming both places; the first is kept. Skipped example rows are told in `notices`, when given.
    """
    reports: list[Report] = []
    errors: list[InputError] = []
    seen: dict[str, tuple[str, bool]] = {}  # code → (where first, whether from a workbook)
    for path in paths:
        found, bad, places = _read_source(path, notices)
        for report in found:
            code = report.department.code
            file, where = places[code]
            first = seen.get(code)
            if first is not None and (first[1] or is_workbook(path)):
                errors.append(InputError([duplicate_problem(code, first[0], file, where)]))
                continue
            seen.setdefault(code, (f"{file}: {where}" if where else file, is_workbook(path)))
            reports.append(report)
        errors += bad
    return reports, errors
