"""SCR: a project's score table — weights, each row's score, the execution row, targets met, and the total.

Each defect is spoken for by one check: a wrong total is SCR-004, SCR-008, SCR-009 or GRD-001 (see
scoretable.total_verdict), a score outside its row's range is SCR-003 only, an overspend is PRJ-001 only.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator

from ..model import DIRECTION_SHOWN, Indicator, Project, Report
from ..money import HUNDRED, ZERO, exponent, fmt, interval, meet, percent
from . import scoretable as st
from .registry import Outcome, check

_POINTS = "分"


def _pts(value: Decimal) -> str:
    return f"{fmt(value)}{_POINTS}"


def _weights_where(i: int) -> str:
    return f"projects[{i}].indicators[*].weight"


@check("SCR-001", "分值合计为100分", "error")
def weights_make_hundred(report: Report) -> Iterator[Outcome]:
    """Execution weight + every indicator's weight = 100 (weights are assigned, so exactly)."""
    for i, p in st.whole_tables(report):
        total = st.weight_sum(p)
        if total is None:
            yield Outcome(_weights_where(i), None, f"{p.name}：评分表未列各行分值，无法复核分值合计")
            continue
        ok = total == HUNDRED
        verdict = "" if ok else f"，不是100分（相差{fmt(total - HUNDRED)}分）"
        yield Outcome(_weights_where(i), ok, f"{p.name}：各行分值合计{_pts(total)}{verdict}",
                      expected=HUNDRED, actual=total)


def _split_text(groups: dict[str, Decimal]) -> str:
    return "、".join(f"{name}{fmt(w)}" for name, w in groups.items())


@check("SCR-002", "分值结构为预算执行10、产出50、效益30、满意度10", "warning")
def default_split(report: Report) -> Iterator[Outcome]:
    """A split other than 10/50/30/10 is worth a look, not an error: regions set their own."""
    for i, p in st.weighted_tables(report):
        if p.is_department_wide:  # a 部门整体支出 table's 投入/过程/产出/效益 follow no project template
            yield Outcome(_weights_where(i), None, f"{p.name}：部门整体支出评分表，不与项目评分表的常用分值结构比较")
            continue
        if st.weight_sum(p) != HUNDRED:
            yield Outcome(_weights_where(i), None, f"{p.name}：分值合计不是100分（见SCR-001），不比较分值结构")
            continue
        groups = {name: w for name, (w, _) in st.groups(p).items()}
        ok = groups == st.DEFAULT_SPLIT
        note = "" if ok else f"，与常用的{_split_text(st.DEFAULT_SPLIT)}不同，请对照本地评分办法核实"
        yield Outcome(_weights_where(i), ok, f"{p.name}：分值结构为{_split_text(groups)}{note}",
                      expected=_split_text(st.DEFAULT_SPLIT), actual=_split_text(groups))


def _scored_rows(p: Project) -> Iterator[tuple[str, str, Decimal, Decimal]]:
    """(key below the project, label, weight, score) for every row that has a score."""
    if p.execution is not None and p.execution.score is not None:
        yield "execution.score", "预算执行率", p.execution.weight, p.execution.score
    for k, row in enumerate(p.indicators):
        if not row.is_total and row.score is not None:
            yield f"indicators[{k}].score", row.name, row.weight, row.score


@check("SCR-003", "各行得分在0至该行分值之间", "error")
def scores_within_weights(report: Report) -> Iterator[Outcome]:
    """A row cannot earn less than nothing or more than its weight."""
    for i, p in st.tables(report):
        rows = list(_scored_rows(p))
        bad = [(key, label, w, s) for key, label, w, s in rows if not st.score_range_ok(s, w)]
        for key, label, w, s in bad:
            span = f"0至{_pts(w)}" if w is not None else "0分以上"
            yield Outcome(f"projects[{i}].{key}", False, f"{p.name}：{label}得分{_pts(s)}，超出{span}的范围",
                          expected=w if w is not None else ">=0", actual=s)
        if rows and not bad:
            span = "0至该行分值之间" if st.weighted(p) else "0分以上（评分表未列分值）"
            yield Outcome(f"projects[{i}]", True, f"{p.name}：{len(rows)}行得分均在{span}")


