"""Change one figure or word of a Report by its params key path, giving a new Report (the model is frozen).

Every Decimal the params schema holds is a figure: totals, lines and shares, carry-over, head counts, the
department's and each project's score, budget and spending, a score table's funds, execution and indicator rows.
The words are what is written rather than counted: grades (as written, on the report's grading scale), the
claims' grade words and project count, and each indicator's target and actual.
"""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import Iterator

from .model import Indicator, Measure, Report

_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
_SKIP = frozenset({"target", "actual"})   # measures are written text, edited in the params file itself
SECTION_ZH = {"income": "收入", "expenditure": "支出", "carryover": "结转结余", "staff": "人员编制",
              "department": "部门整体"}


def _steps(path: str) -> list[tuple[str, int | None]]:
    steps = []
    for part in path.split("."):
        match = _STEP.fullmatch(part)
        if match is None:
            raise KeyError(path)
        steps.append((match[1], None if match[2] is None else int(match[2])))
    return steps


def _figures(obj: object, prefix: str) -> Iterator[str]:
    """The key paths of the stated Decimals below a dataclass, in declaration order."""
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value, at = getattr(obj, f.name), f"{prefix}{f.name}"
        if isinstance(value, Decimal):
            yield at
        elif isinstance(value, tuple):
            for i, row in enumerate(value):
                if dataclasses.is_dataclass(row):
                    yield from _figures(row, f"{at}[{i}].")
        elif dataclasses.is_dataclass(value) and f.name not in _SKIP:
            yield from _figures(value, f"{at}.")


def editable_paths(report: Report) -> list[str]:
    """Every stated figure the audit panel lets a user change, as params key paths."""
    return list(_figures(report, ""))


def _owners(report: Report, path: str) -> list[object]:
    """The objects along a key path, the report first, the figure last."""
    chain: list[object] = [report]
    for name, index in _steps(path):
        try:
            node = getattr(chain[-1], name)
            chain.append(node if index is None else node[index])
        except (AttributeError, IndexError, TypeError):
            raise KeyError(path) from None
    return chain


def figure(report: Report, path: str) -> Decimal | None:
    """The figure at a key path such as "income.items[2].amount"."""
    value = _owners(report, path)[-1]
    if value is not None and not isinstance(value, Decimal):
        raise KeyError(path)
    return value


def owner_name(report: Report, path: str) -> str:
    """The name of the line, project or indicator a figure belongs to (else its part: 收入, 结转结余…)."""
    named = [o for o in _owners(report, path)[1:-1] if isinstance(getattr(o, "name", None), str)]
    if named:
        return named[-1].name  # type: ignore[attr-defined]
    return SECTION_ZH.get(path.split(".")[0].split("[")[0], path)


def _replace(obj: object, steps: list[tuple[str, int | None]], value: object) -> object:
    (name, index), rest = steps[0], steps[1:]
    child = getattr(obj, name)
    if index is None:
        new = value if not rest else _replace(child, rest, value)
    else:
        rows = list(child)
        rows[index] = value if not rest else _replace(rows[index], rest, value)
        new = tuple(rows)
    return dataclasses.replace(obj, **{name: new})  # type: ignore[type-var]


def with_figure(report: Report, path: str, value: Decimal) -> Report:
    """A copy of the report with the figure at `path` replaced."""
    figure(report, path)  # a path that names no figure is a KeyError, as it always was
    return _replace(report, _steps(path), value)  # type: ignore[return-value]


_GRADES = ("grade", "min_grade")


def editable_words(report: Report) -> list[str]:
    """Every stated word the audit panel lets a user change: grades, claim words, targets and actuals."""
    paths = ["department.grade"] + [f"projects[{i}].grade" for i in range(len(report.projects))]
    if report.claims is not None:
        paths += ["claims.grade", "claims.min_grade", "claims.project_count"]
    for i, project in enumerate(report.projects):
        for j, row in enumerate(project.indicators):
            if not row.is_total:
                paths += [f"projects[{i}].indicators[{j}].{part}" for part in ("target", "actual")]
    return paths


def word(report: Report, path: str) -> str:
    """The word at a key path as written ("" when the report states none)."""
    value = _owners(report, path)[-1]
    if isinstance(value, Measure):
        return value.shown
    return "" if value is None else str(value)


def with_word(report: Report, path: str, text: str) -> Report:
    """A copy of the report with the word at `path` replaced; ValueError (in Chinese) for a word it cannot take."""
    chain, last = _owners(report, path), path.rpartition(".")[2]
    text = text.strip()
    if last in _GRADES:
        value: object = _grade(report, text)
    elif last == "project_count":
        if text and not text.isdigit():
            raise ValueError("项目个数须为不小于 0 的整数，如 6")
        value = int(text) if text else None
    elif last in ("target", "actual") and isinstance(chain[-2], Indicator):
        value = Measure.parse(text, chain[-2].unit) if text else None
    else:
        raise KeyError(path)
    return _replace(report, _steps(path), value)  # type: ignore[return-value]


def _grade(report: Report, text: str) -> str | None:
    """A grade word as written, if the report's grading scale has it."""
    if not text:
        return None
    scale = report.scale
    if scale.band(text) is None:
        raise ValueError(f"等级“{text}”不在本部门的评分办法（{scale.shown}）中")
    return text
