"""The output folder as evidence on its own: inputs copied, relative paths, moved and still verified, a signable hash."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import selfeval
from selfeval.evidence import verify
from selfeval.excel import template, write_workbook
from selfeval.notes import save_notes
from tests.conftest import ROOT, selfeval_cli

PARAMS = ROOT / "params"
NOTE = {"DUP-001 income.items[2], income.items[4]": {"status": "explained", "note": "排版重复"}}


def flip(path: Path, at: int = 10) -> None:
    """Change one byte of a file."""
    data = bytearray(path.read_bytes())
    data[at] ^= 1
    path.write_bytes(bytes(data))


def digest_line(stdout: str) -> str:
    """The manifest SHA-256 a run printed."""
    return next(line for line in stdout.splitlines() if line.startswith("manifest SHA-256: ")).split()[2]


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """A batch of two params files (one with notes) and a workbook, its folder moved and its inputs deleted."""
    src = tmp_path_factory.mktemp("src")
    for name in ("luquan-cac-2022.yaml", "sample-agri-2023.yaml"):
        shutil.copyfile(PARAMS / name, src / name)
    save_notes(src / "luquan-cac-2022.yaml", NOTE)
    book = write_workbook([selfeval.load(PARAMS / "sample-water-2023.yaml")], src / "departments.xlsx")
    out = tmp_path_factory.mktemp("made") / "out"
    proc = selfeval_cli("batch", src, book, "--out", out, "--formats", "ipynb,html", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    archive = tmp_path_factory.mktemp("archive") / "evidence-2023"
    shutil.move(str(out), archive)
    shutil.rmtree(src)
    return proc, archive


def test_every_input_is_copied_and_listed_by_relative_path(moved):
    _, out = moved
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kinds = {row["path"]: row["kind"] for row in manifest["inputs"]}
    assert kinds == {"inputs/params/luquan-cac-2022.yaml": "params", "inputs/params/sample-agri-2023.yaml": "params",
                     "inputs/params/luquan-cac-2022.notes.json": "notes",
                     "inputs/workbooks/departments.xlsx": "workbook",
                     "inputs/split/departments/sample-water-2023.yaml": "split"}
    listed = {row["path"] for row in manifest["files"]}
    assert set(kinds) <= listed and "index.html" in listed
    assert not any(Path(p).is_absolute() for p in listed)
    assert "manifest.json" not in listed and "manifest.sha256" not in listed
    params = {d["id"]: d["parameters"]["params_path"] for d in manifest["departments"]}
    assert params["sample-water-2023"] == "inputs/split/departments/sample-water-2023.yaml"
    water = next(d for d in manifest["departments"] if d["id"] == "sample-water-2023")
    assert water["origin"]["cell"] == "部门!A3" and water["origin"]["workbook"] == "inputs/workbooks/departments.xlsx"


def test_the_reports_name_their_input_by_its_place_in_the_folder(moved):
    _, out = moved
    page = (out / "luquan-cac.html").read_text(encoding="utf-8")
    assert "inputs/params/luquan-cac-2022.yaml" in page and str(out) not in page
    assert "已说明 排版重复" in page  # the notes were read from the copy


def test_a_moved_folder_verifies_without_its_original_inputs(moved):
    proc, out = moved
    check = selfeval_cli("verify", out)
    assert check.returncode == 0, check.stdout
    assert "verified: every file matches the manifest" in check.stdout
    printed = digest_line(proc.stdout)
    assert printed == hashlib.sha256((out / "manifest.json").read_bytes()).hexdigest()
    assert (out / "manifest.sha256").read_text(encoding="utf-8") == f"{printed}  manifest.json\n"
    assert selfeval_cli("verify", out, "--expect", printed.upper()).returncode == 0


@pytest.mark.parametrize("name", ["luquan-cac.html", "index.html", "status/sample-agri-2023.json",
                                  "inputs/params/sample-agri-2023.yaml", "inputs/params/luquan-cac-2022.notes.json",
                                  "inputs/workbooks/departments.xlsx"])
def test_one_changed_byte_of_any_file_fails_naming_it(moved, name):
    _, out = moved
    path = out / name
    kept = path.read_bytes()
    flip(path)
    try:
        proc = selfeval_cli("verify", out)
        assert proc.returncode == 1 and f"changed: {name}" in proc.stdout.splitlines(), proc.stdout
    finally:
        path.write_bytes(kept)
    assert verify(out).ok


def test_a_note_replaced_after_the_run_fails(moved):
    _, out = moved
    note = out / "inputs/params/luquan-cac-2022.notes.json"
    kept = note.read_bytes()
    save_notes(note.with_name("luquan-cac-2022.yaml"), {})
    try:
        assert "changed: inputs/params/luquan-cac-2022.notes.json" in selfeval_cli("verify", out).stdout
    finally:
        note.write_bytes(kept)


def test_a_file_and_its_manifest_hash_edited_together_fail_against_the_signed_hash(moved):
    proc, out = moved
    signed = digest_line(proc.stdout)
    page, manifest_path, sha_path = out / "sample-agri.html", out / "manifest.json", out / "manifest.sha256"
    kept = {p: p.read_bytes() for p in (page, manifest_path, sha_path)}
    try:
        page.write_text(page.read_text(encoding="utf-8").replace("示例县", "某县"), encoding="utf-8")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for row in manifest["files"]:
            if row["path"] == "sample-agri.html":
                row["sha256"] = hashlib.sha256(page.read_bytes()).hexdigest()
                row["size"] = page.stat().st_size
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        stale_sha = selfeval_cli("verify", out)
        assert stale_sha.returncode == 1 and "manifest.sha256 says" in stale_sha.stdout
        sha_path.write_text(f"{hashlib.sha256(manifest_path.read_bytes()).hexdigest()}  manifest.json\n")
        assert selfeval_cli("verify", out).returncode == 0  # consistent forgery: only the signed hash catches it
        caught = selfeval_cli("verify", out, "--expect", signed)
        assert caught.returncode == 1 and "NOT the one expected" in caught.stdout
    finally:
        for path, data in kept.items():
            path.write_bytes(data)
    assert verify(out, signed).ok


def test_the_index_shows_the_manifest_hash_file_it_cannot_contain(moved):
    _, out = moved
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<iframe class="manifest-sha256" src="manifest.sha256"' in page and 'href="manifest.json"' in page
    assert "--expect" in page


def test_a_listed_path_outside_the_folder_is_not_verified(tmp_path, moved):
    _, out = moved
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append({"path": "../secret.txt", "size": 1, "sha256": "0" * 64})
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (copy / "manifest.sha256").unlink()
    result = verify(copy)
    assert result.outside == ["../secret.txt"] and not result.ok


def test_selfeval_run_writes_the_same_package_for_its_department(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copyfile(PARAMS / "sample-culture-2023.yaml", src / "culture.yaml")
    out = tmp_path / "out"
    proc = selfeval_cli("run", src / "culture.yaml", "--out", out)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == [{"path": "inputs/params/culture.yaml", "kind": "params",
                                   "source": str(src / "culture.yaml")}]
    assert [d["parameters"]["params_path"] for d in manifest["departments"]] == ["inputs/params/culture.yaml"]
    assert {"sample-culture.pdf", "sample-culture.html", "inputs/params/culture.yaml"} <= {
        row["path"] for row in manifest["files"]}
    assert manifest["versions"]["chromium"][0].isdigit()
    shutil.rmtree(src)
    moved_to = tmp_path / "elsewhere"
    shutil.move(str(out), moved_to)
    assert selfeval_cli("verify", moved_to, "--expect", digest_line(proc.stdout)).returncode == 0


def test_one_code_in_two_workbooks_fails_the_second_naming_both_places(tmp_path):
    seed = selfeval.load(PARAMS / "luquan-cac-2022.yaml")
    first = write_workbook([seed], tmp_path / "a.xlsx")
    second = write_workbook([selfeval.load(PARAMS / "sample-agri-2023.yaml"), seed], tmp_path / "b.xlsx")
    example = template(tmp_path / "c.xlsx")  # the template's own example row: skipped, not a third luquan-cac
    out = tmp_path / "out"
    proc = selfeval_cli("batch", first, second, example, "--out", out, "--formats", "ipynb", "--workers", "2")
    assert proc.returncode == 3
    assert f"{example}: 部门!A3: 示例行（部门代码 'luquan-cac'），已跳过" in proc.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    failed = [d for d in manifest["departments"] if d["status"] == "failed"]
    assert len(failed) == 1
    assert failed[0]["reason"] == (f"{second}: 部门!A4: 部门代码 'luquan-cac' 重复：{first}: 部门!A3 已有该部门；"
                                   "同一部门只能出现一次，请删除其中一处")
    assert {d["code"] for d in manifest["departments"] if d["status"] != "failed"} == {"luquan-cac", "sample-agri"}
    assert {r["path"] for r in manifest["inputs"] if r["kind"] == "workbook"} == {
        "inputs/workbooks/a.xlsx", "inputs/workbooks/b.xlsx", "inputs/workbooks/c.xlsx"}
    assert "luquan-cac&#39; 重复" in (out / "index.html").read_text(encoding="utf-8")


def test_a_workbook_and_a_params_file_with_one_code_fail_naming_both(tmp_path):
    book = write_workbook([selfeval.load(PARAMS / "sample-agri-2023.yaml")], tmp_path / "a.xlsx")
    out = tmp_path / "out"
    proc = selfeval_cli("batch", PARAMS / "sample-agri-2023.yaml", book, "--out", out, "--formats", "ipynb")
    assert proc.returncode == 3
    assert f"{book}: 部门!A3: 部门代码 'sample-agri' 重复：{PARAMS / 'sample-agri-2023.yaml'} 已有该部门" in proc.stderr


def test_the_report_a_params_file_was_extracted_from_is_copied_too(tmp_path):
    from selfeval.cli import main  # noqa: PLC0415

    src = tmp_path / "src"
    src.mkdir()
    (src / "archive.txt").write_text("示例县档案馆2023年度部门整体支出绩效自评报告\n本部门2023年度收入合计120.00万元，其中："
                                     "财政拨款收入120.00万元，占100%。\n本部门2023年度支出合计120.00万元，其中：基本支出"
                                     "120.00万元，占100%。\n", encoding="utf-8")
    assert main(["extract", str(src / "archive.txt"), "-o", str(src / "archive.yaml")]) == 0
    out = tmp_path / "out"
    assert selfeval_cli("batch", src, "--out", out, "--formats", "ipynb").returncode == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {"path": "inputs/reports/archive.txt", "kind": "report", "source": str(src / "archive.txt")} in (
        manifest["inputs"])
    assert (out / "inputs/reports/archive.txt").read_bytes() == (src / "archive.txt").read_bytes()
