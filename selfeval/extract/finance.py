"""Income, expenditure, carry-over and budget figures stated in sentences.

The pattern is the one of every 决算说明 and 自评报告: a total with its amount, then "其中" and a
list of lines, each an amount with its unit and perhaps its share ("占81.46%"). Percentages that
are not introduced by 占 (执行率, 完成率, 增长) are never read as shares.
"""
from __future__ import annotations

import re

from ..sources_file import where_zh
from .document import Block
from .numbers import UNIT, amount, number, parse, to_wan
from .lines import file_lines
from .lexicon import CARRYOVER, LINE_END, SIDES, UNDER_GRAND, is_whole
from .paired import PAIRED, paired_lines, paired_totals
from .result import Extraction, Item, Statement

TOTAL = re.compile(r"(?P<label>(?:本年度?|本期)?(?P<side>收入|支出)(?P<kind>总计|合计|总额))"
                   r"\s*(?:为|是|共计|共|达|:)?\s*" + amount("num", "unit"))
# Other ways a report names its year's totals: 决算总收入 / 总支出, and a bare 收入 / 支出 right after the year
# ("2016年部门收入5649006.18元,支出5238630.16元"); a bare one anywhere else is too often a kind of money.
TOTAL_OTHER = re.compile(r"(?:(?P<year>(?:19|20)\d{2})\s*年度?\s*|本年度?)?(?P<label>(?:决算|本年度?)?总(?P<side>收入|支出)"
                         r"(?P<kind>)|(?<=\d年)(?:度)?(?:部门|单位)?(?P<side2>收入|支出)(?P<kind2>)"
                         r"|(?:^|(?<=[、.]))(?P<side3>收入|支出)(?=\s*:))"
                         r"\s*(?:为|是|共计|共|达|:)?\s*" + amount("num", "unit"))
THEN_SPENT = re.compile(r"\s*[,，]\s*(?:部门|单位)?支出\s*(?:为|是|共计|:)?\s*" + amount("num", "unit"))
# A year-on-year clause after a figure ("，与2016年相比增加39.42万元，增加7.06%"): passed over, not an item.
YOY = re.compile(r"\s*[,，]?\s*(?:与\s*(?:(?:19|20)\d{2}\s*年度?|上年度?)\s*(?:决算)?相比|较上年度?|比上年度?|同比"
                 r"|比\s*(?:19|20)\d{2}\s*年度?)[^;；。%其]{0,40}%")
# A bare 收入 / 支出 is the year's total only when the year or the department names it (本年收入, 全年支出,
# 2022年度我单位收入) and its lines follow (a change against last year may come between), or when it is named a
# total (2022年收入决算数, 本年度支出总额): a kind of money (一般公共服务支出…，其中) never has such a word right before it.
_OWNER = r"(?:(?:我|本)(?:部门|单位|局|院|所|中心|委|办|镇|乡|街道)|部门|单位)"
TOTAL_BARE = re.compile(r"(?P<label>(?:(?:19|20)\d{2}\s*年度?|本年度?|全年度?|年度)\s*" + _OWNER + r"?\s*(?:决算)?"
                        r"(?P<side>收入|支出)(?P<named>决算数?|总额|总数)?(?P<kind>))\s*(?:为|是|共计|共|合计|达|:)?\s*"
                        + amount("num", "unit") + r"(?(named)|(?=(?:" + YOY.pattern + r")?\s*(?:[,，。;；]?\s*(?:其中|"
                        r"(?:主要|具体)?包括|按)|[,，]\s*[^\d,，;；。]{1,14}?(?P=side)\s*(?:为)?\s*\d)))")
# A budget document's own totals: "2025年收入预算1085203.63元", "支出总预算…", "收支总预算…" (both at once).
BUDGET_SIDE = re.compile(r"(?P<label>(?:本年度?)?(?:部门|单位)?(?P<side>收入|支出)(?:总)?预算(?:总额|总计|合计|数)?(?P<kind>))"
                         r"\s*(?:为|是|共计|共|:)?\s*" + amount("num", "unit"))
BUDGET_BOTH = re.compile(r"(?:部门|单位)?收支(?:总)?预算(?:总额)?\s*(?:均为|为|是|共计|共|:)?\s*"
                         + amount("num", "unit"))
BUDGET = re.compile(r"(?P<label>(?:部门|单位)?预算(?:总金额|资金总额|总额))\s*(?:为|是|共|:)?\s*"
                    + amount("num", "unit"))
PROJECTS = re.compile(r"(?P<label>项目(?:金额|资金|预算)(?:合计|总额)?)\s*(?:为|是|共|:)?\s*" + amount("num", "unit"))
PAIR = re.compile(r"收(?:入)?\s*[、和与及]\s*支(?:出)?\s*(?P<kind>总计|合计)\s*(?:各|分别)\s*(?:是|为)\s*"
                  + number("a") + r"\s*(?P<ua>" + UNIT + r")?\s*[,，、和及]\s*" + amount("b", "ub"))
