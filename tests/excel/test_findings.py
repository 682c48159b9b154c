"""`write_findings`: one row per finding of every department, failing errors first, filters, frozen header, widths."""
from __future__ import annotations

import openpyxl
import pytest

from selfeval import run_checks
from selfeval.checks import Finding
from selfeval.excel import write_findings
from selfeval.excel.findings import HEADERS, MAX_WIDTH, SUMMARY_HEADERS, finding_cells, fitted_widths
from selfeval.tables import display_width

from .conftest import bundled


@pytest.fixture(scope="module")
def findings():
    return [f for report in bundled() for f in run_checks(report)]


@pytest.fixture(scope="module")
def sheets(findings, tmp_path_factory):
    path = write_findings(findings, tmp_path_factory.mktemp("findings") / "findings.xlsx")
    book = openpyxl.load_workbook(path)
    return book["审核结果"], book["部门汇总"]


def test_one_row_per_finding_under_chinese_headers(findings, sheets):
    ws, _ = sheets
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.max_row == len(findings) + 1
    codes = {row[0] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert codes == {f.department for f in findings} and len(codes) == 6


def test_failing_errors_come_first_then_warnings_then_the_rest(findings, sheets):
    ws, _ = sheets
    order = [(row[5], row[4]) for row in ws.iter_rows(min_row=2, values_only=True)]
    ranks = [0 if o == ("不通过", "错误") else 1 if o == ("不通过", "警告") else 2 if o == ("不通过", "提示") else 3
             for o in order]
    assert ranks == sorted(ranks)
    failing_errors = sum(1 for f in findings if f.failed_error)
    assert failing_errors > 0 and ranks.count(0) == failing_errors
    first = next(f for f in findings if f.failed_error)  # the first failing error keeps its place among them
    assert list(next(ws.iter_rows(min_row=2, max_row=2, values_only=True))) == [
        v or None for v in finding_cells(first)]


def test_filters_frozen_header_and_fitted_widths(findings, sheets):
    ws, _ = sheets
    assert ws.auto_filter.ref == f"A1:K{len(findings) + 1}"
    assert ws.freeze_panes == "A2"
    for i, head in enumerate(HEADERS):
        letter = openpyxl.utils.get_column_letter(i + 1)
        widest = max(display_width(str(row[i] or "")) for row in ws.iter_rows(values_only=True))
        assert ws.column_dimensions[letter].width == min(MAX_WIDTH, max(6, widest + 2)), head


def test_the_summary_counts_each_departments_findings(findings, sheets):
    _, summary = sheets
    assert [c.value for c in summary[1]] == list(SUMMARY_HEADERS)
    rows = {row[0]: row for row in summary.iter_rows(min_row=2, values_only=True)}
    defects = [f for f in findings if f.department == "sample-transport-defects"]
    assert rows["sample-transport-defects"][2] == sum(1 for f in defects if f.failed_error)
    assert rows["sample-water"][2:5] == (0, 0, 0)
    assert sum(sum(row[2:]) for row in rows.values()) == len(findings)


def test_text_that_starts_with_an_equals_sign_is_written_as_text(tmp_path):
    finding = Finding("SCR-006", "error", "fail", "projects[0].indicators[1]", "=100%", "99%", "", "未达标", "d", "f")
    ws = openpyxl.load_workbook(write_findings([finding], tmp_path / "f.xlsx"))["审核结果"]
    assert (ws["H2"].value, ws["H2"].data_type) == ("=100%", "s")


def test_widths_count_chinese_characters_twice():
    assert fitted_widths([("网络舆情", "ab")], ("检查", "x")) == [10, 6]
    assert fitted_widths([("长" * 100,)], ("说明",)) == [MAX_WIDTH]
