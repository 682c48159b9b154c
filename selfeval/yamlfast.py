"""A line reader for the plain YAML that params files are written in, faster than building from libyaml's events.

libyaml parses a params file in about 0.07 ms, but turning its events into Python objects (an event
object and two marks per scalar) and those into data takes 0.45 ms more; this reader takes 0.35 ms in
all for the same 1.5 KB file. Params files use a small part of YAML: block mappings and sequences of
identifier keys, one-line flow mappings, plain and simple quoted scalars, comments. This reader builds
exactly that part and answers UNSURE for anything else: an anchor or tag character, a tab, a flow
sequence, an escape, a multi-line scalar or flow mapping, a key that is not an identifier, a duplicate
key, an odd indentation, a figure too large. yamlsafe then parses the file with libyaml as before, so
every refusal and every error message is libyaml's own. Plain scalars are resolved by the same rule as
there (yamlsafe.plain), so both routes give the same data for any file this one reads
(tests/test_yamlfast.py compares them on the repository's files, mutated files and generated ones).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

UNSURE = object()
# Characters this reader leaves to libyaml wherever they are: tabs, carriage returns, and everything that is
# not printable or that YAML 1.1 counts as a line break (NEL, LS, PS) or a BOM (and, to be safe, characters
# beyond the BMP, which libyaml's reader and writer do not treat alike).
_ANYWHERE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
# ... and outside quoted scalars and comments (so looked for once these are gone): quotes left over, anchors, aliases, tags, block scalars,
# directives, reserved indicators, flow sequences and complex keys.
_OUTSIDE = re.compile("['\"&*!|>%@`\\[\\]?]")
# A quoted scalar on one line with nothing to unescape: its text is its value.
_QUOTED = re.compile("'[^'\n]*'|\"[^\"\\\\\n]*\"")
# An identifier key that YAML reads as text (not null, true, false …).
_COMMENT = re.compile(r"#.*")  # a comment, from its # to the line's end
_MARKER = re.compile(r"^ *(?:---|\.\.\.)", re.M)  # a document's start or end
_KEY_TEXT = r"(?!(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)(?![A-Za-z0-9_]))[A-Za-z_][A-Za-z0-9_]*"
_KEY = re.compile(_KEY_TEXT)
_DEPTH = 12  # deeper than any params file nests (6), shallower than yamlsafe's limit: a deeper file goes there
# A plain scalar as libyaml reads it the same way in a flow mapping and in a block: it starts with no
# indicator (a '-' only before a digit or a point: -1, -.5) and holds no braces, no comma and no ': ',
# ends in no ':' nor space; or a held quoted scalar's mark.
_HELD_MARK = "\x00[0-9]+\x00"
_START = "(?:-(?=[0-9.])|[^ ,{}#:\\-\\x00])"
# runs of text, joined by spaces or by single colons (a colon before a space, a comma, a brace or the end
# would be an indicator)
_FLOW_SCALAR = rf"{_HELD_MARK}|{_START}[^ ,{{}}:\x00]*(?:(?: +|:)[^ ,{{}}:\x00]+)*"
_BLOCK_SCALAR = re.compile(rf"{_HELD_MARK}|{_START}[^ {{}}:\x00]*(?:(?: +|:)[^ ,{{}}:\x00][^ {{}}:\x00]*)*")
_PAIR = re.compile(rf"({_KEY_TEXT}): +({_FLOW_SCALAR})")
# A one-line flow mapping of n pairs, for n up to 15, each pattern capturing its keys and values in one match.
_FLOWS = [None, *(re.compile(r"\{ *" + " *, *".join([_PAIR.pattern] * n) + r" *\}") for n in range(1, 16))]
_DIGITS = frozenset("0123456789")
_RESOLVED = frozenset("0123456789+-.~nNtTfF")  # how a plain scalar that yamlsafe may read as other than text starts
_HELD = "\x00"  # marks a quoted scalar held aside: NUL cannot be in a file this reader reads


class _Unsure(Exception):
    """Raised anywhere below to give the file to libyaml."""


def _lines(text: str, held: dict[str, str]) -> list[tuple[int, str]]:
    """Each line that holds content, as (indentation, content without comment or trailing spaces); each quoted
    scalar is put in `held` and replaced by a mark, so that a comma, colon or # in it is text."""
    if "'" in text or '"' in text:
        text = _QUOTED.sub(lambda m: _hold(m[0], held), text)
    if "#" in text:
        text = _COMMENT.sub(_uncommented, text)
    if _OUTSIDE.search(text) or ("---" in text or "..." in text) and _MARKER.search(text):
        raise _Unsure
    lines = []
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if content:
            lines.append((len(line) - len(content), content.rstrip(" ")))
    return lines


def _uncommented(comment: re.Match) -> str:
    """Nothing for a comment (a # at a line's start or after a space); a # after a character is unsure."""
    at = comment.start()
    if at and comment.string[at - 1] not in " \n":
        raise _Unsure  # a#b: text in YAML, but rare enough to leave to libyaml
    return ""


def _hold(quoted: str, held: dict[str, str]) -> str:
    """The mark that stands for a quoted scalar in its line; its text is kept in `held`."""
    mark = f"{_HELD}{len(held)}{_HELD}"
    held[mark] = quoted[1:-1]
    return mark


