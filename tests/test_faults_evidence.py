"""Issue 18, evidence half: reserved names, what the manifest hashes, promised outputs, paths that leave the
folder, malformed manifests.

Each test is one attack of the issue; its docstring gives the repro that broke (or was checked) before the fix.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from selfeval.batch import run_batch
from selfeval.evidence import MANIFEST, MANIFEST_SHA, ManifestError, read_manifest, run_meta, verify, write_manifest
from tests.test_batch import PARAMS, selfeval, variant


def rewrite_manifest(out: Path, change) -> None:  # noqa: ANN001 - a function of the manifest dict
    """Edit manifest.json and rewrite manifest.sha256 to match, as someone covering their tracks would."""
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    change(manifest)
    data = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    (out / MANIFEST).write_bytes(data)
    (out / MANIFEST_SHA).write_text(f"{hashlib.sha256(data).hexdigest()}  {MANIFEST}\n", encoding="utf-8")


def package(out: Path, files: dict[str, str]) -> Path:
    """A folder with these files and its manifest, written by the manifest writer itself."""
    for name, text in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    write_manifest(out, [], run_meta(datetime.now(timezone.utc), None, []))
    return out


@pytest.fixture(scope="module")
def one_department(tmp_path_factory) -> Path:
    """A batch of one department (notebook and HTML), verified."""
    src = tmp_path_factory.mktemp("params")
    variant(src, "sample-agri-2023.yaml", "agri")
    out = tmp_path_factory.mktemp("batch") / "out"
    assert not run_batch([src], out, workers=1, formats=("ipynb", "html")).failed
    assert verify(out).ok
    return out


def test_department_code_index_does_not_overwrite_the_batch_index(tmp_path):
    """A department coded `index`: its report was overwritten by the batch index; record ok; verified."""
    src = tmp_path / "params"
    src.mkdir()
    variant(src, "sample-agri-2023.yaml", "index")
    out = tmp_path / "out"
    result = run_batch([src], out, workers=1, formats=("ipynb", "html"))
    assert [r["id"] for r in result.failed] == ["index"]
    assert "保留名" in result.failed[0]["reason"] and "index.html" in result.failed[0]["reason"]
    assert not (out / "index.ipynb").exists()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<tbody>" in page and "运行失败" in page  # the batch's own index, listing the refused department
    assert verify(out).ok


@pytest.mark.parametrize("code", ["manifest", "status", "inputs"])
def test_the_folders_other_names_are_reserved_codes_too(tmp_path, code):
    """Codes `manifest`, `status`, `inputs` would name reports after the folder's own files."""
    src = tmp_path / "params"
    src.mkdir()
    variant(src, "sample-agri-2023.yaml", code, stem="dept")
    result = run_batch([src], tmp_path / "out", workers=1, formats=("ipynb",))
    assert [r["id"] for r in result.failed] == ["dept"] and "保留名" in result.failed[0]["reason"]


def test_a_file_named_manifest_json_below_the_top_is_hashed(tmp_path):
    """`o/x/manifest.json`, `o/status/manifest.json` were never checked (held before this fix; kept as a guard)."""
    out = package(tmp_path / "out", {"x/manifest.json": "{}", "status/manifest.json": "{}", "a.html": "a"})
    listed = {row["path"] for row in read_manifest(out)["files"]}
    assert {"x/manifest.json", "status/manifest.json", "a.html"} <= listed
    (out / "x" / "manifest.json").write_text('{"changed": 1}', encoding="utf-8")
    assert verify(out).changed == ["x/manifest.json"]


def test_a_params_file_named_manifest_yaml_has_its_status_record_hashed(tmp_path):
    """A params file `manifest.yaml` got a status record (status/manifest.json) that was never hashed."""
    src = tmp_path / "params"
    src.mkdir()
    bad = (PARAMS / "sample-agri-2023.yaml").read_text(encoding="utf-8").replace("amount: 80.40", "amount: n/a")
    (src / "manifest.yaml").write_text(bad, encoding="utf-8")
    out = tmp_path / "out"
    run_batch([src], out, workers=1, formats=("ipynb",))
    assert (out / "status" / "manifest.json").is_file()
    assert "status/manifest.json" in {row["path"] for row in read_manifest(out)["files"]}
    (out / "status" / "manifest.json").write_text("{}", encoding="utf-8")
    assert verify(out).changed == ["status/manifest.json"]


