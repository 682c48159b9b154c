"""GRD and CLM: scores, the grades they earn, and what the report claims about them."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..grades import Scale
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
    """The stated grade must be the band the score falls in (优秀 ≥ 90, 良好 ≥ 80, 中等 ≥ 60 on the default scale)."""
    scale = report.scale
    for i, p in enumerate(report.projects):
        if p.score is None or p.grade is None:
            continue
        earned = scale.grade_for(p.score)
        ok = scale.same(earned, p.grade)
        verdict = "相符" if ok else f"不符，该得分应评为“{earned}”"
        if not ok and (rows := disputed_total(p)) is not None and scale.same(scale.grade_for(rows), p.grade):
            # the table shows the total itself is wrong (SCR-004/008/009, GRD-001); the grade fits the rows' sum
            ok, earned = True, p.grade
            verdict = f"与逐项得分合计{fmt(rows)}分所得等级相符（总分有误，另见总分的检查）"
        yield Outcome(f"projects[{i}].grade", ok, f"{p.name}得分{fmt(p.score)}分，评价等级“{p.grade}”，{verdict}",
                      expected=earned, actual=p.grade)


@check("GRD-003", "部门整体自评得分在0至100分之间", "error")
def department_score_in_range(report: Report) -> Iterator[Outcome]:
    """The department's own overall score (部门整体自评得分) is out of 100 too."""
    score = report.department.score
    if score is None:
        return
    ok = Decimal(0) <= score <= HUNDRED
    msg = f"部门整体自评得分{fmt(score)}分" + ("" if ok else "，超出0至100分的范围")
    yield Outcome("department.score", ok, msg, actual=score)


@check("GRD-004", "部门整体评价等级与得分相符", "error")
def department_grade_matches_score(report: Report) -> Iterator[Outcome]:
    """The department's overall grade must be the band its overall score falls in."""
    d, scale = report.department, report.scale
    if d.grade is None:
        return
    if d.score is None:
        yield Outcome("department.grade", None, f"部门整体评价等级“{d.grade}”，未载明部门整体自评得分，无法核对")
        return
    earned = scale.grade_for(d.score)
    ok = scale.same(earned, d.grade)
    verdict = "相符" if ok else f"不符，该得分应评为“{earned}”（{scale.shown}）"
    yield Outcome("department.grade", ok, f"部门整体自评得分{fmt(d.score)}分，评价等级“{d.grade}”，{verdict}",
                  expected=earned, actual=d.grade)


def _earned(p: Project, scale: Scale) -> str | None:
    return scale.grade_for(p.score) if p.score is not None else p.grade


def _graded(report: Report) -> list[tuple[Project, str]]:
    """The projects with a score or a grade, each with the grade it earns (its stated one without a score)."""
    return [(p, g) for p in report.projects if (g := _earned(p, report.scale)) is not None]


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
        yield _grade_claim(report, c.grade)
    if c.min_grade is not None:
        yield _min_grade_claim(report, c.min_grade)


def _grade_claim(report: Report, claimed: str) -> tuple[str, str, bool | None]:
    """claims.grade: every project earns the claimed grade."""
    graded, scale = _graded(report), report.scale
    other = [(p, g) for p, g in graded if not scale.same(g, claimed)]
    ok = (not other) if report.projects and len(graded) == len(report.projects) else None
    names = "、".join(f"{p.name}（{g}）" for p, g in other)
    detail = f"，等级不同的有：{names}" if other else ""
    return "claims.grade", f"报告称评价等级为“{claimed}”，有得分或等级数据的项目{len(graded)}个{detail}", ok


def _min_grade_claim(report: Report, least: str) -> tuple[str, str, bool | None]:
    """claims.min_grade (良好及以上): every project earns that grade or a better one."""
    graded, scale = _graded(report), report.scale
    bound = scale.rank(least)
    below = [(p, g) for p, g in graded if bound is not None and (scale.rank(g) or 0) > bound]
    ok = (not below) if report.projects and len(graded) == len(report.projects) else None
    names = "、".join(f"{p.name}（{g}）" for p, g in below)
    detail = f"，低于该等级的有：{names}" if below else ""
    return "claims.min_grade", f"报告称各项目评价等级均为“{least}”及以上，有得分或等级数据的项目{len(graded)}个{detail}", ok


# The last report whose claims were read and what they came to: CLM-001 and CLM-002 run one after the
# other on the same report and read the same results. Held by identity (a Report is frozen), one at a time.
_last_claims: tuple[Report | None, tuple[tuple[str, str, bool | None], ...]] = (None, ())


def _claim_results(report: Report) -> tuple[tuple[str, str, bool | None], ...]:
    """_claim_outcomes of the report's claims, worked out once for both checks."""
    global _last_claims
    last, results = _last_claims
    if last is not report:
        results = tuple(_claim_outcomes(report, report.claims))
        _last_claims = (report, results)
    return results


@check("CLM-001", "报告声明与项目数据相符", "error")
def claims_agree(report: Report) -> Iterator[Outcome]:
    """A claim that the project data contradicts is an error."""
    if report.claims is None:
        return
    for where, msg, ok in _claim_results(report):
        yield Outcome(where, ok, msg + ("" if ok is not False else "，与声明不符"))


@check("CLM-002", "报告声明有数据支撑", "warning")
def claims_evidenced(report: Report) -> Iterator[Outcome]:
    """A claim with no per-project data behind it is "claimed, not evidenced"."""
    if report.claims is None:
        return
    for where, msg, ok in _claim_results(report):
        evidenced = ok is not None
        yield Outcome(where, evidenced, msg + ("，有项目数据支撑" if evidenced else "；缺少逐项数据，属“有声明、无依据”"))
