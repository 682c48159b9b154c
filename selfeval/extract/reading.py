"""Read a report file into numbered text lines: .txt / .md (encoding detected), .docx (python-docx),
.pdf (its text layer, pdftext.py) and .html (htmltext.py).

Every problem with the file itself (binary, empty, too big, not really a .docx, a scanned or
encrypted PDF) raises one InputError naming the file; nothing here raises anything else for bad input.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..safezip import refuse_bombs

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
LEGACY_SUFFIXES = {".doc": "旧版 Word 文件（.doc）", ".wps": "WPS 文字文件（.wps）",
                   ".xls": "旧版 Excel 文件（.xls）", ".et": "WPS 表格文件（.et）"}
REFUSED_SUFFIXES = {".xlsx": "Excel 表格文件（.xlsx）"}
# Reports run to tens of kilobytes; megabytes of text are something else, so refuse them clearly
# rather than spend minutes on them. PDFs and web pages carry fonts, images and scripts besides.
MAX_TEXT_BYTES = 5_000_000
MAX_DOCX_BYTES = 50_000_000
MAX_PDF_BYTES = 100_000_000
MAX_HTML_BYTES = 20_000_000
MAX_CHARS = 2_000_000
ZIP_MAGIC = b"PK\x03\x04"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_END = re.compile(r"\r\n|\r|\n")
# A column gap of a table laid out with spaces (pdftotext -layout, a table copied from a PDF or Word): two or more
# spaces, ASCII or ideographic, between two cells.
_GAP = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")
_INDENT = re.compile(r"^[ \u3000]{2,}(?=\S)")
_SENTENCE = re.compile(r"[。，,；;！？!?]")
# A standalone page number at the top or bottom of a page: "3", "- 3 -", "第3页", "第 3 页 共 40 页", "3/40".
PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]?\s*\d{1,4}\s*[-—–]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                         r"|\d{1,4}\s*/\s*\d{1,4})\s*$")


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points from the page's top-left corner


@dataclass(frozen=True)
class PageBox:
    """Where a line read from a PDF lies on its page, and where each of its characters lies."""

    page: int                # 1-based
    bbox: Box                # the whole line (or table row)
    chars: tuple[Box, ...]   # one box per character of the line's text (spaces and " | " too)


@dataclass(frozen=True)
class RawLine:
    """One line of the report as read: its text and where it is ("line 19", "table 1, row 3")."""

    text: str
    where: str
    cells: tuple[int, ...] = ()  # start offsets of the cells of a table row, for "cell N" locations
    grid: tuple[int, ...] = ()   # a table row: the grid column each cell starts at (merged cells counted once)
    box: PageBox | None = None   # a line read from a PDF: its page and boxes, to mark a figure on the page
    soft: tuple[int, ...] = ()   # offsets where a PDF line wrap was joined without a space, one may have been lost


def input_error(path: Path, message: str) -> InputError:
    """One InputError naming the file."""
    return InputError([Problem(str(path), "", message)])


def row_line(texts: list[str], where: str, grid: list[int], box: PageBox | None = None) -> RawLine:
    """A table row as 'cell | cell | cell' with each cell's start offset and grid column."""
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 3
    return RawLine(" | ".join(texts), where, cells=tuple(starts), grid=tuple(grid), box=box)


