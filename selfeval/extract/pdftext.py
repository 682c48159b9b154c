"""A PDF's text layer as report lines: PDFium's characters and boxes, ruled tables as 'cell | cell' rows.

PDFium (pypdfium2) reads the characters, their boxes and its own line breaks in reading order, about
fifty times faster than pdfminer; pdfplumber's table finder places the ruled tables (pdftables.py).
Characters inside a table's cells become its rows ("page 3, table 1, row 2") and not plain lines.
Every line keeps a PageBox: its page, its box and one box per character, in points from the top-left
corner of the page as shown, so a figure read from it can be marked on the page later.
"""
from __future__ import annotations

import ctypes
import re
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import InputError
from .pdftables import Frame, Table, find_tables, page_edges
from .reading import PAGE_NUMBER as _PAGE_NUMBER
from .reading import Box, PageBox, RawLine, input_error, row_line

# A report runs to tens of pages, a yearbook of annexes to a few hundred.
MAX_PAGES = 500
EDGE_SLACK = 2.0  # points: the same table's edges on two pages, as a printer places them


class Char(NamedTuple):
    """One character of the text layer and its box on the page as shown."""

    ch: str
    box: Box


def _open(path: Path) -> Any:
    """The pypdfium2 document; InputError for an encrypted or broken file."""
    import pypdfium2 as pdfium  # noqa: PLC0415 - only PDF input pays for PDFium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise input_error(path, "PDF 已加密，需要密码才能打开；请另存一份不加密的副本"
                                    "（或“打印”为新的 PDF）后再读") from None
        raise input_error(path, "不是可读取的 PDF 文件，可能已损坏；请重新下载或重新导出 PDF 后再读"
                                f"（{exc}）") from None


def _chars(textpage: Any, frame: Frame) -> list[Char]:
    """Every character in PDFium's reading order; its generated spaces and line breaks take a zero box."""
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    handle = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    chars: list[Char] = []
    last: Box = (0.0, 0.0, 0.0, 0.0)
    for i in range(pdfium_c.FPDFText_CountChars(handle)):
        code = pdfium_c.FPDFText_GetUnicode(handle, i)
        if 0xD800 <= code < 0xE000 or code in (0, 0xFFFE, 0xFFFF):
            continue  # half a surrogate pair, or no character
        ch = chr(code)
        if pdfium_c.FPDFText_IsGenerated(handle, i) or ch in "\r\n":
            chars.append(Char(ch, (last[2], last[1], last[2], last[3])))
            continue
        pdfium_c.FPDFText_GetCharBox(handle, i, left, right, bottom, top)
        last = frame.box(left.value, bottom.value, right.value, top.value)
        chars.append(Char(ch, last))
    return chars


def _union(boxes: list[Box]) -> Box:
    """The smallest box holding all of these."""
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _squeeze(chars: list[Char]) -> list[Char]:
    """The characters with whitespace runs made one space and none at either end."""
    out: list[Char] = []
    for c in chars:
        if c.ch.isspace():
            if out and out[-1].ch != " ":
                out.append(Char(" ", c.box))
        else:
            out.append(c)
    while out and out[-1].ch == " ":
        out.pop()
    return out


def _line(chars: list[Char], page: int, where: str) -> RawLine | None:
    """A plain line from its characters, or None when it holds no text."""
    chars = _squeeze(chars)
    if not chars:
        return None
    boxes = [c.box for c in chars]
    return RawLine("".join(c.ch for c in chars), where, box=PageBox(page, _union(boxes), tuple(boxes)))


