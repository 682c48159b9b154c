"""Text-level findings, with stable ids of their own: what the figures alone cannot show.

TXT-001 numbering styles mixed in one sequence (（一） beside （2））; TXT-002 a stated count that
differs from the names listed; TXT-003 a year-on-year rate that does not recompute; TXT-004 a
budget's lines that do not add up; TXT-005 project amounts against the budget's 项目支出 line;
TXT-006 a grade stated with no score anywhere; TXT-007 one figure stated twice with two values; TXT-008 a stated
自评得分 above the most an OCR'd score table's text allows (ocrscores.py); TXT-009 a 完成年初预算的x% that
is not the final figure over the budget; TXT-010 a head count whose listed parts do not add up to it.
Money and rates follow the rounding rule of DESIGN.md §2, as the registered checks do. Their ids, titles and
severities are declared in selfeval.checks.registry (TEXT); each function here is bound to its id there.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from ..checks import Finding
from ..checks.registry import FAIL, TEXT, text_check
from ..findings_view import place_terms
from ..money import add_intervals, exponent, fmt, interval, meet, percent, ratio_percent
from ..sources_file import where_zh
from .document import Source, normalise
from .priors import parts, too_large
from .reading import RawLine
from .result import Change, Extraction

PAREN_HEADING = re.compile(r"^\s*\((?:(?P<cn>[一二三四五六七八九十]{1,3})|(?P<ar>\d{1,2}))\)")
_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
Result = tuple[Finding, Source | None]


def _finding(check: str, ok: bool, source: Source | None, message: str, ex: Extraction,
             expected: object = "", actual: object = "", rounding: bool = False) -> Result:
    severity = "info" if ok and rounding else TEXT[check].severity
    exp = fmt(expected) if isinstance(expected, Decimal) else str(expected)
    act = fmt(actual) if isinstance(actual, Decimal) else str(actual)
    diff = fmt(actual - expected) if isinstance(expected, Decimal) and isinstance(actual, Decimal) else ""
    finding = Finding(check, severity, "pass" if ok else "fail", source.where if source else "", exp, act, diff,
                      message, ex.code, ex.file)
    return finding, source


def chinese_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20."""
    if "十" not in text:
        return _DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_DIGITS.get(tens, 0) if tens else 1) * 10 + _DIGITS.get(ones, 0)


def headings(lines: list[RawLine]) -> list[tuple[str, int, Source]]:
    """Parenthesised headings at line starts: (style cn/ar, value, source)."""
    found = []
    for line in lines:
        m = PAREN_HEADING.match(normalise(line.text[:12])[0])
        if m:
            style, value = ("cn", chinese_number(m["cn"])) if m["cn"] else ("ar", int(m["ar"]))
            found.append((style, value, Source(line.where, " ".join(line.text.split())[:40])))
    return found


