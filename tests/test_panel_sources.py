"""The audit panel on a department read from a report (issue 13 §6): each figure beside its source, and a
correction saved as 审核人更正 in the source entry, the document's read value kept.

The report is written here, staged by the batch's own staging (selfeval.report_inputs.stage_report) into
OUT/inputs/, and the panel opened on that folder, as an auditor would open a batch's inputs.
"""
from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

import selfeval.provenance
from selfeval import load
from selfeval.adjusted import load_edits
from selfeval.evidence import verify
from selfeval.inputs import Stager
from selfeval.provenance import show_provenance
from selfeval.report_inputs import stage_report
from selfeval.sources_file import read_sidecar
from selfeval.widgets import AuditPanel

REPORT = """示例县水务局2023年度整体支出绩效自评报告
单位名称：示例县水务局
本年收入合计500.00万元，其中：财政拨款收入450.00万元，占90.00%；其他收入50.00万元，占10.00%。
本年支出合计500.00万元，其中：基本支出300.00万元，占60.00%；项目支出200.00万元，占40.00%。
"""


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """OUT/inputs/ with water.yaml and its sources, staged from a text report."""
    report = tmp_path / "water.txt"
    report.write_text(REPORT, encoding="utf-8")
    stager = Stager(tmp_path / "out")
    stage_report(stager, report)
    assert stager.staged.params == [tmp_path / "out" / "inputs" / "water.yaml"], stager.staged.held
    return tmp_path / "out" / "inputs"


def row(panel: AuditPanel, path: str):
    """The (text box, source quote) of one editable figure."""
    cls = "selfeval-field-" + path.replace(".", "-").replace("[", "-").replace("]", "")
    found = next(r for r in panel.fields_box.children if cls in r.children[1]._dom_classes)
    return found.children[1], found.children[3]


def opened(folder: Path, name: str) -> AuditPanel:
    panel = AuditPanel(folder, folder.parent / "exports", reviewer_name="张审")
    panel.picker.value = str(folder / name)
    return panel


def corrected(folder: Path, name: str, path: str, typed: str, save_as: str) -> Path:
    """Open `name` in the panel, type a figure, save the copy as `save_as`; the copy's path."""
    panel = opened(folder, name)
    row(panel, path)[0].value = typed
    panel.save_name.value = save_as
    saved = panel.save()
    assert saved == folder / save_as, panel.status.value
    return saved


def test_each_figure_read_shows_its_place_and_words_beside_its_field(inputs):
    panel = opened(inputs, "water.yaml")
    _, quote = row(panel, "income.total")
    assert "第3行「本年收入合计500.00万元」" in html.unescape(quote.value)
    _, quote = row(panel, "expenditure.items[1].amount")
    assert "第4行「项目支出200.00万元，占40.00%」" in html.unescape(quote.value)
    assert "审核人更正" not in quote.value


def test_a_typed_figure_says_the_read_value_is_kept_before_it_is_saved(inputs):
    panel = opened(inputs, "water.yaml")
    text, quote = row(panel, "income.total")
    text.value = "520.00"
    assert "原文读作 500.00，现为 520.00：保存时记为审核人更正" in quote.value
    assert panel.report.income.total == Decimal("520.00")
    text.value = "500.00"
    assert "原文读作" not in quote.value


def test_a_saved_correction_keeps_the_read_value_in_the_source_entry(inputs):
    saved = corrected(inputs, "water.yaml", "income.total", "520.00", "water-adj.yaml")
    entry = read_sidecar(saved)["sources"]["income.total"]
    assert entry["snippet"] == "本年收入合计500.00万元" and entry["where"] == "line 3"
    correction = entry["correction"]
    assert (correction["by"], correction["old"], correction["new"]) == ("审核人更正", "500.00", "520.00")
    assert correction["reviewer"] == "张审" and re.match(r"\d{4}-\d\d-\d\dT", correction["time"])
    assert "correction" not in read_sidecar(saved)["sources"]["expenditure.total"]  # only what was changed
    assert load(saved).income.total == Decimal("520.00")  # the checks run on the corrected figure
    header, changes = load_edits(saved)
    assert [(c.path, str(c.old), str(c.new)) for c in changes] == [("income.total", "500.00", "520.00")]
    assert header["time"] == correction["time"]  # one edit, one time, in both records
    original = read_sidecar(inputs / "water.yaml")["sources"]["income.total"]
    assert "correction" not in original and load(inputs / "water.yaml").income.total == Decimal("500.00")


def test_the_saved_copy_reopened_shows_who_corrected_what(inputs):
    corrected(inputs, "water.yaml", "income.total", "520.00", "water-adj.yaml")
    _, quote = row(opened(inputs, "water-adj.yaml"), "income.total")
    shown = html.unescape(quote.value)
    assert "第3行「本年收入合计500.00万元」" in shown and "审核人更正：原文 500.00 → 520.00（张审，" in shown


def test_correcting_again_keeps_the_document_value_and_going_back_drops_the_correction(inputs):
    corrected(inputs, "water.yaml", "income.total", "520.00", "water-adj.yaml")
    again = corrected(inputs, "water-adj.yaml", "income.total", "530.00", "water-adj2.yaml")
    correction = read_sidecar(again)["sources"]["income.total"]["correction"]
    assert (correction["old"], correction["new"]) == ("500.00", "530.00")
    panel = opened(inputs, "water-adj.yaml")
    text, quote = row(panel, "income.total")
    text.value = "500.00"
    assert "恢复为原文 500.00：保存时撤销审核人更正" in quote.value
    panel.save_name.value = "water-back.yaml"
    back = panel.save()
    assert "correction" not in read_sidecar(back)["sources"]["income.total"]


