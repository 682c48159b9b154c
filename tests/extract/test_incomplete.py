"""A report whose figures could not be read is never passing: status incomplete, every check it could not
run listed as 无法检查, its own exit code, and a row for every file of a folder audit."""
from __future__ import annotations

import csv
import json

from selfeval.checks import REGISTRY
from selfeval.extract.audit import audit_lines
from selfeval.extract.reading import RawLine

from .conftest import run_cli

# Project-written texts: one with both totals, one with only the income side, one with nothing readable.
COMPLETE = ["某区示例局2023年度部门整体支出绩效自评报告",
            "本年收入合计250.00万元，其中：财政拨款收入250.00万元，占100%。",
            "本年支出合计250.00万元，其中：基本支出200.00万元，占80%；项目支出50.00万元，占20%。"]
HALF = ["某区示例局2023年度部门整体支出绩效自评报告",
        "本年收入合计250.00万元，其中：财政拨款收入250.00万元，占100%。",
        "支出情况详见附表。"]
NOTHING = ["某区示例局2023年度部门整体支出绩效自评报告", "本单位认真开展绩效自评工作，成效明显。"]


def _lines(texts: list[str]) -> list[RawLine]:
    return [RawLine(t, f"line {n}") for n, t in enumerate(texts, 1)]


def test_both_totals_read_is_complete_with_no_unchecked_rows():
    audit = audit_lines(_lines(COMPLETE), "complete.txt")
    assert audit.status == "complete"
    assert not [f for f in audit.findings if f.status == "unchecked"]


def test_a_missing_expenditure_total_makes_the_report_incomplete_and_lists_unrun_checks():
    audit = audit_lines(_lines(HALF), "half.txt")
    assert audit.status == "incomplete"
    assert any(m.startswith("expenditure") for m in audit.missing)
    unchecked = {f.check for f in audit.findings if f.status == "unchecked"}
    ran = {f.check for f in audit.findings if f.status != "unchecked"}
    assert "BAL-001" in unchecked and unchecked.isdisjoint(ran)
    assert unchecked | ran >= set(REGISTRY)
    assert all("无法检查" in f.message for f in audit.findings if f.status == "unchecked")


def test_an_incomplete_report_is_not_reported_as_passing_and_exits_4(tmp_path, capsys):
    report = tmp_path / "nothing.txt"
    report.write_text("\n".join(NOTHING), encoding="utf-8")
    code, out, _ = run_cli(capsys, "audit", report)
    assert code == 4
    assert "不完整" in out and "不能视为通过" in out and "无法检查" in out


def test_complete_report_without_failing_errors_exits_0(tmp_path, capsys):
    report = tmp_path / "complete.txt"
    report.write_text("\n".join(COMPLETE), encoding="utf-8")
    code, out, _ = run_cli(capsys, "audit", report)
    assert code == 0 and "不完整" not in out


def test_folder_audit_gives_every_file_a_row_unreadable_ones_included(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_complete.txt").write_text("\n".join(COMPLETE), encoding="utf-8")
    (folder / "b_nothing.txt").write_text("\n".join(NOTHING), encoding="utf-8")
    (folder / "c_empty.txt").write_text("", encoding="utf-8")
    code, _, _ = run_cli(capsys, "audit", folder, "-o", tmp_path / "findings")
    assert code == 2  # an unreadable file
    with open(tmp_path / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["file"].rsplit("/", 1)[-1] for r in rows} == {"a_complete.txt", "b_nothing.txt", "c_empty.txt"}
    assert [r["status"] for r in rows if r["file"].endswith("c_empty.txt")] == ["unreadable"]


def test_json_names_each_report_status(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("\n".join(COMPLETE), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join(HALF), encoding="utf-8")
    code, out, _ = run_cli(capsys, "audit", tmp_path, "--format", "json")
    assert code == 4
    rows = json.loads(out)["departments"]
    assert {r["file"].rsplit("/", 1)[-1]: r["status"] for r in rows} == {"a.txt": "complete", "b.txt": "incomplete"}


def test_no_check_crashes_on_partial_extracted_figures():
    from selfeval.checks import run_checks
    from selfeval.extract.pipeline import extract_lines, to_report

    partial = [HALF, NOTHING, COMPLETE[:1] + ["本年支出合计80.00万元，其中：基本支出80.00万元，占100%。"],
               COMPLETE[:1] + ["1.示例项目，预算20.00万元，执行19.00万元，自评得分95分，评价等级为优秀。"]]
    for texts in partial:
        report, _ = to_report(extract_lines(_lines(texts), "partial.txt"))
        crashed = [f for f in run_checks(report) if "检查程序自身出错" in f.message]
        assert crashed == [], texts


def test_audit_json_with_output_writes_the_json_instead_of_dropping_it(tmp_path, capsys):
    # Repro (before the fix): `audit --format json -o X` wrote X.csv and X.xlsx and no JSON at all.
    (tmp_path / "a.txt").write_text("\n".join(COMPLETE), encoding="utf-8")
    code, out, _ = run_cli(capsys, "audit", tmp_path / "a.txt", "--format", "json", "-o", tmp_path / "f.json")
    assert code == 0 and out == ""
    assert json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))["departments"][0]["status"] == "complete"
