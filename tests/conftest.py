"""Shared helpers: build `selfeval.model.Report` objects in code and run single checks on them."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Iterable, Sequence

import selfeval
from selfeval.model import Carryover, Claims, Department, LineItem, Project, Report, Section, Staff

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"
ROOT = TESTS.parent
LUQUAN = ROOT / "params" / "luquan-cac-2022.yaml"

Line = Sequence[str | None]  # (name, amount) or (name, amount, share), figures as printed text


def D(text: str | int | None) -> Decimal | None:
    """A Decimal from printed text (keeps its decimals), or None."""
    return None if text is None else Decimal(str(text))


def section(total: str, lines: Iterable[Line] = (), grand_total: str | None = None) -> Section:
    """A Section from printed figures: section("100.00", [("a", "60.00", "60.00"), ("b", "40.00")])."""
    items = tuple(LineItem(name=line[0], amount=D(line[1]), share=D(line[2]) if len(line) > 2 else None)
                  for line in lines)
    return Section(total=D(total), items=items, grand_total=D(grand_total))


def project(name: str = "项目", budget: str | None = None, spent: str | None = None,
            score: str | None = None, grade: str | None = None) -> Project:
    """A Project from printed figures."""
    return Project(name=name, budget=D(budget), spent=D(spent), score=D(score), grade=grade)


def make_report(*, income: Section | None = None, expenditure: Section | None = None,
                projects: Iterable[Project] = (), claims: Claims | None = None,
                carryover: Carryover | None = None, staff: Staff | None = None,
                unit: str = "万元", code: str = "test-dept") -> Report:
    """A Report whose unspecified parts are minimal and consistent (100.00 in, 100.00 out)."""
    return Report(
        department=Department(name="测试单位", code=code, year=2022, unit=unit),
        income=income if income is not None else section("100.00", [("财政拨款收入", "100.00")]),
        expenditure=expenditure if expenditure is not None else section("100.00", [("基本支出", "100.00")]),
        staff=staff,
        carryover=carryover,
        projects=tuple(projects),
        claims=claims,
        source="<built in code>",
    )


def run(report: Report, check_id: str) -> list[selfeval.Finding]:
    """Findings of one check on one report."""
    findings = selfeval.run_checks(report, ids=[check_id])
    assert findings, f"{check_id} produced no finding at all (not even n/a)"
    assert all(f.check == check_id for f in findings)
    return findings


def only(findings: list[selfeval.Finding], where: str | None = None) -> selfeval.Finding:
    """The single finding (at `where`, if given)."""
    chosen = [f for f in findings if where is None or f.where == where]
    assert len(chosen) == 1, f"expected one finding at {where!r}, got {chosen}"
    return chosen[0]
