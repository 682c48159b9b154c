"""Audit notes as evidence: who wrote them, when, on which finding; stale notes shown as stale and not counted."""
from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from selfeval import load, run_checks
from selfeval.checks import Finding
from selfeval.notes import load_notes, make_note, notes_path, review, reviewer, save_notes
from selfeval.widgets import AuditPanel
from tests.conftest import ROOT, selfeval_cli

SEED = ROOT / "params" / "luquan-cac-2022.yaml"


def finding(**changes: str) -> Finding:
    base = dict(check="SUM-001", severity="error", status="fail", where="income.items", expected="100.00",
                actual="90.00", difference="-10.00", message="收入各项之和不等于合计")
    return Finding(**(base | changes))


def test_the_reviewer_is_given_else_the_environment_else_the_config_else_the_os_user(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('reviewer = "李审核"\n', encoding="utf-8")
    monkeypatch.setenv("SELFEVAL_CONFIG", str(config))
    monkeypatch.delenv("SELFEVAL_REVIEWER", raising=False)
    assert reviewer("张三") == "张三"
    assert reviewer() == "李审核"
    monkeypatch.setenv("SELFEVAL_REVIEWER", "王五")
    assert reviewer() == "王五"
    monkeypatch.delenv("SELFEVAL_REVIEWER")
    monkeypatch.setenv("SELFEVAL_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("USER", "osuser")
    monkeypatch.setenv("LOGNAME", "osuser")
    assert reviewer() == "osuser"


def test_the_xdg_config_file_is_read_when_no_config_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv("SELFEVAL_CONFIG", raising=False)
    monkeypatch.delenv("SELFEVAL_REVIEWER", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "selfeval").mkdir()
    (tmp_path / "selfeval" / "config.toml").write_text('reviewer = "赵六"\n', encoding="utf-8")
    assert reviewer() == "赵六"


def test_a_note_copies_its_finding_with_reviewer_and_utc_time():
    note = make_note(finding(), "queried", "请核实", "张三")
    assert note["finding"] == {"check": "SUM-001", "where": "income.items", "expected": "100.00", "actual": "90.00",
                               "message": "收入各项之和不等于合计"}
    assert note["reviewer"] == "张三" and note["status"] == "queried" and note["note"] == "请核实"
    when = datetime.fromisoformat(str(note["time"]))
    assert when.utcoffset() == timezone.utc.utcoffset(None) and abs((datetime.now(timezone.utc) - when).seconds) < 60


def test_a_note_is_current_while_its_finding_fails_unchanged_and_stale_otherwise():
    note = make_note(finding(), "explained", "", "张三")
    notes = {"SUM-001 income.items": note}
    assert list(review(notes, [finding()]).current) == ["SUM-001 income.items"]
    changed = review(notes, [finding(actual="80.00")])
    assert changed.current == {} and "已变化（实为）" in changed.stale["SUM-001 income.items"][1]
    passing = review(notes, [finding(status="pass")])
    assert passing.stale["SUM-001 income.items"][1] == "所注检查已不再不通过"
    assert review(notes, []).stale and review(notes, [finding(status="pass")]).counts()["已说明"] == 0


def test_a_note_without_a_copy_counts_while_its_finding_fails():
    notes = {"SUM-001 income.items": {"status": "accepted", "note": "旧格式"}}
    assert review(notes, [finding()]).counts() == {"已接受": 1, "有疑问": 0, "已说明": 0}


@pytest.fixture()
def panel(tmp_path) -> AuditPanel:
    params = tmp_path / "params"
    params.mkdir()
    shutil.copyfile(SEED, params / "luquan.yaml")
    return AuditPanel(params, tmp_path / "exports", reviewer_name="复核员甲")


def set_field(panel: AuditPanel, path: str, value: str) -> None:
    cls = "selfeval-field-" + path.replace(".", "-").replace("[", "-").replace("]", "")
    row = next(r for r in panel.fields_box.children if cls in r.children[1]._dom_classes)
    row.children[1].value = value


def note_on(panel: AuditPanel, check: str, status: str, text: str) -> None:
    row = next(r for r in panel.notes_box.children if r.children[0].value.startswith(check))
    row.children[1].value = status
    row.children[2].value = text


def test_the_panel_signs_its_notes_and_marks_those_made_on_unsaved_edits(panel):
    set_field(panel, "income.items[0].amount", "900.25")  # SUM-001 fails only because of this edit
    note_on(panel, "SUM-001", "queried", "合计与明细不符")
    saved = json.loads(notes_path(panel.path).read_text(encoding="utf-8"))["SUM-001 income.items"]
    assert saved["reviewer"] == "复核员甲" and saved["edited"] is True
    assert saved["finding"]["check"] == "SUM-001" and saved["finding"]["where"] == "income.items"
    assert "有疑问 合计与明细不符（复核员甲，" in panel.table.value
    fresh = AuditPanel(panel.params_dir)  # the file as saved: SUM-001 passes, the note is stale
    assert "合计与明细不符" not in fresh.table.value
    assert review(load_notes(fresh.path), run_checks(load(fresh.path))).stale


def test_a_stale_note_is_shown_apart_in_the_batch_report_and_not_counted(panel, tmp_path):
    set_field(panel, "income.items[0].amount", "900.25")
    note_on(panel, "SUM-001", "queried", "合计与明细不符")
    failing = next(f for f in run_checks(load(panel.path)) if f.status == "fail")
    current = load_notes(panel.path)
    current["live"] = make_note(failing, "accepted", "确认", "复核员甲")  # on a finding the file itself has
    save_notes(panel.path, {finding_key(failing): current.pop("live"), **current})
    out = tmp_path / "out"
    proc = selfeval_cli("batch", panel.params_dir, "--out", out, "--formats", "ipynb,html", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    record = json.loads((out / "status" / "luquan.json").read_text(encoding="utf-8"))
    assert record["notes"]["已接受"] == 1 and record["notes"]["有疑问"] == 0 and record["stale_notes"] == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "已接受1" in index and "有疑问1" not in index and "已过期1（不计入）" in index
    page = (out / "luquan-cac.html").read_text(encoding="utf-8")
    table = page.split("selfeval-findings")[1].split("</table>")[0]
    assert "合计与明细不符" not in table  # never beside the passing SUM-001 row
    stale = page.split("已过期的审核意见")[1]
    assert "SUM-001 income.items" in stale and "合计与明细不符" in stale and "所注检查已不再不通过" in stale
    assert "审核意见1条（另有已过期1条，不计入）" in page
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {"path": "inputs/params/luquan.notes.json", "kind": "notes",
            "source": str(notes_path(panel.path))} in manifest["inputs"]


def finding_key(f: Finding) -> str:
    return f"{f.check} {f.where}"


def test_a_note_whose_finding_changed_is_marked_stale_beside_it(tmp_path, monkeypatch):
    params = tmp_path / "x.yaml"
    shutil.copyfile(ROOT / "params" / "sample-transport-defects-2023.yaml", params)
    failing = next(f for f in run_checks(load(params)) if f.status == "fail" and f.actual)
    save_notes(params, {finding_key(failing): make_note(failing._replace(actual="0.01"), "explained", "旧说明", "甲")})
    from selfeval import display  # noqa: PLC0415

    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    display.show_findings(display.open_audit(str(params)))
    html = shown[0].data
    assert "【已过期：所注检查结果已变化（实为）】已说明 旧说明（甲，" in html
    assert "审核意见" in html and "另有已过期1条" in html


def test_lab_passes_the_reviewer_to_the_panel(monkeypatch, tmp_path):
    from selfeval import lab  # noqa: PLC0415

    seen = {}

    class Fake:
        pid = 0

    def popen(args, env, **kw):  # noqa: ANN001, ANN202
        seen.update(env)
        return Fake()

    monkeypatch.setattr(lab.subprocess, "Popen", popen)
    lab.start(Path(tmp_path), tmp_path / "work", tmp_path / "exports", port=1, reviewer="审核员乙")
    assert seen["SELFEVAL_REVIEWER"] == "审核员乙" and seen["SELFEVAL_OUT_DIR"].endswith("exports")
