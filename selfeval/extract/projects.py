"""Projects and what the text claims about them: counts, lists of names, scores, grades.

Only the foundation keys are read (name, budget, spent, score, grade) and the claims
(project_count, min_score, grade). A 合计 in an indicator table that prints weights only is a sum of
weights, and is never read as a score.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..grades import normalize_grade
from ..model import Funds
from ..money import interval, meet, ratio_percent
from ..sources_file import where_zh
from .document import Block, Source
from .numbers import NUM, amount, number, parse, splits, to_wan
from .result import Count, Extraction

GRADE = r"(?P<grade>优\s*秀|良\s*好|中\s*等|较\s*差|优|良|中|差)"
COUNT = re.compile(r"(?P<lead>等|共有|共|合计|涉及)?\s*(?P<n>\d+|[一二两三四五六七八九十百]{1,4})\s*个(?P<noun>项目|子项目|处室|科室|股室|二级单位|内设机构|下属单位)")
LIST_AFTER = re.compile(r"\s*[,，]?\s*(?:(?:分别(?:是|为)|包括|即)\s*[:：]?|[:：])\s*(?P<list>[^。;；]+)")
MIN_SCORE = re.compile(r"得分\s*(?:均|全部|都)?\s*(?:≥|>=|不低于|在|达到)\s*" + number("score") + r"\s*分")
CLAIM_GRADE = re.compile(r"(?:评价)?等级\s*(?:均|全部|都)?\s*(?:为|是|:|达到)\s*" + GRADE)
OVERALL_GRADE = re.compile(r"整体(?:绩效)?(?:自评|评价)(?:结果|等级|结论)?\s*(?:为|是|:)\s*" + GRADE)
SCORE = re.compile(r"(?:自评|总|综合|评价|整体)得分\s*(?:为|是|:|\|)?\s*" + number("score")
                   + r"(?!\s*(?:万|元|%|\d))")
# (a header row's next cell, 项目名称 | 预算数, is no name)
PROJECT_NAME = re.compile(r"项目名称\s*(?:[:：|]\s*)?(?!(?:年初|全年|调整后?)?(?:预算数?|执行数|金额|自评得分|得分|分值)\s*(?:[(（][^)）|]*[)）])?\s*(?:\||$))(?P<name>[^\s|:：,，;；。]{2,40}?)\s*"
                          r"(?=主管部门|实施单位|预算单位|项目单位|单位名称|项目资金|\||$|[,，;；。])")
TABLE_GRADE = re.compile(r"(?:评价等级|自评等级|绩效等级|评价结果)\s*(?:[:：|]\s*)?" + GRADE)
FUNDS = re.compile(r"执行率\s*(?:\(\s*B\s*/\s*A\s*\))?\s*(?P<run>[\d. |]+?)\s*%")
AMOUNT_HEADS = re.compile(r"年初预|调整预|全年预|执行数")
WEIGHT_TOTAL = re.compile(r"合计\s*(?P<n>" + NUM + r")(?!\s*(?:万|元|%|\d))")
_AFTER_YEAR = re.compile(r"\d{4}\s*年度?(.+)$")
_AFTER_LEAD = re.compile(r"(?:对|将)([^对将]+)$")
_CLAIMING = re.compile(r"\d+\s*个项目|均|全部|所有项目|各项目")


def _names(text: str) -> list[str]:
    """Names in an enumeration "A、B、C", the first stripped of the sentence's lead-in ("对2022年度")."""
    parts = [p.strip() for p in text.split("、") if p.strip()]
    if parts:
        m = _AFTER_YEAR.search(parts[0]) or _AFTER_LEAD.search(parts[0])
        parts[0] = m.group(1).strip() if m else parts[0]
    return [p for p in parts if p]


def _list_before(text: str, start: int) -> list[str]:
    lead = re.split(r"[,，;；。:：]", text[max(0, start - 600):start])[-1]
    return _names(lead) if "、" in lead else []


_NOT_A_COUNT = set("每第任某单这那哪同各")