def test_the_sources_table_shows_the_read_value_and_the_correction_beside_it(inputs, monkeypatch):
    saved = corrected(inputs, "water.yaml", "income.total", "520.00", "water-adj.yaml")
    shown: list[str] = []
    monkeypatch.setattr(selfeval.provenance, "display", lambda obj: shown.append(obj.data))
    monkeypatch.chdir(inputs.parent)  # the notebook's kernel works in the output folder
    show_provenance(str(saved))
    page = html.unescape(shown[0])
    assert "其中1个经审核人更正" in page
    table = page[page.index("<h3>来源</h3>"):page.index("</table>", page.index("<h3>来源</h3>"))]
    assert "<th>审核人更正</th>" in table
    rows = [r for r in (re.findall(r"<td>(.*?)</td>", tr) for tr in re.findall(r"<tr>(.*?)</tr>", table)) if r]
    # each figure in the report's terms, its key path a small second line
    cells = {re.search(r'selfeval-path">(.*?)</small>', r[0])[1].replace("<wbr>", ""): r for r in rows}
    assert cells["income.total"][0].startswith("本年收入合计<br>")
    assert cells["income.total"][1] == "500.00"  # what the document says, not the corrected value
    assert cells["income.total"][4].startswith("审核人更正：原文 500.00 → 520.00（张审，")
    assert cells["expenditure.total"][4] == ""
    failing = page[page.index("<h3>未通过的核对及其原文</h3>"):]
    assert "SUM-001" in failing and "本年收入合计，审核人更正：原文 500.00 → 520.00" in failing


def test_a_typed_params_department_has_no_quotes_and_no_sources_sidecar(tmp_path, inputs):
    typed = tmp_path / "typed"
    typed.mkdir()
    (typed / "water.yaml").write_text((inputs / "water.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    panel = opened(typed, "water.yaml")
    assert all(len(r.children) == 3 for r in panel.fields_box.children)
    panel.save_name.value = "water-adj.yaml"
    saved = panel.save()
    assert read_sidecar(saved) is None and not saved.with_name("water-adj.sources.json").exists()


def test_an_export_carries_the_document_and_its_report_shows_the_correction(inputs, tmp_path):
    panel = opened(inputs, "water.yaml")
    row(panel, "income.total")[0].value = "520.00"
    outputs = panel.export()
    assert set(outputs) >= {"html", "ipynb"}, panel.status.value
    folder = outputs["html"].parent
    side = read_sidecar(folder / "inputs" / "params" / "water.yaml")
    assert side["sources"]["income.total"]["correction"]["old"] == "500.00"
    assert (folder / side["document"]).read_text(encoding="utf-8") == REPORT  # the export stands on its own
    page = html.unescape(outputs["html"].read_text(encoding="utf-8"))
    assert "复核调整稿" in page and "审核人更正：原文 500.00 → 520.00（张审，" in page
    assert verify(folder).ok


def test_an_edit_kept_while_another_department_is_shown_still_says_so(inputs):
    corrected(inputs, "water.yaml", "income.total", "520.00", "water-adj.yaml")
    panel = opened(inputs, "water.yaml")
    row(panel, "expenditure.total")[0].value = "510.00"
    panel.picker.value = str(inputs / "water-adj.yaml")
    panel.picker.value = str(inputs / "water.yaml")
    text, quote = row(panel, "expenditure.total")
    assert text.value == "510.00" and "原文读作 500.00，现为 510.00" in quote.value


def test_a_saved_copy_given_to_a_new_batch_keeps_its_sources_and_its_document(inputs, tmp_path):
    from selfeval.inputs import stage  # noqa: PLC0415

    saved = corrected(inputs, "water.yaml", "income.total", "520.00", "water-adj.yaml")
    staged = stage([saved], tmp_path / "again")
    [target] = staged.params
    side = read_sidecar(target)
    assert side["sources"]["income.total"]["correction"]["new"] == "520.00"
    assert (tmp_path / "again" / side["document"]).read_text(encoding="utf-8") == REPORT
    assert {i["kind"] for i in staged.inputs} >= {"params", "sources", "report"}


def test_the_panel_shows_the_text_checks_its_report_gave(tmp_path):
    report = tmp_path / "roads.txt"
    report.write_text(REPORT.replace("示例县水务局", "示例县交通局") + "本局共实施3个项目，分别为：道路养护项目、桥梁检测项目。\n",
                      encoding="utf-8")
    stage_report(Stager(tmp_path / "out"), report)
    panel = opened(tmp_path / "out" / "inputs", "roads.yaml")
    failing = [(f.check, f.status) for f in panel.findings()]
    assert ("TXT-002", "fail") in failing  # 3 stated, 2 named: found in the document's words, not its figures
    errors = sum(f.status == "fail" and f.severity == "error" for f in panel.checked(panel.path))
    assert f"错误{errors}" in panel.picker.options[0][0] and "TXT-002" in panel.table.value  # counted, and shown
