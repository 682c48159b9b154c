"""Typed reading of parsed YAML values, collecting every problem with its key path."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import Problem
from .grades import SCALES, Scale, scale_named
from .model import DIRECTIONS, Measure
from .money import exponent

_NUMBER_TEXT = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
MISSING = object()


class Keys:
    """The keys a mapping must have and may have, as frozen sets built once."""

    def __init__(self, required: str, optional: str = ""):
        self.required = frozenset(required.split())
        self.allowed = self.required | frozenset(optional.split())


def _shown(value: Any) -> str:
    text = format(value, "f") if isinstance(value, Decimal) else repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


class FieldReader:
    """Reads values out of one file's parsed YAML, recording a Problem for each bad one."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        """Record one problem at a key path."""
        self.problems.append(Problem(self.file, where, message))

    def mapping(self, value: Any, where: str, keys: Keys) -> dict | None:
        """A mapping with these keys; missing and unknown keys are problems."""
        if not isinstance(value, dict):
            self.problem(where or "top level", f"expected a mapping of keys, got {_shown(value)}")
            return None
        present = value.keys()
        if keys.required <= present <= keys.allowed:
            return value
        prefix = f"{where}." if where else ""
        for key in sorted(keys.required - present):
            self.problem(f"{prefix}{key}", "missing key")
        for key in sorted(set(map(str, present)) - keys.allowed):
            self.problem(f"{prefix}{key}", f"unknown key (expected one of: {', '.join(sorted(keys.allowed))})")
        return value

    def sequence(self, value: Any, where: str) -> list:
        """A list (an absent one reads as empty)."""
        if value is MISSING or value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, f"expected a list, got {_shown(value)}")
            return []
        return value

    def number(self, value: Any, where: str, *, negative: bool = False, percent: bool = False) -> Decimal | None:
        """A Decimal from a YAML number or numeric text; NaN, ±Infinity and (unless allowed) negatives are problems."""
        if type(value) is Decimal and value.is_finite() and "E" not in str(value) and (negative or value >= 0):
            return value  # the common case, as the checks below would find it: finite, written out, not negative
        parsed = self._to_decimal(value, percent)
        if parsed is None:
            self.problem(where, f"expected a number like 12.34, got {_shown(value)}")
            return None
        if not parsed.is_finite():
            self.problem(where, f"expected a finite number, got {_shown(value)}")
            return None
        if exponent(parsed) > 0:
            # only an exponent form (1e400, 2.5E3) gives a positive exponent: plain 12300 has exponent 0
            self.problem(where, f"数字须照报告所印逐位写出（如 12.34），不接受指数形式，got {_shown(value)}")
            return None
        if parsed < 0 and not negative:
            self.problem(where, f"expected a number not below 0, got {_shown(parsed)}")
            return None
        return parsed

    @staticmethod
    def _to_decimal(value: Any, percent: bool) -> Decimal | None:
        if type(value) is Decimal:  # what the YAML reader gives for every figure with a decimal point
            return value
        if isinstance(value, bool):
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, str):
            # full-width digits and punctuation (１２０６．３８, ％, －) read as their ASCII forms, in every field alike
            text = unicodedata.normalize("NFKC", value).strip()
            if percent and text.endswith(("%", "％")):
                text = text[:-1].strip()
            if text.lower().lstrip("+-") in {"nan", "inf", "infinity", ".nan", ".inf"}:
                return Decimal("NaN")
            if _NUMBER_TEXT.match(text):
                try:
                    return Decimal(text)
                except InvalidOperation:
                    return None
        return None

    def optional_number(self, data: dict, key: str, where: str, *, negative: bool = False,
                        percent: bool = False) -> Decimal | None:
        """A number under `key` if present (null reads as absent)."""
        value = data.get(key)
        return None if value is None else self.number(value, where, negative=negative, percent=percent)

    def integer(self, value: Any, where: str, low: int, high: int) -> int | None:
        """A whole number within [low, high]."""
        if isinstance(value, Decimal) and not value.is_finite():
            self.problem(where, f"expected a whole number, got {_shown(value)}")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value != int(value):
            self.problem(where, f"expected a whole number, got {_shown(value)}")
            return None
        if not low <= int(value) <= high:
            self.problem(where, f"expected a whole number from {low} to {high}, got {_shown(value)}")
            return None
        return int(value)

    def text(self, value: Any, where: str, *, pattern: re.Pattern[str] | None = None, hint: str = "") -> str | None:
        """A non-empty string, optionally matching a pattern."""
        if not isinstance(value, str) or not value.strip():
            self.problem(where, f"expected text, got {_shown(value)}")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.problem(where, f"{hint}, got {_shown(value)}")
            return None
        return value.strip()

    def grade(self, value: Any, where: str, scale: Scale | None = None) -> str | None:
        """A grade word of the scale (the default one unless given), returned as written."""
        scale = scale or scale_named(None)
        if not isinstance(value, str) or scale.band(value) is None:
            others = [s.name for s in SCALES.values() if s is not scale and isinstance(value, str) and s.band(value)]
            hint = f"（该词属于“{others[0]}”等级体系，请在 grading: 中选用）" if others else ""
            self.problem(where, f"unknown grade {_shown(value)}; expected one of {'/'.join(scale.words)}{hint}")
            return None
        return "".join(value.split())

    def grading(self, value: Any, where: str = "grading") -> str:
        """The name of a grading scale (grades.SCALES); "" (the default) for an unknown one, recorded as a problem."""
        if value is None:
            return ""
        scale = scale_named(value) if isinstance(value, str) else None
        if scale is None:
            self.problem(where, f"未知的评价等级体系 {_shown(value)}，应为 {'、'.join(SCALES)} 之一")
            return ""
        return scale.name

    def optional_text(self, data: dict, key: str, where: str) -> str:
        """Text under `key` if present (absent or null reads as "")."""
        value = data.get(key)
        if value is None:
            return ""
        return self.text(value, where) or ""

    def direction(self, value: Any, where: str) -> str | None:
        """A comparison (>=, ≥, <=, ≤, =, >, <) in its canonical ASCII form."""
        canonical = DIRECTIONS.get(value.strip()) if isinstance(value, str) else None
        if canonical is None:
            self.problem(where, f"expected one of >=, <=, =, >, < (or ≥, ≤), got {_shown(value)}")
        return canonical

    def measure(self, value: Any, where: str, unit: str = "") -> Measure | None:
        """A target or actual value: a number, or text that may hold one ("≥8000", "95%") or not ("有效提升")."""
        if isinstance(value, str) and value.strip():
            return Measure.parse(value.strip(), unit)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = self.number(value, where)
            return None if number is None else Measure.parse(number, unit)
        self.problem(where, f"expected a number or text, got {_shown(value)}")
        return None
