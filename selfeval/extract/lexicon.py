"""The words of a project score table (项目支出绩效自评表), as data: what each cell of a flattened table is.

A flattened table loses its grid; what is left is a stream of cell texts. Each is classified by the words
below, not by its place: a column header, a level-1 or level-2 indicator name, a row label (项目名称,
年度资金总额, 合计 …), an operator, a number, a unit, or plain text (a name or a value).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..grades import normalize_grade

# Column headers of the money block: header text (without spaces or a trailing (A) / (10分)) → field.
FUNDS_HEADS = {"年初预算数": "initial_budget", "年初预算": "initial_budget", "全年预算数": "full_year_budget",
               "调整后预算数": "full_year_budget", "调整预算数": "full_year_budget", "预算数": "full_year_budget",
               "全年执行数": "executed", "执行数": "executed", "实际执行数": "executed", "全年实际执行数": "executed",
               "实际支出数": "executed", "决算数": "executed", "分值": "weight",
               "执行率": "rate", "预算执行率": "rate", "得分": "score"}
# Column headers of the indicator block.
INDICATOR_HEADS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name", "指标名称": "name",
                   "年度指标值": "target", "指标值": "target", "年初目标值": "target", "预期指标值": "target",
                   "目标值": "target", "年度目标值": "target", "实际完成值": "actual", "全年实际值": "actual",
                   "完成值": "actual", "实际值": "actual", "全年实际完成值": "actual", "分值": "weight",
                   "权重": "weight", "指标分值": "weight", "参考分值": "weight", "得分": "score", "自评得分": "score",
                   "指标性质": "op", "度量单位": "unit", "计量单位": "unit", "绩效指标": "", "偏差原因分析及改进措施": "reason",
                   "未完成原因分析及改进措施": "reason", "偏差原因": "reason", "未完成原因及改进措施": "reason",
                   "预期目标": "target", "预期目标值": "target", "计划目标值": "target", "实际完成": "actual",
                   "实际完成指标值": "actual", "完成指标值": "actual", "标准分值": "weight", "权重分": "weight",
                   "评分": "score", "自评分": "score", "实得分": "score", "实际得分": "score", "评价得分": "score", "考核得分": "score"}
# Halves of a header split by the flattening ('年度 | 指标值', '实际 | 完成值'): the first half names the column.
HEAD_HALVES = {"年度": "target", "实际": "actual", "全年": "actual"}
# Words of a header cell the lexicon does not know (单项指标完成情况, 权重占比): the columns cannot be trusted.
HEADISH = re.compile(r"得分|分值|权重|完成值|完成情况|指标值|目标值|实际值|符号|计量|度量|折算")
# The 产出 / 效益 / 满意度 template's level-1 names, then the 决策 / 过程（管理） / 产出 / 效益 template's.
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "效果指标", "项目决策", "决策", "项目过程", "过程", "项目管理",
          "项目产出", "产出", "项目效益", "效益")
LEVEL2_STEMS = ("数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "环境效益", "可持续影响",
                "服务对象满意度", "经济成本", "社会成本", "生态环境成本")
# printed without 指标 in some tables
LEVEL2_BARE = ("数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "环境效益", "可持续影响")
# The level-2 names of the 决策 / 过程（管理） / 产出 / 效益 template, which OCR glues to the row's own name.
PROCESS_LEVEL2 = ("项目目标", "绩效目标", "项目立项", "决策依据", "资金投入", "投入管理", "资金管理", "财务管理",
                  "项目实施", "组织实施", "业务管理", "产出数量", "产出质量", "产出时效", "产出成本", "项目效益")
# 成本指标 is a level-2 name under 产出指标 in the older template and a level-1 name (over 经济成本指标 …) in the
# 2021 one: a level-1 name when a level-2 name follows it.
LEVEL1_BEFORE_LEVEL2 = ("成本指标", "成本")
AFTER_LEVEL1 = ("服务对象满意度", "满意度")  # level-2 names only right after a level-1 name (else indicator names)
MONEY_ROWS = ("年度资金总额", "资金总额", "年度财政资金总额", "年度资金总额合计", "项目资金总额")
SUB_MONEY_ROWS = ("其中:当年财政拨款", "当年财政拨款", "上年结转资金", "其他资金", "其中:财政资金", "基本支出", "项目支出")
TOTALS = ("合计", "总分", "总计", "合计得分")
LABELS = {"项目名称": "name", "主管部门": "", "实施单位": "", "项目实施单位": "", "部门": "department",
          "部门(单位)名称": "department", "单位名称": "", "自评得分": "score", "总得分": "score",
          "项目总得分": "score", "评价等级": "grade", "自评等级": "grade", "绩效等级": "grade", "项目类别": "",
          "项目属性": "", "项目类型": "", "年度总体目标": "", "预期目标": "", "实际完成情况": "",
          "项目资金": "", "年初设定目标": "", "年度总体目标完成情况": ""}
STOPS = ("其他需要说明事项", "评价结论", "存在问题", "改进措施", "项目负责人", "财务负责人", "说明")
OPERATORS = {"≥": ">=", "≧": ">=", ">=": ">=", "≤": "<=", "≦": "<=", "<=": "<=", "═": "=", "=": "=", "﹦": "=",
             "==": "=", ">": ">", "<": "<"}
DASHES = ("—", "-", "——", "/", "一", "无", "--")
UNITS = ("%", "元", "万元", "人", "人次", "万人次", "个", "次", "户", "亩", "天", "日", "月", "年", "件", "项", "条",
         "家", "所", "名", "台", "套", "场", "期", "组", "种", "篇", "公里", "千米", "平方米", "平方公里", "立方米", "米",
         "吨", "小时", "份", "例", "株", "棵", "座", "处", "间", "辆", "册", "本", "张", "批", "块", "公顷", "课时",
         "学时", "元/人", "元/亩", "个/年", "册/年", "天/年")
UNIT_WORD = re.compile(r"[(（](?:单位[:：])?(?P<unit>万元|元|亿元)[)）]|单位[:：]\s*(?P<unit2>万元|元|亿元)")
_PAREN = re.compile(r"[(（][^()（）]*[)）]")
_WEIGHT_NOTE = re.compile(r"[(（](?P<w>\d+(?:\.\d+)?)分")
_NUMBER = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)分?")
_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)%")


@dataclass(frozen=True)
class Kind:
    """What a cell is: its class, the field it names (for headers and labels), and a value where it has one."""

    cls: str                  # head / level1 / level2 / money / submoney / total / label / stop / op / dash / num
                              # / pct / unit / grade / text
    field: str = ""
    value: Decimal | None = None


def bare(text: str) -> str:
    """The text without spaces and without parenthesised notes ('年初预算数(A)' → '年初预算数')."""
    return _PAREN.sub("", "".join(text.split()))


def weight_note(text: str) -> Decimal | None:
    """The points a header or a level name states for itself: '产出指标(40分)' → 40, '分值(10分)' → 10."""
    m = _WEIGHT_NOTE.search(text)
    return Decimal(m["w"]) if m else None


def _level2(word: str) -> bool:
    """A level-2 name: a known stem, at most a few characters, then 指标 ('社会效益效益指标'), or a bare stem."""
    word = word.removesuffix("等")
    if word in LEVEL2_BARE or word in PROCESS_LEVEL2:
        return True
    stem = next((st for st in LEVEL2_STEMS if word.startswith(st)), None)
    return stem is not None and word.endswith("指标") and word.count("指标") == 1 and len(word) - len(stem) <= 4


def _value(text: str) -> Kind | None:
    """A number, a percentage, an operator, a dash or a unit; None for anything else."""
    if m := _NUMBER.fullmatch(text):
        return Kind("num", value=Decimal(m["num"].replace(",", "")))
    if m := _PERCENT.fullmatch(text):
        return Kind("pct", value=Decimal(m["num"]))
    if text in OPERATORS:
        return Kind("op", OPERATORS[text])
    if text in DASHES:
        return Kind("dash")
    if text in UNITS or text.startswith("%("):
        return Kind("unit", "%" if text.startswith("%") else text)
    return None


def classify(text: str, heads: dict[str, str] | None = None) -> Kind:
    """The kind of one cell's text; `heads` picks which header words count (funds or indicator ones)."""
    compact = "".join(text.split()).rstrip(":")
    word = bare(compact)
    found = _value(compact)
    if found is not None:
        return found
    for table in (heads,) if heads is not None else (INDICATOR_HEADS, FUNDS_HEADS):
        if word in table:
            return Kind("head", table[word])
        if word.startswith(("偏差原因", "未完成原因")) and table is INDICATOR_HEADS:
            return Kind("head", "reason")
    if word in LEVEL1:
        return Kind("level1", value=weight_note(compact))
    if _level2(word):
        return Kind("level2", value=weight_note(compact))
    if word in TOTALS:
        return Kind("total")
    if compact in MONEY_ROWS or word in MONEY_ROWS:
        return Kind("money")
    if word in SUB_MONEY_ROWS:
        return Kind("submoney")
    if compact in LABELS or word in LABELS:
        return Kind("label", LABELS.get(compact, LABELS.get(word, "")))
    if word.startswith(STOPS):
        return Kind("stop")
    if normalize_grade(compact):
        return Kind("grade", normalize_grade(compact) or "")
    return Kind("text")


