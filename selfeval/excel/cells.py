"""Turn a raw cell into the value a params file would hold, so the loader judges it as it judges YAML.

Text is passed on as text (the loader reads numeric text exactly, "20.00" keeping its two decimals). A cell
typed as a number is a float in openpyxl: it becomes the Decimal of its shortest repr, and an amount with more
decimals than its unit is printed with is refused, since such a figure was not copied from a report.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .schema import CODE, DECIMAL_KINDS, DIRECTION, GRADE, INT, MEASURE, MONEY, NUMBER, SCALE, SHARE, TEXT, UNIT, Column
from ..yamlsafe import MAX_DIGITS
from .sheets import RawCell

_WHOLE = re.compile(r"[+-]?\d+")
# What format(Decimal, "f") writes for a number a params file gives as a target or actual (never negative).
PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Decimals an amount may carry: two in 元 and 万元; in 亿元, six are the same 0.01 万元.
MAX_DECIMALS = {"元": 2, "万元": 2, "亿元": 6}
TEXT_KINDS = frozenset({TEXT, CODE, UNIT, GRADE, DIRECTION, SCALE})


class CellProblem(Exception):
    """A cell whose content cannot stand for a params value, with the reason."""


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_of(value: int | float) -> Decimal:
    """The Decimal of a numeric cell: exact for an int, the shortest repr for a float (0.1 is 0.1)."""
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _decimals(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def text_of(value: object) -> object:
    """Text of a cell for a text column: stripped, a number as its shortest form; anything else as it is."""
    if isinstance(value, str):
        return value.strip()
    return format(number_of(value), "f") if _is_number(value) else value


def _whole(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    # more digits than any count or year has stay text, for the reader to refuse (int() of 5000 digits raises)
    if isinstance(value, str) and len(value.strip()) <= MAX_DIGITS and _WHOLE.fullmatch(value.strip()):
        return int(value.strip())
    return number_of(value) if _is_number(value) else value


def _decimal(cell: RawCell, column: Column, unit: str) -> object:
    value = cell.value
    if not _is_number(value):
        return value.strip() if isinstance(value, str) else value
    number = number_of(value)
    if cell.percent:
        return number.scaleb(2)
    limit = MAX_DECIMALS.get(unit, 2)
    if column.kind == MONEY and _decimals(number) > limit:
        raise CellProblem(f"the number {value!r} has more than {limit} decimals for an amount in {unit}; "
                          "type the amount as text, as the report prints it (e.g. 20.00)")
    return number


def _measure(cell: RawCell) -> object:
    value = cell.value
    if _is_number(value):
        number = number_of(value)
        return f"{format(number.scaleb(2), 'f')}%" if cell.percent else number
    if isinstance(value, str):
        text = value.strip()
        # A number written as text reads as a number, as it would in YAML; Excel's apostrophe keeps it text.
        number = not cell.quoted and len(text) <= MAX_DIGITS and PLAIN_NUMBER.fullmatch(text)
        return Decimal(text) if number else text
    return value


def decimals_unknown(cell: RawCell, column: Column) -> str:
    """Why a figure typed as a number has lost its printed decimals (Excel keeps 150.00 as 150), or ""."""
    value = cell.value
    if column.kind not in (MONEY, SHARE, NUMBER) or cell.percent or cell.error or not _is_number(value):
        return ""
    shown = text_of(value)
    return (f"数字单元格 {shown} 的印刷小数位数未知（Excel 把 150.00 存作 150），按 {shown} 读取，舍入容差可能因此放宽；"
            "请将该格设为文本，照报告所印填写（如 150.00）")


def value_of(cell: RawCell, column: Column, unit: str) -> object:
    """The params value of a cell for its column; raises CellProblem when the cell cannot give one."""
    if cell.error:
        raise CellProblem(f"the cell holds the Excel error {cell.value}")
    if cell.formula and cell.value is None:
        raise CellProblem(f"the formula {cell.formula} has no cached value (the workbook was last saved by a program "
                          "that does not calculate); open and save it in Excel, or type the value")
    if column.kind in TEXT_KINDS:
        return text_of(cell.value)
    if column.kind == INT:
        return _whole(cell.value)
    if column.kind in DECIMAL_KINDS:
        return _decimal(cell, column, unit)
    if column.kind == MEASURE:
        return _measure(cell)
    raise ValueError(f"unknown column kind {column.kind!r}")
