"""Year-on-year changes stated in sentences: "与上年相比增加56.38万元，增长5.10%", "较上年减0.04万元，增0.01%".

Three shapes: the 总计 pair and the single 总计 (checked against the totals read), a change printed beside its
figure (checked against that figure), and a bare change whose figure is elsewhere (only its own words can be
checked: an amount that falls while its rate rises says two things at once).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .document import Block
from .numbers import amount, number, parse, to_wan
from .result import Change, Extraction

CHANGE_PAIR = re.compile(r"收(?:入)?\s*[、和与及]\s*支(?:出)?\s*总计\s*(?:各|分别)\s*(?P<dir>增加|减少)\s*" + number("a")
                         + r"\s*[,，、和及]\s*" + amount("b", "unit") + r"\s*[,，]\s*(?:各|分别)\s*(?:增长|下降)\s*"
                         + number("ra") + r"\s*%\s*[,，、和及]\s*" + number("rb") + r"\s*%")
# "收、支总计各增加100.00万元，增长8.12%": one change for both (a kind of money's, 财政拨款收、支…, left out).
CHANGE_SAME = re.compile(r"(?<!拨款)收(?:入)?\s*[、和与及]?\s*支(?:出)?\s*总计\s*(?:各|均|都)\s*(?P<dir>增加|减少)\s*"
                         + amount("a", "unit") + r"\s*[,，]\s*(?:各|均|都)?\s*(?:增长|下降)\s*" + number("ra") + r"\s*%")
CHANGE_ONE = re.compile(r"(?P<subject>收入支出总体|收支总体|收入总计|支出总计)[^。;；]{0,12}?(?P<dir>增加|减少)\s*"
                        + amount("a", "unit") + r"\s*[,，]\s*(?:增长|下降)\s*" + number("ra") + r"\s*%")
_SUBJECTS = {"收入支出总体": "both", "收支总体": "both", "收入总计": "income", "支出总计": "expenditure"}
# Against what: last year (与上年相比, 较上年, 比上年, 同比) or a named year or its budget (比2017年预算数).
_AGAINST = (r"(?:与\s*(?:(?:19|20)\d{2}\s*年度?|上年度?)\s*(?:[^,，。;；\d]{0,6})?相比|较上年度?|比上年度?|同比"
            r"|比\s*(?:19|20)\d{2}\s*年度?(?:[^,，。;；\d]{0,6}))")
# The change and its rate, each with its own direction word (a report may print 减 and then 增).
_MOVE = (r"\s*[,，]?\s*(?P<dir>增加|减少|增长|下降|降低|上升|增|减)了?\s*" + amount("a", "unit")
         + r"\s*[,，]\s*(?P<rdir>增长|下降|增加|减少|降低|上升|提高|增幅|降幅|减幅|增|减)(?:率)?(?:为|了)?\s*"
         + number("ra") + r"\s*%")
# A share between the figure and its change ("850088.3元，占支出总预算78.33%，同比减少…") belongs to the figure.
_SHARE = r"(?:\s*[,，]?\s*占[^\d%,，;；。]{0,10}?\s*\d+(?:\.\d+)?\s*%)?"
# Any figure with its change beside it: "一般公共预算财政拨款支出1264.92万元，与2019年相比增加27.44万元，增长2.22%".
CHANGE_ANY = re.compile(r"(?P<label>[\u4e00-\u9fff“”\"]{2,30}?)(?:决算数|预算数|决算|总计|合计)?\s*(?:为|是)?\s*"
                        + amount("cur", "cunit") + _SHARE + r"\s*[,，。]?\s*(?:[^,，。;；\d]{0,12}?)" + _AGAINST + _MOVE)
# A change whose figure is not beside it: "2.商品和服务支出较上年减0.04万元,增0.01%".
CHANGE_BARE = re.compile(r"(?P<label>[\u4e00-\u9fff“”\"]{2,30}?)\s*" + _AGAINST + _MOVE)
_UP = ("增加", "增长", "增", "增幅", "上升", "提高")
_QUOTES = str.maketrans("", "", "“”\"")
_YEAR_AT = re.compile(r"^(?:19|20)\d{2}\s*年度?")
_FIGURE_WORDS = re.compile(r"(?:预算数|决算数|预算总额|决算总额|总额|合计|总计|数)$")
_BEFORE = re.compile(r"((?:19|20)\d{2})\s*年度?[^,，。;；\d]{0,12}$")


def _sign(word: str) -> int:
    return 1 if word in _UP else -1


def _spans_taken(m: re.Match, taken: list[tuple[int, int]]) -> bool:
    return any(s < m.end() and m.start("dir") < e for s, e in taken)


def _figure_changes(block: Block, ex: Extraction, taken: list[tuple[int, int]]) -> None:
    """Changes stated beside their figure, then bare ones, other than the 总计 ones read already."""
    for pattern in (CHANGE_ANY, CHANGE_BARE):
        for m in pattern.finditer(block.text):
            if _spans_taken(m, taken) or pattern is CHANGE_ANY and _not_its_figure(block.text, m):
                continue
            taken.append((m.start(), m.end()))
            # "2025 年本年…支出": the label starts after the year's digits, its 年 is not part of the name
            label = re.sub(r"^年度?", "", "".join(m["label"].split()).strip("“”\""))
            current = to_wan(parse(m["cur"]), m["cunit"]) if pattern is CHANGE_ANY else None
            ex.changes.append(Change("figure", _sign(m["dir"]), to_wan(parse(m["a"]), m["unit"]), parse(m["ra"]),
                                     block.source(m.start("label"), m.end()), current, label, _sign(m["rdir"])))


_AMOUNT_BEFORE = re.compile(r"\d\s*(?:万元|亿元|元)")


def _not_its_figure(text: str, m: re.Match) -> bool:
    """A change that opens the next sentence ("…公务用车运行维护费2.00万元。比2023年减少0.20万元…") is of that
    sentence's subject, not of its last figure: it is taken as the figure's only when the figure is the first of its
    sentence (收入总计880.50万元。比上年增加…)."""
    stop = text.find("。", m.end("cur"), m.start("dir"))
    if stop < 0:
        return False
    start = max(text.rfind(ch, 0, m.start("label")) for ch in "。;；") + 1
    return bool(_AMOUNT_BEFORE.search(text, start, m.start("cur")))


def read_changes(block: Block, ex: Extraction) -> None:
    """Year-on-year changes with their stated rates, of the 总计 figures and of any other figure."""
    taken = [(m.start(), m.end()) for p in (CHANGE_PAIR, CHANGE_SAME, CHANGE_ONE) for m in p.finditer(block.text)]
    _figure_changes(block, ex, taken)
    for m in CHANGE_PAIR.finditer(block.text):
        sign, source = (1 if m["dir"] == "增加" else -1), block.source(m.start(), m.end())
        for subject, num, rate in (("income", "a", "ra"), ("expenditure", "b", "rb")):
            ex.changes.append(Change(subject, sign, to_wan(parse(m[num]), m["unit"]), parse(m[rate]), source))
    for m in CHANGE_SAME.finditer(block.text):
        ex.changes.append(Change("both", 1 if m["dir"] == "增加" else -1, to_wan(parse(m["a"]), m["unit"]),
                                 parse(m["ra"]), block.source(m.start(), m.end())))
    for m in CHANGE_ONE.finditer(block.text):
        ex.changes.append(Change(_SUBJECTS[m["subject"]], 1 if m["dir"] == "增加" else -1,
                                 to_wan(parse(m["a"]), m["unit"]), parse(m["ra"]), block.source(m.start(), m.end())))


def _stem(label: str) -> str:
    """A bare change's figure by its name alone: quotes, a leading year and a closing 预算数 / 总额 dropped."""
    return _FIGURE_WORDS.sub("", _YEAR_AT.sub("", label.translate(_QUOTES)))


