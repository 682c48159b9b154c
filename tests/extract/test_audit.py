"""`selfeval audit`: findings with source text, text-level ids, exit codes, and CSV + XLSX for a folder."""
from __future__ import annotations

import csv
import json

import openpyxl
import pytest

from selfeval.extract.audit import audit_file, source_of
from selfeval.extract.cli import add_subcommands
from selfeval.extract.document import Source

from .conftest import OWN, SEED_LIKE, run_cli


def failing(path) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((f.check, f.where) for f in audit_file(path).findings if f.status == "fail")


def test_own_defects_report_shows_each_text_level_finding():
    assert failing(OWN / "defects.txt") == [
        ("CLM-001", "claims.project_count"), ("CLM-002", "claims.grade"), ("CLM-002", "claims.min_score"),
        ("SHR-001", "income.items[0].share"), ("SHR-001", "income.items[1].share"), ("SUM-001", "income.items"),
        ("TXT-001", "line 5"), ("TXT-002", "line 12"), ("TXT-003", "line 9"), ("TXT-006", "line 13"),
        ("TXT-007", "line 14")]


@pytest.mark.parametrize("name", ["sentences_yuan.txt", "pdf_wrapped.txt", "pair_totals.txt", "ocr_table.txt",
                                  "score_tables.txt", "template.txt", "ocr_glued_total_possible.txt",
                                  "pdf_number_across_lines.txt", "traditional_pinyin.txt"])
def test_consistent_own_reports_have_no_failing_finding(name):
    assert failing(OWN / name) == []


def test_an_ocr_glued_table_whose_total_exceeds_what_its_rows_allow_is_found():
    # its rows are read by the headers' weights: 65 printed, 20 (the 2O of 数量指标) and 10 (满意度) unread
    assert failing(OWN / "ocr_glued_total_impossible.txt") == [("SCR-008", "projects[0].score")]
    [finding] = [f for f in audit_file(OWN / "ocr_glued_total_impossible.txt").findings if f.check == "SCR-008"]
    assert (finding.expected, finding.actual) == ("≤95.00", "97")
    assert "最多可得95.00分（已列得分，加上未列得分各行的分值）" in finding.message
    possible = [f for f in audit_file(OWN / "ocr_glued_total_possible.txt").findings if f.check == "SCR-008"]
    assert [(f.status, f.expected) for f in possible] == [("pass", "≤95.00")]


def test_overspent_project_in_a_table_is_found():
    assert failing(OWN / "tables.md") == [("PRJ-001", "projects[1].spent")]


def test_year_on_year_rate_and_budget_sum_recompute_under_the_rounding_rule():
    audit = audit_file(OWN / "totals_pair_yoy.txt")
    rates = {f.actual: f for f in audit.findings if f.check == "TXT-003"}
    assert rates["18.33"].status == "pass" and rates["25.50"].status == "fail" and rates["25.50"].expected == "25.51"
    budget = [f for f in audit_file(OWN / "budget_prose_spaced.txt").findings if f.check == "TXT-004"]
    assert [f.status for f in budget] == ["pass", "pass"]


def test_sources_resolve_item_and_grand_total_wheres():
    found = {"income.items[2]": Source("line 19", "a"), "income.grand_total": Source("line 4", "g"),
             "income.total": Source("line 7", "t")}
    assert source_of("income.items[2], income.items[4]", found).where == "line 19"
    assert source_of("income.items[2].share", found).where == "line 19"
    assert source_of("income.total / expenditure.total", found, "BAL-001").where == "line 4"
    assert source_of("projects[*].spent", found) is None


def test_table_output_shows_the_source_text_under_a_finding(capsys):
    code, out, err = run_cli(capsys, "audit", SEED_LIKE, "--failed-only")
    assert code == 0 and err == ""  # warnings only
    assert "↳ 原文 line 17：其他收入0万元，占0%" in out and "↳ 原文 line 16：（2） 部门收支预决算情况" in out
    assert "TXT-001" in out and "  通过  " not in out  # --failed-only: no passing rows


