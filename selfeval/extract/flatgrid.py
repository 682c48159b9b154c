"""Project score tables whose grid was flattened (web pages, PDF copies): read from their stream of cells.

The region's cells are classified by the lexicon; the money block is read from the 年度资金总额 row under
the money header, its amounts placed by the header's order and, when cells were dropped, by the arithmetic
(执行率 = 全年执行数 ÷ 全年预算数); the indicator rows are fitted to their header (flatrows). What cannot be
placed in one way only is left out and listed. The project is filed as the cell-by-cell reader files it.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from ..model import Execution, Funds, Indicator
from ..sources_file import where_zh
from .document import Block, Source
from .flatbody import Body, read_body
from .flatrows import columns_zh, schema
from .flatparts import read_parts
from .flattokens import Tok, region, tokens
from .lexicon import FUNDS_HEADS, INDICATOR_HEADS, classify, table_unit, weight_note
from .numbers import to_wan
from .projects import PROJECT_NAME
from .result import Extraction
from .scoreproject import read_score_table

MONEY = ("initial_budget", "full_year_budget", "executed")
_INDICATOR_START = {"", "level1", "level2", "name"}
SPILL_REACH = 30  # how far header cells spilled among the rows are looked for


def funds_header(toks: list[Tok], i: int = 0) -> tuple[list[str], int, Decimal | None] | None:
    """The money columns in order, the index after them, and the execution weight a header states (分值(10分)),
    from the first such header at or after `i`."""
    while i < len(toks):
        fields, j, note = [], i, None
        while j < len(toks) and (kind := classify(toks[j].text, FUNDS_HEADS)).cls == "head":
            if kind.field in fields:  # a second header begins
                break
            fields.append(kind.field)
            note = note or (weight_note(toks[j].text) if kind.field in ("weight", "score") else None)
            j += 1
        if len(set(fields) & set(MONEY)) >= 2:
            return fields, j, note
        i = j + 1
    return None


def _sound(reading: dict[str, Tok]) -> bool:
    """Amounts are numbers, 执行率 a rate, 得分 within 分值."""
    for key, tok in reading.items():
        if tok.cls == "dash":
            continue
        if key == "rate" and tok.cls not in ("pct", "num"):
            return False
        if key != "rate" and tok.cls != "num":
            return False
    weight, score = reading.get("weight"), reading.get("score")
    if weight is not None and weight.cls == "num" and not Decimal(0) < weight.kind.value <= 100:
        return False
    return not (score is not None and weight is not None and score.cls == weight.cls == "num"
                and score.kind.value > weight.kind.value)


def rate_holds(reading: dict[str, Tok], budget_key: str) -> bool:
    """Whether the printed 执行率 is executed ÷ budget, rounded or cut to its printed decimals."""
    rate, budget, done = reading.get("rate"), reading.get(budget_key), reading.get("executed")
    if rate is None or budget is None or done is None or "dash" in (rate.cls, budget.cls, done.cls):
        return False
    if budget.kind.value == 0:
        return False
    # 95%, 95 under a 执行率(%) header, or the fraction 0.95
    ratio = done.kind.value / budget.kind.value * (100 if rate.cls == "pct" or rate.kind.value > 2 else 1)
    step = Decimal(1).scaleb(rate.kind.value.as_tuple().exponent)
    return rate.kind.value - step / 2 <= ratio < rate.kind.value + step


def fit_funds(fields: list[str], values: list[Tok]) -> dict[str, Tok] | None:
    """The money row's cells by column: in order when none was dropped, else the one reading the rate confirms."""
    if len(values) > len(fields):
        return None
    readings = [r for cols in combinations(fields, len(values)) if _sound(r := dict(zip(cols, values)))]
    if len(values) == len(fields) or len(readings) <= 1:
        return readings[0] if len(readings) == 1 else None
    confirmed = [r for r in readings if rate_holds(r, "full_year_budget")]
    return confirmed[0] if len(confirmed) == 1 else None


def _money_row(toks: list[Tok], start: int) -> tuple[int, list[Tok]] | None:
    """The 年度资金总额 label after the header and the cells that follow it."""
    for i in range(start, min(len(toks), start + 6)):
        if toks[i].cls == "money" or toks[i].cls == "total" and i == start:  # '合计' right under the header
            j = i + 1
            while j < len(toks) and toks[j].cls in ("num", "pct", "dash"):
                j += 1
            return i, toks[i + 1:j]
    return None


def _unit_before(toks: list[Tok], at: int, caption: str) -> str | None:
    """The money unit named in the cells before `at` ('项目资金 (元)', '金额单位: | 万元'), else in the caption."""
    return table_unit(" ".join(t.text for t in toks[:at])) or table_unit(caption)


