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


# ---- issue 14: grading scales as data, chosen per department ----

from selfeval.grades import SCALES, scale_named  # noqa: E402


@pytest.mark.parametrize("name, score, grade", [
    ("好较好一般差", "90", "好"), ("好较好一般差", "85", "较好"), ("好较好一般差", "60", "一般"), ("好较好一般差", "59.9", "差"),
    ("合格不合格", "60", "合格"), ("合格不合格", "59.99", "不合格"),
    ("ABCD", "90", "A"), ("ABCD", "80", "B"), ("ABCD", "79.99", "C"), ("ABCD", "10", "D"),
])
def test_regional_grade_words_are_refused_as_unknown_scales_now_grade_scores(name, score, grade):
    assert scale_named(name).grade_for(Decimal(score)) == grade


def test_scales_keep_their_thresholds_as_data_and_default_is_youliangzhongcha():
    default = scale_named(None)
    assert default is SCALES["优良中差"] and default.shown == "优秀≥90/良好≥80/中等≥60/差"
    assert default.same("优", "优秀") and default.rank("良") == 1 and default.band("较好") is None
    assert scale_named("abcd") is SCALES["ABCD"] and scale_named("ABCD").canonical("ｂ") == "B"
    assert scale_named("甲乙丙丁") is None