class _Reader:
    """The block structure of one file's content lines, read by indentation."""

    def __init__(self, lines: list[tuple[int, str]], held: dict[str, str], plain: Callable[[str], object]):
        self.lines = lines
        self.held = held
        self.at = 0
        self.plain = plain

    def scalar(self, text: str) -> object:
        """A scalar's value (text already stripped): a quoted one's text, or a plain one resolved as yamlsafe does."""
        if _BLOCK_SCALAR.fullmatch(text) is None:
            raise _Unsure
        return self.resolve(text)

    def resolve(self, text: str) -> object:
        """The value of a scalar token this reader accepted: a held quoted scalar's text, else its plain value."""
        first = text[0]
        if first == _HELD:
            return self.held[text]
        return self.plain(text) if first in _RESOLVED else text

    def flow(self, text: str) -> dict:
        """A one-line flow mapping {k: v, k: v} of scalars."""
        count = text.count(",") + 1  # no key or plain scalar in a flow mapping holds a comma
        pattern = _FLOWS[count] if count < len(_FLOWS) else None
        match = pattern.fullmatch(text) if pattern is not None else None
        if match is None:
            if text.replace(" ", "") == "{}":
                return {}
            raise _Unsure  # over several lines, text after it, an odd scalar or key in it, or many pairs
        found = match.groups()
        pairs = list(zip(found[::2], found[1::2]))
        result = dict(pairs)
        if len(result) < count:
            raise _Unsure  # a key twice
        plain, held = self.plain, self.held
        for key, value in pairs:  # resolve(value), inline: this loop reads most of a params file's scalars
            first = value[0]
            if first in _DIGITS and len(value) <= 20 and value.isascii():
                # plain()'s commonest cases, as it reads them: 2023, 344.64 (a longer figure's size is its to judge)
                if value.isdigit():
                    result[key] = int(value)
                    continue
                whole, dot, places = value.partition(".")
                if dot and whole.isdigit() and places.isdigit():
                    result[key] = Decimal(value)
                    continue
            if first in _RESOLVED:
                result[key] = plain(value)
            elif first == _HELD:
                result[key] = held[value]
        return result

    def value(self, text: str, indent: int, depth: int) -> object:
        """The value written after `key: ` or `- ` on a line at `indent`, or on the lines below when there is none."""
        if text:
            if self.at < len(self.lines) and self.lines[self.at][0] > indent:
                raise _Unsure  # a scalar continued on the next line, or a nested block after a value
            return self.flow(text) if text[0] == "{" else self.scalar(text)
        if self.at < len(self.lines):
            below, content = self.lines[self.at]
            if below > indent or below == indent and (content == "-" or content.startswith("- ")):
                return self.block(below, depth + 1)
        return None

    def block(self, indent: int, depth: int) -> object:
        """The mapping or sequence whose first line is the next one, at `indent`."""
        if depth > _DEPTH:
            raise _Unsure
        content = self.lines[self.at][1]
        if content == "-" or content.startswith("- "):
            return self.sequence(indent, depth)
        return self.mapping(indent, depth, {})

    def mapping(self, indent: int, depth: int, result: dict, first: str | None = None) -> dict:
        """A block mapping at `indent`; `first` is its first line's content when a sequence entry holds it."""
        while first is not None or self.at < len(self.lines):
            if first is None:
                at, content = self.lines[self.at]
                if at < indent:
                    break
                if at > indent or content == "-" or content.startswith("- "):
                    raise _Unsure  # an odd indentation, or a sequence where a key belongs
                self.at += 1
            else:
                content, first = first, None
            key, sep, rest = content.partition(":")
            if not sep or rest and rest[0] != " " or key in result or _KEY.fullmatch(key) is None:
                raise _Unsure  # not a pair (key:value is one scalar in YAML), a key twice, or an odd key
            result[key] = self.value(rest.lstrip(" "), indent, depth)
        return result

    def sequence(self, indent: int, depth: int) -> list:
        """A block sequence of `- ` entries at `indent`: flow mappings, scalars, or mappings begun on the entry's line."""
        result = []
        while self.at < len(self.lines):
            at, content = self.lines[self.at]
            if at < indent or at == indent and not (content == "-" or content.startswith("- ")):
                break
            if at > indent or content == "-":
                raise _Unsure
            self.at += 1
            rest = content[2:].lstrip(" ")
            key, sep, after = rest.partition(":")
            if rest[0] != "{" and sep and (not after or after[0] == " ") and _KEY.fullmatch(key):
                column = indent + len(content) - len(rest)  # the compact mapping's keys line up with its first
                result.append(self.mapping(column, depth + 1, {}, first=rest))
            else:
                result.append(self.value(rest, indent, depth))
        return result


def read_plain(text: str, plain: Callable[[str], object], refused: type[Exception]) -> object:
    """The data of a params file's text, or UNSURE when it uses YAML beyond what this reader reads.

    `plain` resolves a plain scalar's text; where it raises `refused` (a figure too large), libyaml says so.
    """
    if _ANYWHERE.search(text):
        return UNSURE
    try:
        held: dict[str, str] = {}
        lines = _lines(text, held)
        if not lines or lines[0][0] != 0:
            return UNSURE
        reader = _Reader(lines, held, plain)
        data = reader.mapping(0, 1, {})
        return data if reader.at == len(lines) else UNSURE
    except (_Unsure, refused):
        return UNSURE
