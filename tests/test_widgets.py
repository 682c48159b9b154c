"""The audit panel driven from Python: the same checks as the CLI, re-run on every change."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from selfeval import load, run_checks
from selfeval.notes import notes_path
from selfeval.widgets import AuditPanel

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def panel(tmp_path) -> AuditPanel:
    params = tmp_path / "params"
    shutil.copytree(ROOT / "params", params)
    return AuditPanel(params, tmp_path / "out")


def field(panel: AuditPanel, path: str):
    """The (text box, error) pair of one editable figure."""
    cls = "selfeval-field-" + path.replace(".", "-").replace("[", "-").replace("]", "")
    row = next(r for r in panel.fields_box.children if cls in r.children[1]._dom_classes)
    return row.children[1], row.children[2]


def failing(panel: AuditPanel) -> set[tuple[str, str]]:
    return {(f.check, f.where) for f in panel.findings() if f.status == "fail"}


def test_picker_lists_every_department_with_its_failing_counts(panel):
    labels = dict((path, label) for label, path in panel.picker.options)
    assert len(labels) == len(list((ROOT / "params").glob("*.yaml")))
    for path, label in labels.items():
        findings = run_checks(load(path))
        errors = sum(1 for f in findings if f.status == "fail" and f.severity == "error")
        assert f"错误{errors} " in label


def test_an_edit_reruns_the_checks_and_updates_totals_and_label(panel):
    panel.picker.value = next(p for _, p in panel.picker.options if "sample-culture" in p)
    assert not {c for c, _ in failing(panel)} & {"SUM-001", "SHR-001"}
    text, error = field(panel, "income.items[0].amount")
    text.value = "900.25"
    assert error.value == ""
    assert ("SUM-001", "income.items") in failing(panel)
    assert panel.report.income.items[0].amount == Decimal("900.25")
    assert "940.25" in panel.summary.value  # the new sum of the income lines
    assert "错误2" in dict((p, lab) for lab, p in panel.picker.options)[panel.path]
    assert "SUM-001" in panel.table.value and "不通过" in panel.table.value


@pytest.mark.parametrize("typed", ["abc", "-5", "NaN", ""])
def test_a_bad_figure_shows_an_inline_error_and_keeps_the_last_good_value(panel, typed):
    before = panel.report
    text, error = field(panel, "expenditure.items[0].amount")
    text.value = typed
    assert "请输入数字" in error.value and "280.75" in error.value
    assert panel.report == before
    saved = panel.save()
    assert saved is not None
    assert load(saved).expenditure.items[0].amount == Decimal("280.75")  # the file never holds the bad value


def test_filters_by_severity_and_by_check(panel):
    panel.severity.value = "警告"
    assert panel.findings() and all(f.severity == "warning" for f in panel.findings())
    panel.severity.value = "全部"
    panel.check_filter.value = "DUP-001"
    assert {f.check for f in panel.findings()} == {"DUP-001"}


def test_save_as_writes_a_new_file_and_never_overwrites_unasked(panel):
    original = Path(panel.path)
    original_text = original.read_text(encoding="utf-8")
    field(panel, "expenditure.items[0].share")[0].value = "80.00"
    panel.save_name.value = original.name
    assert panel.save() is None and "已存在" in panel.status.value
    assert original.read_text(encoding="utf-8") == original_text
    panel.save_name.value = "edited-copy.yaml"
    saved = panel.save()
    assert saved == original.with_name("edited-copy.yaml")
    reloaded = load(saved)
    assert reloaded.expenditure.items[0].share == Decimal("80.00")
    assert reloaded.income == panel.report.income
    assert panel.save() is None  # exists now
    panel.overwrite.value = True
    assert panel.save() == saved


def test_audit_notes_are_saved_beside_the_params_and_shown(panel):
    row = panel.notes_box.children[0]
    label, status, text, _stale, _message = row.children
    status.value = "explained"
    text.value = "重复行为排版错误，金额为0"
    saved = json.loads(notes_path(panel.path).read_text(encoding="utf-8"))
    key = label.value
    assert {k: saved[key][k] for k in ("status", "note")} == {"status": "explained", "note": "重复行为排版错误，金额为0"}
    assert saved[key]["reviewer"] == panel.reviewer.value and saved[key]["finding"]["check"] == "DUP-001"
    assert "已说明 重复行为排版错误" in panel.table.value
    again = AuditPanel(Path(panel.path).parent)
    assert "已说明" in again.table.value


def test_export_makes_html_and_pdf_through_selfeval_run(panel, tmp_path):
    field(panel, "income.items[0].amount")[0].value = "300.00"
    outputs = panel.export()
    assert set(outputs) == {"ipynb", "html", "pdf"}, panel.status.value
    html = outputs["html"].read_text(encoding="utf-8")
    assert "300.00万元" in html and "SUM-001" in html
    assert outputs["pdf"].read_bytes().startswith(b"%PDF")


def test_an_executed_audit_notebook_keeps_the_panel_state(tmp_path, monkeypatch):
    import nbformat
    import papermill

    params = tmp_path / "params"
    shutil.copytree(ROOT / "params", params)
    monkeypatch.setenv("SELFEVAL_PARAMS_DIR", str(params))
    monkeypatch.setenv("SELFEVAL_OUT_DIR", str(tmp_path / "out"))
    out = tmp_path / "audit.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / "audit.ipynb"), str(out), progress_bar=False,
                               cwd=str(tmp_path))
    state = nbformat.read(out, 4).metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    labels = [label for model in state.values() if model["model_name"] == "DropdownModel"
              for label in model["state"].get("_options_labels", [])]
    assert any(label.startswith("鹿泉区委网信办 2022｜错误0 警告4") for label in labels)


def test_audit_notes_appear_in_the_department_report(tmp_path):
    import nbformat

    from selfeval.notes import save_notes
    from selfeval.run import execute, export_html

    params = tmp_path / "luquan.yaml"
    shutil.copyfile(ROOT / "params" / "luquan-cac-2022.yaml", params)
    save_notes(params, {"DUP-001 income.items[2], income.items[4]": {"status": "explained", "note": "排版重复，金额为0"}})
    nb = execute(params, tmp_path / "luquan.ipynb")
    html = export_html(nbformat.read(tmp_path / "luquan.ipynb", 4))
    assert "审核意见" in html and "已说明 排版重复，金额为0" in html
    assert nb.cells


# ---- issue 14: the panel showed every row, 不适用 included; note rows without their message ----

def test_panel_showed_every_row_now_only_failing_by_default(panel):
    assert panel.failing_only.value is True and panel.findings()
    assert all(f.status == "fail" for f in panel.findings())
    assert "通过</td>" not in panel.table.value.replace("不通过</td>", "")


def test_panel_showed_not_applicable_rows_now_hidden_unless_asked(panel):
    panel.failing_only.value = False
    assert {f.status for f in panel.findings()} >= {"pass", "fail"}
    assert all(f.status != "n/a" for f in panel.findings())
    panel.show_na.value = True
    assert any(f.status == "n/a" for f in panel.findings())


def test_note_rows_showed_only_id_and_location_now_their_message(panel):
    failing = [f for f in run_checks(panel.report) if f.status == "fail"]
    for row, finding in zip(panel.notes_box.children, failing):
        assert finding.message in row.children[-1].value


def test_panel_missed_yml_params_files(tmp_path):
    params = tmp_path / "params"
    params.mkdir()
    shutil.copy(ROOT / "params" / "sample-water-2023.yaml", params / "water.yml")
    assert [Path(p).name for _, p in AuditPanel(params, tmp_path / "out").picker.options] == ["water.yml"]


def test_only_item_amounts_and_project_scores_were_editable_now_every_figure(panel):
    from selfeval.edit import editable_paths, figure, with_figure  # noqa: PLC0415

    health = next(p for _, p in panel.picker.options if "health-defects" in p)
    report = load(health)
    paths = editable_paths(report)
    assert {"income.total", "expenditure.total"} <= set(paths)
    assert any(p.endswith(".funds.executed") for p in paths) and any(".indicators[" in p for p in paths)
    assert any(p.endswith(".execution.weight") for p in paths)
    row = next(p for p in paths if p.endswith(".indicators[0].score"))
    edited = with_figure(report, row, Decimal("1.5"))
    assert figure(edited, row) == Decimal("1.5") and figure(report, row) != Decimal("1.5")
    panel.picker.value = health
    text, error = field(panel, "income.total")
    text.value = "1.00"
    assert error.value == "" and ("SUM-001", "income.items") in failing(panel)


def _pick(panel: AuditPanel, stem: str) -> None:
    panel.picker.value = next(p for _, p in panel.picker.options if stem in p)


def test_grades_claim_words_and_targets_were_not_editable_now_they_are(panel):
    """Repro: the panel offered Decimal figures only; a misread 等级, 良好及以上 or 年度指标值 could not be fixed."""
    _pick(panel, "sample-agri")
    assert not any(check.startswith("GRD") for check, _ in failing(panel))
    text, error = field(panel, "projects[0].grade")
    assert text.value == "优秀"
    text.value = "良好"  # 94.5 points graded 良好: the grade check now fails on that project
    assert error.value == "" and any(c.startswith("GRD") and "projects[0]" in w for c, w in failing(panel))
    text.value = "甲等"  # not on the default scale: refused, and the last good word stays in force
    assert "不在本部门的评分办法" in error.value and panel.report.projects[0].grade == "良好"
    count, count_error = field(panel, "claims.project_count")
    count.value = "两个"
    assert "整数" in count_error.value and panel.report.claims.project_count == 2
    count.value = "3"
    assert panel.report.claims.project_count == 3 and any(c.startswith(("CLM", "TXT")) for c, _ in failing(panel))


def test_an_edited_target_is_read_as_a_measure_and_saved_as_written(panel):
    """Repro: an indicator's target (≥12 家) could not be corrected in the panel."""
    _pick(panel, "sample-health-defects")
    text, _ = field(panel, "projects[0].indicators[0].target")
    assert text.value == "≥12"
    text.value = "≥13"
    target = panel.report.projects[0].indicators[0].target
    assert (target.raw, target.value, target.operator) == ("≥13", Decimal("13"), ">=")
    panel.save_name.value = "target-copy.yaml"
    panel.save_code.value = "target-copy"
    saved = panel.save()
    assert saved is not None and load(saved).projects[0].indicators[0].target.raw == "≥13"


def test_the_panel_opens_a_dossier_and_checks_its_documents_against_each_other_as_edited(tmp_path):
    """The panel took one department's files only: a dossier's 跨文件核对 was nowhere to be seen or tried."""
    folder = tmp_path / "dossier"
    shutil.copytree(ROOT / "params" / "dossiers" / "sample-library-defects", folder)
    panel = AuditPanel(folder, tmp_path / "out")
    labels = [label for label, _ in panel.picker.options]
    assert any(label.startswith("2023年度决算（sample-library-2023-决算.yaml）") for label in labels)
    assert "XDC-001" in panel.cross.value and "财政拨款收入" in panel.cross.value
    own = next(p for _, p in panel.picker.options if p.endswith("2023-自评报告.yaml"))
    panel.picker.value = own
    before = panel.cross.value.count("不通过")
    text, _ = field(panel, "income.items[0].amount")
    text.value = "500.30"  # the 决算's figure: the planted XDC-001 defect goes away
    assert panel.cross.value.count("不通过") < before


def test_a_plain_folder_of_departments_shows_no_cross_section(panel):
    assert panel.cross.value == ""
