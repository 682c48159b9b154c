"""A flattened table as a stream of cells: '|' rows, tab rows and spaced-out text lines, empty cells dropped.

The grid is gone, so a cell is known by its words (lexicon.classify), not its column. A header split by the
flattening ('年度 | 指标值', '经济效益 指标') is joined again when the two halves make one lexicon word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, Source, normalise
from .lexicon import INDICATOR_HEADS, Kind, classify, is_measure
from .reading import RawLine

_TABLE_CLASSES = {"head", "level1", "level2", "money", "label", "total", "submoney"}
TITLE = re.compile(r"自评表|评分表|自评情况表")
_MAX_PLAIN = 40
_LOOKAHEAD = 3  # a text line of one cell longer than this is prose, not a table row


@dataclass(frozen=True)
class Tok:
    """One non-empty cell: its normalised text, what it is, and where it was read."""

    text: str
    kind: Kind
    source: Source

    @property
    def cls(self) -> str:
        """The kind's class (head, level1, num, text …)."""
        return self.kind.cls


def _cells(line: RawLine) -> list[str]:
    """The cell texts of one line: '|' or tab parts, else whitespace parts."""
    text = line.text
    if "|" in text:
        return text.split("|")
    if "\t" in text:
        return text.split("\t")
    return text.split()


def _plain(text: str) -> bool:
    """Whether a cell is plain text to the lexicon: no header, level, total, number or measure."""
    text = normalise(text)[0]
    return classify(text).cls == "text" and not is_measure(text)


def _unglued(raw: str, start: int, soft: tuple[int, ...], after: str = "") -> list[str]:
    """A whitespace cell cut again where a PDF wrap may have swallowed its space ('执行率得分', '3807人3224人').

    Cut only when the pieces mean more to the lexicon than the whole: a header or a number on one side, two
    measures, or a right piece that makes a header with the next cell ('目标一级' + '指标'). A name broken
    mid-word by the wrap stays whole.
    """
    for cut in (p - start for p in soft if start < p < start + len(raw)):
        left, right = raw[:cut], raw[cut:]
        rest = _unglued(right, start + cut, soft, after)
        if _plain(raw) and not (_plain(left) and _plain(right)) or _measures(left, right) \
                or _plain(raw) and not _plain(right + after):
            return [left, *rest]
    return [raw]


def _measures(left: str, right: str) -> bool:
    """Two values printed side by side, each with its digits ('3807人', '3224人')."""
    return all(is_measure(normalise(part)[0]) for part in (left, right))


def _raw_cells(line: RawLine) -> list[str]:
    """The line's cells, whitespace ones cut again at soft wrap points."""
    if "|" in line.text or "\t" in line.text or not line.soft:
        return _cells(line)
    found = list(re.finditer(r"\S+", line.text))
    nexts = [m.group() for m in found[1:]] + [""]
    return [part for m, after in zip(found, nexts) for part in _unglued(m.group(), m.start(), line.soft, after)]


def line_tokens(line: RawLine) -> list[Tok]:
    """The non-empty cells of one line."""
    found = []
    for raw in _raw_cells(line):
        text = normalise(raw)[0].strip()
        if not text or set(text) <= set("-—=+: "):
            continue
        snippet = " ".join(raw.split())
        found.append(Tok(text, classify(text), Source(line.where, snippet[:80])))
    return found


def _joined(a: Tok, b: Tok) -> Tok | None:
    """Two cells that are halves of one lexicon word ('年初预算' + '数', '经济效益' + '指标'), or None."""
    if a.cls in ("level1", "level2") and b.text != "指标" or b.cls not in ("text", "head", "unit"):
        return None  # a level name is only ever split before its 指标 ('经济效益 | 指标')
    if a.cls not in ("text", "head", "level1", "level2"):
        return None
    text = a.text + b.text
    kind = classify(text)
    if kind.cls not in _TABLE_CLASSES or (a.cls == "head" and kind.cls == "head"
                                          and INDICATOR_HEADS.get(a.text) == kind.field):
        return None
    return Tok(text, kind, Source(a.source.where, f"{a.source.snippet} {b.source.snippet}"[:80]))


def tokens(lines: list[RawLine]) -> list[Tok]:
    """The region's cells in reading order, split halves of a word joined."""
    found: list[Tok] = []
    for line in lines:
        for tok in line_tokens(line):
            merged = _joined(found[-1], tok) if found else None
            if merged is not None:
                found[-1] = merged
            else:
                found.append(tok)
    return found


def _table_like(line: RawLine) -> bool:
    """A line that can be part of a flattened table: it has cells, or it is short."""
    text = line.text.strip()
    return "|" in text or "\t" in text or len(text.split()) >= 2 or len(text) <= _MAX_PLAIN


def _starts(block: Block) -> bool:
    """A line naming the project, the table (…绩效自评表) or two header words."""
    toks = line_tokens(block.lines[0])
    if any(t.cls == "text" and TITLE.search(t.text) for t in toks):
        return True
    return any(t.cls == "label" and t.kind.field == "name" for t in toks) or sum(t.cls == "head" for t in toks) >= 2


def _names(block: Block) -> bool:
    """Whether the block's first line holds a 项目名称 cell."""
    return any(t.kind.field == "name" and t.cls == "label" for t in line_tokens(block.lines[0]))


def region(blocks: list[Block], i: int) -> int | None:
    """The end of the flattened table starting at blocks[i], or None when none starts there.

    It ends at a blank line, at a line that is prose, or at a second 项目名称 (the next project's table).
    """
    if not _starts(blocks[i]) or not all(map(_table_like, blocks[i].lines)):
        return None
    named = _names(blocks[i])
    j = i + 1
    while j < len(blocks) and not blocks[j].after_blank and (all(map(_table_like, blocks[j].lines))
                                                             or _resumes(blocks, j)):
        if _names(blocks[j]):
            if named:
                break
            named = True
        j += 1
    return j


def _resumes(blocks: list[Block], j: int) -> bool:
    """A long cell (a goal text) inside the table: header words follow within the next few lines."""
    for block in blocks[j + 1:j + 1 + _LOOKAHEAD]:
        if block.after_blank:
            return False
        if all(map(_table_like, block.lines)) and any(t.cls in ("head", "level1", "level2", "money")
                                                      for line in block.lines for t in line_tokens(line)):
            return True
    return False