def test_deleting_an_output_and_its_manifest_row_does_not_verify(one_department, tmp_path):
    """Deleting a PDF and its manifest row (manifest.sha256 rewritten) verified, though the hashed index and
    status record still link it. Here the department's HTML, the same for any output."""
    out = tmp_path / "copy"
    shutil.copytree(one_department, out)
    (out / "agri.html").unlink()
    rewrite_manifest(out, lambda m: m.update(files=[r for r in m["files"] if r["path"] != "agri.html"]))
    result = verify(out)
    assert not result.ok
    assert any(name.startswith("agri.html (named by status/agri.json") for name in result.missing), result.missing
    proc = selfeval("verify", str(out))
    assert proc.returncode == 1 and "missing: agri.html" in proc.stdout


def test_a_manifest_row_that_leaves_the_folder_through_a_link_is_refused(tmp_path):
    """A manifest row `{"path": "../../../etc/hostname"}` was followed outside the folder; a row through a
    symlinked folder (`link/secret`, link → outside) still was."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_text("not evidence", encoding="utf-8")
    out = package(tmp_path / "out", {"a.html": "a"})
    (out / "link").symlink_to(outside, target_is_directory=True)
    row = {"path": "link/secret", "size": 12, "sha256": hashlib.sha256(b"not evidence").hexdigest()}
    rewrite_manifest(out, lambda m: m["files"].append(row))
    rewrite_manifest(out, lambda m: m["files"].append({**row, "path": "../../../etc/hostname"}))
    result = verify(out)
    assert sorted(result.outside) == ["../../../etc/hostname", "link/secret"] and not result.ok


MALFORMED = {  # how the manifest is spoiled, and what verify must then say is wrong with it
    "truncated": (lambda text: text[: len(text) // 2], "不是完整的 JSON"),
    "empty-object": (lambda text: "{}", "没有 files 列表"),
    "a-list": (lambda text: "[]", "没有 files 列表"),
    "row-without-size": (lambda text: json.dumps({**json.loads(text), "files": [
        {k: v for k, v in row.items() if k != "size"} for row in json.loads(text)["files"]]}), "files[0] 缺少 size"),
    "utf-16": (lambda text: text, "不是 UTF-8 编码"),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_manifest_is_reported_as_such(tmp_path, kind):
    """`verify` on a truncated manifest, `{}`, a row without `size`, UTF-16: raw tracebacks, a bare `'size'`,
    or (for `{}`) every file listed as added."""
    out = package(tmp_path / "out", {"a.html": "a"})
    spoil, said = MALFORMED[kind]
    text = spoil((out / MANIFEST).read_text(encoding="utf-8"))
    (out / MANIFEST).write_bytes(text.encode("utf-16" if kind == "utf-16" else "utf-8"))
    with pytest.raises(ManifestError, match=re.escape(said)):
        verify(out)
    proc = selfeval("verify", str(out))
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert said in proc.stderr and "added:" not in proc.stdout


def test_listed_paths_are_inside_unless_a_link_of_theirs_leaves_the_folder(tmp_path):
    """The folder's parts are resolved once; a file that is itself a link is followed, a loop is outside."""
    from selfeval.evidence import _Inside

    out, outside = tmp_path / "out", tmp_path / "outside"
    (out / "sub").mkdir(parents=True)
    outside.mkdir()
    (out / "sub" / "real.txt").write_text("x", encoding="utf-8")
    (out / "sub" / "in.txt").symlink_to(out / "sub" / "real.txt")
    (out / "sub" / "out.txt").symlink_to(outside / "secret")
    (out / "loop").symlink_to(out / "loop")
    (out / "away").symlink_to(outside)
    inside = _Inside(out)
    assert [inside(n) for n in ("sub/real.txt", "sub/in.txt", "missing.txt", "sub/missing/x")] == [True] * 4
    assert [inside(n) for n in ("sub/out.txt", "loop", "loop/x", "away/x", "../x", "/etc/hostname", "")] == [False] * 7


def test_the_files_of_a_folder_are_those_rglob_finds_in_path_order(tmp_path):
    """Links to files are files, linked folders are not entered, names sort part by part (a/b before a-c)."""
    from selfeval.evidence import UNLISTED, output_files

    out = tmp_path / "out"
    (out / "a" / "b").mkdir(parents=True)
    (out / "a-c").mkdir()
    for name in ("x.pdf", "a/b/y", "a-c/z", "a/q", "manifest.json", "a/manifest.json", ".top", "A.txt"):
        (out / name).write_text("1", encoding="utf-8")
    (out / "link").symlink_to(out / "x.pdf")
    (out / "folder-link").symlink_to(out / "a")
    (out / "broken").symlink_to(out / "nowhere")
    by_rglob = sorted(p for p in out.rglob("*") if p.is_file() and not (p.parent == out and p.name in UNLISTED))
    assert output_files(out) == by_rglob
    assert [p.relative_to(out).as_posix() for p in by_rglob][:4] == [".top", "A.txt", "a/b/y", "a/manifest.json"]