# "收、支总计均为1331.52万元": one figure for both totals.
PAIR_SAME = re.compile(r"收(?:入)?\s*[、和与及]?\s*支(?:出)?\s*(?P<kind>总计|合计)\s*(?:均为|均是|都是|各为|均)\s*"
                       + amount("num", "unit"))
# 按支出性质分 / 按经济分类 introduce a breakdown as 其中 does.
WHEREOF = re.compile(r"\s*[,，。;；]?\s*(?:其中|(?:主要|具体)?包括|分别(?:是|为)|主要(?:为|是|有)|具体(?:为|是|如下)"
                     r"|按(?:收入|支出)?(?:性质|经济性质|经济分类|功能分类|类别|来源)(?:分类?)?(?:划分)?(?:为|是)?)\s*[:：]?\s*")
# The reason for a change, between a total and its lines ("…增长11.11%，主要原因是人员增加。其中：…").
REASON = re.compile(r"\s*[,，;；]\s*(?:主要)?(?:增减|变动|变化)?原因(?:是|为|:)[^。;；]{0,80}[。;；]")
SEP = re.compile(r"[\s,，;；、]*")
ITEM = re.compile(r"(?P<name>[^\d\s,，;；。:：、%|]+(?: [^\d\s,，;；。:：、%|]+)*?)\s*" + amount("num", "unit")
                  + r"(?:[,，]\s*(?:执行率|完成率|增长|下降|同比)[^,，;；。占]{0,12}%)?"  # a rate, not the share
                  + r"(?:\s*[,，]?\s*[(（]?\s*(?:所占(?:比例|比重)|占|比重)(?P<base>[^\d%,，;；。]{0,10}?)\s*" + number("share")
                  + r"\s*%\s*[)）]?)?")
PAREN_WHEREOF = re.compile(r"\s*[(（][^)）]*\d[^)）]*[)）]")  # a line's own breakdown in brackets, with figures
SHARE_AFTER = re.compile(r"\s*[,，]?\s*(?:所占(?:比例|比重)|占|比重)[^\d%,，;；。]{0,10}?\s*" + number("share") + r"\s*%")
SKIP = re.compile(r"[^,，;；。]{1,30}")
NESTED = re.compile(r"\s*[,，]?\s*其中[^;；。]*")
_FILLER = re.compile(r"^(?:其中|包括|主要(?:是|为|包括)?|分别(?:是|为)|以及|和|及|为|是|含)+")
_PAREN = re.compile(r"[(（][^)）]*[)）]$")


_ORDINAL = re.compile(r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.]|[(（]\d{1,2}[)）]|\d{1,2}[、.](?!\d))")


# The verb between a line's name and its amount ("财政拨款收入为900.00万元"): not part of the name.
_VERB = re.compile(r"(?:为|是|达到|达)$")


def clean_name(name: str) -> str:
    """An item name without PDF spaces, its ordinal (一、 （二） 3.) and leading filler words."""
    return _FILLER.sub("", _ORDINAL.sub("", "".join(name.split())))


def _items(block: Block, pos: int, kind: str) -> tuple[list[Item], int]:
    """The items after 其中, up to the end of the sentence."""
    items: list[Item] = []
    text, skips = block.text, 0
    while True:
        pos = SEP.match(text, pos).end()
        if pos >= len(text) or text[pos] == "。":
            break
        m = ITEM.match(text, pos)
        name = _VERB.sub("", clean_name(m["name"])) if m else ""
        if kind in SIDES.values() and _next_statement(name, kind):
            break  # "…年初结转和结余50万元；支出总计…": the other side's statement begins
        if not m or not name or (kind != "projects" and not LINE_END.search(name)):
            skip = SKIP.match(text, pos)
            if skips >= 2 or not skip or ITEM.search(skip.group()):
                break
            skips, pos = skips + 1, skip.end()
            continue
        share, pos = parse(m["share"]) if m["share"] else None, m.end()
        aside = PAREN_WHEREOF.match(text, pos)
        if aside and share is None:  # "基本支出900万元（人员经费…），占69.96%": the share follows the aside
            later = SHARE_AFTER.match(text, aside.end())
            share, pos = (parse(later["share"]), later.end()) if later else (None, aside.end())
        items.append(Item(name, to_wan(parse(m["num"]), m["unit"]), share, block.source(m.start("name"), pos),
                          "".join((m["base"] or "").split())))
        skips = 0
        yoy = YOY.match(text, pos)
        if yoy:
            pos = yoy.end()
        nested = NESTED.match(text, pos)
        if nested:  # a breakdown of this line (人员经费, 公用经费…) is not a line of the section
            pos = nested.end()
    return items, pos


