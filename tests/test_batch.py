"""selfeval batch: failure isolation, index, manifest and verify, resume after a kill, and Dask."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from selfeval.batch import run_batch
from selfeval.evidence import verify

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params"
FAULTS = ROOT / "tests" / "data" / "notebooks" / "faults.ipynb"


def variant(folder: Path, source: str, code: str, stem: str | None = None) -> Path:
    """A copy of a bundled params file under another department code."""
    text = (PARAMS / source).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if "code:" in line).split("code:")[1].split(",")[0].strip()
    path = folder / f"{stem or code}.yaml"
    path.write_text(text.replace(f"code: {old}", f"code: {code}", 1), encoding="utf-8")
    return path


def variants(tmp_path: Path, source: str, prefix: str, count: int) -> Path:
    """A params folder of `count` copies of a bundled params file, coded prefix-0, prefix-1, …"""
    src = tmp_path / "params"
    src.mkdir()
    for i in range(count):
        variant(src, source, f"{prefix}-{i}")
    return src


def selfeval(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selfeval", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, **kw)


@pytest.fixture(scope="module")
def faulty_batch(tmp_path_factory):
    """Two good departments and one of each failure kind, run once for the tests below."""
    src = tmp_path_factory.mktemp("params")
    variant(src, "luquan-cac-2022.yaml", "good-one")
    variant(src, "sample-culture-2023.yaml", "good-two")
    for kind in ("raise", "die", "slow", "pdf"):
        variant(src, "sample-agri-2023.yaml", f"dept-{kind}")
    (src / "bad-input.yaml").write_text((PARAMS / "sample-agri-2023.yaml").read_text(encoding="utf-8")
                                        .replace("amount: 80.40", "amount: n/a"), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    proc = selfeval("batch", str(src), "--out", str(out), "--notebook", str(FAULTS), "--timeout", "8",
                    "--workers", "2", env={"SELFEVAL_PDF_TIMEOUT": "8"}, timeout=600)
    records = {json.loads(p.read_text())["id"]: json.loads(p.read_text()) for p in (out / "status").glob("*.json")}
    return proc, out, records


def test_every_failure_is_recorded_with_its_reason_and_the_good_ones_complete(faulty_batch):
    proc, out, records = faulty_batch
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    for good in ("good-one", "good-two"):
        assert records[good]["status"] in ("ok", "findings")
        for suffix in ("ipynb", "html", "pdf"):
            assert (out / f"{good}.{suffix}").stat().st_size > 0
    assert records["bad-input"]["status"] == "failed"
    reason = records["bad-input"]["reason"]  # the loader's own words for the cell: only the place and value here
    assert "income.items[1].amount: " in reason and "n/a" in reason
    assert "RuntimeError" in records["dept-raise"]["reason"] and "planted failure" in records["dept-raise"]["reason"]
    assert "DeadKernelError" in records["dept-die"]["reason"] or "died" in records["dept-die"]["reason"]
    assert "Timeout" in records["dept-slow"]["reason"]
    assert records["dept-pdf"]["reason"].startswith("PDF failed")
    assert (out / "dept-pdf.html").exists() and not (out / "dept-pdf.pdf").exists()
    for failed in ("dept-raise", "dept-die", "dept-slow", "bad-input"):
        assert records[failed]["status"] == "failed"
        assert not (out / f"{failed}.html").exists() and not (out / f"{failed}.pdf").exists()
    assert not list(out.rglob(".*.tmp*")), "a temporary file was left behind"


def test_index_lists_failures_first_with_reasons_and_links(faulty_batch):
    _, out, records = faulty_batch
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in page
    assert "http://" not in page and "https://" not in page
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr ")[1:]
    statuses = [row.split('"')[1] for row in rows]
    assert statuses == sorted(statuses, key=["failed", "findings", "ok"].index), statuses
    assert statuses.count("failed") == 5
    assert "planted failure" in page and "income.items[1].amount: " in page
    assert 'href="good-one.html"' in page and 'href="good-one.pdf"' in page and 'href="good-one.ipynb"' in page


def test_manifest_hashes_every_file_and_records_the_run(faulty_batch):
    _, out, records = faulty_batch
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {row["path"] for row in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"manifest.json", "manifest.sha256"}
    assert listed == on_disk
    assert {"good-one.html", "good-one.pdf", "index.html", "status/good-one.json"} <= listed
    assert len(manifest["inputs"]) == 7
    for key in ("selfeval", "papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "chromium"):
        assert manifest["versions"][key]
    assert manifest["versions"]["chromium"][0].isdigit()
    assert manifest["started"].endswith("+00:00") and manifest["finished"] >= manifest["started"]
    params = {d["id"]: d["parameters"]["params_path"] for d in manifest["departments"]}
    assert params["good-one"] == "inputs/params/good-one.yaml"  # the copy it ran from, inside the folder


def test_verify_passes_then_names_a_changed_and_a_missing_file(faulty_batch, tmp_path):
    _, out, _ = faulty_batch
    ok = selfeval("verify", str(out))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    html = out / "good-two.html"
    original = html.read_bytes()
    try:
        html.write_bytes(original[:100] + bytes([original[100] ^ 1]) + original[101:])
        changed = selfeval("verify", str(out))
        assert changed.returncode == 1 and "changed: good-two.html" in changed.stdout
    finally:
        html.write_bytes(original)
    pdf = out / "good-two.pdf"
    kept = pdf.read_bytes()
    pdf.unlink()
    try:
        missing = selfeval("verify", str(out))
        assert missing.returncode == 1 and "missing: good-two.pdf" in missing.stdout
    finally:
        pdf.write_bytes(kept)
    assert verify(out).ok


def test_resume_after_a_killed_batch_finishes_without_redoing(tmp_path):
    src = variants(tmp_path, "sample-culture-2023.yaml", "resume", 5)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "selfeval", "batch", str(src), "--out", str(out), "--workers", "1",
            "--formats", "ipynb,html"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    try:
        while len(list((out / "status").glob("*.json"))) < 2 if (out / "status").exists() else True:
            assert time.monotonic() < deadline and proc.poll() is None, "batch ended or stalled before the kill"
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole batch: main process, worker, kernel
        proc.wait()
    finished = {p.stem for p in (out / "status").glob("*.json")}
    assert 2 <= len(finished) < 5
    before = {name: (out / f"{name}.ipynb").stat().st_mtime_ns for name in finished}
    again = subprocess.run([*args, "--resume"], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("skipped (already done)") == len(finished)
    for name, mtime in before.items():
        assert (out / f"{name}.ipynb").stat().st_mtime_ns == mtime, f"{name} was executed again"
    for i in range(5):
        assert (out / f"resume-{i}.html").exists()
    assert not list(out.rglob(".*.tmp*"))
    assert verify(out).ok


def test_dask_cluster_produces_the_same_outputs_as_local_workers(tmp_path):
    from distributed import LocalCluster

    src = tmp_path / "params"
    src.mkdir()
    variant(src, "luquan-cac-2022.yaml", "dask-one")
    variant(src, "sample-transport-defects-2023.yaml", "dask-two")
    local, remote = tmp_path / "local", tmp_path / "dask"
    formats = ("ipynb", "html")
    run_batch([src], local, workers=1, formats=formats)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        result = run_batch([src], remote, formats=formats, dask_scheduler=cluster.scheduler_address)
    assert not result.failed
    names = sorted(p.relative_to(local).as_posix() for p in local.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(remote).as_posix() for p in remote.rglob("*") if p.is_file())
    for name in ("dask-one.html", "dask-two.html"):
        assert (local / name).read_bytes() == (remote / name).read_bytes()
    # seconds, browser and the executed notebooks' hashes (papermill stamps each run's times) differ by nature
    strip = lambda r: {k: v for k, v in r.items() if k not in ("seconds", "chromium", "output_sha256")}  # noqa: E731
    for record in (local / "status").glob("*.json"):
        other = remote / "status" / record.name
        assert strip(json.loads(record.read_text())) == strip(json.loads(other.read_text()))
