"""A 收入支出决算总表 (or a 收入决算表, 支出决算表) whose web page was copied one cell to a line ("项目", "行次", "金额", "一、…收入", "1", "440.55"…).

Blank cells vanish in such a copy, so rows cannot be counted off by position. They are rebuilt from what the
cells are: a line's name, perhaps its 行次 (a whole number), then its amount. Each line goes on the side its
name says (…收入 left, …支出 right; a 总计 on the side opposite the line before it), and the table is handed on
as 'cell | cell' rows, so the two-sided table reader reads it like any other.
"""
from __future__ import annotations

import re

from .document import normalise
from .reading import RawLine

_HEAD = frozenset(("项目", "行次", "栏次", "金额", "决算数", "收入", "支出", "本年数"))
_NAME = re.compile(r"^[^\d\s].*[\u4e00-\u9fff]")
_WHOLE = re.compile(r"^\d{1,3}$")
_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNIT = re.compile(r"单位\s*[:：]\s*(?P<unit>亿元|万元|元)")
_LEFT = ("收入", "年初结转和结余", "使用非财政拨款结余")
_RIGHT = ("支出", "年末结转和结余", "结余分配")
_MAX_CELL = 30
_GIVE_UP = 3  # names in a row without an amount: the table has ended (the next table's title, prose)


def _cell(line: RawLine) -> str | None:
    """The text of a line that can be one cell (short, no sentence in it), normalised (項目 is 项目), else None."""
    text = normalise(line.text)[0].strip()
    return text if text and len(text) <= _MAX_CELL and not re.search(r"[。；;]", text) else None


def _starts(lines: list[RawLine], i: int) -> bool:
    """A 项目 line with 行次 or 金额 lines right after it: a header copied one cell to a line."""
    if _cell(lines[i]) != "项目":
        return False
    following = [_cell(line) for line in lines[i + 1:i + 4] if line.text.strip()]
    return any(text in ("行次", "金额", "决算数") for text in following)


def _side(name: str, previous: str | None) -> str:
    bare = name.lstrip("一二三四五六七八九十、.() ")
    if bare.endswith(_LEFT):
        return "left"
    if bare.endswith(_RIGHT):
        return "right"
    return "right" if previous == "left" else "left"


Found = tuple[str, list[str], int, int]  # a line's name (normalised), its cells as printed, first and last line


def _halves(cells: list[tuple[int, str, str]]) -> tuple[list[Found], int]:
    """Every line found in the cells (index, normalised text, text as printed), and the index where the table ends."""
    found: list[Found] = []
    current: list[str] = []
    name, start, misses = "", 0, 0
    for k, (index, text, raw) in enumerate(cells):
        if text in _HEAD:
            continue
        if _NAME.match(text):
            misses = misses + 1 if current else misses
            if misses >= _GIVE_UP:
                return found, cells[k - misses][0]
            current, name, start = [raw], text, index
        elif current and _WHOLE.match(text) and len(current) == 1:
            current.append(raw)
        elif current and _AMOUNT.match(text):
            found.append((name, current + [raw], start, index))
            current, misses = [], 0
    return found, cells[-1][0] + 1 if cells else 0


def _rows(found: list[Found], lines: list[RawLine]) -> list[RawLine]:
    """'left | right' rows: a left line and the right one after it share a row."""
    rows: list[RawLine] = []
    previous: str | None = None
    pending: tuple[list[str], int] | None = None
    for name, cells, first, last in found:
        side = _side(name, previous)
        previous = side
        if side == "left":
            if pending:
                rows.append(_row(pending[0], [], pending[1], pending[1], lines))
            pending = (cells, first)
        else:
            left, at = pending if pending else ([], first)
            rows.append(_row(left, cells, at, last, lines))
            pending = None
    if pending:
        rows.append(_row(pending[0], [], pending[1], pending[1], lines))
    return rows


def _three(cells: list[str]) -> list[str]:
    """One side as name | 行次 | amount (blank where the copy had none)."""
    if not cells:
        return ["", "", ""]
    return [cells[0], cells[1] if len(cells) == 3 else "", cells[-1]]


def _row(left: list[str], right: list[str], first: int, last: int, lines: list[RawLine]) -> RawLine:
    text = " | ".join(_three(left) + (_three(right) if right else []))
    a, b = lines[first].where, lines[last].where
    where = a if first == last else f"lines {a.split()[-1]}-{b.split()[-1]}" if a.startswith("line ") else f"{a} – {b}"
    return RawLine(text, where)


def _unit(lines: list[RawLine], i: int) -> str:
    for line in reversed(lines[max(0, i - 8):i]):
        if m := _UNIT.search(normalise(line.text)[0]):
            return m["unit"]
    return ""


_LINE_HEAD = re.compile(r"(?:收入|支出)(?:合计)?$")
_LABEL_HEADS = frozenset(("科目编码", "科目名称", "功能分类科目编码", "功能分类科目名称", "类", "款", "项"))


def _across(lines: list[RawLine], i: int) -> tuple[list[RawLine], int] | None:
    """A 收入决算表 / 支出决算表 copied one cell to a line: 项目, its line names, 合计, as many amounts. Its header
    and 合计 row as 'cell | cell' rows (across.py reads them), and the index after them; None when it is not one."""
    if _cell(lines[i]) != "项目":
        return None
    cells = [(k, _cell(lines[k])) for k in range(i + 1, min(len(lines), i + 40)) if lines[k].text.strip()]
    names: list[str] = []
    n = 0
    for n, (_, text) in enumerate(cells):
        if not names and text in _LABEL_HEADS:
            continue
        if text is None or not _LINE_HEAD.search(text.lstrip("一二三四五六七八九十、.() ")):
            break
        names.append(text)
    rest = cells[n:]
    if len(names) < 3 or not rest or rest[0][1] not in ("合计", "总计"):
        return None
    amounts = [(k, text) for k, text in rest[1:len(names) + 1] if text is not None and _AMOUNT.match(text)]
    if len(amounts) != len(names):
        return None
    return [RawLine(" | ".join(["项目", *names]), lines[i].where),
            RawLine(" | ".join([str(rest[0][1]), *(t for _, t in amounts)]), lines[rest[0][0]].where)], amounts[-1][0] + 1


def rebuild(lines: list[RawLine]) -> list[RawLine]:
    """The lines with every one-cell-per-line 收入支出决算总表, 收入决算表 and 支出决算表 put back together as rows."""
    out: list[RawLine] = []
    i = 0
    while i < len(lines):
        if (across := _across(lines, i)) is not None:
            out += across[0]
            i = across[1]
            continue
        if not _starts(lines, i):
            out.append(lines[i])
            i += 1
            continue
        cells = []
        j = i
        while j < len(lines) and (not lines[j].text.strip() or (text := _cell(lines[j])) is not None):
            if lines[j].text.strip():
                cells.append((j, text, lines[j].text.strip()))
            j += 1
        found, end = _halves(cells)
        if len(found) < 2:
            out.append(lines[i])
            i += 1
            continue
        unit = _unit(lines, i)
        out.append(RawLine(f"项目 | 行次 | 金额（{unit}） | 项目 | 行次 | 金额（{unit}）" if unit else
                           "项目 | 行次 | 金额 | 项目 | 行次 | 金额", lines[i].where))
        out += _rows(found, lines)
        i = min(end, j)
    return out
