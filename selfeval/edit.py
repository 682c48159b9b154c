"""Change one figure of a Report by its params key path, giving a new Report (the model is frozen).

Every Decimal the params schema holds is a figure: totals, lines and shares, carry-over, head counts, the
department's and each project's score, budget and spending, a score table's funds, execution and indicator rows.
"""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import Iterator

from .model import Report

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


def _replace(obj: object, steps: list[tuple[str, int | None]], value: Decimal) -> object:
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