_DEFERRED = {st.OUT_OF_RANGE: "超出0至100分（见GRD-001）", st.WEIGHT_SUM: "等于分值合计（见SCR-009）",
             st.ABOVE_MOST: "超过各行可得最高分（见SCR-008）", st.MISADDED: "与逐项得分合计不符（见SCR-004）"}


def _total_outcome(i: int, p: Project, speaks_for: str, failing: str, passing: str,
                   expected: str | None = None) -> Outcome | None:
    """The outcome of a total check: failing for its own verdict, passing on agreement, n/a when another speaks."""
    verdict = st.total_verdict(p)
    if verdict == st.NO_DATA:
        return None
    rows = sum(st.scores(p) or (), ZERO)
    where = f"projects[{i}].score"
    if verdict == speaks_for:
        return Outcome(where, False, f"{p.name}：{failing}", expected=expected or rows, actual=p.score)
    if verdict == st.AGREES:
        return Outcome(where, True, f"{p.name}：{passing}", expected=rows, actual=p.score,
                       within_rounding=rows != p.score)
    return Outcome(where, None, f"{p.name}：总分{_pts(p.score)}{_DEFERRED[verdict]}")


@check("SCR-004", "逐项得分合计等于总分", "error")
def scores_add_up(report: Report) -> Iterator[Outcome]:
    """The execution score plus every indicator's score is the stated total, within rounding."""
    for i, p in st.whole_tables(report):
        rows = sum(st.scores(p) or (), ZERO)
        failing = (f"总分{_pts(p.score)}，逐项得分合计{_pts(rows)}，相差{fmt(p.score - rows)}分，超出舍入误差范围"
                   if p.score is not None else "")
        passing = f"总分{_pts(p.score)}，逐项得分合计{_pts(rows)}，一致" if p.score is not None else ""
        outcome = _total_outcome(i, p, st.MISADDED, failing, passing)
        if outcome is not None:
            yield outcome
        elif p.score is not None:
            yield Outcome(f"projects[{i}].score", None, f"{p.name}：有行未列得分，无法复核总分")


def _expected_score(p: Project, places: int) -> Decimal:
    """rate × weight capped at the weight, rounded half-up to the printed score's decimals (for messages)."""
    rate = min(p.spent_amount / p.rate_budget[0], Decimal(1))
    return (rate * p.execution.weight).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@check("SCR-005", "预算执行得分与执行率相符", "error")
def execution_score(report: Report) -> Iterator[Outcome]:
    """The execution row earns execution rate × its weight, capped at the weight (an overspend is PRJ-001's)."""
    for i, p in st.tables(report):
        e, expected = p.execution, st.execution_expected(p)
        if e is None or e.score is None or expected is None:
            continue
        where = f"projects[{i}].execution.score"
        (budget, budget_name), rate = p.rate_budget, percent(p.spent_amount, p.rate_budget[0])
        if not st.score_range_ok(e.score, e.weight):
            yield Outcome(where, None, f"{p.name}：预算执行得分超出分值（见SCR-003），不按执行率复核")
            continue
        exact = _expected_score(p, max(2, -exponent(e.score)))
        ok = meet(expected, interval(e.score))
        verdict = "相符" if ok else f"不符（报告得分{_pts(e.score)}）"
        msg = (f"{p.name}：执行率{fmt(rate)}%（全年执行数{fmt(p.spent_amount)} ÷ {budget_name}{fmt(budget)}），"
               f"分值{_pts(e.weight)}，应得{_pts(exact)}，{verdict}")
        yield Outcome(where, ok, msg, expected=exact, actual=e.score, within_rounding=ok and exact != e.score)