def _next_statement(name: str, kind: str) -> bool:
    """A name that starts a statement of its own inside a list: any 总计, or the other side's total."""
    other = next(word for word, side in SIDES.items() if side != kind)
    return name.endswith("总计") or other in name and (name.endswith("合计") or name.startswith(("本年", "全年")))


_COMMA = re.compile(r"\s*[,，]\s*")


def _listed_straight(block: Block, pos: int, side: str, end: int) -> tuple[list[Item], int]:
    """Lines that follow their total after a bare comma ("收入合计100万元，财政拨款收入90万元，占90%；…"):
    taken only when at least two follow and every one is a line of that side, never a total of its own."""
    comma = _COMMA.match(block.text, pos)
    if not comma:
        return [], end
    items, after = _items(block, comma.end(), "")
    if len(items) < 2 or not all(i.name.endswith(side) and not i.name.endswith(("合计", "总计")) for i in items):
        return [], end
    return items, after


_YEAR_BEFORE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?")


def other_year(block: Block, start: int, label_at: int, ex: Extraction) -> int | None:
    """The year printed just before a total, when it is not the report's own (last year's figures beside this year's)."""
    years = list(_YEAR_BEFORE.finditer(block.text, block.lead(start), label_at))
    m = years[-1] if years else None  # the year nearest the label is the one it is of
    own = ex.get("department.year")
    if m and own is not None and int(m["year"]) != own:
        return int(m["year"])
    return None


def _statement(block: Block, m: re.Match, kind: str, ex: Extraction) -> int:
    total = to_wan(parse(m["num"]), m["unit"])
    if m["unit"] in ("元", "亿元"):
        ex.note(f"以{m['unit']}列示的金额已换算为万元（{'÷' if m['unit'] == '元' else '×'} 10000）")
    st = Statement(kind, m["label"], total, block.source(block.lead(m.start()), m.end()))
    end = m.end()
    yoy = YOY.match(block.text, end)
    reason = REASON.match(block.text, yoy.end()) if yoy else None
    whereof = WHEREOF.match(block.text, reason.end() if reason else yoy.end() if yoy else end)
    paired = PAIRED.match(block.text, whereof.end()) if whereof else None
    listed = paired_lines(block, paired, m["side"]) if paired and kind in SIDES.values() else None
    if listed:
        st.items, end = listed, paired.end()  # type: ignore[union-attr]
    elif whereof:
        st.items, end = _items(block, whereof.end(), kind)
    elif kind in SIDES.values():
        st.items, end = _listed_straight(block, yoy.end() if yoy else end, m["side"], end)
    year = other_year(block, getattr(m, "year_at", m.start()), _label_at(m), ex)
    if year is not None:  # figures of another year are that year's: never this report's totals or lines
        ex.other_years.append((year, st, lambda: _file(st, m, ex)))
        return end
    _file(st, m, ex)
    return end


def _label_at(m: re.Match) -> int:
    """Where a total's own words start: after a year its label begins with (2021年支出共计…), so that year is seen."""
    if isinstance(m, re.Match):
        return m.start("side") if "side" in m.re.groupindex else m.start()
    return m.label_at


def _file(st: Statement, m: re.Match, ex: Extraction) -> None:
    """Put a statement's figures under their params keys."""
    if st.kind == "budget":
        ex.budgets.append(st)
        return
    if st.kind == "projects":
        ex.budgets.append(st)
        for item in st.items:
            ex.add_project(item.name, item.source, budget=(item.amount, item.source))
        return
    key = "grand_total" if m["kind"] == "总计" else "total"
    ex.put(f"{st.kind}.{key}", st.total, st.source)
    lines = []
    for item in st.items:
        side = next((SIDES[s] for s in SIDES if item.name.endswith(s + "合计") or item.name in ("本年" + s, "本年度" + s)),
                    None)  # 本年收入 listed under 收入总计 is 本年收入合计
        term = CARRYOVER.get(_PAREN.sub("", item.name)) or (UNDER_GRAND.get(_PAREN.sub("", item.name))
                                                             if key == "grand_total" else None)
        if term is not None:
            ex.put(f"carryover.{term}", item.amount, item.source)
        elif side is not None:
            ex.put(f"{side}.total", item.amount, item.source)
        elif item.name.endswith(m["side"]) or item.name == "财政拨款":
            lines.append(item)
        else:
            ex.skip(f"{where_zh(item.source.where)}：“{item.name}”列在{st.label}之下，但不是它的一项，未读取")
    if lines:
        file_lines(st.kind, lines, ex, st)