def read_pairs(toks: list[Tok], caption: str) -> dict[str, tuple[object, Source]]:
    """funds printed as 'label | amount' pairs ('预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84'), when two are."""
    pairs: dict[str, Tok] = {}
    for label, value in zip(toks, toks[1:]):
        kind = classify(label.text, FUNDS_HEADS)
        if kind.cls == "head" and kind.field in MONEY and value.cls == "num" and kind.field not in pairs:
            pairs[kind.field] = value
    at = min((toks.index(t) for t in pairs.values()), default=0)
    unit = _unit_before(toks, at, caption)
    if len(pairs) < 2 or unit is None:
        return {}
    funds = Funds(**{k: to_wan(t.kind.value, unit) for k, t in pairs.items()})
    return {"funds": (funds, next(iter(pairs.values())).source)}


def read_funds(toks: list[Tok], caption: str, ex: Extraction) -> dict[str, tuple[object, Source]]:
    """funds and execution from the money block, when its cells can be placed."""
    header = funds_header(toks)
    found = _money_row(toks, header[1]) if header else None
    while header is not None and found is None:  # a task list's 预算数 | 执行数 above the money block: look on
        header = funds_header(toks, header[1])
        found = _money_row(toks, header[1]) if header else None
    if header is None or found is None:
        return read_pairs(toks, caption)
    at, values = found
    where = toks[at].source
    reading = fit_funds(header[0], values)
    unit = _unit_before(toks, at, caption)
    if reading is None or unit is None:
        why = "未注明金额单位（元／万元）" if reading else "各格不能唯一地对应到表头各列"
        ex.skip(f"{where_zh(where.where)}：资金行“{' | '.join(t.text for t in values)}”{why}，未读取")
        return {}
    amounts = {k: to_wan(reading[k].kind.value, unit) for k in MONEY if k in reading and reading[k].cls == "num"}
    out: dict[str, tuple[object, Source]] = {"funds": (Funds(**amounts), where)} if amounts else {}
    if parts := read_parts(toks, at + 1 + len(values), header[0], unit, fit_funds):
        out["parts"] = (parts, where)
    weight = reading["weight"].kind.value if "weight" in reading and reading["weight"].cls == "num" else header[2]
    score = reading["score"].kind.value if "score" in reading and reading["score"].cls == "num" else None
    if weight is not None and (score is None or score <= weight):
        out["execution"] = (Execution(weight, score), where)
    return out


def labels(toks: list[Tok], caption: str) -> dict[str, tuple[object, Source]]:
    """项目名称, 自评得分 and 评价等级 from 'label | value' cells; a 部门整体支出 table is named so."""
    out: dict[str, tuple[object, Source]] = {}
    for label, value in zip(toks, toks[1:]):
        key = label.kind.field if label.cls == "label" else ""
        if key == "name" and value.cls == "text":
            out.setdefault("name", (value.text, value.source))
        elif key == "score" and value.cls == "num":
            out.setdefault("score", (value.kind.value, value.source))
        elif key == "grade" and value.cls == "grade":
            out.setdefault("grade", (value.kind.field, value.source))
    if "name" not in out and (m := PROJECT_NAME.search(caption)):  # named in the line before the table
        out["name"] = (m["name"], Source("caption", caption[:80]))
    whole = next((t for t in toks if "部门整体支出" in t.text), None)
    if "name" not in out and (whole is not None or "部门整体支出" in caption):
        out["name"] = ("部门整体支出", whole.source if whole else toks[0].source)
    return out


def read_indicators(toks: list[Tok], start: int, extra: Decimal, ex: Extraction) -> Body | None:
    """The indicator block after the money block, when its header has 分值 and 得分 as its last value columns."""
    heads = ((i, classify(toks[i].text, INDICATOR_HEADS)) for i in range(start, len(toks)))
    at = next((i for i, kind in heads if kind.cls == "head" and kind.field in _INDICATOR_START), None)
    if at is None:
        return None
    order, reason, body_start = schema(toks, at)
    if not {"weight", "score"} <= set(order):
        spilled = schema(toks, at, SPILL_REACH)
        # a header of 得分 alone (no 分值 column, as some regions print it) is read as it stands, unless cells
        # spilled among the rows name the 分值 it lost
        if "weight" in spilled[0] or not _scores_only(order):
            order, reason, body_start = spilled
    if not (_scores_only(order) or {"weight", "score"} <= set(order) and order[-1] in ("weight", "score")):
        heads = f"指标表头的列为{columns_zh(order)}，末尾不是分值和得分" if order else "指标表头中没有能识别的数值列"
        ex.skip(f"{where_zh(toks[at].source.where)}：{heads}，无法确定各行的位置，各项指标未读取")
        return None
    body = read_body(toks[body_start:], order, reason, extra)
    for text in body.left_out:
        ex.skip(text)
    return body


def _scores_only(order: list[str]) -> bool:
    """A header of target, actual and 得分 with no 分值 column: each row's score is read, its weight left out."""
    return order[-1:] == ["score"] and "weight" not in order and {"target", "actual"} <= set(order)


