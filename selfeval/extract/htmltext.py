"""A web page as report lines: the text of its body, line by line, and its tables as 'cell | cell' rows.

Published reports are often web pages of a government site: the report sits among menus, headers,
footers and scripts. Those are dropped; block elements (p, div, li, h1–h6, tr, br …) end a line, as a
browser shows them; each <table> becomes a blank line and its rows ("table 2, row 3"), a cell spanning
columns kept once with the grid column it starts at (like a merged .docx cell).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .reading import RawLine, decode, input_error, row_line

# Page furniture, never the report. <header>/<footer> inside <article> or <main> are the report's own
# (its title, its signature and date) and stay.
CHROME = ("script", "style", "noscript", "template", "nav", "aside", "menu", "iframe", "frame", "object",
          "embed", "svg", "canvas", "button", "select", "textarea", "head", "title", "meta", "link")
# (not <form>: many government sites wrap the whole page, report and all, in one)
PAGE_FRAME = ("header", "footer")
BLOCKS = ("address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog",
          "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
          "hgroup", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
          "tfoot", "th", "thead", "tr", "ul")
# Private-use characters stand for "line ends here" and "a table goes here" while the tree is flattened.
BREAK, TABLE = "\ue000", "\ue001"
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's white space; a no-break space is text
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Pages that say GB2312 or GBK are often GB18030 in fact; GB18030 reads all three.
LAYOUT_CELL = 600  # characters: a data cell (an indicator's 评分标准 included) holds far fewer
LAYOUT_ROWS = 3    # a page's layout table: a banner, the content, a footer
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def html_decode(data: bytes, path: Path) -> str:
    """The page's text: a BOM first, then its meta charset, else UTF-8, else GB18030 (decode())."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path)
    m = _CHARSET.search(data[:4096])
    if m:
        name = m[1].decode("ascii").lower()
        try:
            return data.decode(_WIDER.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: the bytes decide
    return decode(data, path)


def _is_hidden(tag: object) -> bool:
    """Whether a tag is hidden from the reader (the hidden attribute, display:none)."""
    return tag.has_attr("hidden") or bool(_HIDDEN.search(str(tag.get("style", ""))))  # type: ignore[attr-defined]


def _drop_chrome(soup: object) -> None:
    """Remove scripts, menus, hidden parts and the page's own header and footer."""
    found = soup.find_all(CHROME) + soup.find_all(_is_hidden)  # type: ignore[attr-defined]
    found += [tag for tag in soup.find_all(PAGE_FRAME) if not tag.find_parent(("article", "main"))]  # type: ignore[attr-defined]
    for tag in found:
        if not tag.decomposed:  # not already gone with a dropped ancestor
            tag.decompose()


def _mark_breaks(soup: object) -> None:
    """White space collapsed as a browser does, and a BREAK around every block element."""
    from bs4 import NavigableString  # noqa: PLC0415

    for text in list(soup.find_all(string=True)):  # type: ignore[attr-defined]
        if type(text) is NavigableString and not text.find_parent("pre"):
            text.replace_with(_SPACES.sub(" ", text))
    for text in list(soup.find_all(string=True)):  # type: ignore[attr-defined]
        if type(text) is NavigableString and "\n" in text:  # inside <pre>: its lines stay lines
            text.replace_with(text.replace("\n", BREAK))
    for tag in soup.find_all(BLOCKS):  # type: ignore[attr-defined]
        tag.insert_before(BREAK)
        tag.insert_after(BREAK)


def _cell_text(cell: object) -> str:
    """A cell's text on one line, its white space collapsed."""
    return " ".join(cell.get_text().replace(BREAK, " ").split())  # type: ignore[attr-defined]


def _span(cell: object, name: str) -> int:
    """A cell's colspan or rowspan: 1 when absent or nonsense, at most 1000."""
    try:
        return max(1, min(int(cell.get(name, 1)), 1000))  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return 1


def _rows(table: object, number: int) -> list[RawLine]:
    """The table's own rows (not those of tables inside its cells), merged cells once."""
    lines: list[RawLine] = []
    below: dict[int, int] = {}  # grid column → rows a cell from a row above still covers
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]  # type: ignore[attr-defined]
    for r, tr in enumerate(rows, 1):
        texts, grid, col = [], [], 0
        for cell in tr.find_all(("td", "th"), recursive=False):
            while below.get(col, 0) > 0:
                col += 1
            texts.append(_cell_text(cell))
            grid.append(col)
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            for c in range(col, col + width):
                below[c] = height
            col += width
        below = {c: n - 1 for c, n in below.items() if n > 1}
        lines.append(row_line(texts, f"table {number}, row {r}", grid))
    return lines


def _own(table: object, names: tuple[str, ...]) -> list[object]:
    """The table's own elements of these names, not those of the tables inside its cells."""
    return [t for t in table.find_all(names) if t.find_parent("table") is table]  # type: ignore[attr-defined]


def _unwrap_layout(soup: object) -> None:
    """Tables that lay a page out (old government sites put the whole report in one cell of one) are taken apart,
    their cells' content kept in order as the page's flow: a table of a few rows one of whose cells holds a table
    of rows, or any table with a cell holding more text than a data cell does (LAYOUT_CELL characters). A small
    table inside a data table's cell stays that cell's text."""
    for table in soup.find_all("table"):  # type: ignore[attr-defined]
        cells, rows = _own(table, ("td", "th")), _own(table, ("tr",))
        holds = any(len(inner.find_all("tr")) > 1 for cell in cells for inner in cell.find_all("table"))
        if holds and len(rows) <= LAYOUT_ROWS or any(len(cell.get_text()) > LAYOUT_CELL for cell in cells):
            for tag in cells + rows + _own(table, ("tbody", "thead", "tfoot")) + [table]:
                tag.unwrap()


def _flatten(soup: object) -> tuple[list[str], list[list[RawLine]]]:
    """The body's text cut into lines, each outermost table a TABLE line, and the tables' rows."""
    tables: list[list[RawLine]] = []
    for table in soup.find_all("table"):  # type: ignore[attr-defined]
        if table.find_parent("table") is None:
            tables.append(_rows(table, len(tables) + 1))
            table.replace_with(f"{BREAK}{TABLE}{BREAK}")
    body = soup.find("body") or soup  # type: ignore[attr-defined]
    return body.get_text().split(BREAK), tables


def html_lines(path: Path, data: bytes) -> list[RawLine]:
    """The lines of a web page; InputError when it cannot be decoded."""
    from bs4 import BeautifulSoup  # noqa: PLC0415 - only HTML input pays for BeautifulSoup

    soup = BeautifulSoup(html_decode(data, path), "html.parser")
    _drop_chrome(soup)
    _mark_breaks(soup)
    _unwrap_layout(soup)
    texts, tables = _flatten(soup)
    lines: list[RawLine] = []
    table = count = 0
    for text in texts:
        if text.strip() == TABLE:
            lines += [RawLine("", f"table {table + 1}")] + tables[table]
            table += 1
        elif text.strip():
            count += 1
            lines.append(RawLine(text.strip(), f"line {count}"))
    if not lines:
        raise input_error(path, "网页是空的：正文中没有文字")
    return lines
