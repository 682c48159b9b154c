"""Write a Report back as a params file: the inverse of the loader, Decimals exactly as held."""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import yaml

from .model import Carryover, Claims, Department, Indicator, LineItem, Project, Report, Section, Staff
from .schema import CLAIMS, EXECUTION, FUNDS, INDICATOR, PARTS, PROJECT, TOP, Part
from .yamlsafe import PLAIN_NUMBER


class _Dumper(yaml.SafeDumper):
    """Block style for the structure, flow style for one-line records, Decimal as written."""

    def ignore_aliases(self, data: object) -> bool:
        """Never an anchor: the loader refuses them, and one Decimal object held twice would get one."""
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    # An integral Decimal is written as a YAML int; the loader reads it back as the same Decimal.
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


class _Flow(dict):
    """A mapping written on one line: {name: 基本支出, amount: 280.75, share: 81.46}."""


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML leaves 1e3 and 2E+1 plain, which the params reader takes for numbers: a name must stay a name.
    style = "'" if PLAIN_NUMBER.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(str, _text)


class _Document(NamedTuple):
    """The document block (document.kind), which the model keeps as Report.kind."""

    kind: str


def _fields(obj: object, part: Part) -> dict:
    """The part's keys that hold a value in obj, in the schema's order (the model's fields are named as the keys)."""
    values = {name: getattr(obj, name, None) for name in part.order}
    return {k: v for k, v in values.items() if v not in (None, "", ())}


def _section(section: Section, part: Part) -> dict:
    data = _fields(section, part)
    data["items"] = [_Flow(_fields(item, PARTS[f"{part.path}.items[]"])) for item in section.items]
    return data


def _indicator(row: Indicator) -> _Flow:
    data = _fields(row, INDICATOR)
    for key in ("target", "actual"):
        if key in data:
            data[key] = data[key].raw  # the value as written: the loader parses it again
    return _Flow(data)


def _project(project: Project) -> dict:
    """A project on one line, or as a block when it carries a score table (its score and grade after the rows)."""
    data = _fields(project, PROJECT)
    if not project.has_table and project.funds is None:
        return _Flow(data)
    for key, part in (("funds", FUNDS), ("execution", EXECUTION)):
        if key in data:
            data[key] = _Flow(_fields(data[key], part))
    if "indicators" in data:
        data["indicators"] = [_indicator(row) for row in project.indicators]
    return data


def _parts(report: Report) -> dict[str, object]:
    """Each top-level key's value as the report holds it (the model names three of them its own way)."""
    return {"document": _Document(report.kind) if report.kind else None, "department": report.department,
            "grading": report.grading, "staff": report.staff, "income": report.income, "carryover": report.carryover,
            "expenditure": report.expenditure, "projects": report.projects,
            "claims": report.claims if report.claims is not None and _fields(report.claims, CLAIMS) else None,
            "year_on_year": report.year_on_year, "budget_completion": report.completion}


def report_to_data(report: Report) -> dict:
    """The params-file mapping for a report, in the schema the loader reads, keys in the schema's order."""
    data: dict = {}
    parts = _parts(report)
    for key in TOP.order:
        value = parts[key]
        if value in (None, "", ()):
            continue
        if key in ("income", "expenditure"):
            data[key] = _section(value, PARTS[key])  # type: ignore[arg-type]
        elif key == "projects":
            data[key] = [_project(p) for p in value]  # type: ignore[attr-defined]
        elif key in ("year_on_year", "budget_completion"):
            data[key] = [_Flow(_fields(row, PARTS[f"{key}[]"])) for row in value]  # type: ignore[attr-defined]
        else:
            data[key] = value if key == "grading" else _Flow(_fields(value, PARTS[key]))
    return data


def dumps(report: Report) -> str:
    """The report as params YAML text (UTF-8, Chinese unescaped)."""
    return yaml.dump(report_to_data(report), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


__all__ = ["Carryover", "Claims", "Department", "LineItem", "Project", "Report", "Section", "Staff", "dumps",
           "report_to_data"]
