"""Benchmark: `selfeval batch` against the naive route, the floor, and peak memory.

Usage: python bench/batch.py [N] [--naive K] [--memory M]
  N          departments in the timed batch (default 20), variants of the bundled params
  --naive K  run the naive route on K of them (default: all N); its cost per department is flat
  --memory M also run a batch of M departments and print its peak memory (the issue asks M = 200)

The naive route is three processes per department: the papermill CLI, `jupyter nbconvert --to
selfeval_html` and `jupyter nbconvert --to selfeval_pdf`. Run by hand; it prints its figures.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import write_variants  # noqa: E402 - the sibling benchmark's params generator

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "self_evaluation.ipynb"


def naive(params: list[Path], out: Path) -> float:
    """Seconds per department for the three-processes-per-department route."""
    start = time.perf_counter()
    for path in params:
        nb = out / f"{path.stem}.ipynb"
        subprocess.run([BIN / "papermill", NOTEBOOK, nb, "-p", "params_path", str(path), "--cwd", NOTEBOOK.parent,
                        "--no-progress-bar"], check=True, capture_output=True)
        for fmt in ("selfeval_html", "selfeval_pdf"):
            subprocess.run([BIN / "jupyter", "nbconvert", "--to", fmt, nb, "--output-dir", out],
                           check=True, capture_output=True)
    return (time.perf_counter() - start) / len(params)


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def batch(params_dir: Path, out: Path, n: int) -> tuple[float, float]:
    """Seconds per department and peak memory (MiB, whole process tree) of `selfeval batch`."""
    start = time.perf_counter()
    proc = subprocess.Popen([BIN / "selfeval", "batch", params_dir, "--out", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    proc.wait()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"selfeval batch exited {proc.returncode}; see {out / 'index.html'}")
    return (time.perf_counter() - start) / n, peak / 1024


def floor(repeats: int = 5) -> float:
    """Seconds to start a kernel, import what the notebook imports, and run one trivial cell."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from selfeval import display\n1 + 1")])
    start = time.perf_counter()
    for _ in range(repeats):
        NotebookClient(nb, kernel_name="python3").execute()
    return (time.perf_counter() - start) / repeats


def main() -> None:
    """Run the comparisons and print them."""
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=20)
    parser.add_argument("--naive", type=int, default=None)
    parser.add_argument("--memory", type=int, default=None)
    args = parser.parse_args()
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "params").mkdir()
        params = write_variants(tmp_path / "params", args.n)
        (tmp_path / "naive").mkdir()
        naive_s = naive(params[: args.naive or args.n], tmp_path / "naive")
        batch_s, peak = batch(tmp_path / "params", tmp_path / "batch", args.n)
        floor_s = floor()
        print(f"departments:                  {args.n} (naive route on {args.naive or args.n}), {workers} workers")
        print(f"naive route:                  {naive_s:.2f} s per department")
        print(f"selfeval batch:               {batch_s:.2f} s per department (peak memory {peak:.0f} MiB)")
        print(f"speed-up:                     {naive_s / batch_s:.1f}x (goal: at least 6x)")
        print(f"floor (kernel+imports+cell):  {floor_s:.2f} s per department, {floor_s / workers:.2f} s with {workers} workers")
        print(f"batch over floor:             {batch_s / (floor_s / workers):.1f}x")
        if args.memory:
            (tmp_path / "params-m").mkdir()
            write_variants(tmp_path / "params-m", args.memory)
            _, peak_m = batch(tmp_path / "params-m", tmp_path / "batch-m", args.memory)
            print(f"peak memory, {args.n} departments:  {peak:.0f} MiB")
            print(f"peak memory, {args.memory} departments: {peak_m:.0f} MiB (goal: flat, not growing with N)")


if __name__ == "__main__":
    main()
