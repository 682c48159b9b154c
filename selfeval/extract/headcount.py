"""A head count stated with its parts: "实有人数11人，其中：在职人员10人，离休人员0人，退休人员1人".

Nearly every 决算说明 and 整体支出自评报告 states its staff this way under 机构设置及人员情况. The parts are read up to
the end of the sentence, or up to a second 其中, which breaks the staff down another way (…临聘人员16人，其中高级
职称0名…). TXT-010 adds the parts up against the total.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, Source
from .result import Extraction

_PEOPLE = r"\s*(?:人|名)"
# The total: 实有人数11人, 现有在职职工共33人, 在职人员共计25人, 人员总数为40人
HEAD_TOTAL = re.compile(r"(?P<label>(?:年末)?(?:实有|现有|在职|在编|编制)?(?:在职|在编)?(?:人数|人员|职工|干部职工|工作人员|干部)"
                        r"(?:总数|总计|合计)?)\s*(?:共计|共有|共|合计|总计|总数)?\s*(?:为|是|:)?\s*(?P<n>\d{1,5})"
                        + _PEOPLE + r"\s*[,，;；]?\s*其中\s*[:：]?\s*")
HEAD_PART = re.compile(r"(?P<name>[\u4e00-\u9fff()（）]{2,14}?)\s*(?:为|是|:)?\s*(?P<n>\d{1,5})" + _PEOPLE)
_BETWEEN = re.compile(r"\s*[,，、;；]\s*")
# A part that starts another count, not one of these parts: a second 其中, or a total's own words (年末实有人数…)
_NEXT_TOTAL = re.compile(r"其中|人数|^(?:年末|实有|现有|编制)")


@dataclass(frozen=True)
class HeadCount:
    """A stated head count and the parts listed under its 其中."""

    label: str
    total: int
    parts: tuple[tuple[str, int], ...]
    source: Source


def _parts(text: str, pos: int) -> tuple[list[tuple[str, int]], int]:
    """The "name N人" parts from `pos` to the sentence's end or a second 其中; where they end."""
    parts: list[tuple[str, int]] = []
    while (m := HEAD_PART.match(text, pos)) is not None and not _NEXT_TOTAL.search(m["name"]):
        parts.append((m["name"], int(m["n"])))
        pos = m.end()
        sep = _BETWEEN.match(text, pos)
        if sep is None:
            break
        pos = sep.end()
    return parts, pos


def read_headcounts(block: Block, ex: Extraction) -> None:
    """Every head count stated with two parts or more."""
    for m in HEAD_TOTAL.finditer(block.text):
        parts, end = _parts(block.text, m.end())
        if len(parts) >= 2:
            ex.headcounts.append(HeadCount(m["label"], int(m["n"]), tuple(parts),
                                           block.source(block.lead(m.start()), end)))