def count_of(text: str) -> int:
    """A count as printed: digits, or a Chinese numeral (六, 十二, 两) read by cn2an."""
    if text.isdigit():
        return int(text)
    import cn2an  # noqa: PLC0415 - only texts that count in Chinese numerals pay for importing it

    return int(cn2an.cn2an(text, "smart"))


def read_counts(block: Block, ex: Extraction) -> None:
    """Stated counts with the names listed beside them; counts of projects become the claim."""
    for m in COUNT.finditer(block.text):
        if not m["n"].isdigit() and (block.text[m.start("n") - 1:m.start("n")] in _NOT_A_COUNT
                                     or m["n"] in ("一", "两") and not m["lead"]):
            continue  # 每一个项目, 第三个科室, 一个项目: not a count of them
        listed = _list_before(block.text, m.start()) if m["lead"] == "等" else []
        after = LIST_AFTER.match(block.text, m.end())
        if not listed and after and "、" in after["list"]:
            listed = _names(after["list"])
        source = block.source(m.start(), m.end())
        if m["noun"] == "项目":
            ex.put("claims.project_count", count_of(m["n"]), source)
            for name in listed:
                at = block.text.find(name, max(0, m.start() - 600))
                ex.add_project(name, block.source(at, at + len(name)) if at >= 0 else source)
        if listed:
            ex.counts.append(Count(count_of(m["n"]), m["noun"], tuple(listed), block.source(m.start(), m.end())))


DEPT_SCORE = re.compile(r"(?:部门|单位)?整体(?:支出)?(?:绩效)?(?:自评|评价)?(?:综合)?(?:得分|分数|总分|总得分)\s*(?:为|是|:)?\s*"
                        + number("score") + r"\s*分")


def as_written(m: re.Match) -> str | None:
    """A grade word as the report prints it (PDF spaces removed): 优 stays 优, never becomes 优秀."""
    word = "".join(m["grade"].split())
    return word if normalize_grade(word) else None


# The grade stated right after the overall score ("…得分92.6分，评价等级为“优”").
GRADE_AFTER = re.compile(r"\s*[,，;；]?\s*(?:绩效)?(?:评价|自评|评定)?(?:等级|结果)(?:评定)?\s*(?:为|是|:)\s*[“\"「]?" + GRADE)


def read_department_score(block: Block, ex: Extraction) -> None:
    """A department's own overall score and grade (部门整体自评得分92.6分，等级为优秀)."""
    m = DEPT_SCORE.search(block.text)
    if m:
        ex.put("department.score", parse(m["score"]), block.source(m.start(), m.end()))
    grade = OVERALL_GRADE.search(block.text) or (GRADE_AFTER.match(block.text, m.end()) if m else None)
    if grade and ex.get("department.grade") is None:
        ex.put("department.grade", as_written(grade), block.source(grade.start(), grade.end()))


def read_claims(block: Block, ex: Extraction) -> None:
    """均得分≥90分 / 评价等级为优秀 in a sentence about projects; 整体…为优秀 about the whole."""
    for sentence in re.finditer(r"[^。]+", block.text):
        text, base = sentence.group(), sentence.start()
        if "项目" in text and _CLAIMING.search(text) and not OVERALL_GRADE.search(text):
            for pattern, key in ((MIN_SCORE, "claims.min_score"), (CLAIM_GRADE, "claims.grade")):
                m = pattern.search(text)
                if m:
                    value = parse(m["score"]) if key.endswith("score") else as_written(m)
                    ex.put(key, value, block.source(base + m.start(), base + m.end()))
        m = OVERALL_GRADE.search(text)
        if m:
            grade = as_written(m)
            ex.grade_statements.append((grade, block.source(base + m.start(), base + m.end())))
    if SCORE.search(block.text):
        ex.scores_stated = True


