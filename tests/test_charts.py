"""Structure charts: a PNG with Chinese labels drawn in a CJK font, no missing-glyph warnings, no pyplot state."""
from __future__ import annotations

import base64
import os
import struct
import warnings
from pathlib import Path

import matplotlib
import pytest

import selfeval
from selfeval import charts
from selfeval.model import Section
from selfeval.run import run_department
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


def test_a_chart_drawn_ahead_is_taken_for_the_same_figures_only(monkeypatch):
    monkeypatch.delenv(charts.AHEAD_ENV, raising=False)
    report = selfeval.load(LUQUAN)
    drawn = charts.structure_charts(report.income, report.expenditure, "万元")
    other = (section("1", [("甲", "1")]), section("1", [("乙", "1")]), "万元")
    with charts.drawn_ahead(report.income, report.expenditure, "万元"):
        ahead = Path(os.environ[charts.AHEAD_ENV])
        assert ahead.read_bytes() == drawn  # drawn here as a kernel would draw it
        ahead.write_bytes(PNG_SIGNATURE + b"planted")
        assert charts.structure_charts(report.income, report.expenditure, "万元") == PNG_SIGNATURE + b"planted"
        assert charts.structure_charts(*other) == charts.structure_charts(*other) != PNG_SIGNATURE + b"planted"
        assert charts.structure_charts(report.income, report.expenditure, "元") != PNG_SIGNATURE + b"planted"
    assert charts.AHEAD_ENV not in os.environ and not ahead.exists()


def fail_to_draw(*_: object) -> bytes:
    raise ValueError("planted drawing failure")


@pytest.mark.parametrize("attribute, value", [("CJK_FONTS", ["No Such Font For Sure"]), ("_draw", fail_to_draw)])
def test_nothing_is_drawn_ahead_when_drawing_warns_or_fails(monkeypatch, attribute, value):
    monkeypatch.delenv(charts.AHEAD_ENV, raising=False)
    monkeypatch.setattr(charts, attribute, value)
    report = selfeval.load(LUQUAN)
    with charts.drawn_ahead(report.income, report.expenditure, "万元"):
        assert charts.AHEAD_ENV not in os.environ  # the kernel draws it, and its report shows the warning


def test_the_kernel_takes_the_chart_drawn_ahead_and_its_report_is_unchanged(tmp_path, monkeypatch):
    monkeypatch.delenv(charts.AHEAD_ENV, raising=False)
    report = selfeval.load(LUQUAN)
    plain = run_department(LUQUAN, tmp_path / "plain", formats=("ipynb", "html")).outputs["html"].read_bytes()
    with charts.drawn_ahead(report.income, report.expenditure, report.department.unit):
        ahead = run_department(LUQUAN, tmp_path / "ahead", formats=("ipynb", "html")).outputs["html"].read_bytes()
        planted = Path(os.environ[charts.AHEAD_ENV])
        planted.write_bytes(PNG_SIGNATURE + b"planted by the test")
        taken = run_department(LUQUAN, tmp_path / "taken", formats=("ipynb", "html")).outputs["html"].read_bytes()
    assert ahead == plain
    assert base64.b64encode(PNG_SIGNATURE + b"planted by the test") in taken
