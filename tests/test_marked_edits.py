"""Edited figures are marked: exports in a folder of their own headed 复核调整稿, save-as copies under their own code."""
from __future__ import annotations

import json
import shutil

import pytest

from selfeval import load
from selfeval.adjusted import edits_path, export_root
from selfeval.evidence import verify
from selfeval.widgets import AuditPanel
from tests.conftest import ROOT, parse_page, selfeval_cli

SEED = ROOT / "params" / "luquan-cac-2022.yaml"
AGRI = ROOT / "params" / "sample-agri-2023.yaml"


def set_field(panel: AuditPanel, path: str, value: str) -> None:
    cls = "selfeval-field-" + path.replace(".", "-").replace("[", "-").replace("]", "")
    row = next(r for r in panel.fields_box.children if cls in r.children[1]._dom_classes)
    row.children[1].value = value


@pytest.fixture()
def params(tmp_path):
    folder = tmp_path / "params"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "luquan-cac-2022.yaml")
    shutil.copyfile(AGRI, folder / "sample-agri-2023.yaml")
    return folder


@pytest.fixture()
def batch_out(params, tmp_path):
    out = tmp_path / "out"
    proc = selfeval_cli("batch", params, "--out", out, "--formats", "ipynb", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    return out


def test_an_export_into_a_batch_folder_goes_beside_it_and_is_marked(params, batch_out):
    before = sorted(p.relative_to(batch_out).as_posix() for p in batch_out.rglob("*"))
    panel = AuditPanel(params, batch_out, reviewer_name="复核员甲")
    set_field(panel, "income.items[0].amount", "300.00")
    outputs = panel.export()
    assert set(outputs) == {"ipynb", "html", "pdf"}, panel.status.value
    assert sorted(p.relative_to(batch_out).as_posix() for p in batch_out.rglob("*")) == before
    assert verify(batch_out).ok  # the batch's evidence is untouched
    folder = outputs["html"].parent
    assert folder.parent == batch_out.parent / "out-复核调整稿" and folder.name.startswith("luquan-cac-")
    assert verify(folder).ok
    page = parse_page(outputs["html"].read_text(encoding="utf-8"))
    assert "复核调整稿：鹿泉区委网信办2022年度整体支出绩效自评报告复核" in page.text
    assert "财政拨款收入（金额）344.64→300.00" in page.text.replace(" ", "").replace("\n", "")
    assert "复核员甲" in page.text and "原部门代码 luquan-cac" in page.text
    record = json.loads(edits_path(folder / "inputs/params/luquan-cac-2022.yaml").read_text(encoding="utf-8"))
    assert record["changes"] == [{"path": "income.items[0].amount", "name": "财政拨款收入", "old": "344.64",
                                  "new": "300.00"}]


def test_two_exports_never_share_a_folder_and_an_unedited_one_is_not_marked(params, tmp_path):
    panel = AuditPanel(params, tmp_path / "exports")
    first = panel.export()["html"].parent
    second = panel.export()["html"].parent
    assert first != second and first.parent == second.parent == (tmp_path / "exports").resolve()
    assert "复核调整稿" not in first.joinpath("luquan-cac.html").read_text(encoding="utf-8")
    assert not edits_path(first / "inputs/params/luquan-cac-2022.yaml").exists()


def test_the_export_root_is_beside_any_folder_with_a_selfeval_manifest(batch_out, tmp_path):
    assert export_root(batch_out / "sub") == batch_out.parent / "out-复核调整稿"
    assert export_root(tmp_path / "exports") == (tmp_path / "exports").resolve()


def test_save_as_gives_the_copy_its_own_code_and_a_record_of_the_edits(params, tmp_path):
    panel = AuditPanel(params, tmp_path / "exports", reviewer_name="复核员甲")
    set_field(panel, "expenditure.items[0].share", "80.00")
    assert (panel.save_code.value, panel.save_name.value) == ("luquan-cac-adj", "luquan-cac-adj-2022.yaml")
    saved = panel.save()
    assert saved == params / "luquan-cac-adj-2022.yaml"
    copy = load(saved)
    assert copy.department.code == "luquan-cac-adj" and copy.expenditure.items[0].share == 80
    record = json.loads(edits_path(saved).read_text(encoding="utf-8"))
    assert record["from"] == {"file": "luquan-cac-2022.yaml", "code": "luquan-cac"}
    assert record["reviewer"] == "复核员甲" and record["changes"][0]["old"] == "81.46"
    out = tmp_path / "out"
    proc = selfeval_cli("batch", params, "--out", out, "--formats", "ipynb,html", "--workers", "2")
    assert proc.returncode == 0, proc.stderr  # no duplicate department: the copy has its own code
    assert "复核调整稿" in (out / "luquan-cac-adj.html").read_text(encoding="utf-8")
    assert "复核调整稿" not in (out / "luquan-cac.html").read_text(encoding="utf-8")
    assert "inputs/params/luquan-cac-adj-2022.edits.json" in (out / "manifest.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(("code", "said"), [("sample-agri", "已是 sample-agri-2023.yaml 的代码"),
                                            ("luquan-cac", "已是 luquan-cac-2022.yaml 的代码"),
                                            ("Bad Code", "只能用小写字母")])
def test_save_as_refuses_a_code_another_file_has_or_a_bad_one(params, tmp_path, code, said):
    panel = AuditPanel(params, tmp_path / "exports")
    panel.save_code.value = code
    panel.save_name.value = "copy.yaml"
    assert panel.save() is None and said in panel.status.value
    assert not (params / "copy.yaml").exists()


def test_save_as_suggests_a_code_no_file_has(params, tmp_path):
    shutil.copyfile(SEED, params / "taken.yaml")
    (params / "taken.yaml").write_text(SEED.read_text(encoding="utf-8").replace("code: luquan-cac", "code: luquan-cac-adj"),
                                       encoding="utf-8")
    panel = AuditPanel(params, tmp_path / "exports")
    panel.picker.value = str(params / "luquan-cac-2022.yaml")
    assert panel.save_code.value == "luquan-cac-adj2"
