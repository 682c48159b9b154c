"""GRD and CLM: scores, the grades they earn, and what the report claims about them."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..grades import grade_for, normalize_grade
from ..model import Claims, Project, Report
from ..money import HUNDRED, fmt, interval
from .registry import Outcome, check
from .scoretable import disputed_total


@check("GRD-001", "得分在0至100分之间", "error")
def score_in_range(report: Report) -> Iterator[Outcome]:
    """A self-evaluation is scored out of 100."""
    for i, p in enumerate(report.projects):
        if p.score is None:
            continue
        ok = Decimal(0) <= p.score <= HUNDRED
        msg = f"{p.name}得分{fmt(p.score)}分" + ("" if ok else "，超出0至100分的范围")
        yield Outcome(f"projects[{i}].score", ok, msg, actual=p.score)


@check("GRD-002", "评价等级与得分相符", "error")
def grade_matches_score(report: Report) -> Iterator[Outcome]:
    """The stated grade must be the band the score falls in (优秀 ≥ 90, 良好 ≥ 80, 中等 ≥ 60)."""
    for i, p in enumerate(report.projects):
        if p.score is None or p.grade is None:
            continue
        earned, stated = grade_for(p.score), normalize_grade(p.grade) or p.grade
        ok = earned == stated
        verdict = "相符" if ok else f"不符，该得分应评为“{earned}”"
        rows = disputed_total(p)
        if not ok and rows is not None and grade_for(rows) == stated:
            # the table shows the total itself is wrong (SCR-004/008/009, GRD-001); the grade fits the rows' sum
            ok, earned = True, stated
            verdict = f"与逐项得分合计{fmt(rows)}分所得等级相符（总分有误，另见总分的检查）"
        yield Outcome(f"projects[{i}].grade", ok, f"{p.name}得分{fmt(p.score)}分，评价等级“{p.grade}”，{verdict}",
                      expected=earned, actual=p.grade)


def _earned(p: Project) -> str | None:
    return grade_for(p.score) if p.score is not None else p.grade


def _claim_outcomes(report: Report, c: Claims) -> Iterator[tuple[str, str, bool | None]]:
    """(where, message, ok) per claim; ok None means no project data stands behind it."""
    ps = report.projects
    if c.project_count is not None:
        listed = len(ps)
        ok = listed == c.project_count if ps else None
        yield "claims.project_count", f"报告称共{c.project_count}个项目，列出{listed}个", ok
    if c.min_score is not None:
        scored = [p for p in ps if p.score is not None]
        low = [p for p in scored if interval(p.score)[1] < c.min_score]
        ok = (not low) if ps and len(scored) == len(ps) else None
        names = "、".join(f"{p.name}（{fmt(p.score)}分）" for p in low)
        detail = f"，低于该分数的有：{names}" if low else ""
        yield "claims.min_score", f"报告称各项目得分均≥{fmt(c.min_score)}分，有得分数据的项目{len(scored)}个{detail}", ok
    if c.grade is not None:
        graded = [p for p in ps if _earned(p) is not None]
        other = [p for p in graded if _earned(p) != c.grade]
        ok = (not other) if ps and len(graded) == len(ps) else None
        names = "、".join(f"{p.name}（{_earned(p)}）" for p in other)
        detail = f"，等级不同的有：{names}" if other else ""
        yield "claims.grade", f"报告称评价等级为“{c.grade}”，有得分或等级数据的项目{len(graded)}个{detail}", ok


@check("CLM-001", "报告声明与项目数据相符", "error")
def claims_agree(report: Report) -> Iterator[Outcome]:
    """A claim that the project data contradicts is an error."""
    if report.claims is None:
        return
    for where, msg, ok in _claim_outcomes(report, report.claims):
        yield Outcome(where, ok, msg + ("" if ok is not False else "，与声明不符"))


@check("CLM-002", "报告声明有数据支撑", "warning")
def claims_evidenced(report: Report) -> Iterator[Outcome]:
    """A claim with no per-project data behind it is "claimed, not evidenced"."""
    if report.claims is None:
        return
    for where, msg, ok in _claim_outcomes(report, report.claims):
        evidenced = ok is not None
        yield Outcome(where, evidenced, msg + ("，有项目数据支撑" if evidenced else "；缺少逐项数据，属“有声明、无依据”"))
