"""The bundled score-table departments: the clean one passes, the defective one reports each planted defect once."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest

import selfeval
from selfeval import display, narrative
from selfeval.cli import main
from selfeval.model import Department, Indicator
from tests.conftest import ROOT

CLEAN = ROOT / "params" / "sample-water-2023.yaml"
DEFECTS = ROOT / "params" / "sample-health-defects-2023.yaml"

# (check, where) of every planted defect, once each (the file's header comment says which is which)
PLANTED = sorted([
    ("SCR-001", "projects[0].indicators[*].weight"),
    ("SCR-002", "projects[1].indicators[*].weight"),
    ("SCR-006", "projects[1].indicators[0].score"),
    ("SCR-003", "projects[2].indicators[1].score"),
    ("SCR-004", "projects[3].score"),
    ("SCR-005", "projects[4].execution.score"),
    ("PRJ-001", "projects[5].funds.executed"),
    ("SCR-006", "projects[5].indicators[2].score"),
    ("GRD-002", "projects[6].grade"),
    ("SCR-008", "projects[7].score"),
    ("SCR-009", "projects[8].score"),
])


def check_json(capsys, path) -> tuple[int, list[dict]]:
    code = main(["check", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert err == ""
    return code, [f for entry in json.loads(out)["departments"] for f in entry["findings"]]


def test_check_on_the_defective_department_reports_each_planted_defect_once_and_nothing_else(capsys):
    code, findings = check_json(capsys, DEFECTS)
    assert code == 1
    assert sorted((f["check"], f["where"]) for f in findings if f["status"] == "fail") == PLANTED
    severities = {f["check"]: f["severity"] for f in findings if f["status"] == "fail"}
    assert severities.pop("SCR-002") == "warning"
    assert set(severities.values()) == {"error"}


def test_check_on_the_clean_department_fails_nothing(capsys):
    code, findings = check_json(capsys, CLEAN)
    assert code == 0
    assert [f for f in findings if f["status"] == "fail"] == []
    ran = {f["check"] for f in findings if f["status"] == "pass"}
    assert {"SCR-001", "SCR-002", "SCR-003", "SCR-004", "SCR-005", "SCR-006", "SCR-008", "SCR-009"} <= ran
    unjudged = [f for f in findings if f["check"] == "SCR-007"]
    assert {f["where"] for f in unjudged} == {"projects[0].indicators[3].target", "projects[1].indicators[3].target"}
    assert all((f["status"], f["severity"]) == ("n/a", "info") for f in unjudged)


def test_the_defect_messages_show_the_figures(capsys):
    _, findings = check_json(capsys, DEFECTS)
    by = {(f["check"], f["where"]): f["message"] for f in findings if f["status"] == "fail"}
    assert "目标≥8000人，实际8350人，已达成，得分18分，低于分值20分" in by[("SCR-006", "projects[1].indicators[0].score")]
    assert "目标≥95%，实际90%，未达成，得分15分，为满分" in by[("SCR-006", "projects[5].indicators[2].score")]
    assert "执行率80.00%" in by[("SCR-005", "projects[4].execution.score")]
    assert "总分98分，而各行最多可得94.00分" in by[("SCR-008", "projects[7].score")]
    assert "逐项得分合计仅88.5分" in by[("SCR-009", "projects[8].score")]


# ---- the narrative states each project's score and grade from the data ----

@pytest.mark.parametrize("path", [CLEAN, DEFECTS], ids=lambda p: p.stem)
def test_narrative_states_each_projects_money_score_and_grade(path):
    report = selfeval.load(path)
    text = narrative.render_section("performance", report, selfeval.run_checks(report))
    lines = [ln for ln in text.splitlines() if re.match(r"\d+\. ", ln)]
    assert len(lines) == len(report.projects)
    for line, p in zip(lines, report.projects):
        assert line.startswith(f"{report.projects.index(p) + 1}. {p.name}：")
        assert f"全年预算数{p.budget_amount}万元，全年执行数{p.spent_amount}万元" in line
        assert f"自评得分{p.score}分（预算执行{p.execution.score}分/{p.execution.weight}分，" in line
        assert line.endswith("。") and f"评价等级{p.grade}" in line


def test_narrative_remarks_every_failing_table_check_in_the_performance_section():
    report = selfeval.load(DEFECTS)
    findings = selfeval.run_checks(report)
    text = narrative.render_section("performance", report, findings)
    for f in findings:
        if f.status == "fail":
            assert f"> **复核提示（{'错误' if f.severity == 'error' else '警告'}，{f.check}）**：" in text


def test_narrative_counts_judged_and_met_indicators():
    report = selfeval.load(CLEAN)
    text = narrative.render_section("performance", report, selfeval.run_checks(report))
    assert "评分表列绩效指标6项，按目标值判定5项、其中达成4项，另有定性或无法比较的指标1项未作判定。" in text


def test_table_data_is_escaped_in_the_narrative_and_the_table():
    report = selfeval.load(CLEAN)
    p = report.projects[0]
    hostile = dataclasses.replace(p.indicators[0], level1="*其他*<b>", name="<script>x</script>")
    report = dataclasses.replace(report, projects=(dataclasses.replace(p, indicators=(hostile, *p.indicators[1:])),
                                                   *report.projects[1:]))
    findings = selfeval.run_checks(report)
    text = narrative.render_section("performance", report, findings)
    assert "\\*其他\\*&lt;b&gt;20分/20分" in text and "<b>" not in text
    table = display.score_table_html(report, 0, findings)
    assert "<script>" not in table and "&lt;script&gt;x&lt;/script&gt;" in table


# ---- the report's table marks the failing cells ----

def cells_of_row(table_html: str, label: str) -> list[str]:
    row = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table_html) if f">{label}<" in r)
    return re.findall(r"<t[dh][^>]*>.*?</t[dh]>", row)


def test_failing_cells_are_marked_with_their_check():
    report = selfeval.load(DEFECTS)
    findings = selfeval.run_checks(report)
    signing = display.score_table_html(report, 1, findings)
    cells = cells_of_row(signing, "签约人数")
    marked = [c for c in cells if "cell-fail-error" in c]
    assert len(marked) == 1 and ">18 <" in marked[0] and "×SCR-006" in marked[0]
    assert "cell-fail-warning" in " ".join(cells_of_row(signing, "逐项合计（复算）"))  # SCR-002 on the weights
    total = display.score_table_html(report, 8, findings)
    stated = " ".join(cells_of_row(total, "总分（报告）"))
    assert "cell-fail-error" in stated and "×SCR-009" in stated
    overspend = display.score_table_html(report, 5, findings)
    assert re.search(r'class="cell-fail-error"[^>]*>31\.50 <span class="cell-flag">×PRJ-001', overspend)


def test_a_clean_table_marks_nothing_and_shows_the_total_row_as_left_out():
    report = selfeval.load(CLEAN)
    findings = selfeval.run_checks(report)
    for i in range(len(report.projects)):
        assert "cell-fail" not in display.score_table_html(report, i, findings)
    assert "合计行，不计入" in display.score_table_html(report, 0, findings)
    assert "定性指标，未判定" in display.score_table_html(report, 0, findings)


def test_each_projects_checks_list_its_failures_and_count_the_rest():
    report = selfeval.load(DEFECTS)
    findings = selfeval.run_checks(report)
    html = display.project_findings_html(1, findings)
    assert html.count('<tr class="fail-') == 2  # SCR-006 and SCR-002 about 家庭医生签约服务项目
    assert "不通过2条" in html
    assert "projects[10]" not in html  # projects[1] is not a prefix match for another project
    assert display.project_findings_html(0, [f for f in findings if f.status != "fail"]).count("<table") == 0


def test_an_injected_department_name_stays_text_in_the_table_heading():
    report = selfeval.load(CLEAN)
    report = dataclasses.replace(report, department=Department(name="x", code="x", year=2023, unit="<i>元</i>"))
    html = display.score_table_html(report, 0, selfeval.run_checks(report))
    assert "<i>" not in html and "&lt;i&gt;元&lt;/i&gt;" in html


def test_indicator_rows_keep_the_tables_order():
    report = selfeval.load(CLEAN)
    html = display.score_table_html(report, 1, selfeval.run_checks(report))
    names = [row.name for row in report.projects[1].indicators]
    positions = [html.index(f">{name}<") for name in names]
    assert positions == sorted(positions) and isinstance(report.projects[1].indicators[0], Indicator)


# ---- the report notebook, executed ----

@pytest.fixture(scope="module")
def defects_notebook(tmp_path_factory):
    from selfeval.run import execute

    return execute(DEFECTS, tmp_path_factory.mktemp("scoring-nb") / "x.ipynb")


def test_the_executed_report_shows_every_table_and_marks_the_failing_cells(defects_notebook):
    cell = next(c for c in defects_notebook.cells if c.get("id") == "selfeval-11")
    html = "".join(out.data["text/html"] for out in cell.outputs if "text/html" in out.get("data", {}))
    report = selfeval.load(DEFECTS)
    assert html.count("：项目支出绩效自评表</h3>") == len(report.projects)
    flags = re.findall(r'class="cell-fail-(error|warning)"[^>]*>[^<]*<span class="cell-flag">×([A-Z]+-\d+)', html)
    assert sorted(check for _, check in flags) == sorted(check for check, _ in PLANTED)
    assert [c.get("id") for c in defects_notebook.cells][0] == "selfeval-00"  # the parameters cell stays first


def test_a_score_table_read_from_a_report_shows_each_rows_source_and_a_typed_one_none():
    report = selfeval.load(CLEAN)
    findings = selfeval.run_checks(report)
    side = {"sources": {"projects[0].indicators[1]": {"where": "page 2, line 7", "snippet": "数量指标 | 条数 | 10"},
                        "projects[0].funds": {"where": "table 1, row 3", "snippet": "年度资金总额 | 100.00"}}}
    table = display.score_table_html(report, 0, findings, side)
    assert table.count("<th>来源</th>") == 2  # the money block and the indicator rows
    assert "第2页 第7行「数量指标 | 条数 | 10」" in table and "表1 第3行「年度资金总额 | 100.00」" in table
    assert "来源" not in display.score_table_html(report, 0, findings)
