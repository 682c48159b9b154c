"""Grading scales as data (DESIGN.md §2): each scale's grade words, best first, with their thresholds.

A grade word is kept as the source writes it (优, 良好, B); a scale only says which band it names.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property


@dataclass(frozen=True)
class Band:
    """One grade of a scale: its word, the lowest score it admits (inclusive) and the words that mean it."""

    word: str
    lowest: Decimal
    synonyms: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """Every word naming this band, its own first."""
        return (self.word, *self.synonyms)


@dataclass(frozen=True)
class Scale:
    """A grading scale: its name (what `grading:` says) and its bands, best first."""

    name: str
    bands: tuple[Band, ...]

    @cached_property  # a frozen dataclass still has a __dict__ to cache in; scales are built once
    def _by_word(self) -> dict[str, Band]:
        """Each accepted word, upper-cased, to the first band it names."""
        found: dict[str, Band] = {}
        for b in self.bands:
            for w in b.words:
                found.setdefault(w.upper(), b)
        return found

    def band(self, word: str) -> Band | None:
        """The band a grade word names (whitespace and case ignored), or None."""
        key = "".join(word.split()).upper() if isinstance(word, str) else ""
        return self._by_word.get(key)

    def canonical(self, word: str) -> str | None:
        """The band's own word for a grade word (优 → 优秀), or None if the scale has no such grade."""
        found = self.band(word)
        return found.word if found else None

    def rank(self, word: str) -> int | None:
        """0 for the best grade, 1 for the next…; None for a word the scale lacks."""
        found = self.band(word)
        return None if found is None else self.bands.index(found)

    def grade_for(self, score: Decimal) -> str:
        """The grade a score earns; each band's lower bound is inclusive."""
        for b in self.bands:
            if score >= b.lowest:
                return b.word
        return self.bands[-1].word

    def same(self, a: str, b: str) -> bool:
        """Whether two grade words name the same band."""
        found = self.band(a)
        return found is not None and ((other := self.band(b)) is found or found == other)

    @property
    def words(self) -> tuple[str, ...]:
        """Every accepted word, band by band."""
        return tuple(w for b in self.bands for w in b.words)

    @property
    def shown(self) -> str:
        """The scale with its thresholds, for messages: 优秀≥90/良好≥80/中等≥60/差."""
        return "/".join(f"{b.word}≥{b.lowest}" if b.lowest else b.word for b in self.bands)


def _scale(name: str, *bands: tuple[str, int, tuple[str, ...]]) -> Scale:
    return Scale(name, tuple(Band(word, Decimal(low), syn) for word, low, syn in bands))


DEFAULT = "优良中差"
SCALES: dict[str, Scale] = {s.name: s for s in (
    _scale(DEFAULT, ("优秀", 90, ("优",)), ("良好", 80, ("良",)), ("中等", 60, ("中",)), ("差", 0, ("较差",))),
    _scale("好较好一般差", ("好", 90, ()), ("较好", 80, ()), ("一般", 60, ()), ("差", 0, ("较差",))),
    _scale("合格不合格", ("合格", 60, ()), ("不合格", 0, ())),
    _scale("ABCD", ("A", 90, ("Ａ",)), ("B", 80, ("Ｂ",)), ("C", 60, ("Ｃ",)), ("D", 0, ("Ｄ",))),
)}
SYNONYMS: dict[str, str] = {w: b.word for b in SCALES[DEFAULT].bands for w in b.words}


def scale_named(name: str | None) -> Scale | None:
    """The scale `grading:` names (None or "" is the default), or None for an unknown name."""
    if not name:
        return SCALES[DEFAULT]
    key = "".join(str(name).split())
    return SCALES.get(key) or SCALES.get(key.upper())


def normalize_grade(word: str) -> str | None:
    """The default scale's word for a grade word (优 → 优秀), or None if it is not one."""
    return SCALES[DEFAULT].canonical(word)


def grade_for(score: Decimal, scale: Scale | None = None) -> str:
    """The grade a score earns on a scale (the default one unless given)."""
    return (scale or SCALES[DEFAULT]).grade_for(score)
