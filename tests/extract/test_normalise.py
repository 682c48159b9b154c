"""Normalisation: OpenCC simplified characters, half-width digits, PDF spaces taken out, offsets kept exact.

Metamorphic tests: the same invented report with spaces put between its characters, in traditional
characters, or with full-width digits must give the very same figures, read at the same places.
"""
from __future__ import annotations

import random
from decimal import Decimal

import opencc
import pytest

from selfeval.extract import extract_lines, hanzi
from selfeval.extract.document import TABLE, blocks_of, normalise
from selfeval.extract.audit import audit_lines
from selfeval.extract.pipeline import to_report
from selfeval.extract.reading import RawLine

from .conftest import OWN

REPORT = """示例县白鹭镇农业综合服务站2022年度部门整体支出绩效自评报告
单位名称：示例县白鹭镇农业综合服务站
一、收支总体情况
本年收入合计236.80万元，其中：财政拨款收入201.30万元，占85.01%；事业收入35.50万元，占14.99%。
本年支出合计229.45万元，其中：基本支出168.95万元，占73.63%；项目支出60.50万元，占26.37%。
二、项目绩效情况
本站2022年共实施3个项目，分别是农技推广服务、病虫害统防统治、高标准农田管护。各项目自评得分均在80分以上。

项目名称 | 预算数 | 执行数 | 自评得分 | 评价等级
农技推广服务 | 22.00 | 21.60 | 95 | 优
病虫害统防统治 | 18.50 | 17.90 | 86.5 | 良
高标准农田管护 | 20.00 | 19.80 | 91 | 优"""
HAN = range(0x4E00, 0xA000)
FULL_WIDTH = str.maketrans({**{str(d): chr(0xFF10 + d) for d in range(10)}, ".": "．", "%": "％"})


def _lines(text: str) -> list[RawLine]:
    return [RawLine(t, f"line {n}") for n, t in enumerate(text.split("\n"), 1)]


def _read(text: str) -> dict[str, object]:
    """The figures found and where each was found (the words around them differ between variants)."""
    ex = extract_lines(_lines(text), "station.txt")
    return {"values": {k: (v, s.where) for k, (v, s) in ex.values.items()},
            "sections": {k: [(i.name, i.amount, i.share, i.source.where) for i in s.items]
                         for k, s in ex.sections.items()},
            "projects": [{k: (v, s.where) for k, (v, s) in p.items()} for p in ex.projects]}


def _spaced(text: str, seed: int) -> str:
    """One space put between some pairs of adjacent Chinese characters, as PDF copying leaves them."""
    rng = random.Random(seed)
    out = []
    for a, b in zip(text, text[1:] + "\n"):
        out.append(a)
        if ord(a) in HAN and ord(b) in HAN and rng.random() < 0.4:
            out.append(" ")
    return "".join(out)


def test_the_report_reads_as_expected():
    found = _read(REPORT)
    assert found["values"]["income.total"] == (Decimal("236.80"), "line 4")
    assert found["values"]["department.name"][0] == "示例县白鹭镇农业综合服务站"
    assert found["sections"]["income"] == [("财政拨款收入", Decimal("201.30"), Decimal("85.01"), "line 4"),
                                           ("事业收入", Decimal("35.50"), Decimal("14.99"), "line 4")]
    assert [p["score"][0] for p in found["projects"]] == [Decimal("95"), Decimal("86.5"), Decimal("91")]


@pytest.mark.parametrize("seed", range(6))
def test_spaces_between_chinese_characters_change_nothing(seed):
    spaced = _spaced(REPORT, seed)
    assert spaced.count(" ") > REPORT.count(" ") + 40
    assert _read(spaced) == _read(REPORT)


def test_traditional_characters_change_nothing():
    traditional = opencc.OpenCC("s2t").convert(REPORT)
    assert "報告" in traditional and "萬元" in traditional and "佔" in traditional
    assert _read(traditional) == _read(REPORT)


def test_full_width_digits_change_nothing():
    wide = REPORT.translate(FULL_WIDTH)
    assert "２３６．８０" in wide
    assert _read(wide) == _read(REPORT)


def test_all_three_at_once_change_nothing():
    changed = _spaced(opencc.OpenCC("s2t").convert(REPORT), 7).translate(FULL_WIDTH)
    assert _read(changed) == _read(REPORT)


def test_half_width_but_the_full_width_comma_is_kept():
    assert normalise("１２３．４５％（Ａ）：")[0] == "123.45%(A):"
    assert normalise("1，234")[0] == "1，234"  # a full-width comma is never a thousands separator
    assert normalise("收入\u3000合计")[0] == "收入合计"  # an ideographic space is a space, and a PDF one


def test_kangxi_radicals_from_pdf_fonts_read_as_ideographs():
    assert normalise("⽀出合计⾦额")[0] == "支出合计金额"


def test_opencc_converts_by_phrase_and_beyond_the_old_hand_table():
    assert normalise("夥伴、僱員、綫路、賬簿")[0] == "伙伴、雇员、线路、账簿"
    assert normalise("乾燥")[0] == "干燥" and normalise("乾隆")[0] == "乾隆"  # the phrase decides
    assert normalise("收入合計100.00萬兀")[0] == "收入合计100.00万元"


class _Lengthening:
    """A converter whose phrases change a line's length, as a phrase table may."""

    def convert(self, text: str) -> str:
        return text.replace("萬元", "万元整") if len(text) > 1 else {"萬": "万", "計": "计"}.get(text, text)