def test_exit_1_on_a_failing_error_and_json_with_sources(capsys):
    code, out, _ = run_cli(capsys, "audit", OWN / "totals_pair_yoy.txt", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["format"] == "selfeval-findings/1"
    [report] = document["departments"]
    bal = next(f for f in report["findings"] if f["check"] == "BAL-001")
    assert bal["status"] == "fail" and bal["source_where"] == "line 3" and "1836.27,1851.40" in bal["source_text"]


def test_template_audit_says_nothing_was_found_and_exits_4(capsys):
    code, out, _ = run_cli(capsys, "audit", OWN / "template_prose.txt")
    assert code == 4  # nothing read: incomplete, never passing
    assert "未读到任何数字" in out and "14处模板占位符" in out and "不通过：错误 0，警告 0" in out


def _folder(tmp_path, name: str, files: list[str]):  # noqa: ANN001, ANN202
    folder = tmp_path / name
    folder.mkdir()
    for file in files:
        (folder / file).write_bytes((OWN / file).read_bytes())
    return folder


def test_folder_audit_writes_one_csv_and_xlsx_table(tmp_path, capsys):
    first = _folder(tmp_path, "a", ["seed_like.txt", "totals_pair_yoy.txt", "template_prose.txt"])
    second = _folder(tmp_path, "b", ["defects.txt", "pair_totals.txt", "weights_only_tail.txt"])
    code, out, _ = run_cli(capsys, "audit", first, second, "-o", tmp_path / "findings")
    assert code == 1  # totals_pair_yoy and defects hold failing errors
    with open(tmp_path / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    files = {r["file"] for r in rows}
    assert files == {str(first / f) for f in ("seed_like.txt", "totals_pair_yoy.txt", "template_prose.txt")} | {
        str(second / f) for f in ("defects.txt", "pair_totals.txt", "weights_only_tail.txt")}
    rates = [r for r in rows if r["check"] == "TXT-003" and r["status"] == "fail"]
    assert sorted((r["file"], r["source_where"]) for r in rates) == [(str(first / "totals_pair_yoy.txt"), "line 3"),
                                                                      (str(second / "defects.txt"), "line 9")]
    book = openpyxl.load_workbook(tmp_path / "findings.xlsx")
    sheet = book["findings"]
    assert [c.value for c in sheet[1]][:4] == ["file", "department", "code", "check"]
    assert sheet.max_row == len(rows) + 1
    statuses = {row[0].value: row[3].value for row in book["files"].iter_rows(min_row=2)}
    assert statuses[str(first / "seed_like.txt")] == "complete"
    assert statuses[str(first / "template_prose.txt")] == "incomplete"
    assert statuses[str(second / "weights_only_tail.txt")] == "incomplete"
    assert "findings.csv" in out and "findings.xlsx" in out


def test_folder_with_an_unreadable_file_lists_it_in_the_files_sheet(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "in" / "good.txt").write_text((OWN / "pair_totals.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run_cli(capsys, "audit", tmp_path / "in", "-o", tmp_path / "out" / "findings.xlsx")
    assert code == 2 and "bad.txt" in err
    book = openpyxl.load_workbook(tmp_path / "out" / "findings.xlsx")
    assert any(str(row[3].value).startswith("unreadable") for row in book["files"].iter_rows(min_row=2))


def test_add_subcommands_wires_extract_and_audit_into_a_parser():
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser()
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["audit", "x.txt", "--format", "json"])
    assert args.func.__name__ == "cmd_audit" and args.reports == ["x.txt"]
    assert parser.parse_args(["extract", "r.docx", "-o", "p.yaml"]).func.__name__ == "cmd_extract"


def test_empty_folder_is_bad_input(tmp_path, capsys):
    code, _, err = run_cli(capsys, "audit", tmp_path)
    assert code == 2 and err == f"{tmp_path}: 没有报告文件（.pdf、.docx、.html、.txt、.md）\n"


def test_the_audit_table_lists_what_was_not_read_in_chinese(capsys):
    _, out, _ = run_cli(capsys, "audit", OWN / "weights_only_tail.txt")
    assert "  未读取：第1行：" in out and "not extracted" not in out


def test_head_counts_are_added_up_against_their_total():
    found = {f.expected: f for f in audit_file(OWN / "headcounts.txt").findings if f.check == "TXT-010"}
    # 20 + 0 + 5 = 25; 12 + 9 = 21 of 20 (the 职称 breakdown after the second 其中 is another count); 10 + 6 of 18
    assert (found["25"].status, found["25"].actual) == ("pass", "25")
    assert (found["20"].status, found["20"].severity, found["20"].actual) == ("fail", "error", "21")
    assert (found["18"].status, found["18"].severity) == ("fail", "warning")  # 其中 may list some kinds only
    assert "实有人数25人" in found["25"].message and "多于总数" in found["20"].message
