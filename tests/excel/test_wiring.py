"""Workbooks through the main commands: `check WORKBOOK --xlsx` and `batch WORKBOOK`."""
from __future__ import annotations

import json

import openpyxl

from selfeval.cli import main
from selfeval.excel import write_workbook

from .conftest import bundled, edit, ref


def test_check_reads_a_workbook_and_writes_the_findings_workbook(tmp_path, capsys):
    book = write_workbook(bundled(), tmp_path / "departments.xlsx")
    findings = tmp_path / "findings.xlsx"
    code = main(["check", str(book), "--failed-only", "--xlsx", str(findings)])
    out = capsys.readouterr().out
    assert code == 1  # the bundled defects department fails errors
    assert "sample-transport-defects" in out and "luquan-cac" in out
    rows = list(openpyxl.load_workbook(findings).worksheets[0].iter_rows(values_only=True))
    assert len(rows) > len(bundled()) and "SUM-001" in {r[2] for r in rows}
    assert {r[5] for r in rows[1:]} == {"不通过"}  # --failed-only applies to the workbook too (issue 14)


def test_batch_splits_a_workbook_and_records_its_bad_department(tmp_path, capsys):
    book = write_workbook(bundled()[:2], tmp_path / "departments.xlsx")
    edit(book, {ref("收入", "income.items[].amount"): "n/a"})
    out = tmp_path / "out"
    code = main(["batch", str(book), "--out", str(out), "--formats", "ipynb", "--workers", "1"])
    assert code == 3
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "status").glob("*.json")]
    # the refused department has its status record too (issue 14)
    assert sorted(r["status"] for r in records) == ["failed", "ok"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    failed = [d for d in manifest["departments"] if d["status"] == "failed"]
    assert len(failed) == 1 and "金额须为数字" in failed[0]["reason"] and "收入!" in failed[0]["reason"]
    assert any(row["path"].endswith("departments.xlsx") for row in manifest["inputs"])
    assert "金额须为数字" in (out / "index.html").read_text(encoding="utf-8")