def test_a_conversion_that_changes_the_length_falls_back_to_characters(monkeypatch):
    monkeypatch.setattr(hanzi, "_CONVERTER", _Lengthening())
    hanzi._one.cache_clear()
    try:
        text, offsets = normalise("合計12.00萬元")
    finally:
        hanzi._one.cache_clear()
    assert text == "合计12.00万元" and offsets is None


def test_spaces_inside_chinese_words_are_taken_out_with_offsets_kept():
    raw = "本年收 入合计 386.20万元"
    text, offsets = normalise(raw)
    assert text == "本年收入合计 386.20万元"
    assert offsets is not None and len(offsets) == len(text)
    assert [raw[i] for i in offsets] == list(text)


def test_form_fields_on_one_line_keep_the_space_between_them():
    assert normalise("单位名称：某某站 填报日期：2023年3月")[0] == "单位名称:某某站 填报日期:2023年3月"
    assert normalise("收 入合计:10万元")[0] == "收入合计:10万元"  # no field before it: a broken word


@pytest.mark.parametrize("raw, expected", [
    ("286. 30万元", "286.30万元"), ("286 .30万元", "286.30万元"), ("占 12. 5%", "占 12.5%"),
    ("1. 2023年度预算", "1. 2023年度预算"),  # a list number before a year, not a broken number
    ("共 3 个项目", "共 3 个项目"), ("3 .1415", "3 .1415"), ("12 34", "12 34"),  # left alone
])
def test_only_numbers_broken_at_their_decimal_point_are_joined(raw, expected):
    assert normalise(raw)[0] == expected


def test_a_tab_separated_row_keeps_its_length():
    text, offsets = normalise("绩效 指标\t分值\t得分")
    assert offsets is None and len(text) == len("绩效 指标\t分值\t得分")


def test_the_source_shows_the_report_s_own_words():
    ex = extract_lines([RawLine("本年收 入合计 386. 20万元，其中：财政拨 款收入386. 20万元，占100%。", "line 1")], "x.txt")
    total, source = ex.values["income.total"]
    assert total == Decimal("386.20")
    assert source.where == "line 1" and "收 入合计 386. 20万元" in source.snippet
    item = ex.sections["income"].items[0]
    assert item.name == "财政拨款收入" and "财政拨 款收入386. 20万元" in item.source.snippet


ALPHABET = "收入支出合計萬元佔 (wù).0123456789１２．　\t⽀，"


@pytest.mark.parametrize("seed", range(20))
def test_every_normalised_character_points_back_to_its_original(seed):
    rng = random.Random(seed)
    raw = "".join(rng.choice(ALPHABET) for _ in range(300)).replace("\t", "")
    text, offsets = normalise(raw)
    if offsets is None:
        assert len(text) == len(raw)
        offsets = list(range(len(raw)))
    assert len(offsets) == len(text) and offsets == sorted(set(offsets))
    for i, pos in enumerate(offsets):
        if raw[pos].isascii() or raw[pos] in "１２．":
            assert text[i] == raw[pos].translate(TABLE)
    dropped = set(range(len(raw))) - set(offsets)
    assert all(raw[p] in " \u3000(wù)" for p in dropped)


def test_blocks_locate_a_match_in_a_spaced_line():
    block = blocks_of([RawLine("项目支出 合计 60. 50万元", "page 2, line 4")])[0]
    start = block.text.index("60.50")
    source = block.source(start, start + len("60.50"))
    assert source.where == "page 2, line 4" and source.snippet == "60. 50"


def _figures(text: str) -> tuple[dict, dict]:
    """The values and lines read, without where they were read (wrapping moves them to other line numbers)."""
    found = _read(text)
    return ({k: v for k, (v, _) in found["values"].items()},
            {k: [item[:3] for item in items] for k, items in found["sections"].items()})


@pytest.mark.parametrize("width", [17, 23, 37])
def test_prose_broken_by_a_page_width_changes_nothing(width):
    """A PDF copied as text breaks lines anywhere: after 其中：, after a list's ；, inside a number."""
    prose = [line for line in REPORT.split("\n") if "其中" in line]
    wrapped = REPORT
    for line in prose:
        wrapped = wrapped.replace(line, "\n".join(line[i:i + width] for i in range(0, len(line), width)))
    assert wrapped.count("\n") > REPORT.count("\n") and _figures(wrapped) == _figures(REPORT)


def test_a_line_broken_right_after_a_colon_or_a_list_s_semicolon_goes_on():
    text = REPORT.replace("其中：财政拨款收入201.30万元，占85.01%；", "其中：\n财政拨款收入201.30万元，占85.01%；\n")
    assert text.count("\n") == REPORT.count("\n") + 2 and _figures(text) == _figures(REPORT)


WHOLE = ("whole_juesuan.txt", "whole_self_evaluation.txt", "whole_budget.txt", "layout_score_table.txt",
         "kind_of_money_two_sided.txt", "spaced_final_accounts.txt")


def _verdicts(text: str) -> tuple[object, list[tuple[str, str, str]]]:
    """The params a whole report gives and its failing findings."""
    audit = audit_lines(_lines(text), "report.txt")
    return to_report(audit.extraction)[0], sorted((f.check, f.severity, f.where) for f in audit.findings
                                                  if f.status == "fail")


@pytest.mark.parametrize("name", WHOLE)
def test_whole_reports_read_and_audit_the_same_in_traditional_full_width_and_spaced_forms(name):
    text = (OWN / name).read_text(encoding="utf-8")
    plain = _verdicts(text)
    assert _verdicts(opencc.OpenCC("s2t").convert(text)) == plain
    assert _verdicts(text.translate(FULL_WIDTH)) == plain
    if name != "layout_score_table.txt":  # a tab row keeps the spaces inside its cells' words: not yet read through
        assert _verdicts(_spaced(text, 3)) == plain