def _pair(block: Block, m: re.Match, ex: Extraction) -> None:
    """收、支总计各是A,B万元: two totals in one clause; the comma between them separates, not groups."""
    key = "grand_total" if m["kind"] == "总计" else "total"
    unit_a = m["ua"] or m["ub"]
    source = block.source(m.start(), m.end())
    ex.put(f"income.{key}", to_wan(parse(m["a"]), unit_a), source)
    ex.put(f"expenditure.{key}", to_wan(parse(m["b"]), m["ub"]), source)


# "本年收入中，财政拨款收入…": the lines of a total stated in the sentence before, introduced by its name alone.
LINES_OF = re.compile(r"(?:^|(?<=[。；;]))\s*本年度?(?P<side>收入|支出)(?:合计)?(?:中|里)\s*[,，:：]?\s*")


def _lines_of(block: Block, ex: Extraction) -> None:
    for m in LINES_OF.finditer(block.text):
        kind = SIDES[m["side"]]
        items, _ = _items(block, m.end(), kind)
        lines = [i for i in items if i.name.endswith(m["side"]) or i.name == "财政拨款"]
        if lines:
            file_lines(kind, lines, ex, Statement(kind, f"本年{m['side']}", None, block.source(m.start(), m.end()),
                                                 lines))


def _both_budgets(block: Block, ex: Extraction) -> None:
    """收支总预算 of a budget document: one figure for both totals (a kind of money's, 财政拨款收支…, left out)."""
    for m in BUDGET_BOTH.finditer(block.text):
        if is_whole(block.text, m.start()) and other_year(block, m.start(), m.start(), ex) is None:
            value, source = to_wan(parse(m["num"]), m["unit"]), block.source(block.lead(m.start()), m.end())
            ex.put("income.total", value, source)
            ex.put("expenditure.total", value, source)


def read_finance(block: Block, ex: Extraction) -> None:
    """Every total-and-breakdown statement in one block."""
    _lines_of(block, ex)
    paired_totals(block, ex)
    text = block.text
    for m in PAIR.finditer(text):
        _pair(block, m, ex)
    for m in PAIR_SAME.finditer(text):
        if is_whole(text, m.start()):
            key = "grand_total" if m["kind"] == "总计" else "total"
            value, source = to_wan(parse(m["num"]), m["unit"]), block.source(m.start(), m.end())
            ex.put(f"income.{key}", value, source)
            ex.put(f"expenditure.{key}", value, source)
    found = [(m.start(), m, SIDES[m["side"]]) for m in TOTAL.finditer(text) if is_whole(text, m.start())]
    found += [(m.start(), _Other(m), SIDES[m["side"] or m["side2"] or m["side3"]]) for m in TOTAL_OTHER.finditer(text)]
    found += [(m.start(), m, SIDES[m["side"]]) for m in TOTAL_BARE.finditer(text)]
    if ex.budget_document:
        found += [(m.start(), m, SIDES[m["side"]]) for m in BUDGET_SIDE.finditer(text) if is_whole(text, m.start())]
        _both_budgets(block, ex)
    found += [(m.start(), m, "budget") for m in BUDGET.finditer(text)]
    found += [(m.start(), m, "projects") for m in PROJECTS.finditer(text)]
    done = 0
    for start, m, kind in sorted(found, key=lambda f: f[0]):
        if start < done:
            continue  # a total named inside an earlier statement's list (本年收入合计 under 收入总计)
        done = _statement(block, m, kind, ex)
        spent = THEN_SPENT.match(text, done) if isinstance(m, _Other) and kind == "income" else None
        if spent:
            done = _statement(block, _Other(spent, "支出", m.start()), "expenditure", ex)


class _Other:
    """A TOTAL_OTHER (or THEN_SPENT) match seen through TOTAL's group names, so one statement reader serves all."""

    def __init__(self, m: re.Match, side: str | None = None, year_at: int | None = None):
        self.m, self.side = m, side or m["side"] or m["side2"] or m.groupdict().get("side3")
        self.year_at = m.start() if year_at is None else year_at
        self.label_at = m.start("label") if m.groupdict().get("label") else m.start("side2") if "side2" in \
            m.groupdict() and m["side2"] else m.start()

    def __getitem__(self, name: str) -> str | None:
        if name == "side":
            return self.side
        if name == "kind":
            return "合计"
        if name == "label":
            return self.m.groupdict().get("label") or f"{self.side}"
        return self.m[name]

    def start(self, group: int | str = 0) -> int:
        """Where the figure's statement starts (its year, when printed)."""
        return self.year_at if group == 0 else self.m.start(group)

    def end(self, group: int | str = 0) -> int:
        """Where the match ends."""
        return self.m.end(group)
