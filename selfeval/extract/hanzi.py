"""Traditional → simplified characters through OpenCC ('t2s'), one character for one character.

OpenCC converts by phrase (乾隆 stays 乾隆, 乾燥 becomes 干燥), which is right almost always; but a
phrase may change the length of a line, and every match must name its place in the original text.
So a line is converted whole when that keeps its length and its non-Chinese characters in place,
else character by character (each character alone is converted one for one, or kept).
"""
from __future__ import annotations

from functools import lru_cache

_CONVERTER = None
# Below this code point nothing is Han and OpenCC changes nothing (digits, Latin, punctuation).
_HAN_FROM = "\u2e80"


def _converter():  # noqa: ANN202 - opencc ships no type hints
    """The one OpenCC t2s converter, built on first use (about 5 ms)."""
    global _CONVERTER  # noqa: PLW0603 - built once per process, lazily: importing must stay cheap
    if _CONVERTER is None:
        import opencc  # noqa: PLC0415

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


@lru_cache(maxsize=8192)
def _one(ch: str) -> str:
    """One character converted alone; kept when OpenCC would make it more (or less) than one."""
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


def _aligned(text: str, out: str) -> bool:
    """Whether a whole-line conversion kept the length and left every non-Han character in place."""
    return len(out) == len(text) and all(a == b for a, b in zip(text, out) if a < _HAN_FROM)


def to_simplified(text: str) -> str:
    """The text in simplified characters, exactly as long as the text given (offsets do not move)."""
    if text.isascii() or max(text) < _HAN_FROM:
        return text
    out = _converter().convert(text)
    if out == text or _aligned(text, out):
        return out
    return "".join(_one(ch) if ch >= _HAN_FROM else ch for ch in text)
