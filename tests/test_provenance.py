"""The provenance section's rules, on the extraction of a fixture report: locations in Chinese, the figures a
finding compares, what a blank form leaves unread (the batch and its notebook are tested in test_batch_reports)."""
from __future__ import annotations

from selfeval.dump import report_to_data
from selfeval.extract.audit import audit_lines
from selfeval.extract.pipeline import to_report
from selfeval.extract.reading import read_lines
from selfeval.provenance import figures, involved, where_zh
from selfeval.report_inputs import sidecar
from tests.conftest import DATA

REPORTS = DATA / "reports"


def _side(name: str) -> tuple[dict, dict]:
    lines = read_lines(REPORTS / name)
    audit = audit_lines(lines, name)
    return sidecar(audit, lines, name, "txt"), report_to_data(to_report(audit.extraction)[0])


def test_locations_read_in_chinese():
    assert where_zh("page 3, table 1, row 2, cell 3") == "第3页 表1 第2行 第3格"
    assert where_zh("page 2, line 7") == "第2页 第7行"
    assert where_zh("lines 14-16") == "第14-16行"
    assert where_zh("paragraph 4") == "第4段"


def test_a_share_finding_compares_its_line_with_the_section_total_only():
    side, data = _side("defects.txt")
    keys = [key for key, _, _ in involved("income.items[0].share", side, data)]
    assert keys == ["income.total", "income.items[0].share"]
    summed = [key for key, _, _ in involved("income.items", side, data)]
    assert "income.total" in summed and "income.items[1].amount" in summed and "expenditure.total" not in summed


def test_every_figure_read_is_listed_with_the_words_it_was_read_from():
    side, data = _side("defects.txt")
    listed = figures(side, data)
    assert len(listed) == side["figures_read"] > 0
    for key, value, source in listed:
        assert source["snippet"] and source["page"] is None and source["boxes"] == []
    assert ("income.total", "本年收入合计300.00万元") in {(k, s["snippet"]) for k, _, s in listed}


def test_a_blank_form_reads_nothing_and_says_which_checks_could_not_run():
    side, _ = _side("template.txt")
    assert not side["complete"] and side["figures_read"] == 0
    assert side["missing"] == ["单位名称", "年度", "本年收入合计", "本年支出合计"]
    assert side["unchecked"] and all("无法检查" in u["message"] for u in side["unchecked"])
