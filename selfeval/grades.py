"""Grade bands of a project self-evaluation (DESIGN.md §2)."""
from __future__ import annotations

from decimal import Decimal

# Canonical grade names, best first, with the lowest score each band admits.
BANDS: tuple[tuple[str, Decimal], ...] = (
    ("优秀", Decimal(90)),
    ("良好", Decimal(80)),
    ("中等", Decimal(60)),
    ("差", Decimal(0)),
)

SYNONYMS: dict[str, str] = {
    "优": "优秀", "优秀": "优秀",
    "良": "良好", "良好": "良好",
    "中": "中等", "中等": "中等",
    "差": "差", "较差": "差",
}


def normalize_grade(word: str) -> str | None:
    """The canonical grade for a grade word (优 → 优秀), or None if it is not one."""
    return SYNONYMS.get(word.strip())


def grade_for(score: Decimal) -> str:
    """The grade a score earns; each band's lower bound is inclusive."""
    for name, lowest in BANDS:
        if score >= lowest:
            return name
    return BANDS[-1][0]