def _stated(stem: str, blocks: list[Block], year: int | None) -> set:
    """Every amount the text states for that figure in its own year ("三公经费预算总额为2.7万元")."""
    pattern = re.compile(re.escape(stem) + r"(?:预算数|决算数|预算总额|决算总额|总额|合计|总计)?\s*(?:为|是|共计|共|:)?\s*"
                         + amount("num", "unit") + r"(?!\s*[,，]?\s*(?:与|较|比|同比))")
    found = set()
    for block in blocks:
        text = block.text.translate(_QUOTES)
        for m in pattern.finditer(text):
            before = _BEFORE.search(text, 0, m.start())
            if before is None or year is None or int(before[1]) == year:  # another year's figure is not this one
                found.add(to_wan(parse(m["num"]), m["unit"]))
    return found


def settle_bare_changes(blocks: list[Block], ex: Extraction) -> None:
    """A bare change gets its figure when the text states that figure once, elsewhere, for its year.

    "2018年“三公”经费预算数比2017年预算数减少0.06万元，减幅0.02%" beside "“三公”经费预算总额为2.7万元": the rate
    can then be recomputed. Two different amounts for the figure, or a name too short to be one figure, leave the
    change bare (its own words are still compared).
    """
    year = ex.get("department.year")
    for k, c in enumerate(ex.changes):
        stem = _stem(c.label) if c.subject == "figure" and c.current is None else ""
        if len(stem) < 4:
            continue
        found = _stated(stem, blocks, year)
        if len(found) == 1:
            ex.changes[k] = replace(c, current=found.pop())
