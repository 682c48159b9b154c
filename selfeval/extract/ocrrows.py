"""The indicator rows of an OCR'd score table whose cells are glued, filed where ocrscores finds them sound.

A section whose numbers pair up as (weight, score) and add up to its header's weight gives its rows, each named by
the words before its weight; a section that does not pair up gives one row of its header's weight with no score,
so that the table's weights stay whole and no check adds up scores it could not read. The 预算执行率 row is the
table's execution row. Only for a report of one project whose table was not read cell by cell.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Execution, Indicator, Measure
from .document import Source, normalise
from .lexicon import LEVEL2_STEMS, PROCESS_LEVEL2
from .ocrscores import _PAGE_MARK, Row, Section, sections
from .reading import RawLine
from .result import Extraction

UNREAD = "（原文逐项无法辨认）"


def _halves(middle: str) -> str | None:
    """The value of a middle printed twice ('2021年12月完成2021年12月完成': target and actual alike), else None."""
    half = len(middle) // 2
    return middle[:half] if half and len(middle) % 2 == 0 and middle[:half] == middle[half:] else None


_HEADED = re.compile("^(?:" + "|".join(LEVEL2_STEMS) + ")(?:效益)?指标")  # '社会效益指标': a header, however many
_PROCESS = re.compile("^(?:" + "|".join(PROCESS_LEVEL2) + ")")               # '财务管理': one, the name may repeat it


def _levels(section: Section) -> tuple[str, str]:
    return (section.parent, section.name) if section.parent else (section.name, "")


def _split(name: str, level2: str) -> tuple[str, str]:
    """(level 2, name) of a row whose level-2 names OCR glued before it ('财务管理财务管理制度有效性')."""
    while (m := _HEADED.match(name)) is not None and len(name) - m.end() >= 2:
        level2, name = m[0], name[m.end():]
    if (m := _PROCESS.match(name)) is not None and len(name) - m.end() >= 2:
        level2, name = m[0], name[m.end():]
    return level2, name


def _indicator(row: Row, section: Section) -> Indicator:
    level1, level2 = _levels(section)
    level2, name = _split(row.name, level2)
    same = _halves(row.middle)
    measure = Measure.parse(same, "") if same else None
    return Indicator(name=name, weight=row.weight, score=row.score, level1=level1, level2=level2,
                     target=measure, actual=measure)


def _rows(found: list[Section]) -> tuple[list[tuple[Indicator, Section]], Execution | None]:
    """The indicator rows in order (a placeholder for each section that could not be read) and the execution row."""
    rows: list[tuple[Indicator, Section]] = []
    execution = None
    for section in found:
        if section.weight == 0:
            continue
        if not section.rows:
            level1, level2 = _levels(section)
            rows.append((Indicator(name=section.name + UNREAD, weight=section.weight, level1=level1, level2=level2),
                         section))
        for row in section.rows:
            if "预算执行率" in row.name and execution is None:
                execution = Execution(row.weight, row.score)
            else:
                rows.append((_indicator(row, section), section))
    return rows, execution


def read_ocr_rows(lines: list[RawLine], ex: Extraction) -> None:
    """File the rows of the one project's OCR'd score table, when the text holds a whole set of sound headers."""
    if len(ex.projects) != 1 or "indicators" in ex.projects[0]:
        return
    pieces = [_PAGE_MARK.sub("", normalise(line.text)[0]) for line in lines]
    starts, at = [], 0
    for piece in pieces:
        starts.append(at)
        at += len(piece)
    found = ex.ocr_sections = sections("".join(pieces))
    if found is None or "execution" in ex.projects[0]:
        return  # an execution row read already: the table's rows are not filed, TXT-008 bounds its total
    rows, execution = _rows(found)
    if not rows:
        return

    def source(section: Section, what: str) -> Source:
        return Source(lines[bisect_right(starts, section.start) - 1].where, what[:80])
    project = ex.projects[0]
    project["indicators"] = (tuple(i for i, _ in rows), source(rows[0][1], rows[0][1].name))
    for k, (indicator, section) in enumerate(rows):
        score = "无法辨认" if indicator.score is None else indicator.score
        project[f"indicators[{k}]"] = (None, source(section, f"{indicator.name} 分值{indicator.weight} 得分{score}"))
    if execution is not None:
        project["execution"] = (execution, source(found[0], f"预算执行率 分值{execution.weight} 得分{execution.score}"))
    ex.note(f"{project['name'][0]}的评分表读自文字识别（OCR）后各格粘连的文字：按表头的分值读出{len(rows)}行；"
            f"数字配不上的部分记为一行，标注{UNREAD}")
