"""Write a Report back as a params file: the inverse of the loader, Decimals exactly as held."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import yaml

from .model import Carryover, Claims, Department, Indicator, LineItem, Project, Report, Section, Staff


class _Dumper(yaml.SafeDumper):
    """Block style for the structure, flow style for one-line records, Decimal as written."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    # An integral Decimal is written as a YAML int; the loader reads it back as the same Decimal.
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


class _Flow(dict):
    """A mapping written on one line: {name: 基本支出, amount: 280.75, share: 81.46}."""


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(_Flow, _flow)


def _fields(obj: object, skip: tuple[str, ...] = ()) -> dict:
    """The dataclass's fields that hold a value, in declaration order."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)
            if f.name not in skip and getattr(obj, f.name) not in (None, "", ())}


def _section(section: Section) -> dict:
    data: dict = {"total": section.total}
    if section.grand_total is not None:
        data["grand_total"] = section.grand_total
    data["items"] = [_Flow(_fields(item)) for item in section.items]
    return data


# The columns of a printed score table, left to right.
_INDICATOR_ORDER = ("level1", "level2", "name", "direction", "target", "actual", "unit", "weight", "score")


def _indicator(row: Indicator) -> _Flow:
    data = _fields(row)
    for key in ("target", "actual"):
        if key in data:
            data[key] = data[key].raw  # the value as written: the loader parses it again
    return _Flow({key: data[key] for key in _INDICATOR_ORDER if key in data})


def _project(project: Project) -> dict:
    """A project on one line, or as a block when it carries a score table."""
    if not project.has_table and project.funds is None:
        return _Flow(_fields(project))
    data = _fields(project, skip=("funds", "execution", "indicators"))
    if project.funds is not None:
        data["funds"] = _Flow(_fields(project.funds))
    if project.execution is not None:
        data["execution"] = _Flow(_fields(project.execution))
    if project.indicators:
        data["indicators"] = [_indicator(row) for row in project.indicators]
    # the table's total and grade read best after its rows, as on the printed form
    for key in ("score", "grade"):
        if key in data:
            data[key] = data.pop(key)
    return data


def report_to_data(report: Report) -> dict:
    """The params-file mapping for a report, in the schema the loader reads."""
    data: dict = {"department": _Flow(_fields(report.department))}
    if report.grading:
        data["grading"] = report.grading
    if report.staff is not None:
        data["staff"] = _Flow(_fields(report.staff))
    data["income"] = _section(report.income)
    if report.carryover is not None:
        data["carryover"] = _Flow(_fields(report.carryover))
    data["expenditure"] = _section(report.expenditure)
    if report.projects:
        data["projects"] = [_project(p) for p in report.projects]
    if report.claims is not None and _fields(report.claims):
        data["claims"] = _Flow(_fields(report.claims))
    return data


def dumps(report: Report) -> str:
    """The report as params YAML text (UTF-8, Chinese unescaped)."""
    return yaml.dump(report_to_data(report), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


__all__ = ["Carryover", "Claims", "Department", "LineItem", "Project", "Report", "Section", "Staff", "dumps",
           "report_to_data"]
