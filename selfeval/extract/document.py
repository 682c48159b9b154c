"""Normalised text blocks with a way back to the original text: every match can name its source.

Normalisation makes the patterns simple: traditional characters become simplified (OpenCC), full-width
digits, letters and most punctuation become half-width (but not the full-width comma, which is
never a thousands separator), Kangxi radicals that PDFs put for ideographs (⽀出) become the
ideographs, injected pinyin like 務(wù) is dropped, the OCR slip 万兀 reads 万元, and the spaces
that copying from a PDF leaves inside words and numbers (收 入合计, 286. 30) are taken out. Lines
broken in mid-sentence (text copied from a PDF) are joined into one block.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from .hanzi import to_simplified
from .reading import RawLine


def _width_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
    table.update({0x3000: " ", 0xA0: " ", 0x09: " ", 0x2002: " ", 0x2003: " ", 0x200B: " "})
    return table


def _radical_table() -> dict[int, str]:
    """Kangxi radicals, CJK radical supplements and compatibility ideographs → their ideograph (NFKC)."""
    ranges = (range(0x2E80, 0x2EF4), range(0x2F00, 0x2FD6), range(0xF900, 0xFB00))
    table = {}
    for cp in (cp for r in ranges for cp in r):
        folded = unicodedata.normalize("NFKC", chr(cp))
        if len(folded) == 1 and folded != chr(cp):
            table[cp] = folded
    return table


TABLE = {**_width_table(), **_radical_table()}
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# Pinyin after a character (務(wù)), or at a line's start when a PDF broke the line between the two; there it
# must carry a tone mark, so that a list label such as "(a)" is kept.
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\([a-z{_TONED}]{{1,6}}\)|^\s*\((?=[a-z]*[{_TONED}])[a-z{_TONED}]{{1,6}}\)")
# One space between two ideographs is a PDF artefact (收 入合计, 民 政 局); two or more may part fields.
_HAN_SPACE = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff]) (?=[\u3400-\u4dbf\u4e00-\u9fff])")
# ...except before the next field of a form line: "单位名称:某站 填报日期:2023年" keeps its space.
_NEXT_FIELD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,10} ?:")
# A number broken at its decimal point (286. 30, 286 .30): only one or two decimals follow, as money
# and shares are printed, so a list number before a year ("1. 2023年") is left alone.
_DOT_SPACE = re.compile(r"(?<=\d)(?:\. (?=\d{1,2}(?![\d.]))| (?=\.\d{1,2}(?![\d.])))")
# A line ends a sentence (and so a block) when it ends with one of these; one that ends with a semicolon or a
# colon goes on into the next line unless that line starts a block of its own: a PDF's page width breaks lists
# ("…上级补助收入0万元,占0%;" / "事业收入0万元,…") and "其中：" from the lines it introduces.
_ENDS = tuple("。！？!?")
_SOFT_ENDS = tuple("；;:：")
_STARTS_BLOCK = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.]|[(（]\d{1,2}[)）]|\d{1,2}[、.．](?!\d)"
                           r"|[#>*-]|第[一二三四五六七八九十\d]{1,3}[部章节])")
MIN_WRAPPED = 16
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|wps|txt|xlsx?)\s*$", re.IGNORECASE)
# A report's title ends its line: "某县示例局2023年度部门决算说明" is never the start of the sentence below it.
_TITLE_END = re.compile(r"(?:说明|报告|自评表|评价表|评分表)\s*$")


@dataclass(frozen=True)
class Source:
    """Where a value was read: a location and the report's own words around it."""

    where: str
    snippet: str

    def __str__(self) -> str:
        return f"{self.where}: {self.snippet}"


def _cuts(text: str, out: str) -> list[tuple[int, int]]:
    """Spans of `out` to drop: injected pinyin, and the spaces a PDF put inside words and numbers."""
    cuts = [m.span() for m in _PINYIN.finditer(out)] if "(" in out else []
    # A tab-separated row keeps its length: cells.py finds its cells at the original offsets.
    if " " in out and "\t" not in text:
        cuts += [(m.end() - 1, m.end()) if m[0].startswith(".") else m.span() for m in _DOT_SPACE.finditer(out)]
        cuts += [m.span() for m in _HAN_SPACE.finditer(out)
                 if ":" not in out[:m.start()] or not _NEXT_FIELD.match(out, m.end())]
    return sorted(cuts)


def normalise(text: str) -> tuple[str, list[int] | None]:
    """The normalised line and, when its length changed, the original offset of each character."""
    # Every step up to here maps one character to one, so `out` and `text` share their offsets.
    out = to_simplified(text.translate(TABLE)).replace("万兀", "万元")
    cuts = _cuts(text, out)
    if not cuts:
        return out, None
    kept, positions, last = [], [], 0
    for start, end in cuts:
        if start < last:  # overlapping spans (a space inside dropped pinyin): already dropped
            continue
        kept.append(out[last:start])
        positions.extend(range(last, start))
        last = end
    kept.append(out[last:])
    positions.extend(range(last, len(out)))
    return "".join(kept), positions


