"""Typed reading of parsed YAML values, collecting every problem with its key path, in Chinese."""
from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import Problem
from .grades import SCALES, Scale, scale_named
from .model import DIRECTIONS, Measure
from .money import exponent
from .schema import SHARE, Part, key_at

_NUMBER_TEXT = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
MISSING = object()
MISSING_KEY = "缺少必填项"  # how a missing key's message starts (a workbook reader words it for its cells)
TOP_LEVEL = "顶层"


_EXPONENT = re.compile(r"\d\s*[eE]\s*[+-]?\d")  # 1e3, 2.5E-5: a figure is written out as printed


def shown(value: Any) -> str:
    """A value as the message quotes it: text in “”, numbers as written, YAML's own words for the rest."""
    if isinstance(value, str):
        return f"“{value if len(value) <= 40 else value[:37] + '...'}”"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "一组键值"
    if isinstance(value, list):
        return "一个列表"
    # a Decimal written out, unless it came as an exponent form (1e400 would be 401 digits long)
    wide = isinstance(value, Decimal) and value.is_finite() and value.as_tuple().exponent > 0  # type: ignore[operator]
    text = format(value, "f") if isinstance(value, Decimal) and not wide else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def label(where: str) -> str:
    """The Chinese name of the key a path names, as a message begins with it (“金额”, “本年收入合计”)."""
    key = key_at(where)
    return key.label if key is not None else "此项"


class FieldReader:
    """Reads values out of one file's parsed YAML, recording a Problem for each bad one."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        """Record one problem at a key path."""
        self.problems.append(Problem(self.file, where, message))

    def mapping(self, value: Any, where: str, part: Part) -> dict | None:
        """A mapping with the part's keys; missing and unknown keys are problems."""
        if not isinstance(value, dict):
            self.problem(where or TOP_LEVEL, f"{part.label}应写成“键: 值”的形式（读到{shown(value)}）")
            return None
        present = value.keys()
        if part.required <= present <= part.allowed:
            return value
        prefix = f"{where}." if where else ""
        for key in part.keys:
            if key.required and key.name not in present:
                self.problem(f"{prefix}{key.name}", f"{MISSING_KEY}“{key.label}”")
        for name in sorted(set(map(str, present)) - part.allowed):
            close = difflib.get_close_matches(name, part.order, n=1)
            guess = f"是否应为 {close[0]}？" if close else ""
            self.problem(f"{prefix}{name}", f"未知的键 {name}：{guess}{part.label}可有的键为 {'、'.join(part.order)}")
        return value

    def sequence(self, value: Any, where: str) -> list:
        """A list (an absent one reads as empty)."""
        if value is MISSING or value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, f"{label(where)}应为列表，每项一行、以“- ”开头（读到{shown(value)}）")
            return []
        return value

    def number(self, value: Any, where: str, *, negative: bool | None = None,
               percent: bool | None = None) -> Decimal | None:
        """A Decimal from a YAML number or numeric text; NaN, ±Infinity and (unless allowed) negatives are problems.

        Whether a negative is allowed and a % read is the schema's word for the key, unless given."""
        if type(value) is Decimal and value.is_finite() and "E" not in str(value) and value >= 0:
            return value  # the common case, as the checks below would find it: finite, written out, not negative
        key = key_at(where) if negative is None or percent is None else None
        negative = bool(key and key.negative) if negative is None else negative
        if isinstance(value, str) and _EXPONENT.search(value):
            self.problem(where, f"{label(where)}须照报告所印逐位写出（如 1206.38），不接受指数形式（读到{value.strip()}）")
            return None
        parsed = self._to_decimal(value, bool(key and key.kind == SHARE) if percent is None else percent)
        if parsed is None:
            self.problem(where, f"{label(where)}须为数字，如 1206.38（读到{shown(value)}）")
            return None
        if not parsed.is_finite():
            self.problem(where, f"{label(where)}须为有限的数字，如 1206.38（读到{shown(value)}）")
            return None
        if exponent(parsed) > 0:
            # only an exponent form (1e400, 2.5E3) gives a positive exponent: plain 12300 has exponent 0
            self.problem(where, f"{label(where)}须照报告所印逐位写出（如 1206.38），不接受指数形式（读到{shown(value)}）")
            return None
        if parsed < 0 and not negative:
            self.problem(where, f"{label(where)}不能为负数（读到{shown(parsed)}）")
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

    def optional_number(self, data: dict, key: str, where: str) -> Decimal | None:
        """A number under `key` if present (null reads as absent), read as the schema declares it."""
        value = data.get(key)
        return None if value is None else self.number(value, where)

    def integer(self, value: Any, where: str, low: int, high: int) -> int | None:
        """A whole number within [low, high]."""
        whole = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
        if not whole or isinstance(value, Decimal) and (not value.is_finite() or value != int(value)):
            self.problem(where, f"{label(where)}须为整数（读到{shown(value)}）")
            return None
        if not low <= int(value) <= high:
            self.problem(where, f"{label(where)}须为 {low} 到 {high} 之间的整数（读到{shown(value)}）")
            return None
        return int(value)

    def text(self, value: Any, where: str, *, pattern: re.Pattern[str] | None = None, hint: str = "") -> str | None:
        """A non-empty string, optionally matching a pattern."""
        if not isinstance(value, str) or not value.strip():
            self.problem(where, f"{label(where)}须为文字，不能为空（读到{shown(value)}）")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.problem(where, f"{hint}（读到{shown(value)}）")
            return None
        return value.strip()

    def grade(self, value: Any, where: str, scale: Scale | None = None) -> str | None:
        """A grade word of the scale (the default one unless given), returned as written."""
        scale = scale or scale_named(None)
        if not isinstance(value, str) or scale.band(value) is None:
            others = [s.name for s in SCALES.values() if s is not scale and isinstance(value, str) and s.band(value)]
            hint = f"（该词属于“{others[0]}”等级体系，请在 grading: 中选用）" if others else ""
            self.problem(where, f"未知的评价等级{shown(value)}，应为 {'/'.join(scale.words)} 之一{hint}")
            return None
        return "".join(value.split())

    def grading(self, value: Any, where: str = "grading") -> str:
        """The name of a grading scale (grades.SCALES); "" (the default) for an unknown one, recorded as a problem."""
        if value is None:
            return ""
        scale = scale_named(value) if isinstance(value, str) else None
        if scale is None:
            self.problem(where, f"未知的评价等级体系{shown(value)}，应为 {'、'.join(SCALES)} 之一")
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
            self.problem(where, f"指标方向应为 >=、<=、=、>、<（或 ≥、≤）之一（读到{shown(value)}）")
        return canonical

    def measure(self, value: Any, where: str, unit: str = "") -> Measure | None:
        """A target or actual value: a number, or text that may hold one ("≥8000", "95%") or not ("有效提升")."""
        if isinstance(value, str) and value.strip():
            return Measure.parse(value.strip(), unit)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = self.number(value, where)
            return None if number is None else Measure.parse(number, unit)
        self.problem(where, f"{label(where)}须为数字或文字（读到{shown(value)}）")
        return None
