"""PRJ: project money — spending within budget, execution rate, and the sum against 项目支出."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..model import Report
from ..money import add_intervals, fmt, interval, meet, percent
from .common import money
from .registry import Outcome, check

PROJECT_LINE = "项目支出"


@check("PRJ-001", "项目执行数不超过预算数", "error")
def spent_within_budget(report: Report) -> Iterator[Outcome]:
    """Spending above the budget is either a typo or an overspend: both need an answer."""
    for i, p in enumerate(report.projects):
        # a score table states the figures as 全年预算数 / 全年执行数: the same check, one finding
        budget, spent = p.budget_amount, p.spent_amount
        if budget is None or spent is None:
            continue
        ok = interval(spent, floor_at_zero=True)[0] <= interval(budget)[1]
        verdict = "未超预算" if ok else f"超出预算{money(report, spent - budget)}"
        msg = f"{p.name}：执行数{money(report, spent)}，预算数{money(report, budget)}，{verdict}"
        # A department's whole spending may pass its year's budget by spending last year's carry-over: asked, not wrong.
        wide = p.is_department_wide and not ok
        yield Outcome(f"projects[{i}].{p.spent_key}", ok, msg + ("（部门整体支出可含上年结转资金，请核实）" if wide else ""),
                      expected=budget, actual=spent, severity="warning" if wide else "")


@check("PRJ-002", "项目预算执行率", "info")
def execution_rate(report: Report) -> Iterator[Outcome]:
    """State each project's execution rate (执行数 ÷ 预算数) so the reader sees it."""
    for i, p in enumerate(report.projects):
        if p.budget_amount is None or p.spent_amount is None:
            continue
        rate = percent(p.spent_amount, p.budget_amount)
        if rate is None:
            yield Outcome(f"projects[{i}]", None, f"{p.name}：预算数为0，无法计算执行率")
            continue
        yield Outcome(f"projects[{i}]", True, f"{p.name}：预算执行率{fmt(rate)}%", actual=rate)


@check("PRJ-003", "各项目执行数之和等于项目支出", "error")
def projects_sum_to_line(report: Report) -> Iterator[Outcome]:
    """When every project carries its spending, together they are the 项目支出 line."""
    lines = [item for item in report.expenditure.items if item.name == PROJECT_LINE]
    spent = [p.spent_amount for p in report.projects if not p.is_department_wide]
    claimed = report.claims.project_count if report.claims else None
    if len(lines) != 1 or not spent or None in spent:
        return
    if claimed is not None and claimed != len(spent):
        yield Outcome("projects", None, f"报告称有{claimed}个项目，仅列出{len(spent)}个，不复核项目支出合计")
        return
    exact = sum(spent, Decimal(0))
    line = lines[0].amount
    ok = meet(add_intervals(spent, floor_at_zero=True), interval(line))
    # Projects spending more than 项目支出 cannot all be in it: an error. Less may mean that only some projects are
    # listed (a report's 重点项目, the ones self-evaluated): a warning that asks which are missing.
    short = not ok and exact < line
    verdict = ("一致" if ok else f"相差{money(report, exact - line)}，超出舍入误差范围"
               + ("：所列项目可能不全，请核实未列出的项目" if short else ""))
    msg = f"{len(spent)}个项目执行数合计{money(report, exact)}，支出表中项目支出{money(report, line)}，{verdict}"
    yield Outcome("projects[*].spent", ok, msg, expected=line, actual=exact, within_rounding=ok and exact != line,
                  severity="warning" if short else "")
