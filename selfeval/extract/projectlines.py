"""Projects stated in sentences, one to a sentence: a name ending in 项目, then 预算 / 执行 / 得分 / 等级 clauses;
and a project report's later "经自评，该项目得分…" for the one project it is about."""
from __future__ import annotations

import re

from ..model import Funds
from .document import Block, Source
from .numbers import amount, number, parse, to_wan
from .projects import GRADE, as_written
from .result import Extraction

_BUDGET_WORD = r"(?:年初|全年|调整后)?预算(?:数|资金|安排|金额)?"
# A project stated in one sentence: "1.食品安全抽检项目，预算120.00万元，执行118.60万元，自评得分96.3分，评价等级为优秀；"
PROJECT_LINE = re.compile(r"(?:^|[。;；]\s*)(?:其中\s*[:：]?\s*)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．]"
                          r"|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])?\s*(?:项目名称\s*[:：]\s*)?"
                          r"(?P<name>[^，,;；。:：\d]{2,40}?(?:项目|专项资金|专项|工程))"
                          # its clauses follow a comma or colon, a 。该项目… or 。预算…, or straight on (…项目预算数为…,
                          # …项目自评得分96分)
                          r"\s*(?:[，,:：]|。(?=\s*(?:该项目|" + _BUDGET_WORD + r"\s*(?:为|是)?\s*\d))"
                          r"|(?=(?:年初|全年)?预算(?:数|资金)|(?:年初|全年|调整后)?预算\s*(?:为|是)?\s*\d"
                          r"|(?:绩效)?(?:自评|综合|评价)?得分|自评分))")
# The next sentence still speaks of the project: "…预算执行率96.67%。经自评，该项目得分93分…".
SAME_PROJECT = re.compile(r"。\s*(?:经(?:自评|评价|综合评价)\s*[,，]?\s*)?(?=该项目)")
_SUBJECT = r"(?:该项目|项目)?"
PROJECT_FIELDS = (
    ("initial", re.compile(r"^" + _SUBJECT + r"年初(?:预算|项目资金)(?:数|资金|金额|安排)?\s*(?:为|是)?\s*"
                           + amount("num", "unit"))),
    ("budget", re.compile(r"^" + _SUBJECT + r"(?:全年|调整后|调整)?(?:预算|项目资金|资金总额)(?:数|资金|金额|安排)?\s*"
                          r"(?:调整)?(?:为|是|至)?\s*" + amount("num", "unit"))),
    ("spent", re.compile(r"^" + _SUBJECT + r"(?:实际|全年|已)?(?:执行|支出|使用|完成|支付)(?:数|资金|金额)?\s*"
                         r"(?:为|是)?\s*" + amount("num", "unit"))),
    ("score", re.compile(r"^" + _SUBJECT + r"(?:绩效)?(?:自评|综合|评价)?(?:得分|分)\s*(?:为|是)?\s*" + number("num")
                         + r"\s*分")),
    ("grade", re.compile(r"^(?:评价|自评|绩效)?(?:等级|结果)\s*(?:为|是|:)?\s*[\"“]?" + GRADE)),
)


# Words that speak of several projects, or of one named before ("所有项目得分均为…", "本项目得分…"): not a name.
_SPEAKER = re.compile(r"我|本(?:单位|部门|局|院|中心)|年度|全年|各类")
_CLAUSE_END = re.compile(r"[，,。;；]")
_NOT_A_NAME = re.compile(r"^(?:所有|各|全部|其余|上述|以上|该|每个|其中|(?:本|此|其他|其它)项目$)")


def read_project_lines(block: Block, ex: Extraction) -> None:
    """Projects stated one to a sentence: a name ending in 项目, then 预算 / 执行 / 得分 / 等级 clauses."""
    for m in PROJECT_LINE.finditer(block.text):
        fields = _clauses(block, m.end())
        name = "".join(m["name"].split())
        if fields and _named(name, m.end() == m.end("name"), fields):
            ex.add_project(name, block.source(m.start("name"), m.end("name")), **fields)


def _named(name: str, straight: bool, fields: dict[str, tuple[object, Source]]) -> bool:
    """Whether the words before the clauses name one project. Straight on ("…项目预算数为…"), with no punctuation
    marking the name off, they must be followed by a score or grade, or by two amounts, and never speak as the
    department does (本年度我单位项目预算…)."""
    if _NOT_A_NAME.match(name):
        return False
    if not straight:
        return True
    money = sum(1 for key in ("budget", "spent", "funds") if key in fields) + 2 * ("funds" in fields)
    return (bool({"score", "grade"} & fields.keys()) or money >= 2) and not _SPEAKER.search(name)


def _clauses(block: Block, pos: int) -> dict[str, tuple[object, Source]]:
    """The project's 预算 / 执行 / 得分 / 等级 clauses from `pos` to the end of its sentence (or its 该项目… next one)."""
    fields: dict[str, tuple[object, Source]] = {}
    while pos < len(block.text) and (block.text[pos] not in "。;；" or _goes_on(block.text, pos)):
        pos = _goes_on(block.text, pos) or pos
        clause_end = _CLAUSE_END.search(block.text, pos)
        end = clause_end.start() if clause_end else len(block.text)
        clause = block.text[pos:end].strip()
        for key, pattern in PROJECT_FIELDS:
            found = pattern.match(clause)
            if found and key not in fields:
                fields[key] = (_field_value(key, found), block.source(pos, end))
                break
        pos = end + 1 if clause_end and block.text[end] in "，," else end
    _money_block(fields)
    return fields


# A project report's own sentence about the one project it is on: "经自评，该项目综合得分为94.5分，评价等级为优秀。"
THE_PROJECT = re.compile(r"(?:^|[。;；]\s*)(?:经(?:自评|评价|综合评价|综合评定)\s*[,，]?\s*)?(?=该项目)")


def read_the_project(block: Block, ex: Extraction) -> None:
    """该项目… in a sentence of its own: the score and grade of the report's one project (none when it names
    several, which 该项目 cannot tell apart)."""
    if len(ex.projects) != 1:
        return
    for m in THE_PROJECT.finditer(block.text):
        for key, found in _clauses(block, m.end()).items():
            if key in ("score", "grade"):
                ex.projects[0].setdefault(key, found)


def _goes_on(text: str, pos: int) -> int:
    """Where the project's next sentence starts when it is about the same project (该项目…), else 0."""
    m = SAME_PROJECT.match(text, pos)
    return m.end() if m else 0


def _money_block(fields: dict[str, tuple[object, Source]]) -> None:
    """年初预算 beside a 全年 (调整后) 预算: the three amounts of the table's money block, not the short form; an
    年初预算 alone is the project's budget, as the short form has it."""
    initial = fields.pop("initial", None)
    if initial is None:
        return
    if "budget" not in fields:
        fields["budget"] = initial
        return
    spent = fields.pop("spent", None)
    funds = Funds(initial_budget=initial[0], full_year_budget=fields.pop("budget")[0],  # type: ignore[arg-type]
                  executed=spent[0] if spent else None)  # type: ignore[arg-type]
    fields["funds"] = (funds, initial[1])


def _field_value(key: str, m: re.Match) -> object:
    if key == "grade":
        return as_written(m)
    value = parse(m["num"])
    return value if key == "score" else to_wan(value, m["unit"])
