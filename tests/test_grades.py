"""Grade bands (DESIGN.md §2): 优 ≥ 90, 良 80 to < 90, 中 60 to < 80, 差 < 60; lower bounds inclusive."""
from __future__ import annotations

from decimal import Decimal

import pytest

from selfeval.grades import grade_for, normalize_grade


@pytest.mark.parametrize("score, grade", [
    ("100", "优秀"), ("90", "优秀"), ("90.00", "优秀"),
    ("89.99", "良好"), ("80", "良好"), ("80.0", "良好"),
    ("79.99", "中等"), ("79.9", "中等"), ("60", "中等"),
    ("59.99", "差"), ("0", "差"),
])
def test_grade_bands_lower_bound_inclusive(score, grade):
    assert grade_for(Decimal(score)) == grade


@pytest.mark.parametrize("word, canonical", [
    ("优", "优秀"), ("优秀", "优秀"), ("良", "良好"), ("良好", "良好"),
    ("中", "中等"), ("中等", "中等"), ("差", "差"), ("较差", "差"), (" 优 ", "优秀"),
])
def test_normalize_grade_accepts_short_and_long_forms(word, canonical):
    assert normalize_grade(word) == canonical


@pytest.mark.parametrize("word", ["很好", "A", "", "优良"])
def test_normalize_grade_rejects_other_words(word):
    assert normalize_grade(word) is None
