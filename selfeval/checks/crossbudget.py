"""XDC-004..006: the final accounts against the budget, and the projects self-evaluated against 项目支出."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..crossfigures import UNIT_FACTORS, convert, figure, in_yuan, stated_figures
from ..dossier import ACTUAL_KINDS, BUDGET, FINAL, SELF, Document, Dossier
from ..model import Completion, Project
from ..money import add_intervals, exponent, fmt, interval, meet, percent, ratio_percent
from .cross import compared, first_stating, shown
from .registry import Outcome, cross_check


@cross_check("XDC-004", "决算支出不超过预算", "warning")
def within_budget(dossier: Dossier) -> Iterator[Outcome]:
    """Each spending figure of the year's accounts against the same figure of its budget, with the execution rate."""
    for year in dossier.years:
        budget = next(iter(dossier.of_year(year, (BUDGET,))), None)
        if budget is None:
            continue
        for name, planned in stated_figures(budget.report).items():
            found = first_stating(dossier.of_year(year), name) if planned.key.startswith("expenditure.") else None
            if found is None:
                continue
            doc, spent = found
            ok = in_yuan(spent.value, doc.unit)[0] <= in_yuan(planned.value, budget.unit)[1]
            plan = convert(planned.value, budget.unit, doc.unit)
            rate = percent(spent.value, plan)
            executed = f"，执行率{fmt(rate)}%" if rate is not None else ""
            verdict = "未超预算" if ok else f"超出预算{shown(doc, spent.value - plan)}"
            msg = (f"{name}：{doc.label}为{shown(doc, spent.value)}，{budget.label}为{shown(budget, planned.value)}"
                   f"{executed}，{verdict}")
            yield Outcome(f"{doc.place(spent.key)} ↔ {budget.place(planned.key)}", ok, msg, expected=plan,
                          actual=spent.value)


def _claimed(dossier: Dossier, doc: Document, claim: Completion, i: int) -> Outcome:
    """One stated completion rate against the actual figure (the document's own first) and the year's budget."""
    where, said = doc.place(f"budget_completion[{i}]"), f"{doc.label}称{claim.figure}完成预算{fmt(claim.rate)}%"
    found = first_stating([doc, *dossier.of_year(doc.year)], claim.figure)
    planned = first_stating(dossier.of_year(doc.year, (BUDGET,)), claim.figure)
    if found is None or planned is None:
        missing = "决算数" if found is None else f"{doc.year}年度预算文件（或其中的该数）"
        return Outcome(where, None, f"{said}：卷宗中没有{missing}，不适用")
    (actual, spent), (budget, plan) = found, planned
    rates = ratio_percent(in_yuan(spent.value, actual.unit), in_yuan(plan.value, budget.unit))
    ok = rates is not None and meet(rates, interval(claim.rate))
    exact = percent(spent.value, convert(plan.value, budget.unit, actual.unit), max(2, -exponent(claim.rate)))
    msg = (f"{said}；按{actual.label}{shown(actual, spent.value)}与{budget.label}{shown(budget, plan.value)}，"
           f"应为{fmt(exact)}%，{'相符' if ok else '不符'}")
    return Outcome(f"{where} ↔ {actual.place(spent.key)} ↔ {budget.place(plan.key)}", ok, msg, expected=exact,
                   actual=claim.rate)


@cross_check("XDC-005", "完成预算比例可由决算与预算复算", "error")
def completion_recomputes(dossier: Dossier) -> Iterator[Outcome]:
    """A claim such as 完成预算100% is the year's actual figure over its budget, within rounding."""
    for doc in dossier.documents:
        if doc.kind in ACTUAL_KINDS:
            for i, claim in enumerate(doc.report.completion):
                yield _claimed(dossier, doc, claim, i)


def _compact(name: str) -> str:
    return "".join(name.split())


def _by_name(projects: tuple[Project, ...]) -> dict[str, tuple[int, Project]]:
    found: dict[str, tuple[int, Project]] = {}
    for i, p in enumerate(projects):
        found.setdefault(_compact(p.name), (i, p))
    return found


def _project_pairs(own: Document, accounts: Document) -> Iterator[Outcome]:
    """The projects self-evaluated against the projects the final accounts list, by name."""
    mine, theirs = _by_name(own.report.projects), _by_name(accounts.report.projects)
    for name, (i, p) in mine.items():
        if name not in theirs:
            yield Outcome(f"{own.place(f'projects[{i}]')} ↔ {accounts.place('projects')}", False,
                          f"{p.name}：见于{own.label}，{accounts.label}未列此项目")
            continue
        k, q = theirs[name]
        a, b = p.spent_amount, q.spent_amount
        if a is None or b is None:
            continue
        ok = meet(in_yuan(a, own.unit), in_yuan(b, accounts.unit))
        vb = convert(b, accounts.unit, own.unit)
        verdict = "一致" if ok else f"不一致，相差{shown(own, vb - a)}"
        msg = f"{p.name}：{own.label}执行数{shown(own, a)}，{accounts.label}为{shown(accounts, b)}，{verdict}"
        yield Outcome(f"{own.place(f'projects[{i}].{p.spent_key}')} ↔ {accounts.place(f'projects[{k}].{q.spent_key}')}",
                      ok, msg, expected=a, actual=vb, within_rounding=ok and a != vb)
    for name, (k, q) in theirs.items():
        if name not in mine:
            yield Outcome(f"{accounts.place(f'projects[{k}]')} ↔ {own.place('projects')}", False,
                          f"{q.name}：见于{accounts.label}，{own.label}未对其自评")


def _within_line(own: Document, accounts: Document) -> Iterator[Outcome]:
    """Without a project list in the accounts: the projects' spending cannot exceed their 项目支出."""
    line = figure(accounts.report, "项目支出")
    spent = [p.spent_amount for p in own.report.projects if p.spent_amount is not None]
    if line is None or not spent:
        return
    total = sum(spent, Decimal(0))
    # the true sum is at least the sum of each printed figure's lowest value
    ok = add_intervals(spent, floor_at_zero=True)[0] * UNIT_FACTORS[own.unit] <= in_yuan(line.value, accounts.unit)[1]
    msg = (f"{own.label}自评项目执行数合计{shown(own, total)}，{accounts.label}项目支出{shown(accounts, line.value)}，"
           f"{'未超出' if ok else '超出'}")
    yield Outcome(f"{own.place('projects')} ↔ {accounts.place(line.key)}", ok, msg,
                  expected=convert(line.value, accounts.unit, own.unit), actual=total)


@cross_check("XDC-006", "自评项目与决算项目支出相符", "warning")
def projects_match_accounts(dossier: Dossier) -> Iterator[Outcome]:
    """The projects self-evaluated against the final accounts' 项目支出: their amounts, and projects listed once."""
    for year in dossier.years:
        accounts = next(iter(dossier.of_year(year, (FINAL,))), None)
        if accounts is None:
            continue
        for own in dossier.of_year(year, (SELF,)):
            if not own.report.projects:
                continue
            yield from (_project_pairs(own, accounts) if accounts.report.projects else _within_line(own, accounts))