def _target_text(row: Indicator) -> str:
    shown = DIRECTION_SHOWN[row.comparison] if row.direction else ""
    unit = row.unit if row.unit and not row.target.shown.endswith(row.unit) else ""
    actual_unit = row.unit if row.unit and not row.actual.shown.endswith(row.unit) else ""
    return f"目标{shown}{row.target.shown}{unit}，实际{row.actual.shown}{actual_unit}"


@check("SCR-006", "指标达成与得分相符", "error")
def targets_and_scores(report: Report) -> Iterator[Outcome]:
    """A met target earns the full weight; a missed one cannot; a text target met word for word and scored short
    is a warning."""
    for i, p in st.tables(report):
        for k, row in enumerate(p.indicators):
            met, _ = st.judge(row)
            if met is None and not row.is_total and (short := _words_met_short(i, k, p.name, row)) is not None:
                yield short
            if row.is_total or met is None or row.score is None:
                continue
            where, facts = f"projects[{i}].indicators[{k}].score", f"{p.name}“{row.name}”：{_target_text(row)}"
            if row.weight is None:
                yield Outcome(where, None, f"{facts}，评分表未列分值，无法判断是否应得满分")
                continue
            if not st.score_range_ok(row.score, row.weight):
                yield Outcome(where, None, f"{facts}，得分超出分值（见SCR-003），不按达成情况复核")
                continue
            low_for_met = met and st.row_interval(row.score)[1] < row.weight
            full_for_missed = not met and st.is_full(row.score, row.weight)
            state = "已达成" if met else "未达成"
            if low_for_met:
                verdict = f"得分{_pts(row.score)}，低于分值{_pts(row.weight)}（达成应得满分）"
            elif full_for_missed:
                verdict = f"得分{_pts(row.score)}，为满分（未达成不应得满分）"
            else:
                verdict = f"得分{_pts(row.score)}（分值{_pts(row.weight)}），相符"
            ok = not (low_for_met or full_for_missed)
            yield Outcome(where, ok, f"{facts}，{state}，{verdict}",
                          expected=row.weight if met else f"<{fmt(row.weight)}", actual=row.score)


def _words_met_short(i: int, k: int, project: str, row: Indicator) -> Outcome | None:
    """A qualitative row whose actual repeats its target, scored below its weight: a warning, not an error, since a
    met qualitative target may be scored 80%–100% of its weight; the report should say why points were taken."""
    if not st.same_text(row) or row.score is None or row.weight is None or not st.score_range_ok(row.score, row.weight):
        return None
    if st.row_interval(row.score)[1] >= row.weight:
        return None
    return Outcome(f"projects[{i}].indicators[{k}].score", False,
                   f"{project}“{row.name}”：实际完成“{row.actual.shown}”与年度指标值文字相同（已达成），得分{_pts(row.score)}，"
                   f"低于分值{_pts(row.weight)}：未说明扣分理由", expected=row.weight, actual=row.score, severity="warning")


@check("SCR-007", "定性或无法比较的指标（列示，不判定）", "info")
def unjudged_indicators(report: Report) -> Iterator[Outcome]:
    """List the rows whose target is text (or lacks a comparable actual): shown to the reader, not judged."""
    for i, p in st.tables(report):
        for k, row in enumerate(p.indicators):
            met, why = st.judge(row)
            if row.is_total or met is not None or _words_met_short(i, k, p.name, row) is not None:
                continue  # (a text target met word for word and scored short is SCR-006's warning)
            target = row.target.shown if row.target is not None else "未列"
            actual = row.actual.shown if row.actual is not None else "未列"
            score = _pts(row.score) if row.score is not None else "未列"
            yield Outcome(f"projects[{i}].indicators[{k}].target", None,
                          f"{p.name}“{row.name}”：{why}（目标{target}，实际{actual}，得分{score}），未作判定")