def _inside(box: Box, cell: Box) -> bool:
    """Whether a character's centre lies in a cell."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]


def _row(chars: list[Char], cells: list[Box | None], page: int, where: str) -> RawLine:
    """One table row: the characters in each of its cells, in reading order, as 'cell | cell'."""
    texts: list[str] = []
    boxes: list[Box] = []
    grid = [col for col, cell in enumerate(cells) if cell is not None]
    for n, col in enumerate(grid):
        cell = cells[col]
        inside = _squeeze([c for c in chars if _inside(c.box, cell)])  # type: ignore[arg-type]
        if n:
            edge = (cell[0], cell[1], cell[0], cell[3])  # type: ignore[index]
            boxes += [edge] * 3  # the " | " between cells sits on the cell's left ruling
        texts.append("".join(c.ch for c in inside))
        boxes += [c.box for c in inside]
    row_box = _union([cell for cell in cells if cell is not None])
    return row_line(texts, where, grid, PageBox(page, row_box, tuple(boxes)))


def _table_lines(chars: list[Char], table: Table, page: int, number: int) -> list[RawLine]:
    """A blank line (a table starts a block of rows), then the table's rows."""
    here = [c for c in chars if not c.ch.isspace() and _inside(c.box, table.bbox)]
    lines = [RawLine("", f"page {page}, table {number}")]
    for r, cells in enumerate(table.rows, 1):
        top, bottom = min(c[1] for c in cells if c), max(c[3] for c in cells if c)
        in_row = [c for c in here if top <= (c.box[1] + c.box[3]) / 2 <= bottom]
        lines.append(_row(in_row, cells, page, f"page {page}, table {number}, row {r}"))
    return lines


def _split(chars: list[Char], tables: list[Table]) -> list[list[Char]]:
    """The characters outside every table, cut at PDFium's line breaks."""
    lines: list[list[Char]] = [[]]
    for c in chars:
        if c.ch == "\n":
            lines.append([])
        elif c.ch != "\r" and not any(_inside(c.box, t.bbox) for t in tables):
            lines[-1].append(c)
    return lines


def _drop_page_numbers(lines: list[RawLine]) -> list[RawLine]:
    """The page's lines without a page number standing alone as its first or last line."""
    for end in (-1, 0):
        if lines and _PAGE_NUMBER.match(lines[end].text):
            lines.pop(end)
    return lines


def _first_word(line: RawLine) -> float:
    """The width of what `line` starts with that could not be broken: one Chinese character, or a run of others."""
    text, boxes = line.text, line.box.chars  # type: ignore[union-attr]
    end = 1
    if not _cjk(text[0]):
        while end < len(text) and not text[end].isspace() and not _cjk(text[end]):
            end += 1
    while end < len(text) and text[end] in "，。；：、！？）》”,.;:!?)%":  # never put at a line's start
        end += 1
    return boxes[end - 1][2] - boxes[0][0]


def _wraps(line: RawLine, after: RawLine, right: float, left: float) -> bool:
    """Whether `after` carries `line` on: it starts at the left margin just below, and its first word would not
    have fitted between the end of `line` and the right margin (so the printer broke the line there)."""
    a, b = line.box.bbox, after.box.bbox  # type: ignore[union-attr]
    height = a[3] - a[1]
    em = max(height, 1.0)
    fits = a[2] + 0.3 * em + _first_word(after) <= right
    return not fits and b[0] <= left + 0.5 * em and 0 <= b[1] - a[3] <= 0.8 * height


def _cjk(ch: str) -> bool:
    return ch >= "\u2e80"


def _unwrap(lines: list[RawLine]) -> list[RawLine]:
    """Lines the page width broke, joined again: a PDF line is where the printer ran out of room, not the text's."""
    if len(lines) < 2:
        return lines
    right = max(line.box.bbox[2] for line in lines)  # type: ignore[union-attr]
    left = min(line.box.bbox[0] for line in lines)  # type: ignore[union-attr]
    out, last = [lines[0]], lines[0]  # last: the previous visual line (a joined line's box spans them all)
    for line in lines[1:]:
        prev, wrapped, last = out[-1], _wraps(last, line, right, left), line
        if not wrapped:
            out.append(line)
            continue
        # The break took a space with it between Latin letters or digits; none is lost between Chinese ones.
        glue = "" if _cjk(prev.text[-1]) or _cjk(line.text[0]) else " "
        glue_boxes = (prev.box.chars[-1],) if glue else ()  # type: ignore[union-attr]
        chars = prev.box.chars + glue_boxes + line.box.chars  # type: ignore[union-attr]
        # Chromium and office printers drop the space at a break too, so a join without one is only "soft".
        soft = prev.soft + ((len(prev.text),) if not glue else ())
        out[-1] = RawLine(prev.text + glue + line.text, prev.where, soft=soft,
                          box=PageBox(prev.box.page, _union([prev.box.bbox, line.box.bbox]), chars))  # type: ignore[union-attr]
    return out


