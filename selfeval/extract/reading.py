"""Read a report file into numbered text lines: .txt / .md (encoding detected) and .docx (python-docx).

Every problem with the file itself (binary, empty, too big, not really a .docx) raises one
InputError naming the file; nothing here raises anything else for bad input.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
DOCX_SUFFIXES = {".docx"}
REFUSED_SUFFIXES = {".doc": "an old binary Word file", ".pdf": "a PDF", ".wps": "a WPS file",
                    ".xls": "an Excel file", ".xlsx": "an Excel file"}
# Reports run to tens of kilobytes; megabytes of text are something else, so refuse them clearly
# rather than spend minutes on them.
MAX_TEXT_BYTES = 5_000_000
MAX_DOCX_BYTES = 50_000_000
MAX_CHARS = 2_000_000
ZIP_MAGIC = b"PK\x03\x04"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class RawLine:
    """One line of the report as read: its text and where it is ("line 19", "table 1, row 3")."""

    text: str
    where: str
    cells: tuple[int, ...] = ()  # start offsets of the cells of a table row, for "cell N" locations
    paragraph: bool = False      # a .docx paragraph or row: never joined with its neighbours
    grid: tuple[int, ...] = ()   # a .docx row: the grid column each cell starts at (merged cells counted once)


def _fail(path: Path, message: str) -> InputError:
    return InputError([Problem(str(path), "", message)])


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
        raise _fail(path, "binary data, not text (it contains NUL bytes)")
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise _fail(path, "binary data, not text (control characters throughout)")
        return text
    raise _fail(path, f"binary data or an unknown encoding: {' nor '.join(candidates)} decodes it")


def _text_lines(path: Path, data: bytes) -> list[RawLine]:
    if data.startswith(ZIP_MAGIC):
        raise _fail(path, "a zip archive, not a text file (if it is a Word file, name it .docx)")
    text = decode(data, path)
    return [RawLine(line, f"line {n}") for n, line in enumerate(text.splitlines(), 1)]


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
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 3
    return RawLine(" | ".join(texts), where, cells=tuple(starts), paragraph=True, grid=tuple(grid))


def _docx_lines(path: Path) -> list[RawLine]:
    import docx  # noqa: PLC0415 - only .docx input pays for importing python-docx
    from docx.table import Table  # noqa: PLC0415

    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        raise _fail(path, f"not a readable Word .docx file ({type(exc).__name__}: {exc})") from None
    lines: list[RawLine] = []
    paragraphs = tables = 0
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            for r, row in enumerate(block.rows, 1):
                lines.append(_row_line(row, f"table {tables}, row {r}"))
        else:
            paragraphs += 1
            lines.append(RawLine(block.text.replace("\n", " "), f"paragraph {paragraphs}", paragraph=True))
    return lines


def read_lines(path: str | Path) -> list[RawLine]:
    """The report's lines; raises InputError (naming the file) when it cannot be read as a report."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise _fail(path, f"{REFUSED_SUFFIXES[suffix]} cannot be read; save it as .docx or .txt first")
    try:
        size = path.stat().st_size
        limit = MAX_DOCX_BYTES if suffix in DOCX_SUFFIXES else MAX_TEXT_BYTES
        if not path.is_file():
            raise _fail(path, "not a file")
        if size > limit:
            raise _fail(path, f"{size / 1e6:.1f} MB is too big for a report (limit {limit / 1e6:.0f} MB); not read")
        lines = _docx_lines(path) if suffix in DOCX_SUFFIXES else _text_lines(path, path.read_bytes())
    except OSError as exc:
        raise _fail(path, f"cannot read it ({exc.strerror or exc})") from None
    if sum(len(line.text) for line in lines) > MAX_CHARS:
        raise _fail(path, f"more than {MAX_CHARS:,} characters of text is too much for a report; not read")
    if not any(line.text.strip() for line in lines):
        raise _fail(path, "empty: there is no text in it")
    return lines