@dataclass
class Block:
    """One paragraph of normalised text made of one or more source lines."""

    text: str
    raw: str
    lines: list[RawLine]
    starts: list[int]              # offset in `text` where each line begins
    raw_starts: list[int]          # offset in `raw` where each line begins
    maps: list[list[int] | None]   # per line: original offsets when normalisation changed its length
    after_blank: bool = False      # a blank line came before it (it starts a new table)

    def _raw_pos(self, pos: int) -> int:
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        rel = pos - self.starts[i]
        line_map = self.maps[i]
        if line_map is not None:
            rel = line_map[rel] if rel < len(line_map) else len(self.lines[i].text)
        return self.raw_starts[i] + rel

    def where(self, start: int, end: int) -> str:
        """'line 19', 'lines 14-16', or 'table 1, row 3, cell 2'."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(0, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        line = self.lines[first]
        if line.cells:
            cell = bisect.bisect_right(line.cells, self._raw_pos(start) - self.raw_starts[first])
            last_cell = bisect.bisect_right(line.cells, self._raw_pos(max(start, end - 1)) - self.raw_starts[first])
            return f"{line.where}, cell {cell}" if cell == last_cell else line.where
        if last != first and line.where.startswith("line "):
            return f"lines {line.where[5:]}-{self.lines[last].where[5:]}"
        return line.where

    def lead(self, pos: int, reach: int = 30) -> int:
        """Where the clause holding `pos` begins (after the last 。，; before it), at most `reach` back."""
        low = max(0, pos - reach)
        cut = max(self.text.rfind(ch, low, pos) for ch in "。；;，,:")
        return cut + 1 if cut >= 0 else low

    def source(self, start: int, end: int, limit: int = 80) -> Source:
        """The Source of text[start:end]: its location and the original words, shortened if long."""
        snippet = " ".join(self.raw[self._raw_pos(start):self._raw_pos(end)].split())
        if len(snippet) > limit:
            snippet = snippet[:limit - 1] + "…"
        return Source(self.where(start, end), snippet)


def _joins(prev: RawLine, line: RawLine) -> bool:
    """Whether a line continues the previous one (a sentence broken by the page width, or a Word paragraph
    pasted from a PDF, broken the same way)."""
    if "|" in prev.text or "|" in line.text or "\t" in prev.text.strip() or "\t" in line.text.strip():
        return False  # a table row stands alone, and no line runs on into one
    # (in simplified characters and half-width forms, as the patterns below are written: 萬元 is 万元, 報告 报告)
    before, after = (to_simplified(x.text.strip().translate(TABLE)) for x in (prev, line))
    if not before or not after or before.endswith(_ENDS) or _FILE_NAME.search(before) or _TITLE_END.search(before):
        return False
    if before.endswith(_SOFT_ENDS) and (len(before) < MIN_WRAPPED or _STARTS_BLOCK.match(after)):
        return False
    if before[0] in "#>*-" or _STARTS_BLOCK.match(before) and len(before) < 40 and not _CLAUSE_GOES_ON.search(before):
        return False  # a short heading stands alone; a numbered line that states a figure is a sentence
    if _MID_FIGURE.search(before) and _FIGURE_GOES_ON.match(after):
        return True  # a figure broken by the page width ("合计 1, 64" / "8.90 万元", "占" / "22.20%")
    if len(before) < MIN_WRAPPED:
        return False  # too short to have been wrapped by the page width: a field, a name, a heading
    return not _STARTS_BLOCK.match(after)


# A line of prose (it holds a Chinese character) that stops inside a figure, and a line that carries it on.
_MID_FIGURE = re.compile(r"[\u4e00-\u9fff][^。；;！？!?]*?(?:\d[\d,.]*|[\d,.]\s|占|为|计)\s*$")
_FIGURE_GOES_ON = re.compile(r"^\s*(?:[\d.,]+\s*(?:%|万元|亿元|元|万)|[\d.]+\s*$)")
# A numbered line that goes on past its heading: it states an amount, or stops at a comma.
_CLAUSE_GOES_ON = re.compile(r"\d\s*(?:万元|亿元|元)|[,，、]$")
_NUMBER_ENDS = re.compile(r"\d[,.]?\s*$")
_NUMBER_STARTS = re.compile(r"^\s*(?:[\d.]|,\d{3}(?!\d))")  # digits go on, or a thousands group (1 / ,286.40)


def _new_block(line: RawLine) -> Block:
    text, line_map = normalise(line.text)
    return Block(text, line.text, [line], [0], [0], [line_map])


def _append(block: Block, line: RawLine) -> None:
    text, line_map = normalise(line.text)
    cjk = block.text[-1:] > "\u2e80" or text[:1] > "\u2e80"
    # Digits broken over two lines are one number ("1, 64" + "8.90" is 1,648.90): no space between them.
    glue = "" if cjk or _NUMBER_ENDS.search(block.text) and _NUMBER_STARTS.match(text) else " "
    block.starts.append(len(block.text) + len(glue))
    block.raw_starts.append(len(block.raw) + len(glue))
    block.text += glue + text
    block.raw += glue + line.text
    block.lines.append(line)
    block.maps.append(line_map)


def blocks_of(lines: list[RawLine]) -> list[Block]:
    """Group lines into blocks: blank lines, sentence ends, headings and table rows separate them."""
    blocks: list[Block] = []
    prev: RawLine | None = None
    blank = False
    for line in lines:
        if not line.text.strip():
            prev, blank = None, True
            continue
        if prev is not None and blocks and _joins(prev, line):
            _append(blocks[-1], line)
        else:
            blocks.append(_new_block(line))
            blocks[-1].after_blank, blank = blank, False
        prev = line
    return blocks
