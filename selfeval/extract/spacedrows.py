"""Rows of a 收入 / 支出 table whose cells only single spaces part: a PDF table drawn without ruling lines, or
such a table copied as text ("一般公共预算财政拨款收入 1 820.50 一般公共服务支出 32 610.20").

A run of two or more lines, each made of names of the lexicon's lines and totals, each name followed by its
行次 and amount (and perhaps a share), with the header above it ("项目 行次 金额 项目 行次 金额"), becomes tab
rows at the same offsets, which the table readers read cell by cell. Anything else stays a line of text.
"""
from __future__ import annotations

import dataclasses
import re

from .document import TABLE
from .hanzi import to_simplified
from .lexicon import CARRYOVER, LINE_END
from .reading import RawLine

_HEADS = frozenset(("项目", "行次", "栏次", "金额", "决算数", "本年数", "预算数", "占比", "比重", "收入", "支出",
                    "科目名称", "科目编码", "本年决算数"))
_FIGURE = re.compile(r"^(?:-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|[-—–]+)$")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十\d]{1,3}[)）])")
_SENTENCE = re.compile(r"[。，,；;:：]")


def _named_line(token: str) -> bool:
    """A name of a table line or total: …收入, …支出, 合计, 总计, a carry-over term."""
    name = _ORDINAL.sub("", token)
    return bool(re.search(r"[\u4e00-\u9fff]", name)) and (bool(LINE_END.search(name)) or name in CARRYOVER)


def _is_row(tokens: list[str]) -> bool:
    """Names, each followed by one to three figures (行次, amount, share)."""
    if len(tokens) < 2 or not _named_line(tokens[0]):
        return False
    figures = 0
    for token in tokens[1:]:
        if _FIGURE.match(token):
            figures += 1
        elif _named_line(token) and 1 <= figures <= 3:
            figures = 0
        else:
            return False
    return 1 <= figures <= 3


def _kind(line: RawLine) -> str:
    """'row', 'head' or '' for a line of text."""
    text = to_simplified(line.text.translate(TABLE))  # (not normalise: its cuts join names that spaces part)
    if "\t" in text or "|" in text or _SENTENCE.search(text):
        return ""
    tokens = text.split()
    if len(tokens) >= 2 and all(t in _HEADS for t in tokens):
        return "head"
    return "row" if _is_row(tokens) else ""


def _tabbed(line: RawLine) -> RawLine:
    """The line with each space between two cells a tab, at the same offset."""
    return dataclasses.replace(line, text=re.sub(r"(?<=\S)[ \u3000](?=[ \u3000]*\S)", "\t", line.text))


def spaced_rows(lines: list[RawLine]) -> list[RawLine]:
    """The lines with every run of two or more such rows, and the header lines right above it, as tab rows."""
    kinds = [_kind(line) for line in lines]
    out = list(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and kinds[j] == "row":
            j += 1
        if j - i >= 2:
            start = i
            while start > 0 and kinds[start - 1] == "head":
                start -= 1
            out[start:j] = [_tabbed(line) for line in lines[start:j]]
        i = max(j, i + 1)
    return out
