"""The report notebook's section 跨文件核对: shown for a document of a dossier, with the figures side by side."""
from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.crossview import cross_section, figure_rows
from selfeval.dossier_load import open_dossier
from selfeval.run import execute
from tests.conftest import LUQUAN, ROOT

DEFECTS = ROOT / "params" / "dossiers" / "sample-library-defects"


def test_the_figure_table_marks_the_figure_the_documents_disagree_on():
    dossier = open_dossier(DEFECTS).dossier
    headers, rows, marks = figure_rows(dossier, 2023)
    assert headers[0] == "数字" and headers[-1] == "核对" and len(headers) == 2 + 3
    marked = [row[0] for row, mark in zip(rows, marks) if mark]
    assert marked == ["财政拨款收入"]  # 500.30 in the 决算, 505.30 in the 自评报告
    row = rows[[r[0] for r in rows].index("本年收入合计")]
    assert row[-1] == "一致" and "518.30万元（income.total）" in row


def test_the_budget_is_shown_beside_the_accounts_but_not_held_to_them():
    headers, rows, marks = figure_rows(open_dossier(DEFECTS).dossier, 2023)
    row = rows[[r[0] for r in rows].index("项目支出")]
    assert row[-1] == "" and "110.00万元" in " ".join(row)  # only the 决算 and the 预算 state it


def test_the_section_lists_every_cross_finding_failing_first():
    html = cross_section(open_dossier(DEFECTS).dossier)
    assert html.startswith("<h2>跨文件核对</h2>") and "不通过6条" in html
    assert html.count('class="fail-error"') == 4 + 1 and html.count('class="fail-warning"') == 2


@pytest.mark.timeout(300)
def test_the_notebook_shows_the_section_for_a_dossier_document_only(tmp_path):
    nb = execute(DEFECTS / "sample-library-2023-决算.yaml", tmp_path / "d.ipynb")
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "跨文件核对" in str(o.get("data", {}))]
    assert len(shown) == 1 and "XDC-005" in str(shown[0]["data"]["text/html"])
    lone = tmp_path / "lone"
    lone.mkdir()
    Path(lone / "x.yaml").write_bytes(LUQUAN.read_bytes())
    nb = execute(lone / "x.yaml", tmp_path / "lone.ipynb")
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "跨文件核对" in str(o.get("data", {}))]
