"""The one findings view: columns, order, counts and places in the report's own terms."""
from __future__ import annotations

import pytest

from selfeval.checks import Finding
from selfeval.checks.registry import TEXT, declared
from selfeval.findings_view import COLUMNS, STANDARD, counts, key_terms, ordered, place_terms, table


def finding(check: str, severity: str, status: str, where: str = "") -> Finding:
    return Finding(check, severity, status, where, "1", "2", "1", f"{check}说明", "D01", "d.yaml")


FINDINGS = [finding("SUM-001", "error", "pass"), finding("SHR-001", "info", "fail"),
            finding("BAL-001", "warning", "fail"), finding("DUP-001", "error", "fail"),
            finding("PRJ-001", "warning", "unchecked"), finding("GRD-001", "error", "n/a")]


def test_failing_come_first_worst_severity_first_then_the_rest_by_severity():
    shown = [f.check for f in ordered(FINDINGS)]
    assert shown == ["DUP-001", "BAL-001", "SHR-001", "SUM-001", "GRD-001", "PRJ-001"]


def test_counts_failing_by_severity_and_every_other_status():
    n = counts(FINDINGS)
    assert (n.error, n.warning, n.info, n.passed, n.not_applicable, n.unchecked) == (1, 1, 1, 1, 1, 1)
    assert n.failing == 3
    assert list(n.by_severity()) == ["error", "warning", "info"]


def test_table_has_the_source_column_only_when_a_source_is_given():
    plain = table(FINDINGS)
    assert plain.headers == ["检查", "级别", "结果", "位置", "应为", "实为", "差额", "说明"]
    sourced = table(FINDINGS, source=lambda f: f"原文{f.check}")
    assert sourced.headers[4] == "来源"
    assert sourced.rows[0][4] == "原文DUP-001"
    assert sourced.rows[0][:3] == ["DUP-001", "错误", "不通过"]


def test_table_keeps_the_given_order_when_asked():
    assert [r[0] for r in table(FINDINGS, order=False).rows] == [f.check for f in FINDINGS]


def test_every_standard_column_is_declared_once():
    assert all(c in COLUMNS for c in STANDARD)
    assert COLUMNS["title"].cell(finding("TXT-002", "error", "fail")) == "所述个数与列举相符"
    assert COLUMNS["title"].cell(finding("NOPE-001", "error", "fail")) == ""


def test_text_checks_are_declared_with_their_titles_and_severities():
    assert sorted(TEXT) == [f"TXT-{i:03d}" for i in range(1, 11)]
    assert declared("TXT-001").severity == "warning"
    assert declared("SUM-001") is not None and declared("XYZ-001") is None


@pytest.mark.parametrize(("where", "terms"), [
    ("income.items[1].share", "本年收入 第2项 占比"),
    ("income.total", "本年收入合计"),
    ("expenditure.grand_total", "支出总计"),
    ("income.items[1], income.items[4]", "本年收入 第2项、本年收入 第5项"),
    ("income.total / expenditure.total", "本年收入合计、本年支出合计"),
    ("projects[0].indicators[2].score", "第1个项目 第3个绩效指标 得分"),
    ("projects[0].execution.score", "第1个项目 预算执行率得分"),
    ("projects[*].spent", "各项目 执行数"),
    ("staff.change", "编制变动"),
    ("page 3, line 4", "第3页 第4行"),
    ("", ""),
])
def test_places_read_in_the_reports_own_terms(where, terms):
    assert place_terms(where) == terms


def test_only_key_paths_have_key_terms():
    assert key_terms("income.items[1].share") == "本年收入 第2项 占比"
    assert key_terms("page 3, line 4") is None and key_terms("") is None and key_terms("[0]") is None
