"""The arithmetic of a project's score table (项目支出绩效自评表): sums, caps, judgements. Pure; registers no check.

The checks in scoring.py, GRD-002 and the report all read a table through these functions, so that they agree on
what the table says and on which single check speaks for a defect.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..model import Indicator, Project, Report
from ..money import HUNDRED, ZERO, Interval, exponent, interval, meet

EXECUTION_GROUP = "预算执行"
# Level-1 names vary ("产出指标", "产出", "服务对象满意度指标"): a key word places a row in its group.
_GROUP_WORDS = (("产出", "产出指标"), ("效益", "效益指标"), ("满意", "满意度指标"), ("成本", "成本指标"))
DEFAULT_SPLIT: dict[str, Decimal] = {EXECUTION_GROUP: Decimal(10), "产出指标": Decimal(50), "效益指标": Decimal(30),
                                     "满意度指标": Decimal(10)}
ONE = Decimal(1)

# What the stated total (project.score) is, measured against the rows; each has one check that speaks for it.
NO_DATA = "no-data"          # no table, no total, or a row without its score
AGREES = "agrees"            # the rows add up to the total within rounding
OUT_OF_RANGE = "range"       # outside 0..100: GRD-001
WEIGHT_SUM = "weight-sum"    # the total is the weights' sum (the 合计 row's 分值): SCR-009
ABOVE_MOST = "above-most"    # more than the rows could give at all: SCR-008
MISADDED = "misadded"        # anything else the rows do not add up to: SCR-004


def tables(report: Report) -> Iterator[tuple[int, Project]]:
    """(index, project) for every project that carries a score table."""
    for i, p in enumerate(report.projects):
        if p.has_table:
            yield i, p


def whole_tables(report: Report) -> Iterator[tuple[int, Project]]:
    """The tables whose weights and total are a whole table's (a department table's 基本支出 row is not one)."""
    return ((i, p) for i, p in tables(report) if not p.is_part)


def weighted(p: Project) -> bool:
    """Whether every row that counts prints its 分值 (a table of 得分 alone cannot be checked against weights)."""
    return all(row.weight is not None for row in p.rows)


def weighted_tables(report: Report) -> Iterator[tuple[int, Project]]:
    """The whole tables with every row's 分值: the ones whose weights can be summed."""
    return ((i, p) for i, p in whole_tables(report) if weighted(p))


def group_of(row: Indicator) -> str:
    """The level-1 group of a row (产出指标 / 效益指标 / 满意度指标 / 成本指标), or its own level-1 name."""
    for word, group in _GROUP_WORDS:
        if word in row.level1:
            return group
    return row.level1 or "未分类"


def weights(p: Project) -> list[Decimal]:
    """Every row's weight (分值), the execution row first; 合计 rows left out. Only for weighted tables."""
    head = [p.execution.weight] if p.execution is not None else []
    return head + [row.weight for row in p.rows]


def scores(p: Project) -> list[Decimal] | None:
    """Every row's score, the execution row first; None when any row lacks one."""
    found = ([p.execution.score] if p.execution is not None else []) + [row.score for row in p.rows]
    return None if any(s is None for s in found) else found  # type: ignore[return-value]


def plain(value: Decimal) -> Decimal:
    """A sum of assigned weights without the trailing zeros its terms brought (22.5 + 27.5 is 50, not 50.0)."""
    text = format(value, "f")
    return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)


def weight_sum(p: Project) -> Decimal | None:
    """Σ weights of the rows that count (execution and indicators, not a 合计 row); None when a row has no 分值."""
    return plain(sum(weights(p), ZERO)) if weighted(p) else None


def groups(p: Project) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """(weight, score) by group, execution first, in the table's order; either is None when a row lacks one."""
    out: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    rows = [(EXECUTION_GROUP, p.execution.weight, p.execution.score)] if p.execution is not None else []
    rows += [(group_of(row), row.weight, row.score) for row in p.rows]
    for name, weight, score in rows:
        w, s = out.get(name, (ZERO, ZERO))
        out[name] = (None if w is None or weight is None else w + weight,
                     None if s is None or score is None else s + score)
    return {name: (None if w is None else plain(w), s) for name, (w, s) in out.items()}


def execution_rate(p: Project) -> Interval | None:
    """The interval of true executed ÷ the rate's budget (a fraction), or None without both or with a zero budget."""
    budget, spent = p.rate_budget[0], p.spent_amount
    if budget is None or spent is None:
        return None
    low_b, high_b = interval(budget, floor_at_zero=True)
    low_s, high_s = interval(spent, floor_at_zero=True)
    if low_b <= ZERO:
        return None
    return low_s / high_b, high_s / low_b


def execution_expected(p: Project) -> Interval | None:
    """The interval of scores the execution row may earn: rate × weight, capped at the weight."""
    rate = execution_rate(p)
    if rate is None or p.execution is None:
        return None
    w = p.execution.weight
    return min(rate[0], ONE) * w, min(rate[1], ONE) * w


