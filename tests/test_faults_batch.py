"""Issue 18, batch half: resume, the folder lock, a killed worker, disk full, read-only folders, bad settings.

Each test is one attack of the issue; its docstring gives the repro that broke before the fix.
"""
from __future__ import annotations

import json
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import nbformat
import pytest

from selfeval.batch import run_batch
from selfeval.evidence import verify
from selfeval.files import WriteFailed, folder_lock
from selfeval.pdf import BadSetting, timeout_seconds
from selfeval.run import execute
from tests.conftest import LUQUAN
from tests.test_batch import selfeval, variant, variants

KILL_WORKER = """import os, signal
import selfeval
code = selfeval.load(params_path).department.code
if code.endswith("-killworker"):
    os.kill(os.getppid(), signal.SIGKILL)  # the kernel's parent is the batch worker running this department
print("small notebook:", code)
"""


def small_notebook(folder: Path) -> Path:
    """A report notebook of two cells that kills its own worker for a department coded *-killworker."""
    params = nbformat.v4.new_code_cell('params_path = ""')
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params, nbformat.v4.new_code_cell(KILL_WORKER)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "small.ipynb"
    nbformat.write(nb, path)
    return path


def records(out: Path) -> dict[str, dict]:
    """The status records of a folder, by department id."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "status").glob("*.json")}


@contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted at `where` (a disk that fills up), unmounted afterwards.

    The project's machines and CI run as root, where `mount -t tmpfs` works: a refusal is a failure of the set-up,
    never a reason to pass over the test."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode:
        pytest.fail(f"mount -t tmpfs refused (uid {os.geteuid()}): {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def read_only(where: Path) -> None:
    """Remount a tmpfs read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def whole_notebooks(out: Path) -> list[str]:
    """Every .ipynb under the folder's final names, each read back whole (nbformat raises on a cut-short one)."""
    names = []
    for path in sorted(out.glob("*.ipynb")):
        nbformat.read(str(path), as_version=4)
        names.append(path.name)
    return names


def test_resume_with_other_formats_redoes_the_department(tmp_path):
    """`batch --formats ipynb` then `batch --resume` (default formats) said "completed" with only .ipynb files."""
    src = tmp_path / "params"
    src.mkdir()
    variant(src, "sample-agri-2023.yaml", "agri")
    out = tmp_path / "out"
    run_batch([src], out, workers=1, formats=("ipynb",))
    again = run_batch([src], out, workers=1, formats=("ipynb", "html"), resume=True)
    assert not again.failed
    assert (out / "agri.html").is_file()
    assert records(out)["agri"]["outputs"] == {"ipynb": "agri.ipynb", "html": "agri.html"}


def test_resume_with_another_notebook_redoes_the_department(tmp_path):
    """`batch --resume --notebook other.ipynb` kept the old notebook's outputs."""
    src = tmp_path / "params"
    src.mkdir()
    variant(src, "sample-agri-2023.yaml", "agri")
    out = tmp_path / "out"
    run_batch([src], out, workers=1, formats=("ipynb",))
    run_batch([src], out, workers=1, formats=("ipynb",), resume=True, notebook=small_notebook(tmp_path))
    executed = nbformat.read(str(out / "agri.ipynb"), as_version=4)
    assert "small notebook: agri" in json.dumps(executed.cells[-1].outputs, ensure_ascii=False)
    assert verify(out).ok


def test_a_second_batch_on_a_locked_folder_says_so_and_writes_nothing(tmp_path):
    """Two batches into one folder: no lock, and the second's start-up clean-up removed the first's temporaries
    (`FileNotFoundError` on a rename in the running batch)."""
    src = tmp_path / "params"
    src.mkdir()
    variant(src, "sample-agri-2023.yaml", "agri")
    out = tmp_path / "out"
    out.mkdir()
    running = out / ".agri.4242.tmp.ipynb"  # what a running batch is writing
    running.write_text("{", encoding="utf-8")
    with folder_lock(out):
        second = selfeval("batch", str(src), "--out", str(out), "--formats", "ipynb", timeout=120)
    assert second.returncode == 3, second.stderr
    assert "正被另一批次写入" in second.stderr and f"进程 {os.getpid()}" in second.stderr
    assert "Traceback" not in second.stderr
    assert running.exists(), "the second batch cleaned up a running batch's temporary"
    assert sorted(p.name for p in out.iterdir()) == [running.name], "the second batch wrote into a locked folder"


def test_a_killed_pool_worker_costs_only_its_department(tmp_path):
    """Killing one pool worker marked every remaining department failed ("worker process died"), most never started."""
    src = tmp_path / "params"
    src.mkdir()
    for code in ("a-killworker", "b-one", "c-two", "d-three"):
        variant(src, "sample-agri-2023.yaml", code)
    out = tmp_path / "out"
    result = run_batch([src], out, workers=2, formats=("ipynb",), notebook=small_notebook(tmp_path))
    assert [r["id"] for r in result.failed] == ["a-killworker"]
    assert result.failed[0]["reason"] == "worker process died"
    for code in ("b-one", "c-two", "d-three"):
        assert records(out)[code]["status"] in ("ok", "findings")
        assert (out / f"{code}.ipynb").is_file()
    assert verify(out).ok


