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


def _cells(tokens: list[str]) -> list[str]:
    """The tokens with each run of words between figures joined as one name (PDF copying puts spaces inside words:
    本年收入 合计)."""
    cells: list[str] = []
    for token in tokens:
        if cells and not _FIGURE.match(token) and not _FIGURE.match(cells[-1]):
            cells[-1] += token
        else:
            cells.append(token)
    return cells


def _is_row(tokens: list[str]) -> bool:
    """Names, each followed by one to three figures (行次, amount, share)."""
    cells = _cells(tokens)
    if len(cells) < 2 or not _named_line(cells[0]):
        return False
    figures = 0
    for cell in cells[1:]:
        if _FIGURE.match(cell):
            figures += 1
        elif _named_line(cell) and 1 <= figures <= 3:
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
    if _head_words(tokens) is not None:
        return "head"
    return "row" if _is_row(tokens) else ""


def _head_words(tokens: list[str]) -> list[int] | None:
    """Where the header's words end (token indices), each word one or more tokens (PDF copying puts spaces inside
    words: 决 算数); None when the tokens are not header words, or fewer than two."""
    ends, word = [], ""
    for k, token in enumerate(tokens):
        word += token
        if word in _HEADS:
            ends.append(k)
            word = ""
        elif not any(head.startswith(word) for head in _HEADS):
            return None
    return ends if not word and len(ends) >= 2 else None


def _tabbed(line: RawLine, head: bool) -> RawLine:
    """The line with the first space between two cells a tab, at the same offset: between any two words of a
    header, and beside a figure in a row (spaces inside a name stay)."""
    chars = list(line.text)
    words = list(re.finditer(r"\S+", line.text))
    plain = [to_simplified(w[0].translate(TABLE)) for w in words]
    ends = set(_head_words(plain) or ()) if head else set()
    for k, (a, _) in enumerate(zip(words, words[1:])):
        if k in ends or not head and (_FIGURE.match(plain[k]) or _FIGURE.match(plain[k + 1])):
            chars[a.end()] = "\t"
    return dataclasses.replace(line, text="".join(chars))


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
            out[start:j] = [_tabbed(line, kinds[k] == "head") for k, line in enumerate(lines[start:j], start)]
        i = max(j, i + 1)
    return out