def _funds(block: Block, ex: Extraction, project: dict) -> None:
    """年初预算数 / 调整预算数(A) / 全年执行数(B) / 执行率: spaced, '|'-separated, or glued by OCR."""
    m = FUNDS.search(block.text)
    if not m:
        return
    named = AMOUNT_HEADS.findall(block.text[max(0, m.start() - 60):m.start() + 3])
    heads = len(named)
    if not heads:  # no money block header before it: a sentence's 执行率100%, never digits to split
        return
    run = m["run"].strip()
    tokens = [t for t in re.split(r"[ |]+", run) if t]
    count = max(2, min(heads, 3)) + 1
    candidates = [[Decimal(t) for t in tokens]] if len(tokens) == count else list(splits(run, count))
    fits = [c for c in candidates if _rate_fits(c[-3], c[-2], c[-1])]
    uniform = [c for c in fits if len({-c[i].as_tuple().exponent for i in range(count - 1)}) == 1]
    chosen = fits if len(fits) == 1 else uniform
    source = block.source(m.start(), m.end())
    if len(chosen) != 1:
        ex.skip(f"{where_zh(source.where)}：项目资金“{m['run']}%”有{len(fits)}种读法与执行率相符，均未采用")
        return
    budget, spent, _ = chosen[0][-3:]
    if count == 4 and named[0] == "年初预":  # 年初预算数 | 调整(全年)预算数 | 全年执行数 | 执行率: the whole money block
        funds = Funds(initial_budget=chosen[0][0], full_year_budget=budget, executed=spent)
        if not {"budget", "spent"} & project.keys():  # the loader takes one form, never both
            project.setdefault("funds", (funds, source))
    else:
        project.setdefault("budget", (budget, source))
        project.setdefault("spent", (spent, source))
    if len(tokens) != count:
        ex.note(f"{where_zh(source.where)}：粘连的数字“{run}”读作{'／'.join(map(str, chosen[0]))}"
                "（唯一能复算出执行率的读法）")


def _rate_fits(budget: Decimal, spent: Decimal, rate: Decimal) -> bool:
    possible = ratio_percent(interval(spent), interval(budget))
    return possible is not None and meet(possible, interval(rate))


def read_project_table(block: Block, ex: Extraction) -> None:
    """A project self-evaluation table as text (OCR or flattened): name, score, grade, funds."""
    m = PROJECT_NAME.search(block.text)
    if not m:
        return
    project = ex.add_project(m["name"], block.source(m.start("name"), m.end("name")))
    score = SCORE.search(block.text)
    if score:
        project.setdefault("score", (parse(score["score"]), block.source(score.start(), score.end())))
    grade = TABLE_GRADE.search(block.text)
    if grade:
        word = as_written(grade)
        project.setdefault("grade", (word, block.source(grade.start(), grade.end())))
    _funds(block, ex, project)
    heads = re.search(r"一级指标.{0,20}三级指标", block.text)
    # cells glued into one run (OCR): a weight, a target and a score cannot be told apart with confidence; rows the
    # flattened-table reader placed already are read, and say so themselves
    if heads and "indicators" not in project:
        source = block.source(heads.start(), heads.end())
        ex.skip(f"{where_zh(source.where)}：“{m['name']}”的指标行印出时没有分格（文字识别或复制时粘连），"
                "分值、指标值和得分未读取")


# A grade printed on its own line under a score table ("自评等级：优秀"): the table's project's grade.
GRADE_LINE = re.compile(r"\s*(?:(?:自评|综合)?总?得分\s*(?:为|:)?\s*" + NUM + r"\s*分?\s*[,，;；]\s*)?"
                        r"(?:评价等级|自评等级|绩效等级|评价结果|等级)\s*(?:为|是|:)?\s*[“\"「]?" + GRADE + r"[”\"」]?\s*[。.]?\s*$")


def read_grade_after(block: Block, ex: Extraction) -> None:
    """The grade line right after a score table, for the project the table gave (when it printed none itself)."""
    m = GRADE_LINE.match(block.text)
    if m and ex.projects and (word := as_written(m)):
        ex.projects[-1].setdefault("grade", (word, block.source(m.start("grade"), m.end("grade"))))


def read_weight_totals(block: Block, ex: Extraction) -> None:
    """合计 in an indicator table without a 得分 column sums weights: say so, read nothing."""
    if "指标" not in block.text or "得分" in block.text:
        return
    for m in WEIGHT_TOTAL.finditer(block.text):
        source: Source = block.source(m.start(), m.end())
        ex.skip(f"{where_zh(source.where)}：“{source.snippet}”是各项指标分值的合计（未列得分栏），不作为得分读取")
