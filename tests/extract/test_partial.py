"""A prose list may name only the main lines: its sum is 无法检查 unless the text claims it lists them all."""
from __future__ import annotations

from selfeval.extract.audit import audit_lines
from selfeval.extract.reading import RawLine

TITLE = "某县示例局2023年度部门决算说明。"


def _findings(*sentences: str) -> dict[tuple[str, str], object]:
    audit = audit_lines([RawLine(t, f"line {n}") for n, t in enumerate((TITLE, *sentences), 1)], "x.txt")
    return {(f.check, f.where): f for f in audit.findings if f.check in ("SUM-001", "SHR-002")}


def _status(*sentences: str) -> dict[tuple[str, str], str]:
    return {key: f.status for key, f in _findings(*sentences).items()}


def test_the_main_line_alone_with_its_share_is_not_a_sum_error():
    found = _status("本年收入合计500.00万元，其中：财政拨款收入450.00万元，占90.00%。")
    assert found == {("SUM-001", "income.items"): "unchecked", ("SHR-002", "income.items"): "unchecked"}


def test_lines_without_shares_short_of_the_total_are_not_a_sum_error():
    found = _status("本年支出合计500.00万元，其中：基本支出300.00万元，项目支出150.00万元。")
    assert found[("SUM-001", "expenditure.items")] == "unchecked"


def test_shares_that_reach_100_beside_a_short_sum_are_a_warning_not_an_error():
    """其中 promises no full list, yet the shares make 100%: the text contradicts itself, and says not where."""
    found = _findings("本年收入合计500.00万元，其中：财政拨款收入200.00万元，占40.00%；事业收入250.00万元，占60.00%。")
    sums = found[("SUM-001", "income.items")]
    assert (sums.status, sums.severity) == ("fail", "warning") and "其中" in sums.message
    assert found[("SHR-002", "income.items")].status == "pass"


def test_lines_that_run_over_the_total_fail():
    found = _status("本年收入合计500.00万元，其中：财政拨款收入450.00万元，占90.00%；其他收入60.00万元，占12.00%。")
    assert found[("SUM-001", "income.items")] == "fail" and found[("SHR-002", "income.items")] == "fail"


def test_a_table_lists_every_line_so_a_short_sum_fails():
    found = _status("(单位：万元)", "项目 | 金额", "财政拨款收入 | 450.00", "本年收入合计 | 500.00")
    assert found[("SUM-001", "income.items")] == "fail"
