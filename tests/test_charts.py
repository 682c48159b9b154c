"""Structure charts: a PNG with Chinese labels drawn in a CJK font, no missing-glyph warnings, no pyplot state."""
from __future__ import annotations

import struct
import warnings

import matplotlib
import pytest

import selfeval
from selfeval import charts
from selfeval.model import Section
from tests.conftest import LUQUAN, PARAMS, section

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def draw(income: Section, expenditure: Section, unit: str = "万元") -> tuple[bytes, list[str]]:
    """The chart PNG and every warning raised while drawing it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = charts.structure_charts(income, expenditure, unit)
    return png, [str(w.message) for w in caught]


def test_a_cjk_font_is_found_and_used():
    name = charts.use_cjk_font()
    assert name in charts.CJK_FONTS
    assert matplotlib.rcParams["font.sans-serif"][0] == name
    assert matplotlib.rcParams["axes.unicode_minus"] is False


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: p.stem)
def test_every_department_charts_without_missing_glyphs(params):
    report = selfeval.load(params)
    png, caught = draw(report.income, report.expenditure, report.department.unit)
    assert not [w for w in caught if "Glyph" in w or "missing from font" in w or "CJK" in w], caught
    width, height = png_size(png)
    assert width > height > 100  # two charts side by side


def test_chart_grows_with_the_longest_section():
    report = selfeval.load(LUQUAN)  # 7 income lines
    _, short = png_size(draw(section("1", [("甲", "1")]), section("1", [("乙", "1")]))[0])
    _, tall = png_size(draw(report.income, report.expenditure)[0])
    assert tall > short


def test_an_empty_section_still_draws():
    png, caught = draw(section("0"), section("100.00", [("基本支出", "100.00", "100")]))
    assert png_size(png)[0] > 0
    assert not [w for w in caught if "Glyph" in w], caught


def test_charts_leave_no_pyplot_figures_open():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    report = selfeval.load(LUQUAN)
    draw(report.income, report.expenditure)
    assert plt.get_fignums() == before


def test_no_cjk_font_warns(monkeypatch):
    monkeypatch.setattr(charts, "CJK_FONTS", ["No Such Font For Sure"])
    with pytest.warns(UserWarning, match="no CJK font"):
        assert charts.use_cjk_font() is None


@pytest.mark.parametrize("name", ["$$x$$", "a $\\frac{1}{$ b", "美元$账户$余额"])
def test_dollar_signs_in_a_name_draw_as_text_not_mathtext(name):
    # Repro (before the fix): an item named "a $\frac{1}{$ b" raised in matplotlib's mathtext parser and failed
    # the department; "美元$账户$余额" drew the part between the dollars in a math font (tofu for Chinese).
    income = section("100.00", [(name, "60.00", "60.00"), ("其他收入", "40.00", "40.00")])
    png, caught = draw(income, section("100.00", [("基本支出", "100.00", "100")]))
    assert png.startswith(b"\x89PNG")
    assert not [w for w in caught if "Glyph" in w or "missing from font" in w], caught


def test_control_characters_in_a_name_draw_as_marks_not_tofu():
    """Repro: an item named "其他\\x1b[2K收入" drew a missing glyph (tofu) for ESC in the chart of the HTML and PDF."""
    income = section("100.00", [("其他\x1b[2K收入\u202e", "100.00", "100")])
    png, caught = draw(income, section("100.00", [("基本支出", "100.00", "100")]))
    assert png.startswith(PNG_SIGNATURE)
    assert not [w for w in caught if "Glyph" in w or "missing from font" in w], caught