def most_possible(p: Project) -> Decimal:
    """The most the rows can give: every indicator's weight, and what the execution rate allows of its row.

    Only for weighted tables."""
    indicators = sum((row.weight for row in p.rows), ZERO)
    if p.execution is None:
        return indicators
    expected = execution_expected(p)
    return indicators + (p.execution.weight if expected is None else expected[1])


def most_readable(p: Project) -> Decimal:
    """The most a table with unreadable scores adds up to: each score printed, and each unscored row's weight."""
    rows = sum((row.weight if row.score is None else row_interval(row.score)[1] for row in p.rows), ZERO)
    e = p.execution
    if e is None:
        return rows
    if e.score is not None:
        return rows + row_interval(e.score)[1]
    expected = execution_expected(p)
    return rows + (e.weight if expected is None else expected[1])


def most_allowed(p: Project) -> Decimal:
    """The bound SCR-008 holds the total to: what the weights allow, or what the printed scores allow when some are
    missing."""
    return most_possible(p) if scores(p) is not None else most_readable(p)


def row_interval(score: Decimal) -> Interval:
    """The true values a row's printed score stands for.

    A score printed as a whole number is an award of whole points, exact; one printed with decimals (9.95, a share
    of the weight worked out) is a rounding, read by the interval rule. Reading "20" as 19.5..20.5 would let seven
    whole-number rows hide a 3-point slip in their total.
    """
    return (score, score) if exponent(score) >= 0 else interval(score)


def rows_interval(found: list[Decimal]) -> Interval:
    """The interval of true sums of the rows' printed scores."""
    low, high = ZERO, ZERO
    for score in found:
        a, b = row_interval(score)
        low, high = low + a, high + b
    return low, high


def score_range_ok(score: Decimal, weight: Decimal | None) -> bool:
    """Whether a printed score can be a true score within 0..weight (weights are exact: they are assigned).

    Without a printed 分值 only the floor of 0 can be checked."""
    low, high = row_interval(score)
    return high >= ZERO and (weight is None or low <= weight)


def is_full(score: Decimal, weight: Decimal) -> bool:
    """Whether a printed score can be the full weight."""
    low, high = row_interval(score)
    return low <= weight <= high


def total_verdict(p: Project) -> str:
    """What the stated total is, against the rows (see the constants above)."""
    if not p.has_table or p.score is None:
        return NO_DATA
    found = scores(p)
    if not found:
        # rows without their score still bound the total: above every printed score plus the unscored weights
        unread = found is None and weighted(p) and interval(p.score)[0] > most_readable(p)
        return ABOVE_MOST if unread else NO_DATA
    s = p.score
    if meet(rows_interval(found), interval(s)):
        return AGREES
    if not ZERO <= s <= HUNDRED:
        return OUT_OF_RANGE
    if not weighted(p):
        return MISADDED
    weight_sums = {weight_sum(p)} | {row.weight for row in p.indicators if row.is_total}
    if s in weight_sums and rows_interval(found)[1] < s:
        return WEIGHT_SUM
    if interval(s)[0] > most_possible(p):
        return ABOVE_MOST
    return MISADDED


def disputed_total(p: Project) -> Decimal | None:
    """The rows' sum when they show the stated total to be wrong, else None."""
    if total_verdict(p) in (NO_DATA, AGREES):
        return None
    return sum(scores(p) or (), ZERO)


def _same_words(target: str, actual: str) -> bool:
    """Two texts that state the same fact (a date, a count: they hold a digit), spaces and punctuation aside.

    Words alone (有效控制 / 有效控制) are a grader's judgement of degree, and may earn part of the weight: not met by
    this rule (same_text and SCR-006's warning speak of them)."""
    def bare(text: str) -> str:
        return "".join(ch for ch in text if ch.isalnum())
    return any(ch.isdigit() for ch in target) and bare(target) == bare(actual)


def same_text(row: Indicator) -> bool:
    """A qualitative row whose actual repeats its target word for word (改善学校的办学条件 / 改善学校的办学条件)."""
    t, a = row.target, row.actual
    return t is not None and a is not None and t.value is None and bool(t.shown.strip()) and (
        "".join(ch for ch in t.shown if ch.isalnum()) == "".join(ch for ch in a.shown if ch.isalnum()))


def judge(row: Indicator) -> tuple[bool | None, str]:
    """(met?, why not judged): whether a quantitative target was met, by the row's own direction."""
    t, a, op = row.target, row.actual, row.comparison
    if t is not None and t.value is None and a is not None and _same_words(t.shown, a.shown):
        return True, ""  # a dated or counted text target whose actual repeats it (完成时间为…) is met
    if t is None or t.value is None:
        return None, "定性指标" if t is not None else "未列年度指标值"
    if a is None or a.value is None:
        return None, "实际完成值非数值" if a is not None else "未列实际完成值"
    if t.percent != a.percent:
        return None, "指标值与实际完成值一为百分比、一为数值，无法比较"
    if op is None:
        return None, "未注明比较方向（≥、≤、=）"
    x, y = a.value, t.value
    met = {">=": x >= y, "<=": x <= y, "=": x == y, ">": x > y, "<": x < y}[op]
    return met, ""