def table_unit(text: str) -> str | None:
    """The money unit a header or caption names: '项目资金 (元)', '(万元)', '单位:万元'."""
    m = UNIT_WORD.search(text)
    return (m["unit"] or m["unit2"]) if m else None


_OPS = "".join(sorted({c for op in OPERATORS for c in op}))
_MEASURE = re.compile(rf"[{re.escape(_OPS)}]*\s*\d")


def is_measure(text: str) -> bool:
    """A value, not a name: numbers with operators and units only ('37442人', '≥95%', '3807人3224人')."""
    if not _MEASURE.match(text):
        return False
    rest = re.sub(r"[\d.,%\s" + re.escape(_OPS) + "]", "", text)
    for unit in sorted(UNITS, key=len, reverse=True):
        rest = rest.replace(unit, "")
    return not rest


# The words a line of a 收入 / 支出 list ends with (财政拨款 alone is 财政拨款收入; 上年结转 under a 收入总计 is its
# carry-over).
LINE_END = re.compile(r"(?:收入|支出|结余|结转|分配|合计|总计)$|^财政拨款$")
CARRYOVER = {"年初结转和结余": "opening", "使用非财政拨款结余": "surplus_used", "结余分配": "distribution",
             "年末结转和结余": "closing", "年初结转结余": "opening", "期初结转和结余": "opening",
             "年末结转结余": "closing", "期末结转和结余": "closing", "用事业基金弥补收支差额": "surplus_used",
             # 上年结转 and 年终结余 alone are a government's transfers beside others (加上：上年结转…、上级补助
             # 收入…): only with 结余 (和结余) are they a department's carry-over
             "上年结转和结余": "opening", "上年结转结余": "opening", "年终结转和结余": "closing"}