@text_check("TXT-001")
def numbering(lines: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-001: a heading numbered in the other style within a run of consecutive numbers."""
    seq = headings(lines)
    if not seq:
        return
    minority = min(("cn", "ar"), key=lambda s: sum(1 for h in seq if h[0] == s))
    flagged = []
    for i, (style, value, source) in enumerate(seq):
        near = [seq[j] for j in (i - 1, i + 1) if 0 <= j < len(seq)]
        if style == minority and any(n[0] != style and abs(n[1] - value) == 1 for n in near):
            flagged.append((style, value, source))
    for style, value, source in flagged:
        shown = f"（{value}）" if style == "ar" else f"（{'一二三四五六七八九'[value - 1] if value < 10 else value}）"
        other = "（一）式中文数字" if style == "ar" else "（1）式阿拉伯数字"
        yield _finding("TXT-001", False, source, f"标题编号{shown}与前后{other}编号混用", ex,
                       expected="统一编号样式", actual=shown)
    if not flagged:
        yield _finding("TXT-001", True, seq[0][2], f"{len(seq)}个括号编号标题样式一致", ex)


@text_check("TXT-002")
def counts(_: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-002: "A、B、C等3个项目" lists as many names as it says."""
    for c in ex.counts:
        ok = c.stated == len(c.listed)
        verdict = "相符" if ok else "不符"
        yield _finding("TXT-002", ok, c.source, f"文中称{c.stated}个{c.noun}，列举了{len(c.listed)}个，{verdict}", ex,
                       expected=str(c.stated), actual=str(len(c.listed)))


def _current(ex: Extraction, subject: str, c: Change | None = None) -> Decimal | None:
    if c is not None and c.current is not None:
        return c.current
    grand = {k: ex.get(f"{k}.grand_total") for k in ("income", "expenditure")}
    if subject not in ("both", *grand):
        return None  # a figure whose current value is not printed beside its change
    if subject == "both":
        return grand["income"] if grand["income"] is not None and grand["income"] == grand["expenditure"] else None
    return grand[subject]


def _rate_possible(c: Change, current: Decimal) -> tuple[Decimal, Decimal] | None:
    cur, ch = interval(current), interval(c.amount)
    base = (cur[0] - ch[1], cur[1] - ch[0]) if c.direction > 0 else (cur[0] + ch[0], cur[1] + ch[1])
    return ratio_percent(ch, base)


@text_check("TXT-003")
def changes(lines: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-003: change ÷ last year's figure (this year's ∓ the change) is the stated rate; a part's implied
    last-year figure is not above its whole's."""
    yield from _parts_above_whole(lines, ex)
    for c in ex.changes:
        if c.rate_direction and c.rate_direction != c.direction:
            yield _contradiction(c, ex)
            continue
        current = _current(ex, c.subject, c)
        if current is None:
            continue
        base = current - c.direction * c.amount
        expected = percent(c.amount, base, max(2, -exponent(c.rate)))
        possible = _rate_possible(c, current)
        if expected is None or possible is None:
            continue
        ok = meet(possible, interval(c.rate))
        label = c.label or {"income": "收入总计", "expenditure": "支出总计", "both": "收支总计"}[c.subject]
        word = "增长" if c.direction > 0 else "下降"
        msg = (f"{label}{fmt(current)}万元较上年{'增加' if c.direction > 0 else '减少'}{fmt(c.amount)}万元，"
               f"{word}率应为{fmt(expected)}%，报告为{fmt(c.rate)}%，{'相符' if ok else '不符，超出舍入误差范围'}")
        yield _finding("TXT-003", ok, c.source, msg, ex, expected=expected, actual=c.rate, rounding=expected != c.rate)


def _parts_above_whole(lines: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """A numbered change under a change whose rate makes it larger than its whole last year (priors.py)."""
    for whole, part in parts(lines, ex.changes):
        if part.rate_direction and part.rate_direction != part.direction:
            continue  # its own words contradict each other already
        found = too_large(whole, part)
        if found is None:
            continue
        mine, theirs = (v.quantize(Decimal("0.01")) for v in found)
        msg = (f"{part.label or '该项'}较上年{'增加' if part.direction > 0 else '减少'}{fmt(part.amount)}万元、增减率"
               f"{fmt(part.rate)}%，推算上年数约{fmt(mine)}万元，大于其所属的{whole.label or '上一项'}上年数（约{fmt(theirs)}"
               "万元）：部分不会大于整体，增减率至少一处有误")
        yield _finding("TXT-003", False, part.source, msg, ex, expected=f"≤{fmt(theirs)}", actual=fmt(mine))


def _contradiction(c: Change, ex: Extraction) -> Result:
    """An amount that rises while its rate falls (or the reverse): the sentence contradicts itself."""
    moved, rated = ("增加", "下降") if c.direction > 0 else ("减少", "增长")
    msg = (f"{c.label or '该数'}较上年{moved}{fmt(c.amount)}万元，增减率却写作{rated}{fmt(c.rate)}%："
           "金额与增减率的方向相反，至少一处有误")
    return _finding("TXT-003", False, c.source, msg, ex, expected=moved, actual=rated)


@text_check("TXT-004")
def budgets(_: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-004: a budget's (or the projects') stated lines add up to its stated total."""
    for st in ex.budgets:
        if not st.items or st.total is None:
            continue
        amounts = [i.amount for i in st.items]
        exact = sum(amounts, Decimal(0))
        ok = meet(add_intervals(amounts, floor_at_zero=True), interval(st.total))
        msg = f"{st.label}{fmt(st.total)}万元，所列{len(amounts)}项之和{fmt(exact)}万元，" + \
              ("一致" if exact == st.total else "在舍入误差范围内" if ok else "不符，超出舍入误差范围")
        yield _finding("TXT-004", ok, st.source, msg, ex, expected=st.total, actual=exact, rounding=exact != st.total)


@text_check("TXT-005")
def project_line(_: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-005: when every project stated carries an amount, they add up to the budget's 项目支出."""
    lines = [i for st in ex.budgets if st.kind == "budget" for i in st.items if i.name == "项目支出"]
    amounts = [p["budget"][0] for p in ex.projects if "budget" in p]
    if len(lines) != 1 or not amounts or len(amounts) != len(ex.projects):
        return
    line, exact = lines[0], sum(amounts, Decimal(0))
    ok = meet(add_intervals(amounts, floor_at_zero=True), interval(line.amount))
    msg = (f"所列{len(amounts)}个项目金额合计{fmt(exact)}万元，预算中项目支出{fmt(line.amount)}万元，"
           + ("相符" if ok else f"相差{fmt(line.amount - exact)}万元，文中未说明"))
    yield _finding("TXT-005", ok, line.source, msg, ex, expected=line.amount, actual=exact,
                   rounding=ok and exact != line.amount)


@text_check("TXT-006")
def grades(_: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-006: a grade (整体…为优秀) stated where the text gives no score at all."""
    for grade, source in ex.grade_statements:
        if not ex.scores_stated:
            yield _finding("TXT-006", False, source, f"文中评价等级为“{grade}”，但未给出任何得分", ex,
                           expected="得分", actual=grade)


@text_check("TXT-007")
def conflicts(_: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-007: the same figure given two different values in the text."""
    for c in ex.conflicts:
        first, second = where_zh(c.first_source.where), where_zh(c.second_source.where)
        msg = f"{place_terms(c.key)}前后不一致：{first}为{_shown(c.first)}，{second}为{_shown(c.second)}"
        yield _finding("TXT-007", False, c.second_source, msg, ex, expected=_shown(c.first), actual=_shown(c.second))


@text_check("TXT-008")
def ocr_total(lines: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-008: one project's stated score against the scores its OCR'd table shows plus the weights left unread."""
    stated = [p["score"] for p in ex.projects if "score" in p and "indicators" not in p]
    if len(ex.projects) != 1 or len(stated) != 1:
        return  # a table read cell by cell is the SCR checks'; several projects cannot be told apart here
    found = ex.ocr_sections  # read once, when the extraction looked for the table's rows
    if found is None:
        return
    score, source = stated[0]
    read = sum((s.scores for s in found), Decimal(0))
    unread = [s for s in found if s.unknown > 0]
    most = read + sum((s.unknown for s in unread), Decimal(0))
    rows = sum(len(s.read) for s in found)
    ok = score <= most
    left = "、".join(f"{s.name}{fmt(s.unknown)}分" for s in unread)
    msg = (f"{ex.projects[0]['name'][0]}：自评得分{fmt(score)}分；评分表可读出的{rows}行得分合计{fmt(read)}分，"
           + (f"得分无法读出的部分按分值满分计{fmt(most - read)}分（{left}），" if unread else "")
           + f"最多可得{fmt(most)}分，" + ("未超过" if ok else f"自评得分超出{fmt(score - most)}分，不可能成立"))
    yield _finding("TXT-008", ok, source, msg, ex, expected=f"≤{fmt(most)}", actual=score)


@text_check("TXT-009")
def fulfilments(_: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-009: 完成年初预算的x% is the final figure ÷ the budget, under the rounding rule."""
    for f in ex.fulfilments:
        possible = ratio_percent(interval(f.final), interval(f.budget))
        expected = percent(f.final, f.budget, max(1, -exponent(f.rate)))
        if possible is None or expected is None:
            continue
        ok = meet(possible, interval(f.rate))
        msg = (f"{f.label}年初预算{fmt(f.budget)}万元，决算{fmt(f.final)}万元，完成年初预算的比例应为{fmt(expected)}%，"
               f"报告为{fmt(f.rate)}%，{'相符' if ok else '不符，超出舍入误差范围'}")
        yield _finding("TXT-009", ok, f.source, msg, ex, expected=expected, actual=f.rate, rounding=expected != f.rate)


def _shown(value: object) -> str:
    return fmt(value) if isinstance(value, Decimal) else str(value)


def text_findings(lines: list[RawLine], ex: Extraction) -> list[Result]:
    """Every text-level finding of one report, in the order the checks are declared, each with its source."""
    results: list[Result] = []
    for chk in TEXT.values():
        try:
            results.extend(chk.func(lines, ex))  # type: ignore[call-arg]
        except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others' findings
            message = f"检查程序自身出错（{type(exc).__name__}: {exc}），本项未能完成"
            results.append((Finding(chk.id, "error", FAIL, "", "", "", "", message, ex.code, ex.file), None))
    return results


@text_check("TXT-010")
def headcounts(_: list[RawLine], ex: Extraction) -> Iterator[Result]:
    """TXT-010: the parts of a stated head count add up to it; parts short of it are a warning (其中 may name some
    kinds of staff only), parts above it an error."""
    for h in ex.headcounts:
        listed = sum(n for _, n in h.parts)
        names = "、".join(f"{name}{n}人" for name, n in h.parts)
        verdict = "相符" if listed == h.total else "多于总数" if listed > h.total else "少于总数（其中未列全？）"
        finding, source = _finding("TXT-010", listed == h.total, h.source,
                                   f"{h.label}{h.total}人，其中{names}，合计{listed}人，{verdict}", ex,
                                   expected=Decimal(h.total), actual=Decimal(listed))
        if listed < h.total:
            finding = finding._replace(severity="warning")
        yield finding, source
