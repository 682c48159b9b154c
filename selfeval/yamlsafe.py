"""Read a YAML file safely: UTF-8 only, one document, no anchors or aliases, floats as Decimal.

The data is built straight from the events of libyaml's C parser (yaml._yaml.CParser, pulled one
at a time, without PyYAML's Python generator) with our own resolution of plain scalars: several
times faster than PyYAML's constructor, it keeps each float as the Decimal of the text written,
and refusing aliases (so no "billion laughs") and duplicate keys costs nothing. Hostile sizes are
refused by what they would expand to: a number of more digits than Decimal adds exactly or of an
exponent that writes out to a gigabyte, and nesting deeper than any params file needs.

A file in the plain YAML params files are written in is read by yamlfast, line by line, to the same
data at two thirds of the cost; libyaml reads every other file, and every refusal and error is its own.
"""
from __future__ import annotations

import os
import re
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable

import yaml
from yaml._yaml import CParser  # libyaml's parser, which PyYAML's wheels carry

from .discover import refuse_unreadable
from .errors import InputError, Problem
from .yamlfast import UNSURE, read_plain

MAX_BYTES = 1_000_000
MAX_DIGITS = 28  # Decimal's precision: a sum of longer figures would be rounded, not exact
MAX_EXPONENT = 1000  # 1e400 reaches the number reader (and its "no exponent" message); 1e999999999 would not fit in memory
MAX_DEPTH = 16  # the params schema nests 6 deep (projects[0].indicators[0].target); a 10,000-deep list is an attack
_INT = r"[-+]?[0-9][0-9_]*"
_FLOAT = r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
_NUMBER = re.compile(f"(?P<int>{_INT})|(?P<float>{_FLOAT})")
# Text this reader takes for a number (1e3 and 2E+1 too, which PyYAML's writer leaves plain): to be read back
# as text, such a string must be written quoted
PLAIN_NUMBER = re.compile(f"^(?:{_INT}|{_FLOAT})$")
_SPECIAL = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
_WORDS = {"": None, "~": None, "null": None, "Null": None, "NULL": None,
          "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAG = "tag:yaml.org,2002:str"
_NUMERIC_START = frozenset("0123456789+-.")
_WORD_START = frozenset(word[0] for word in _WORDS if word)  # ~ n N t T f F


class _Refused(Exception):
    """A document this reader will not build, with the place where it gave up (and its key path, if known)."""

    def __init__(self, message: str, mark: yaml.Mark, path: str = ""):
        super().__init__(message)
        self.mark = mark
        self.path = path


class _TooLarge(Exception):
    """A number whose size is refused; the builder adds the place."""


def _sane(text: str) -> None:
    """Raise _TooLarge for numeric text of more than MAX_DIGITS digits or an exponent beyond MAX_EXPONENT."""
    mantissa, _, power = text.lower().partition("e")
    digits = sum(c.isdigit() for c in mantissa)
    if digits > MAX_DIGITS:
        raise _TooLarge(f"数字写了 {digits} 位，超过 {MAX_DIGITS} 位（金额、得分和年份都没有这么长，"
                        f"Decimal 也只能精确计算 {MAX_DIGITS} 位）：{text[:20]}…")
    size = power.lstrip("+-").lstrip("0")
    # its length first: int() of a 5000-digit exponent is itself refused by Python
    if len(size) > len(str(MAX_EXPONENT)) or size and int(size) > MAX_EXPONENT:
        raise _TooLarge(f"数字的指数超过 {MAX_EXPONENT}（逐位写出就有上千位）；数字须照报告所印逐位写出："
                        f"{text[:40]}")


def _number(text: str) -> object:
    """The value of plain text that starts like a number: int, Decimal, or the text itself."""
    # the usual shapes first, as the patterns below would read them: 2023, 344.64 (ASCII digits only)
    if text.isdigit() and text.isascii():
        if len(text) > MAX_DIGITS:
            _sane(text)
        return int(text)
    whole, dot, places = text.partition(".")
    if dot and whole.isdigit() and places.isdigit() and text.isascii():
        if len(text) > MAX_DIGITS:
            _sane(text)
        return Decimal(text)
    match = _NUMBER.fullmatch(text)
    if match is None:
        special = _SPECIAL.get(text.lower())
        return Decimal(special) if special else text
    _sane(text.replace("_", ""))
    if match.lastgroup == "int":
        return int(text.replace("_", ""))
    if "e" in text or "E" in text:
        return text  # 1e-5, 2E+1: as written, for the field to refuse as a figure or keep as a name
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:  # ".", "-.", "._": no digit at all, so text (as PyYAML reads them)
        return text


def plain(text: str) -> object:
    """The value of a plain (unquoted, untagged) scalar's text: null, a boolean, an int, a Decimal or the text."""
    if not text:
        return None
    first = text[0]
    if first in _NUMERIC_START:
        return _number(text)
    return _WORDS.get(text, text) if first in _WORD_START else text


_NO_KEY = object()


def _path(stack: list, top: list | dict, in_list: bool, key: object) -> str:
    """The key path (income.items[0].amount) of the value about to be placed in `top`."""
    chain = [entry[0] for entry in stack[1:]] + [top]  # stack[0] holds the list the root sits in
    path = ""
    for parent, child in zip(chain, chain[1:]):  # each open child is its parent's last entry
        path += f"[{len(parent) - 1}]" if isinstance(parent, list) else f".{next(reversed(parent))}"
    if in_list and chain:
        path += f"[{len(top)}]"
    elif key is not _NO_KEY:
        path += f".{key}"
    return path.lstrip(".")


_ANCHORS = "参数文件不能用锚点和别名（&名称、*名称）：每个数字照写一遍"


def _build(get_event: Callable[[], object]) -> object:
    """Plain Python data from libyaml's events (`get_event` returns None after the stream's end).

    A scalar's value is its text when quoted or tagged !!str; plain text may be null, a boolean,
    an int or a Decimal of the text written. `top` is the open container (the root sits in a list
    of its own), `in_list` whether it is a sequence, `key` the key an open mapping waits to fill,
    `stack` the enclosing containers. It tests the commonest events first.
    """
    scalar, map_start, seq_start, map_end, seq_end = (yaml.ScalarEvent, yaml.MappingStartEvent,
                                                      yaml.SequenceStartEvent, yaml.MappingEndEvent,
                                                      yaml.SequenceEndEvent)
    str_tag, no_key = _STR_TAG, _NO_KEY
    holder: list = []
    top: list | dict = holder
    in_list = True
    key: object = no_key
    stack: list = []
    documents = 0
    for event in iter(get_event, None):
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None:
                raise _Refused(_ANCHORS, event.start_mark)
            text = event.value
            if event.style or (event.tag is not None and event.tag == str_tag):
                value = text
            else:
                try:
                    value = plain(text)
                except _TooLarge as exc:
                    raise _Refused(str(exc), event.start_mark, _path(stack, top, in_list, key)) from None
            if in_list:
                top.append(value)
            elif key is no_key:
                if type(value) is not str and type(value) is not int:
                    raise _Refused("键须为普通文字", event.start_mark)
                if value in top:
                    raise _Refused(f"键“{value}”出现了两次", event.start_mark)
                key = value
            else:
                top[key] = value
                key = no_key
        elif kind is map_end or kind is seq_end:
            top, in_list = stack.pop()
            key = no_key
        elif kind is map_start or kind is seq_start:
            if event.anchor is not None:
                raise _Refused(_ANCHORS, event.start_mark)
            if len(stack) > MAX_DEPTH:
                raise _Refused(f"嵌套超过 {MAX_DEPTH} 层，参数文件的结构没有这么深", event.start_mark,
                               _path(stack, top, in_list, key))
            value = {} if kind is map_start else []
            if in_list:
                top.append(value)
            elif key is no_key:
                raise _Refused("键须为普通文字", event.start_mark)
            else:
                top[key] = value
                key = no_key
            stack.append((top, in_list))
            top, in_list = value, kind is seq_start
        elif kind is yaml.AliasEvent:
            raise _Refused(_ANCHORS, event.start_mark)
        elif kind is yaml.DocumentStartEvent:  # the stream's and documents' other markers: nothing to build
            documents += 1
            if documents > 1:
                raise _Refused("一个文件里有多份 YAML 文档（“---”分隔）：参数文件只能有一份", event.start_mark)
    return holder[0] if holder else None


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = "不是 UTF-8 编码（not UTF-8）"
        try:
            raw.decode("gb18030")
            hint = "不是 UTF-8 编码（not UTF-8，看来是 GBK/GB18030）：请另存为 UTF-8"
        except UnicodeDecodeError:
            pass
        raise InputError([Problem(file, f"第 {exc.start} 字节", hint)]) from None


def _read(path: str | Path) -> bytes:
    """The file's bytes, at most MAX_BYTES + 1 of them (enough to tell that it is too large).

    Plain os calls, without a buffered file object, into a buffer of the file's size + 1 rather
    than of the limit (a megabyte per file); on to the file's end or the limit only if it grew
    meanwhile, read short or is a pipe (size 0).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO put in its place meanwhile reads empty, never blocks
    try:
        raw = os.read(fd, min(os.fstat(fd).st_size, MAX_BYTES) + 1)
        while len(raw) <= MAX_BYTES:
            more = os.read(fd, MAX_BYTES + 1 - len(raw))
            if not more:
                break
            raw += more
    finally:
        os.close(fd)
    return raw


def _regular(file: str) -> bool:
    """Whether the name is a regular file itself (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(file).st_mode)
    except OSError:
        return False


def read_yaml(path: str | Path) -> object:
    """Parse one YAML file, raising InputError (never a YAML or OS traceback)."""
    file = str(path)
    if not (file.isascii() and file.isprintable() and _regular(file)):
        refuse_unreadable(path)  # a link, FIFO, device or odd name: said so (asked of all, 5 % of a read)
    try:
        raw = _read(path)
    except FileNotFoundError:
        raise InputError([Problem(file, "", "文件不存在（file not found）")]) from None
    except OSError as exc:
        raise InputError([Problem(file, "", f"无法读取：{exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(file, "", f"超过 {MAX_BYTES} 字节，不是参数文件")])
    text = _decode(raw, file)
    if (data := read_plain(text, plain, _TooLarge)) is not UNSURE:  # most params files; libyaml for the rest
        return data
    try:
        return _build(CParser(text).get_event)
    except _Refused as exc:
        where = _at(exc.mark.line, exc.mark.column)
        where = f"{exc.path}（{where}）" if exc.path else where
        raise InputError([Problem(file, where, str(exc))]) from None
    except yaml.YAMLError as exc:
        raise InputError([_syntax(file, text, exc)]) from None


def _at(line: int, column: int) -> str:
    """A place in the file as the message names it, both counted from 1."""
    return f"第 {line + 1} 行第 {column + 1} 列"


# What a params file typed on a Chinese keyboard trips on, and what to type instead.
CULPRITS = {"，": ("中文逗号“，”", "英文逗号“,”"), "：": ("中文冒号“：”", "英文冒号“:”"),
            "｛": ("中文花括号“｛”", "“{”"), "｝": ("中文花括号“｝”", "“}”"), "［": ("中文方括号“［”", "“[”"),
            "］": ("中文方括号“］”", "“]”"), "\t": ("制表符（Tab）", "空格")}


def _culprit(text: str, line: int) -> tuple[int, int, str, str] | None:
    """The character that most likely broke the file: the last one of CULPRITS outside quotes on the line the
    parser stopped at or the two before it, as (line, column, what it is, what to type)."""
    lines = text.splitlines()
    for number in range(min(line, len(lines) - 1), max(-1, line - 3), -1):
        bare = re.sub(r"\"[^\"]*\"|'[^']*'", lambda m: " " * len(m[0]), lines[number])  # quoted text is text
        found = [(col, ch) for col, ch in enumerate(bare) if ch in CULPRITS]
        if found:
            col, ch = found[0] if lines[number][found[0][0]] == "\t" else found[-1]
            return number, col, *CULPRITS[ch]
    return None


def _syntax(file: str, text: str, exc: yaml.YAMLError) -> Problem:
    """A YAML syntax error named where its culprit is, in Chinese, the parser's own words kept in brackets."""
    mark = getattr(exc, "problem_mark", None)
    said = getattr(exc, "problem", None) or str(exc)
    culprit = _culprit(text, mark.line) if mark else None
    if culprit is not None:
        line, col, what, instead = culprit
        return Problem(file, _at(line, col), f"YAML 格式有误：此处是{what}，应为{instead}（解析器原话：{said}）")
    where = _at(mark.line, mark.column) if mark else ""
    return Problem(file, where, f"YAML 格式有误（解析器原话：{said}）")