def _page_lines(chars: list[Char], tables: list[Table], page: int) -> list[RawLine]:
    """A page's plain lines in reading order, each table's rows put in before the first line below its top."""
    plain = [line for cs in _split(chars, tables) if (line := _line(cs, page, ""))]
    plain = _unwrap(_drop_page_numbers(plain))
    plain = [RawLine(line.text, f"page {page}, line {n}", box=line.box, soft=line.soft)
             for n, line in enumerate(plain, 1)]
    out: list[RawLine] = []
    waiting = list(enumerate(tables, 1))
    for line in plain:
        while waiting and line.box is not None and line.box.bbox[1] >= waiting[0][1].bbox[1]:
            number, table = waiting.pop(0)
            out += _table_lines(chars, table, page, number)
        out.append(line)
    for number, table in waiting:
        out += _table_lines(chars, table, page, number)
    return out


def _read_page(document: Any, index: int, path: Path) -> list[RawLine]:
    """One page's lines; InputError when PDFium cannot read the page."""
    import pypdfium2 as pdfium  # noqa: PLC0415

    try:
        page = document[index]
        frame = Frame(*page.get_cropbox(), page.get_rotation() % 360)  # the crop box is what a viewer shows
        textpage = page.get_textpage()
        chars = _chars(textpage, frame)
        width, height = frame.box(frame.left, frame.bottom, frame.right, frame.top)[2:]
        tables = find_tables(page_edges(page, frame), (0.0, 0.0, width, height)) if chars else []
    except pdfium.PdfiumError as exc:
        raise input_error(path, f"PDF 第{index + 1}页无法读取（{exc}）") from None
    return _page_lines(chars, tables, index + 1)


def _join_pages(pages: list[list[RawLine]]) -> list[RawLine]:
    """The pages' lines in order; a table that ends one page and goes on at the top of the next, at the same left
    and right edges, is one table (a long score table printed over two pages), not two."""
    out: list[RawLine] = []
    for lines in pages:
        if out and len(lines) > 1 and _continues(out[-1], lines[0], lines[1]):
            lines = lines[1:]  # no blank line between the two parts: the pipeline reads one run of rows
        out += lines
    return out


def _continues(last: RawLine, first: RawLine, row: RawLine) -> bool:
    """Whether a page's first table (`first` its opening blank line, `row` its first row) goes on from `last`."""
    if not (last.grid and last.box and row.grid and row.box and not first.text and first.where.endswith("table 1")):
        return False
    (left, _, right, _), (x0, _, x1, _) = last.box.bbox, row.box.bbox
    return abs(left - x0) <= EDGE_SLACK and abs(right - x1) <= EDGE_SLACK


def _draws_anything(document: Any) -> bool:
    """Whether any page holds an image or a drawing (a scan, or text drawn as shapes), not only white."""
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415

    kinds = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM,
             pdfium_c.FPDF_PAGEOBJ_SHADING)
    for index in range(len(document)):
        page = document[index]  # held while its handle is used: a page closes when collected
        handle = page.raw
        if any(pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(handle, j)) in kinds
               for j in range(pdfium_c.FPDFPage_CountObjects(handle))):
            return True
    return False


def _no_text(document: Any, path: Path) -> InputError:
    """The error for a PDF without a single character of text: a scan, or blank pages."""
    pages = len(document)
    if not _draws_anything(document):
        return input_error(path, f"PDF 是空的：共{pages}页，既没有文字也没有图像")
    return input_error(path, f"这是没有文字层的扫描件（共{pages}页，只有图像、没有文字）："
                             "请先做文字识别（OCR，例如用 ocrmypdf），再读取识别后的 PDF")


def pdf_lines(path: Path) -> list[RawLine]:
    """The lines of a PDF's text layer, page by page; InputError for a scan, or an encrypted, broken or huge PDF."""
    document = _open(path)
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise input_error(path, f"共{pages}页，超出报告的上限（{MAX_PAGES}页），未读取")
        lines = _join_pages([_read_page(document, index, path) for index in range(pages)])
        if pages and not any(line.text.strip() for line in lines):
            raise _no_text(document, path)
    finally:
        document.close()
    return lines
