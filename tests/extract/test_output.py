"""`selfeval extract`: a params file the loader reads back as extracted, with each value's source."""
from __future__ import annotations

import json

import pytest
import yaml

from selfeval import load
from selfeval.extract import extract_file, to_report
from selfeval.extract.output import params_json, params_yaml
from selfeval.inputs import extracted_from
from selfeval.loader import report_from_data
from selfeval.locate import report_lines

from .conftest import OWN, SEED_LIKE, run_cli


def _same(a, b) -> bool:  # noqa: ANN001 - two Reports
    return a.department == b.department and a.income == b.income and a.expenditure == b.expenditure \
        and a.projects == b.projects and a.claims == b.claims and a.staff == b.staff and a.carryover == b.carryover


def test_seed_like_yaml_loads_back_to_the_extracted_report(tmp_path, capsys):
    out = tmp_path / "seed.yaml"
    code, _, err = run_cli(capsys, "extract", SEED_LIKE, "-o", out)
    assert code == 0, err
    assert _same(load(out), to_report(extract_file(SEED_LIKE))[0])


def test_yaml_has_a_source_comment_above_each_value_and_says_how_units_and_code_were_made():
    text = params_yaml(extract_file(SEED_LIKE))
    lines = text.splitlines()
    item = lines.index("  - {name: 基本支出, amount: 402.56, share: 77.67}")
    assert lines[item - 1] == "  # source: line 18: 基本支出402.56万元，占77.67%"
    total = lines.index("  total: 518.30")
    assert lines[total - 1].startswith("  # source: line 17: ") and "收入合计518.30万元" in lines[total - 1]
    assert "# 金额单位为万元" in text and "由文件名生成" in text and f"# 本文件由 selfeval 读取自：{SEED_LIKE}" in text
    assert "# min_score: line 37: 得分≥90分" in lines


@pytest.mark.parametrize("english", [False, True])
def test_the_report_is_found_from_the_header_line_new_or_old(tmp_path, english):
    text = params_yaml(extract_file(SEED_LIKE))
    if english:  # a params file written before the header was in Chinese
        text = text.replace("# 本文件由 selfeval 读取自：", "# extracted by selfeval from ", 1)
    params = tmp_path / "seed.yaml"
    params.write_text(text, encoding="utf-8")
    assert extracted_from(params) == SEED_LIKE
    assert report_lines(params)("income.total") == (SEED_LIKE.name, "line 17")


def test_yaml_of_every_own_report_is_valid_yaml(tmp_path):
    paths = sorted(OWN.iterdir())
    assert len(paths) >= 20  # the fixtures are there: an empty folder must not pass
    for path in paths:
        data = yaml.safe_load(params_yaml(extract_file(path)))
        assert isinstance(data, dict) and data["department"]["unit"] == "万元", path


def test_complete_extractions_load_with_the_loader(tmp_path):
    for name in ("sentences_yuan.txt", "pdf_wrapped.txt", "tables.md", "pair_totals.txt", "defects.txt",
                 "pdf_number_across_lines.txt", "traditional_pinyin.txt"):
        out = tmp_path / f"{name}.yaml"
        out.write_text(params_yaml(extract_file(OWN / name)), encoding="utf-8")
        assert _same(load(out), to_report(extract_file(OWN / name))[0]), name


def test_incomplete_extraction_exits_1_and_lists_what_is_missing(tmp_path, capsys):
    code, out, err = run_cli(capsys, "extract", OWN / "template_prose.txt")
    assert code == 1
    assert "# 不完整：" in out and "income (本年收入合计)" in out and "未读到任何数字" in out
    assert "参数不完整（加载程序还需要：department.name (单位名称)；" in err
    assert yaml.safe_load(out)["department"] == {"code": "template-prose", "unit": "万元"}


def test_not_extracted_items_are_listed_in_the_output():
    text = params_yaml(extract_file(OWN / "weights_only_tail.txt"))
    assert "# 未读取：第1行：“合计100”是各项指标分值的合计" in text


def test_json_wraps_loadable_params_beside_their_sources(capsys):
    code, out, _ = run_cli(capsys, "extract", SEED_LIKE, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["complete"] is True and data["missing"] == []
    report = report_from_data(data["params"], "json")
    assert _same(report, to_report(extract_file(SEED_LIKE))[0])
    assert data["params"]["expenditure"]["items"][0]["amount"] == "402.56"  # Decimal text, exactly as printed
    assert data["params"]["income"]["total"] == "518.30"
    assert data["sources"]["income.items[2].amount"] == {"where": "line 17", "snippet": "其他收入0万元，占0%"}
    assert data["sources"]["claims.grade"]["snippet"] == "评价等级为优秀"


def test_json_of_a_partial_extraction_leaves_the_missing_sections_out():
    data = json.loads(params_json(extract_file(OWN / "budget_prose_spaced.txt")))
    assert data["complete"] is False and "income" not in data["params"]
    assert data["params"]["projects"] == [{"name": "排水管网清淤疏通经费", "budget": "42.00"}]
