"""DUP: a line item listed more than once in a section."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..model import Report
from .common import sections
from .registry import Outcome, check


@check("DUP-001", "项目重复列示", "warning")
def duplicated_lines(report: Report) -> Iterator[Outcome]:
    """The same line name twice in one section is a copy-and-paste slip worth querying."""
    for key, label, section in sections(report):
        if not section.items:
            continue
        if len({item.name for item in section.items}) == len(section.items):
            yield Outcome(f"{key}.items", True, f"本年{label}各项无重复列示")
            continue
        positions: dict[str, list[int]] = defaultdict(list)
        for i, item in enumerate(section.items):
            positions[item.name].append(i)
        repeated = {name: idx for name, idx in positions.items() if len(idx) > 1}
        for name, idx in repeated.items():
            where = ", ".join(f"{key}.items[{i}]" for i in idx)
            rows = "、".join(f"第{i + 1}项" for i in idx)
            yield Outcome(where, False, f"本年{label}中“{name}”列示了{len(idx)}次（{rows}）",
                          expected="1", actual=str(len(idx)))
        if not repeated:
            yield Outcome(f"{key}.items", True, f"本年{label}各项无重复列示")
