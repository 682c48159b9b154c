"""Numbers as printed: separators, PDF spaces, units to 万元 exactly, glued OCR runs."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from selfeval.extract.numbers import NUM, parse, splits, to_wan

NUMBERS = re.compile(NUM)


@pytest.mark.parametrize("text, expected", [
    ("344.64", ["344.64"]),
    ("46. 25", ["46.25"]),
    ("1,234,567.89", ["1234567.89"]),
    ("4125.49,4143.91", ["4125.49", "4143.91"]),      # two figures, not a thousands separator
    ("1,23", ["1", "23"]),                            # a comma not followed by three digits separates
    ("12,345,600.00元", ["12345600.00"]),
    ("占0%", ["0"]),
])
def test_printed_numbers_are_read_as_printed(text, expected):
    assert [str(parse(m.group())) for m in NUMBERS.finditer(text)] == expected


def test_units_convert_to_wan_exactly_keeping_the_printed_precision():
    assert to_wan(Decimal("12345600.00"), "元") == Decimal("1234.56")
    assert str(to_wan(Decimal("12345600.00"), "元")) == "1234.560000"  # ±0.005元 stays ±0.0000005万元
    assert to_wan(Decimal("1.25"), "亿元") == Decimal("12500")
    assert to_wan(Decimal("3.5"), "万元") == Decimal("3.5")
    assert to_wan(Decimal("3.5"), "万") == Decimal("3.5")
    assert isinstance(to_wan(Decimal("1"), "元"), Decimal)


def test_glued_runs_list_every_reading_with_at_most_two_decimals():
    readings = list(splits("64.864.864.8100", 4))
    assert [Decimal("64.8"), Decimal("64.8"), Decimal("64.8"), Decimal("100")] in readings
    assert all(len(r) == 4 for r in readings)
    assert list(splits("007", 1)) == []
    assert list(splits("12.345", 1)) == []
