"""The rounding-interval rule (DESIGN.md §2): a printed value stands for v ± ½·10⁻ᵈ."""
from __future__ import annotations

from decimal import Decimal

import pytest

from selfeval.money import add_intervals, fmt, half_unit, interval, meet, percent, ratio_percent


@pytest.mark.parametrize("printed, half", [
    ("12.34", "0.005"), ("12", "0.5"), ("12.3", "0.05"), ("0.00", "0.005"), ("81.4618", "0.00005"),
])
def test_half_unit_is_half_of_the_last_printed_place(printed, half):
    assert half_unit(Decimal(printed)) == Decimal(half)


def test_interval_is_value_plus_minus_half_unit():
    assert interval(Decimal("344.64")) == (Decimal("344.635"), Decimal("344.645"))


def test_interval_floor_at_zero_only_when_asked():
    assert interval(Decimal("0.00")) == (Decimal("-0.005"), Decimal("0.005"))
    assert interval(Decimal("0.00"), floor_at_zero=True) == (Decimal(0), Decimal("0.005"))
    # a value far from zero is not affected by the floor
    assert interval(Decimal("5.00"), floor_at_zero=True) == (Decimal("4.995"), Decimal("5.005"))


def test_add_intervals_widens_by_each_half_unit():
    low, high = add_intervals([Decimal("33.33")] * 3)
    assert (low, high) == (Decimal("99.975"), Decimal("100.005"))


def test_add_intervals_of_nothing_is_exactly_zero():
    assert add_intervals([]) == (Decimal(0), Decimal(0))


@pytest.mark.parametrize("a, b, expected", [
    (("1", "2"), ("2", "3"), True),          # touching end points count (closed intervals)
    (("1", "2"), ("2.001", "3"), False),
    (("0", "10"), ("4", "5"), True),         # containment
    (("4", "5"), ("0", "10"), True),
])
def test_meet_closed_intervals(a, b, expected):
    to_d = lambda pair: (Decimal(pair[0]), Decimal(pair[1]))  # noqa: E731
    assert meet(to_d(a), to_d(b)) is expected


def test_three_thirds_meet_a_rounded_hundred_but_a_short_third_does_not():
    total = interval(Decimal("100.00"))
    assert meet(add_intervals([Decimal("33.33")] * 3), total)  # 99.99 ± 0.015 reaches 99.995
    assert not meet(add_intervals([Decimal("33.33"), Decimal("33.33"), Decimal("33.30")]), total)  # 99.96 + 0.015 < 99.995


def test_ratio_percent_bounds_the_true_share():
    low, high = ratio_percent(interval(Decimal("280.75")), interval(Decimal("344.64")))
    exact = Decimal("280.75") / Decimal("344.64") * 100
    assert low < exact < high
    assert low == Decimal("280.745") / Decimal("344.645") * 100
    assert high == Decimal("280.755") / Decimal("344.635") * 100


def test_ratio_percent_none_when_whole_may_be_zero():
    assert ratio_percent(interval(Decimal("1.00")), interval(Decimal("0.00"))) is None
    assert ratio_percent(interval(Decimal("1.00")), (Decimal(0), Decimal(1))) is None


def test_percent_rounds_half_up():
    assert percent(Decimal("1"), Decimal("8")) == Decimal("12.50")
    assert percent(Decimal("1"), Decimal("8"), places=1) == Decimal("12.5")
    assert percent(Decimal("0.125"), Decimal("100"), places=1) == Decimal("0.1")
    assert percent(Decimal("0.00125"), Decimal("1"), places=2) == Decimal("0.13")  # 0.125 → 0.13, not banker's 0.12
    assert percent(Decimal("280.75"), Decimal("344.64")) == Decimal("81.46")


def test_percent_of_zero_whole_is_none():
    assert percent(Decimal("5"), Decimal("0.00")) is None


def test_fmt_prints_as_written_without_exponent():
    assert fmt(Decimal("20.00")) == "20.00"
    assert fmt(Decimal("1E+2")) == "100"
    assert fmt(Decimal("0.0000001")) == "0.0000001"
    assert fmt(None) == ""
