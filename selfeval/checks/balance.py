"""BAL: the balancing identity of the final accounts (收入总计 = 支出总计)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..model import Carryover, Report
from ..money import add_intervals, fmt, interval, meet
from .common import money
from .registry import Outcome, check


def _income_terms(report: Report, co: Carryover) -> list[Decimal]:
    terms = [report.income.total, co.surplus_used, co.opening]
    return [t for t in terms if t is not None]


def _expenditure_terms(report: Report, co: Carryover) -> list[Decimal]:
    terms = [report.expenditure.total, co.distribution, co.closing]
    return [t for t in terms if t is not None]


def _unstated_side(co: Carryover | None) -> str:
    """The carry-over term the text leaves out on one side ('' when both sides are stated), which may close a gap."""
    if co is None:
        return "结转和结余"
    if co.opening is None and co.closing is not None:
        return "年初结转和结余"
    if co.closing is None and co.opening is not None:
        return "年末结转和结余"
    return ""


@check("BAL-001", "收入总计等于支出总计", "error")
def grand_totals_balance(report: Report) -> Iterator[Outcome]:
    """收入总计 must equal 支出总计; without carry-over figures a gap stays unexplained."""
    co = report.carryover or Carryover()
    inc, exp = report.income, report.expenditure
    inc_terms = [inc.grand_total] if inc.grand_total is not None else _income_terms(report, co)
    exp_terms = [exp.grand_total] if exp.grand_total is not None else _expenditure_terms(report, co)
    inc_sum, exp_sum = sum(inc_terms, Decimal(0)), sum(exp_terms, Decimal(0))
    ok = meet(add_intervals(inc_terms), add_intervals(exp_terms))
    gap = inc_sum - exp_sum
    if ok:
        msg = f"收入总计{money(report, inc_sum)}与支出总计{money(report, exp_sum)}平衡"
        if gap:
            msg += f"（相差{money(report, gap)}，在舍入误差范围内）"
    elif inc.grand_total is None and exp.grand_total is None and _unstated_side(report.carryover):
        # Only this year's totals are stated: carry-over the text leaves out may explain the gap, so the
        # identity cannot be judged — the text fails to explain it, a warning, not a broken identity.
        missing = "结转和结余" if report.carryover is None else _unstated_side(report.carryover)
        msg = (f"本年收入合计{money(report, inc_sum)}与本年支出合计{money(report, exp_sum)}相差{money(report, gap)}，"
               f"报告未列{missing}，差额无从解释")
        yield Outcome("income.total / expenditure.total", ok, msg, expected=inc_sum, actual=exp_sum,
                      severity="warning")
        return
    else:
        msg = f"收入总计{money(report, inc_sum)}与支出总计{money(report, exp_sum)}不平衡，相差{money(report, gap)}"
    yield Outcome("income.total / expenditure.total", ok, msg, expected=inc_sum, actual=exp_sum,
                  within_rounding=bool(gap))


@check("BAL-002", "总计等于本年合计加结转结余", "error")
def grand_totals_add_up(report: Report) -> Iterator[Outcome]:
    """A stated 总计 must equal this year's total plus the carry-over terms on its side."""
    co = report.carryover
    sides = (("income", "收入", report.income.grand_total, _income_terms, "本年收入合计+使用非财政拨款结余+年初结转和结余"),
             ("expenditure", "支出", report.expenditure.grand_total, _expenditure_terms, "本年支出合计+结余分配+年末结转和结余"))
    for key, label, stated, terms_of, formula in sides:
        if stated is None or co is None:
            continue
        terms = terms_of(report, co)
        exact = sum(terms, Decimal(0))
        ok = meet(add_intervals(terms), interval(stated))
        verdict = "一致" if ok else f"不符，相差{money(report, stated - exact)}"
        msg = f"{label}总计{money(report, stated)}，按{formula}应为{money(report, exact)}，{verdict}"
        yield Outcome(f"{key}.grand_total", ok, msg, expected=exact, actual=stated,
                      within_rounding=ok and exact != stated)
