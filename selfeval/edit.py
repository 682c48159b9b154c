"""Change one figure of a Report by its params key path, giving a new Report (the model is frozen)."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from .model import Report

_PATH = re.compile(r"(income|expenditure)\.items\[(\d+)\]\.(amount|share)|projects\[(\d+)\]\.(score|budget|spent)")


def editable_paths(report: Report) -> list[str]:
    """Every figure the audit panel lets a user change, as params key paths."""
    paths = [f"{key}.items[{i}].{field}" for key in ("income", "expenditure")
             for i, _ in enumerate(getattr(report, key).items) for field in ("amount", "share")]
    paths += [f"projects[{i}].score" for i, _ in enumerate(report.projects)]
    return paths


def figure(report: Report, path: str) -> Decimal | None:
    """The figure at a key path such as "income.items[2].amount"."""
    match = _PATH.fullmatch(path)
    if match is None:
        raise KeyError(path)
    section, index, field, p_index, p_field = match.groups()
    if section:
        return getattr(getattr(report, section).items[int(index)], field)
    return getattr(report.projects[int(p_index)], p_field)


def owner_name(report: Report, path: str) -> str:
    """The name of the line or project a figure belongs to."""
    match = _PATH.fullmatch(path)
    if match is None:
        raise KeyError(path)
    section, index, _, p_index, _ = match.groups()
    return getattr(report, section).items[int(index)].name if section else report.projects[int(p_index)].name


def with_figure(report: Report, path: str, value: Decimal) -> Report:
    """A copy of the report with the figure at `path` replaced."""
    match = _PATH.fullmatch(path)
    if match is None:
        raise KeyError(path)
    section, index, field, p_index, p_field = match.groups()
    if section:
        part = getattr(report, section)
        items = list(part.items)
        items[int(index)] = dataclasses.replace(items[int(index)], **{field: value})
        return dataclasses.replace(report, **{section: dataclasses.replace(part, items=tuple(items))})
    projects = list(report.projects)
    projects[int(p_index)] = dataclasses.replace(projects[int(p_index)], **{p_field: value})
    return dataclasses.replace(report, projects=tuple(projects))