def _looks_binary(text: str) -> bool:
    """Control characters other than tab / newline / form feed are rare in any real text."""
    return len(_CONTROL.findall(text)) > max(2, len(text) // 200)


def decode(data: bytes, path: Path) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which covers GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data:
        raise input_error(path, "不是文本文件，而是二进制数据（含有 NUL 字节）")
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise input_error(path, "不是文本文件，而是二进制数据（通篇是控制字符）")
        return text
    raise input_error(path, f"可能是二进制数据，或文字编码无法识别（按 {'、'.join(candidates)} 都无法解码）；"
                      "如果是文本，请用文本编辑器另存为 UTF-8 编码后再读")


def _text_lines(path: Path, data: bytes) -> list[RawLine]:
    if data.startswith(ZIP_MAGIC):
        raise input_error(path, "这是 zip 压缩文件，不是文本文件（如果是 Word 文件，请把扩展名改为 .docx）")
    text = decode(data, path)
    # Lines end at \n, \r\n or \r only, as an editor counts them: a form feed (pdftotext's page break) stays inside
    # its line, where _across_pages finds it.
    parts = _LINE_END.split(text)
    lines = [RawLine(line, f"line {n}") for n, line in enumerate(parts[:-1] if parts[-1] == "" else parts, 1)]
    return _columns(_across_pages(lines) if "\f" in text else lines)


def _columns(lines: list[RawLine]) -> list[RawLine]:
    """Lines laid out in columns with spaces, their gaps marked as cell breaks (a tab in each gap's first place, so
    offsets stay those of the file). A line is a table row when it has three cells or more and ends no sentence, or
    two beside such a row and no punctuation (a two-column header above its table); any other line is prose (a PDF
    copy leaves double spaces inside sentences too), kept as it is."""
    gaps = [0 if "\t" in line.text or "|" in line.text else len(_GAP.findall(line.text)) for line in lines]
    out = []
    for n, line in enumerate(lines):
        near = max(gaps[n - 1] if n else 0, gaps[n + 1] if n + 1 < len(gaps) else 0)
        if gaps[n] >= 2 and "。" not in line.text or gaps[n] == 1 and near >= 2 and not _SENTENCE.search(line.text):
            chars = list(line.text)
            for m in (*_INDENT.finditer(line.text), *_GAP.finditer(line.text)):
                chars[m.start()] = "\t"
            line = RawLine("".join(chars), line.where)
        out.append(line)
    return out


def _across_pages(lines: list[RawLine]) -> list[RawLine]:
    """pdftotext's text: at each form feed, the page number and blank lines around the page break are dropped, so
    a sentence the page broke reads on (line numbers stay those of the file)."""
    out: list[RawLine] = []
    after_break = False  # at the top of a page, before its first line of text
    for line in lines:
        blank_or_number = not line.text.strip() or PAGE_NUMBER.match(line.text)
        if "\f" in line.text:
            while out and (not out[-1].text.strip() or PAGE_NUMBER.match(out[-1].text)):
                out.pop()  # the end of the page before: blank lines and its page number
            rest = line.text.replace("\f", "")
            after_break = not rest.strip() or bool(PAGE_NUMBER.match(rest))
            if not after_break:
                out.append(RawLine(rest, line.where))
        elif not (after_break and blank_or_number):
            after_break = False
            out.append(line)
    return out


def _cell_text(cell: object) -> str:
    return " ".join(cell.text.split())  # type: ignore[attr-defined]


def _row_line(row: object, where: str) -> RawLine:
    """A table row as 'cell | cell | cell', each merged cell once."""
    texts: list[str] = []
    seen: list[object] = []
    grid: list[int] = []
    for column, cell in enumerate(row.cells):  # type: ignore[attr-defined]
        if seen and cell._tc is seen[-1]:  # a horizontally merged cell repeats; keep it once
            continue
        seen.append(cell._tc)
        grid.append(column)
        texts.append(_cell_text(cell))
    return row_line(texts, where, grid)


def _docx_lines(path: Path) -> list[RawLine]:
    import docx  # noqa: PLC0415 - only .docx input pays for importing python-docx
    from docx.table import Table  # noqa: PLC0415

    refuse_bombs(path)  # by the sizes its zip directory states, before python-docx inflates a part
    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        raise input_error(path, "不是可读取的 Word .docx 文件，可能已损坏；请用 Word 或 WPS 打开后"
                          f"重新另存为 .docx 再读（{type(exc).__name__}: {exc}）") from None
    lines: list[RawLine] = []
    paragraphs = tables = 0
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            for r, row in enumerate(block.rows, 1):
                lines.append(_row_line(row, f"table {tables}, row {r}"))
        else:
            paragraphs += 1
            lines.append(RawLine(block.text.replace("\n", " "), f"paragraph {paragraphs}"))
    return _columns(lines)  # paragraphs laid out in columns with spaces, as in a text file; grid rows have bars


def _limit(suffix: str) -> int:
    """The largest file of this kind read."""
    limits = ((DOCX_SUFFIXES, MAX_DOCX_BYTES), (PDF_SUFFIXES, MAX_PDF_BYTES), (HTML_SUFFIXES, MAX_HTML_BYTES))
    return next((limit for suffixes, limit in limits if suffix in suffixes), MAX_TEXT_BYTES)


def _read(path: Path, suffix: str) -> list[RawLine]:
    """The lines of a file of a kind read here (each reader imported only when its kind comes)."""
    if suffix in DOCX_SUFFIXES:
        return _docx_lines(path)
    if suffix in PDF_SUFFIXES:
        from .pdftext import pdf_lines  # noqa: PLC0415

        return pdf_lines(path)
    if suffix in HTML_SUFFIXES:
        from .htmltext import html_lines  # noqa: PLC0415

        return html_lines(path, path.read_bytes())
    return _text_lines(path, path.read_bytes())


def _refuse(path: Path, suffix: str) -> None:
    """Raise for a kind of file never read here."""
    if suffix in LEGACY_SUFFIXES:
        raise input_error(path, f"这是{LEGACY_SUFFIXES[suffix]}，属于旧的二进制格式，无法读取；"
                          "请先另存为 .docx 或 .pdf")
    if suffix in REFUSED_SUFFIXES:
        raise input_error(path, f"这是{REFUSED_SUFFIXES[suffix]}，不能作为报告读取；请先另存为 .docx 或 .txt")


def read_lines(path: str | Path) -> list[RawLine]:
    """The report's lines; raises InputError (naming the file) when it cannot be read as a report."""
    path = Path(path)
    suffix = path.suffix.lower()
    _refuse(path, suffix)
    try:
        size = path.stat().st_size
        limit = _limit(suffix)
        if not path.is_file():
            raise input_error(path, "不是文件")
        if size > limit:
            raise input_error(path, f"文件有 {size / 1e6:.1f} MB，超出报告的上限（{limit / 1e6:.0f} MB），未读取")
        lines = _read(path, suffix)
    except OSError as exc:
        raise input_error(path, f"无法读取该文件（{exc.strerror or exc}）") from None
    if sum(len(line.text) for line in lines) > MAX_CHARS:
        raise input_error(path, f"文字超过 {MAX_CHARS:,} 个字符，远超一份报告，未读取")
    if not any(line.text.strip() for line in lines):
        raise input_error(path, "文件是空的：其中没有文字")
    return lines
