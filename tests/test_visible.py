"""Names are text everywhere: control and bidi-override characters are shown, never obeyed.

Repro (before the fix): an item named "其他收入\x1b[2K\r" printed raw by `selfeval check` erased the table's
line on a terminal (and could hide failing rows); a name holding U+202E reversed the tool's own words after
it in the narrative, and so in the HTML and PDF.
"""
from __future__ import annotations

import selfeval
from selfeval import narrative
from selfeval.tables import render
from selfeval.visible import visible
from tests.conftest import make_report, section

ESCAPE = "其他收入\x1b[2K\r"
OVERRIDE = "财政拨款\u202e收入"


def test_visible_marks_controls_and_bidi_overrides_and_keeps_plain_text():
    assert visible(ESCAPE) == "其他收入«U+001B»[2K«U+000D»"
    assert visible(OVERRIDE) == "财政拨款«U+202E»收入"
    assert visible("基本支出 (含人员经费)") == "基本支出 (含人员经费)"


def test_check_table_shows_escape_and_carriage_return_in_names():
    # listed twice, so DUP-001 names it in its message
    report = make_report(income=section("100.00", [("财政拨款收入", "100.00"), (ESCAPE, "0"), (ESCAPE, "0")]))
    table = render(selfeval.run_checks(report))
    assert "\x1b" not in table and "\r" not in table and "«U+001B»" in table


def test_narrative_shows_a_bidi_override_instead_of_obeying_it():
    report = make_report(income=section("100.00", [(OVERRIDE, "100.00", "100")]))
    text = narrative.render_section("finance", report, selfeval.run_checks(report))
    assert "\u202e" not in text and "财政拨款«U+202E»收入" in text
