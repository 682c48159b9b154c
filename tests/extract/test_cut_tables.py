"""A score table the text stops inside (no 合计 row, weights read short of 100) is not judged on its weights:
SCR-001/002 are 无法检查 there, while a complete table short of 100 still fails."""
from __future__ import annotations

from selfeval.extract.audit import audit_lines
from selfeval.extract.reading import RawLine

HEAD = ["项目名称 | 社区绿道养护项目 | 主管部门 | 某区城管局 | 实施单位 | 某区绿化所",
        "项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
        "年度资金总额 | 40.00 | 40.00 | 38.00 | 10 | 95% | 9.5",
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施",
        "产出指标 | 数量指标 | 养护绿道长度 | ≥12公里 | 12.4公里 | 50 | 50 |"]


def _weights(*texts: str) -> dict[str, str]:
    lines = [RawLine(t, f"line {n}") for n, t in enumerate(texts, 1)]
    return {f.check: f.status for f in audit_lines(lines, "t.txt").findings if f.check in ("SCR-001", "SCR-002")}


def test_a_table_cut_off_before_its_total_row_is_not_judged_on_its_weights():
    found = _weights(*HEAD)
    assert found["SCR-001"] == "unchecked" and found["SCR-002"] != "fail"


def test_a_closed_table_whose_weights_miss_100_still_fails():
    assert _weights(*HEAD, "合计 | 70 | 69.5 | 良")["SCR-001"] == "fail"
