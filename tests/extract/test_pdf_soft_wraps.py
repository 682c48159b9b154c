"""A PDF printer drops the space at a line break, so cells of a flattened table come out glued where the page
wrapped ('执行率得分', '档案38508人'). The reader cuts them again at those points only, and only when the
pieces are header words or values; a name the wrap broke mid-word stays whole."""
from __future__ import annotations

import html
from pathlib import Path

import pytest

from selfeval.extract import extract_file
from selfeval.extract.flattokens import tokens
from selfeval.extract.reading import RawLine, read_lines

OWN = Path(__file__).resolve().parents[1] / "data" / "reports"
TABLE = OWN / "flat_spaced_table.txt"


def glued(*pieces: str) -> RawLine:
    """One line made of pieces joined without spaces, each join a soft wrap point."""
    soft, pos = [], 0
    for piece in pieces[:-1]:
        pos += len(piece)
        soft.append(pos)
    return RawLine("".join(pieces), "page 1, line 1", soft=tuple(soft))


def texts(line: RawLine) -> list[str]:
    return [t.text for t in tokens([line])]


def test_two_header_words_glued_at_a_wrap_are_two_cells():
    assert texts(glued("分值 执行率", "得分 0")) == ["分值", "执行率", "得分", "0"]


def test_a_name_glued_to_its_value_at_a_wrap_is_cut_before_the_value():
    assert texts(glued("指标1:受助学生人数", "3600人 3580人")) == ["指标1:受助学生人数", "3600人", "3580人"]


def test_two_values_glued_at_a_wrap_are_two_cells():
    assert texts(glued("3600人", "3580人 10")) == ["3600人", "3580人", "10"]


def test_a_piece_that_makes_a_header_with_the_next_cell_is_cut_off():
    assert texts(glued("年度 总体 目标", "一级 指标 二级指标")) == ["年度", "总体", "目标", "一级指标", "二级指标"]


def test_a_name_broken_mid_word_stays_whole():
    assert texts(glued("指标2:学生营养", "状况改善率 10%")) == ["指标2:学生营养状况改善率", "10%"]


def test_without_a_soft_point_nothing_is_cut():
    assert texts(RawLine("执行率得分 3600人3580人", "line 1")) == ["执行率得分", "3600人3580人"]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The fixture table printed by Chromium at several page widths, so the wraps fall on different cells."""
    from selfeval.pdf import Printer  # noqa: PLC0415

    folder = tmp_path_factory.mktemp("soft")
    body = f"<p>{html.escape(TABLE.read_text(encoding='utf-8').strip())}</p>"
    paths = []
    with Printer() as printer:
        for width in (70, 95, 120, 150):
            page = f'<html lang="zh"><body style="font-size:12pt;width:{width}mm">{body}</body></html>'
            paths.append(folder / f"w{width}.pdf")
            paths[-1].write_bytes(printer.pdf(page))
    return paths


def test_the_printer_really_dropped_spaces_at_the_wraps(printed):
    lines = [line for p in printed for line in read_lines(p) if line.soft]
    assert lines, "no wrap was joined without a space: the test would prove nothing"


def test_every_width_reads_the_indicators_of_the_text(printed):
    def indicators(path: Path) -> list[dict]:
        return [i for p in extract_file(path).projects for i in p["indicators"][0]]

    expected = indicators(TABLE)
    assert len(expected) == 11
    for path in printed:
        assert indicators(path) == expected, path.name