# Listed under a department's 收入总计 / 支出总计 beside 本年收入 / 本年支出, the short words are its carry-over too
# ("收入总计…，其中：本年收入…，上年结转…"): a government's 上年结转 comes after 加上, never under its 总计.
UNDER_GRAND = {"上年结转": "opening", "上年结余": "opening", "年初结转": "opening", "年初结余": "opening",
               "年末结转": "closing", "年末结余": "closing", "年终结转": "closing", "年终结余": "closing",
               "结转下年": "closing"}
SIDES = {"收入": "income", "支出": "expenditure"}


# Totals of one kind of money (财政拨款收入合计, 项目支出合计) are not the section's: the two characters
# before 收入/支出 tell them apart (checked in code: thirteen look-behinds at every position are slow).
NOT_SECTION = frozenset(("拨款", "预算", "基金", "事业", "经营", "其他", "项目", "基本", "补助", "人员", "公用", "上缴",
                         "资本"))
# What may stand right before a department's own total: nothing, punctuation or a digit, its year, its owner
# (部门, 单位, 本局 …) or a listing word. Any other word makes it a total of that word's kind of money
# (政府采购支出总额, 机关运行经费支出合计), which NOT_SECTION's list could never name all of.
_OWN_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fff]|年度?|部门|单位|本级|全[县区市省镇乡]|局|院|委|办|所|站|厅|部|馆|校|队|处"
                         r"|中心|政府|街道|镇|乡|其中|包括|以及|和|及|为|是|的|其|均)$")


def is_whole(text: str, start: int) -> bool:
    """Whether a total at `start` is the department's, not one kind of money's (财政拨款收入合计, 财政拨款收、支总计,
    政府采购支出总额)."""
    return text[max(0, start - 2):start] not in NOT_SECTION and bool(_OWN_BEFORE.search(text, max(0, start - 4), start))