def read_flat(toks: list[Tok], caption: str, ex: Extraction) -> bool:
    """Read one flattened table's cells into ex; False (nothing filed) when they hold no project figures."""
    fields = labels(toks, caption)
    fields.update(read_funds(toks, caption, ex))
    execution = fields.get("execution")
    body = read_indicators(toks, 0, execution[0].weight if execution else Decimal(0), ex)
    if "name" not in fields or not ({"funds", "execution"} & set(fields) or (body and body.indicators)):
        if "name" not in fields and (body and body.indicators or "funds" in fields):
            ex.skip(f"{where_zh(toks[0].source.where)}：评分表没有项目名称，未读取")
        return False
    name = str(fields["name"][0])
    if body is not None and body.left_out:
        ex.rows_lost.add(name)
    file_flat(fields, body, ex)
    _note_unclosed(name, fields, body, toks, ex)
    return True


def _note_unclosed(name: str, fields: dict[str, tuple[object, Source]], body: Body | None, toks: list[Tok],
                   ex: Extraction) -> None:
    """Say so when a table stops before its 合计 row with weights short of 100 (an excerpt cut inside it)."""
    execution = fields.get("execution")
    if body is not None and any(i.weight is None for i, _ in body.indicators):
        return  # a table of 得分 alone: no weights to add up
    weights = sum((i.weight for i, _ in body.indicators), Decimal(0)) if body else Decimal(0)
    weights += execution[0].weight if execution else Decimal(0)
    if (body is None or body.total is None) and weights != 100:
        ex.unclosed.add(name)
        ex.note(f"{where_zh(toks[-1].source.where)}：{name}的评分表没有合计行就结束了，读到的分值合计为{weights}，"
                "不是100：原文可能在表格中间截断")


def file_flat(fields: dict[str, tuple[object, Source]], body: Body | None, ex: Extraction) -> None:
    """Add the table's project: its fields, indicator rows, 合计 row and grade."""
    name, parts = fields.pop("name"), fields.pop("parts", ([], None))[0]
    project = ex.add_project(str(name[0]), name[1])
    for label, funds, execution, source in parts:  # type: ignore[attr-defined]
        ex.add_project(label, source, funds=(funds, source), execution=(execution, source))
    if body is not None:
        if body.execution and "execution" not in fields:
            weight, score, tok = body.execution
            fields["execution"] = (Execution(weight, score), tok.source)
        if body.total is not None:
            weight, score, tok = body.total
            body.indicators.append((Indicator(name="合计", weight=weight, score=score), tok))
            if score is not None:
                fields.setdefault("score", (Decimal(str(score)), tok.source))
        if body.grade is not None:
            fields.setdefault("grade", (body.grade[0], body.grade[1].source))
    for key, found in fields.items():
        project.setdefault(key, found)
    rows = body.indicators if body is not None else []
    if rows and "indicators" not in project:
        project["indicators"] = (tuple(i for i, _ in rows), rows[0][1].source)
        for k, (_, tok) in enumerate(rows):
            project[f"indicators[{k}]"] = (None, tok.source)
    if "funds" in project:  # the table's money block replaces the short form (the loader refuses both)
        project.pop("budget", None)
        project.pop("spent", None)


def figures(ex: Extraction) -> int:
    """How many project figures an extraction holds (to choose between two readers of one table)."""
    count = 0
    for project in ex.projects:
        funds = project.get("funds", (None,))[0]
        count += sum(getattr(funds, k) is not None for k in MONEY) if funds else 0
        count += 2 * ("execution" in project) + ("score" in project) + ("grade" in project)
        count += 2 * len(project.get("indicators", ((),))[0])
    return count


def read_flat_table(blocks: list[Block], i: int, caption: str, ex: Extraction) -> int | None:
    """Read the flattened score table starting at blocks[i]; its end, or None when the grid reader does as well."""
    end = region(blocks, i)
    if end is None:
        return None
    lines = [line for block in blocks[i:end] for line in block.lines]
    toks = tokens(lines)
    mine, grid = Extraction(ex.file, ex.code), Extraction(ex.file, ex.code)
    if not read_flat(toks, caption, mine):
        return None
    if _grid_reads_as_much(blocks, i, end, figures(mine)):
        return None
    read_flat(toks, caption, ex)
    return end


def _is_row(block: Block) -> bool:
    """A one-line '|' or tab row, as the pipeline reads it cell by cell."""
    return len(block.lines) == 1 and ("|" in block.text or "\t" in block.lines[0].text)


def _grid_reads_as_much(blocks: list[Block], i: int, end: int, found: int) -> bool:
    """Whether the cell-by-cell reader, given the region's rows as the pipeline gives them, reads as many figures."""
    first = next((k for k in range(i, end) if _is_row(blocks[k])), None)
    if first is None:
        return False
    last = next((k for k in range(first, end) if not _is_row(blocks[k])), end)
    grid = Extraction("", "")
    caption = blocks[first - 1].text if first else ""
    return read_score_table(blocks[first:last], caption, grid) and figures(grid) >= found