def test_disk_full_gives_one_message_and_leaves_nothing_half_written(tmp_path):
    """A batch onto a full disk: a traceback, and truncated .ipynb files left under their final names
    (run.execute's error path published papermill's partial temporary)."""
    src = variants(tmp_path, "sample-agri-2023.yaml", "agri", 5)
    with tmpfs(tmp_path / "disk", "120k") as disk:
        out = disk / "out"
        proc = selfeval("batch", str(src), "--out", str(out), "--formats", "ipynb", "--workers", "2", timeout=300)
        assert proc.returncode == 3, proc.stderr
        assert "Traceback" not in proc.stderr
        assert "磁盘空间不足" in proc.stderr
        assert not list(out.rglob(".*.tmp*")), "a temporary was left behind"
        kept = whole_notebooks(out)
        assert 0 < len(kept) < 5
        done = [code for code, r in records(out).items() if r["status"] != "failed"]
        assert {f"{code}.ipynb" for code in done} <= set(kept)
        assert (out / "index.html").is_file() or "未写入索引" in proc.stderr
        assert verify(out).ok if (out / "manifest.json").is_file() else "未写入清单" in proc.stderr
        subprocess.run(["mount", "-o", "remount,size=4m", str(disk)], check=True)
        resumed = selfeval("batch", str(src), "--out", str(out), "--formats", "ipynb", "--resume", timeout=300)
        assert resumed.returncode == 0, resumed.stderr
        assert resumed.stderr.count("skipped (already done)") == len(done)
        assert len(whole_notebooks(out)) == 5 and verify(out).ok


def test_execute_on_a_full_disk_publishes_no_partial_notebook(tmp_path):
    """run.execute's error path published a partial temporary under the final name when papermill's save failed."""
    with tmpfs(tmp_path / "disk", "40k") as disk:
        output = disk / "luquan-cac.ipynb"
        with pytest.raises(WriteFailed, match="磁盘空间不足"):
            execute(LUQUAN, output)
        assert os.listdir(disk) == [], "a cut-short notebook or its temporary was left"


def test_read_only_output_folder_gives_one_message_and_no_traceback(tmp_path):
    """Read-only output folder: an `OSError` traceback from batch, and `run` claimed `written: …ipynb`."""
    with tmpfs(tmp_path / "disk", "1m") as disk:
        earlier = disk / "luquan-cac.ipynb"  # an earlier run's notebook, which this run does not write
        earlier.write_text("{}", encoding="utf-8")
        read_only(disk)
        batch = selfeval("batch", str(LUQUAN), "--out", str(disk), "--formats", "ipynb", timeout=120)
        run = selfeval("run", str(LUQUAN), "--out", str(disk), timeout=120)
    assert batch.returncode == 3 and "Traceback" not in batch.stderr
    assert "文件系统只读" in batch.stderr
    assert run.returncode == 3 and "Traceback" not in run.stderr
    assert "文件系统只读" in run.stderr and "(written: nothing)" in run.stderr
    assert "luquan-cac: ipynb:" not in run.stdout


@pytest.mark.parametrize("address", ["not a url", "tcp://127.0.0.1:1"], ids=["not-a-url", "nothing-listening"])
def test_bad_dask_scheduler_is_a_clear_message(tmp_path, address):
    """`--dask-scheduler tcp://127.0.0.1:1` or `"not a url"`: tracebacks."""
    out = tmp_path / "out"
    proc = selfeval("batch", str(LUQUAN), "--out", str(out), "--dask-scheduler", address, timeout=120)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "--dask-scheduler" in proc.stderr or "Dask 调度器" in proc.stderr
    assert address in proc.stderr
    assert not out.exists(), "a batch that could not start wrote into its folder"


def test_bad_pdf_timeout_is_a_clear_message(tmp_path, monkeypatch):
    """`SELFEVAL_PDF_TIMEOUT=abc selfeval batch …` (and `run`): a ValueError traceback."""
    out = tmp_path / "out"
    proc = selfeval("batch", str(LUQUAN), "--out", str(out), env={"SELFEVAL_PDF_TIMEOUT": "abc"}, timeout=120)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert "SELFEVAL_PDF_TIMEOUT 应为正的秒数（如 60），得到 'abc'" in proc.stderr
    assert not out.exists()
    run = selfeval("run", str(LUQUAN), "--out", str(out), env={"SELFEVAL_PDF_TIMEOUT": "abc"}, timeout=300)
    assert run.returncode == 3 and "Traceback" not in run.stderr
    assert "未生成 PDF：SELFEVAL_PDF_TIMEOUT 应为正的秒数" in run.stderr  # the notebook and HTML are kept
    assert (out / "luquan-cac.html").is_file() and not (out / "luquan-cac.pdf").exists()
    for bad in ("abc", "0", "-5", "nan", "inf"):
        monkeypatch.setenv("SELFEVAL_PDF_TIMEOUT", bad)
        with pytest.raises(BadSetting):
            timeout_seconds()
    monkeypatch.setenv("SELFEVAL_PDF_TIMEOUT", "7.5")
    assert timeout_seconds() == 7.5
