"""Load a params file into a Report, or raise one InputError listing every problem in it."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .fields import MISSING, FieldReader, shown
from .grades import Scale, scale_named
from .crossfigures import NAMES
from .model import (DIRECTION_SHOWN, DOCUMENT_KINDS, Carryover, Claims, Completion, Department, Execution, Funds,
                    Indicator, LineItem, Project, Report, Section, Staff, YearOnYear)
from .schema import (BUDGET_COMPLETION, CARRYOVER, CLAIMS, DEPARTMENT, DOCUMENT, EXECUTION, FUNDS, INDICATOR,
                     PARTS, PROJECT, STAFF, TOP, YEAR_ON_YEAR)
from .yamlsafe import read_yaml

CODE = re.compile(r"[a-z0-9-]{1,64}")
UNITS = ("元", "万元", "亿元")


# Most values of a params file are plain figures and names. They are read here as FieldReader would read them,
# without writing out their key paths, which only a problem's message needs: a fifth of the loader's time went
# on key paths of values that were fine.
def _plain_figure(value: object) -> Decimal | None:
    """What FieldReader.number gives for a finite, written-out, non-negative figure; None for any other value."""
    if type(value) is Decimal:
        return value if value.is_finite() and value >= 0 and "E" not in str(value) else None
    return Decimal(value) if type(value) is int and value >= 0 else None


def _number(r: FieldReader, value: object, at: str, key: str) -> Decimal | None:
    """r.number(value, "at.key"), the key path written only for a value that is not a plain figure."""
    figure = _plain_figure(value)
    return figure if figure is not None else r.number(value, f"{at}.{key}")


def _optional(r: FieldReader, data: dict, key: str, at: str) -> Decimal | None:
    """r.optional_number(data, key, "at.key"), the key path written only for a value that is not a plain figure."""
    value = data.get(key)
    return None if value is None else _number(r, value, at, key)


def _name(r: FieldReader, data: dict, at: str) -> str | None:
    """r.text of data["name"] at "at.name" when the key is there (its absence is the mapping's problem), else None."""
    if "name" not in data:
        return None
    value = data["name"]
    if type(value) is str and (stripped := value.strip()):
        return stripped
    return r.text(value, f"{at}.name")


def _department(r: FieldReader, data: object, scale: Scale) -> Department | None:
    d = r.mapping(data, "department", DEPARTMENT)
    if d is None:
        return None
    name = _name(r, d, "department")
    code = r.text(d.get("code", MISSING), "department.code", pattern=CODE,
                  hint="部门代码须为 1 到 64 个小写字母 a-z、数字 0-9 或连字符“-”") if "code" in d else None
    year = r.integer(d["year"], "department.year", 1949, 2100) if "year" in d else None
    unit = d.get("unit", "万元")
    if not isinstance(unit, str) or unit not in UNITS:
        r.problem("department.unit", f"金额单位应为 {'、'.join(UNITS)} 之一（读到{shown(unit)}）")
    short = d.get("short_name") or ""
    score = _optional(r, d, "score", "department")
    grade = r.grade(d["grade"], "department.grade", scale) if d.get("grade") is not None else None
    if None in (name, code, year):
        return None
    return Department(name=name, code=code, year=year, short_name=str(short), unit=str(unit), score=score, grade=grade)


def _section(r: FieldReader, data: object, where: str) -> Section | None:
    s = r.mapping(data, where, PARTS[where])
    if s is None:
        return None
    total = _number(r, s["total"], where, "total") if "total" in s else None
    grand = _optional(r, s, "grand_total", where)
    items = []
    part = PARTS[f"{where}.items[]"]
    for i, raw in enumerate(r.sequence(s.get("items", MISSING), f"{where}.items")):
        at = f"{where}.items[{i}]"
        item = r.mapping(raw, at, part)
        if item is None:
            continue
        name = _name(r, item, at)
        amount = _number(r, item["amount"], at, "amount") if "amount" in item else None
        share = _optional(r, item, "share", at)
        if name is not None and amount is not None:
            items.append(LineItem(name=name, amount=amount, share=share))
    return None if total is None else Section(total=total, items=tuple(items), grand_total=grand)


def _staff(r: FieldReader, data: object) -> Staff | None:
    s = r.mapping(data, "staff", STAFF)
    if s is None:
        return None
    counts = {k: _optional(r, s, k, "staff") for k in ("administrative", "institutional", "change")}
    return Staff(**counts, change_reason=str(s.get("change_reason") or ""))


def _carryover(r: FieldReader, data: object) -> Carryover | None:
    keys = ("opening", "surplus_used", "distribution", "closing")
    c = r.mapping(data, "carryover", CARRYOVER)
    if c is None:
        return None
    return Carryover(**{k: _optional(r, c, k, "carryover") for k in keys})


def _funds(r: FieldReader, data: object, at: str) -> Funds | None:
    f = r.mapping(data, at, FUNDS)
    if f is None:
        return None
    return Funds(**{k: _optional(r, f, k, at) for k in ("initial_budget", "full_year_budget", "executed")})


def _execution(r: FieldReader, data: object, at: str) -> Execution | None:
    e = r.mapping(data, at, EXECUTION)
    if e is None:
        return None
    weight = _number(r, e["weight"], at, "weight") if "weight" in e else None
    score = _optional(r, e, "score", at)
    return None if weight is None else Execution(weight=weight, score=score)


def _indicator(r: FieldReader, raw: object, at: str) -> Indicator | None:
    i = r.mapping(raw, at, INDICATOR)
    if i is None:
        return None
    name = _name(r, i, at)
    weight = _optional(r, i, "weight", at)
    score = _optional(r, i, "score", at)
    words = {k: r.optional_text(i, k, f"{at}.{k}") for k in ("level1", "level2", "unit")}
    direction = r.direction(i["direction"], f"{at}.direction") if i.get("direction") is not None else None
    target, actual = (r.measure(i[k], f"{at}.{k}", words["unit"]) if i.get(k) is not None else None
                      for k in ("target", "actual"))
    written = target.operator if target is not None else None
    if direction and written and direction != written:
        r.problem(f"{at}.direction", f"指标方向 {DIRECTION_SHOWN[direction]} 与年度指标值“{target.shown}”中写明的 "
                                     f"{DIRECTION_SHOWN[written]} 相矛盾")
    if name is None:
        return None
    return Indicator(name=name, weight=weight, score=score, direction=direction, target=target, actual=actual, **words)


def _project(r: FieldReader, raw: object, at: str, scale: Scale) -> Project | None:
    p = r.mapping(raw, at, PROJECT)
    if p is None:
        return None
    name = _name(r, p, at)
    budget = _optional(r, p, "budget", at)
    spent = _optional(r, p, "spent", at)
    score = _optional(r, p, "score", at)
    grade = r.grade(p["grade"], f"{at}.grade", scale) if p.get("grade") is not None else None
    funds = _funds(r, p["funds"], f"{at}.funds") if p.get("funds") is not None else None
    if funds is not None and (budget is not None or spent is not None):
        # budget / spent are the short form of the same figures: stating both invites two versions of them.
        r.problem(f"{at}.funds", "预算数、执行数写作 budget/spent 或写在 funds 中，只能选一种，不能两处都写")
    execution = _execution(r, p["execution"], f"{at}.execution") if p.get("execution") is not None else None
    indicators = [_indicator(r, row, f"{at}.indicators[{k}]")
                  for k, row in enumerate(r.sequence(p.get("indicators", MISSING), f"{at}.indicators"))]
    if name is None:
        return None
    return Project(name=name, budget=budget, spent=spent, score=score, grade=grade, funds=funds,
                   execution=execution, indicators=tuple(i for i in indicators if i is not None))


def _claims(r: FieldReader, data: object, scale: Scale) -> Claims | None:
    c = r.mapping(data, "claims", CLAIMS)
    if c is None:
        return None
    count = r.integer(c["project_count"], "claims.project_count", 0, 100_000) if c.get("project_count") is not None else None
    min_score = _optional(r, c, "min_score", "claims")
    grade, least = (r.grade(c[k], f"claims.{k}", scale) if c.get(k) is not None else None for k in ("grade", "min_grade"))
    return Claims(project_count=count, min_score=min_score, grade=grade, min_grade=least)


def _kind(r: FieldReader, data: object) -> str:
    d = r.mapping(data, "document", DOCUMENT)
    kind = d.get("kind") if d is not None else None
    if d is not None and kind not in DOCUMENT_KINDS:
        r.problem("document.kind", f"文件类型应为 {'、'.join(DOCUMENT_KINDS)} 之一（读到{shown(kind)}）")
        return ""
    return kind or ""


def _figure_name(r: FieldReader, raw: dict, at: str, lines: set[str]) -> str | None:
    """The name of a figure a statement is about: a total, a carry-over term, or a line the report states."""
    name = r.text(raw.get("figure", MISSING), f"{at}.figure") if "figure" in raw else None
    if name is not None and "".join(name.split()) not in NAMES | lines:
        r.problem(f"{at}.figure", f"未知的数字名称{shown(name)}：应为本年收入合计、本年支出合计、收入总计、年初结转和结余等，"
                                  "或本文件所列的一项收支")
        return None
    return None if name is None else "".join(name.split())


def _statements(r: FieldReader, top: dict, lines: set[str]) -> dict[str, tuple]:
    """The year-on-year changes and budget completion rates the document states."""
    changes, completions = [], []
    for i, raw in enumerate(r.sequence(top.get("year_on_year", MISSING), "year_on_year")):
        at = f"year_on_year[{i}]"
        c = r.mapping(raw, at, YEAR_ON_YEAR)
        name = _figure_name(r, c, at, lines) if c is not None else None
        if name is not None:
            amount, rate = (_optional(r, c, k, at) for k in ("amount", "rate"))
            changes.append(YearOnYear(name, amount, rate))
    for i, raw in enumerate(r.sequence(top.get("budget_completion", MISSING), "budget_completion")):
        at = f"budget_completion[{i}]"
        c = r.mapping(raw, at, BUDGET_COMPLETION)
        name = _figure_name(r, c, at, lines) if c is not None else None
        rate = _number(r, c["rate"], at, "rate") if c is not None and "rate" in c else None
        if name is not None and rate is not None:
            completions.append(Completion(name, rate))
    return {"year_on_year": tuple(changes), "completion": tuple(completions)}


def report_from_data(data: object, file: str) -> Report:
    """Build a Report from parsed params data, raising InputError with every problem found."""
    r = FieldReader(file)
    top = r.mapping(data, "", TOP)
    if top is None:
        raise InputError(r.problems)
    grading = r.grading(top.get("grading"))
    scale = scale_named(grading) or scale_named(None)
    department = _department(r, top["department"], scale) if "department" in top else None
    income = _section(r, top["income"], "income") if "income" in top else None
    expenditure = _section(r, top["expenditure"], "expenditure") if "expenditure" in top else None
    optional = {
        "staff": _staff(r, top["staff"]) if top.get("staff") is not None else None,
        "carryover": _carryover(r, top["carryover"]) if top.get("carryover") is not None else None,
        "claims": _claims(r, top["claims"], scale) if top.get("claims") is not None else None,
    }
    projects = [_project(r, raw, f"projects[{i}]", scale)
                for i, raw in enumerate(r.sequence(top.get("projects", MISSING), "projects"))]
    lines = {"".join(i.name.split()) for s in (income, expenditure) if s is not None for i in s.items}
    optional |= _statements(r, top, lines)
    kind = _kind(r, top["document"]) if top.get("document") is not None else ""
    if r.problems or department is None or income is None or expenditure is None:
        raise InputError(r.problems)
    return Report(department=department, income=income, expenditure=expenditure, kind=kind,
                  projects=tuple(p for p in projects if p is not None), source=file, grading=grading, **optional)


def load(path: str | Path) -> Report:
    """Load one params file; raises InputError naming the file and key path of each problem."""
    return report_from_data(read_yaml(path), str(path))


def load_many(paths: Iterable[str | Path]) -> tuple[list[Report], list[InputError]]:
    """Load several files, keeping the good ones and collecting the bad ones' errors."""
    reports, errors = [], []
    for path in paths:
        try:
            reports.append(load(path))
        except InputError as exc:
            errors.append(exc)
    return reports, errors
