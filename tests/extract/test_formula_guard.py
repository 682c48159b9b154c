"""Formula injection through `selfeval audit -o`: a report's words never become live spreadsheet formulas.

Repro (before the fix): a report whose department name is "=1+2*3" or "=HYPERLINK(…)" wrote those as
formulas into findings.xlsx, and unescaped into findings.csv.
"""
from __future__ import annotations

import csv

import openpyxl

from selfeval.sheetsafe import csv_text

from .conftest import run_cli

REPORT = ["单位名称：=HYPERLINK(\"http://127.0.0.1/x\",\"点击\")",
          "=1+2*3 2023年度部门整体支出绩效自评报告",
          "本年收入合计250.00万元，其中：财政拨款收入250.00万元，占100%。",
          "本年支出合计260.00万元，其中：基本支出260.00万元，占100%。"]


def test_audit_tables_hold_report_words_as_text_not_formulas(tmp_path, capsys):
    (tmp_path / "r.txt").write_text("\n".join(REPORT), encoding="utf-8")
    run_cli(capsys, "audit", tmp_path / "r.txt", "-o", tmp_path / "findings")
    book = openpyxl.load_workbook(tmp_path / "findings.xlsx")
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert cells and not any(c.data_type == "f" for c in cells)
    with open(tmp_path / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        values = [v for row in csv.reader(handle) for v in row]
    assert not any(v.startswith(("=", "+", "@")) for v in values)


def test_csv_guard_keeps_plain_numbers():
    assert csv_text("-0.25") == "-0.25" and csv_text("=1+2") == "'=1+2" and csv_text("@SUM(A1)") == "'@SUM(A1)"