@check("SCR-008", "总分不超过各行可得最高分", "error")
def total_within_most(report: Report) -> Iterator[Outcome]:
    """A total above what the weights and the execution rate allow cannot be right."""
    for i, p in st.weighted_tables(report):
        most = st.most_allowed(p)
        shown = most.quantize(Decimal("0.01"))  # the maximum as the messages print it
        how = ("指标分值合计加按执行率可得的预算执行分" if st.scores(p) is not None
               else "已列得分，加上未列得分各行的分值")
        failing = f"总分{_pts(p.score)}，而各行最多可得{_pts(shown)}（{how}）" if p.score is not None else ""
        passing = f"总分{_pts(p.score)}，未超过各行最多可得的{_pts(shown)}" if p.score is not None else ""
        outcome = _total_outcome(i, p, st.ABOVE_MOST, failing, passing, f"≤{fmt(shown)}")
        if outcome is None and p.score is not None and st.scores(p) is None:  # within what the rows can give
            outcome = Outcome(f"projects[{i}].score", True, f"{passing}（{how}）", expected=f"≤{fmt(shown)}",
                              actual=p.score)
        if outcome is not None and outcome.ok and interval(p.score)[0] > most:
            # the rows add up to the total, so the excess is in a row's score: SCR-003 / SCR-005 say which
            outcome = Outcome(outcome.where, None, f"{p.name}：总分超过可得最高分，源于逐项得分（见SCR-003、SCR-005）")
        if outcome is not None:
            yield outcome


def _total_row_outcomes(i: int, p: Project) -> Iterator[Outcome]:
    """A 合计 row is left out of every sum; its score must be the rows' sum, not its own 分值."""
    found = st.scores(p)
    for k, row in enumerate(p.indicators):
        if not row.is_total or row.score is None or found is None:
            continue
        where = f"projects[{i}].indicators[{k}].score"
        rows = sum(found, ZERO)
        weight = f"分值{_pts(row.weight)}，" if row.weight is not None else ""
        if meet(st.rows_interval(found), interval(row.score)):
            yield Outcome(where, True, f"{p.name}：合计行（{weight}得分{_pts(row.score)}）未计入逐项，"
                                       f"与逐项得分合计一致", expected=rows, actual=row.score)
        elif p.score is not None and row.score == p.score:
            yield Outcome(where, None, f"{p.name}：合计行得分即总分，见总分的检查")
        else:
            read_as = "与其分值相同，疑将分值当作得分；" if row.score == row.weight else ""
            yield Outcome(where, False, f"{p.name}：合计行得分{_pts(row.score)}{read_as}逐项得分合计为{_pts(rows)}",
                          expected=rows, actual=row.score)


@check("SCR-009", "合计行分值未被当作得分", "error")
def weight_sum_not_a_score(report: Report) -> Iterator[Outcome]:
    """A total equal to the weights' sum (100) while the rows give less is the 合计 row's 分值 read as the score."""
    for i, p in st.whole_tables(report):
        weight_sum = st.weight_sum(p)
        if weight_sum is None:  # no 分值 printed: only the 合计 row's score can be compared with the rows
            yield from _total_row_outcomes(i, p)
            continue
        failing = (f"总分{_pts(p.score)}等于分值合计，而逐项得分合计仅{_pts(sum(st.scores(p) or (), ZERO))}，"
                   f"疑将合计行的分值当作得分" if p.score is not None else "")
        outcome = _total_outcome(i, p, st.WEIGHT_SUM, failing, f"总分{_pts(p.score)}取自逐项得分")
        if outcome is not None and outcome.ok is not False and p.score != weight_sum:
            outcome = Outcome(outcome.where, True, f"{p.name}：总分{_pts(p.score)}不是分值合计{_pts(weight_sum)}")
        if outcome is not None:
            yield outcome
        yield from _total_row_outcomes(i, p)
