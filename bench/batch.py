"""Benchmark: `selfeval batch` against the naive route and the kernel floor, with the batch's cost broken down.

Usage: python bench/batch.py [N] [--naive K] [--memory M]
  N          departments in the timed batch (default 20), variants of the bundled params
  --naive K  run the naive route on K of them (default: all N); its cost per department is flat
  --memory M also run a batch of M departments and print its peak memory (the issue asks M = 200)

The naive route is three processes per department: the papermill CLI, `jupyter nbconvert --to html` and
`jupyter nbconvert --to selfeval_pdf`. The floor is what no batch can avoid: per department a kernel
started, `from selfeval import display` run in it and one trivial cell, on as many workers as the batch.

The breakdown comes from the timed batch itself. Its command is this file run as `--as-batch`; the
batch's workers are spawned, so each imports this file again as its main module and, with PHASES_ENV
set, wraps the steps of a department in timers and appends one line of seconds per department to a log.
Run by hand; it prints its figures.
"""
from __future__ import annotations

import argparse
import functools
import inspect
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import write_variants  # noqa: E402 - the sibling benchmark's params generator

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "self_evaluation.ipynb"
PHASES_ENV = "SELFEVAL_BENCH_PHASES"
PHASES = ("kernel start", "kernel shutdown", "cell 1: imports, open_audit", "other cells", "HTML export", "PDF print",
          "writing and hashing", "browser start", "other (load, checks, papermill)")
_spent: dict[str, float] = defaultdict(float)


def _timed(phase: str | None, fn):  # noqa: ANN001, ANN202 - wraps any function, sync or async
    """fn, adding its seconds to _spent[phase] (a cell's phase named by its source when phase is None)."""
    def name(args: tuple) -> str:
        if phase is not None:
            return phase
        return PHASES[2] if "from selfeval import display" in args[1].source else PHASES[3]

    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def timed_async(*args, **kw):  # noqa: ANN002, ANN003, ANN202
            start = time.perf_counter()
            try:
                return await fn(*args, **kw)
            finally:
                _spent[name(args)] += time.perf_counter() - start
        return timed_async

    @functools.wraps(fn)
    def timed(*args, **kw):  # noqa: ANN002, ANN003, ANN202
        start = time.perf_counter()
        try:
            return fn(*args, **kw)
        finally:
            _spent[name(args)] += time.perf_counter() - start
    return timed


def instrument(log: Path) -> None:
    """Time a department's steps in this process; each department appends its seconds to `log`."""
    # selfeval first: its noiri guard keeps jsonschema's IRI grammar (~2 s) out of nbclient's import, as
    # in the batch without this file
    from selfeval import batch, run, worker  # noqa: PLC0415, I001
    from nbclient import NotebookClient  # noqa: PLC0415

    # papermill calls nbclient's synchronous methods, each bound to its async twin when the class was made
    for method in ("start_new_kernel", "start_new_kernel_client"):
        setattr(NotebookClient, method, _timed(PHASES[0], getattr(NotebookClient, method)))
    NotebookClient._cleanup_kernel = _timed(PHASES[1], NotebookClient._cleanup_kernel)  # noqa: SLF001
    NotebookClient.execute_cell = _timed(None, NotebookClient.execute_cell)
    run.export_html = _timed(PHASES[4], run.export_html)
    run.export_pdf = _timed(PHASES[5], run.export_pdf)
    for module in (run, worker):
        module.write_atomic = _timed(PHASES[6], module.write_atomic)
        module.sha256 = _timed(PHASES[6], module.sha256)
    worker._printer = _timed(PHASES[7], worker._printer)  # noqa: SLF001 - the browser, started once a worker
    process = worker.process

    @functools.wraps(process)
    def timed_process(*args, **kw):  # noqa: ANN002, ANN003, ANN202
        _spent.clear()
        began, start = time.time(), time.perf_counter()
        record = process(*args, **kw)
        total = time.perf_counter() - start
        _spent[PHASES[-1]] = total - sum(_spent.values())
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"total": total, "began": began, "ended": time.time(), **_spent}) + "\n")
        return record

    # the pool pickles worker.process by name: the parent's batch module and every worker see the wrapper
    worker.process = batch.process = timed_process


if os.environ.get(PHASES_ENV):
    instrument(Path(os.environ[PHASES_ENV]))


def naive(params: list[Path], out: Path) -> float:
    """Seconds per department for the three-processes-per-department route."""
    start = time.perf_counter()
    for path in params:
        nb = out / f"{path.stem}.ipynb"
        subprocess.run([BIN / "papermill", NOTEBOOK, nb, "-p", "params_path", str(path), "--cwd", NOTEBOOK.parent,
                        "--no-progress-bar"], check=True, capture_output=True)
        for fmt in ("html", "selfeval_pdf"):
            subprocess.run([BIN / "jupyter", "nbconvert", "--to", fmt, nb, "--output-dir", out],
                           check=True, capture_output=True)
    return (time.perf_counter() - start) / len(params)


def _tree_pss_kb(root: int) -> int:
    """Proportional memory (PSS) of a process and all its descendants, from /proc.

    PSS, not RSS: Chromium's dozen processes and the kernels share most of their pages, and a sum of RSS
    counts each shared page once per process (about twice the real figure here).
    """
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
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def batch(params_dir: Path, out: Path, n: int, log: Path | None = None) -> tuple[float, float]:
    """Seconds per department and peak memory (MiB of PSS, whole process tree) of `selfeval batch`, timed by phase
    into `log` when given (its first line: when the command started and ended)."""
    env = {**os.environ, PHASES_ENV: str(log)} if log else dict(os.environ)
    began, start = time.time(), time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--as-batch", params_dir, out], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_pss_kb(proc.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    proc.wait()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"selfeval batch exited {proc.returncode}; see {out / 'index.html'}")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"command": True, "began": began, "ended": time.time()}) + "\n")
    return (time.perf_counter() - start) / n, peak / 1024


def _cell_seconds(cell) -> float:  # noqa: ANN001 - an executed nbformat cell
    """How long the kernel took over a cell, from nbclient's timing metadata."""
    timing = cell.metadata.execution
    return (datetime.fromisoformat(timing["shell.execute_reply"])
            - datetime.fromisoformat(timing["iopub.execute_input"])).total_seconds()


def floor_one(_: int) -> tuple[float, float]:
    """One department's floor: a kernel started as the batch starts it, the report's import, a trivial cell.

    Returns the seconds of the whole and of the import cell.
    """
    import nbformat  # noqa: PLC0415
    from nbclient import NotebookClient  # noqa: PLC0415

    from selfeval.kernels import IPCKernelManager  # noqa: PLC0415

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from selfeval import display"),
                                         nbformat.v4.new_code_cell("1 + 1")])
    start = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", kernel_manager_class=IPCKernelManager,
                   shutdown_kernel="immediate").execute()  # stopped as the batch stops its kernels
    return time.perf_counter() - start, _cell_seconds(nb.cells[0])


def floor(n: int, workers: int) -> tuple[float, float, float]:
    """Wall seconds per department of n floors on `workers` spawned processes, with the mean seconds of one
    floor and of its import cell."""
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        runs = pool.map(floor_one, range(n))
    wall = (time.perf_counter() - start) / n
    return wall, sum(r[0] for r in runs) / n, sum(r[1] for r in runs) / n


def phases(log: Path) -> tuple[int, dict[str, float], tuple[float, float]]:
    """The departments timed in the log, each phase's mean seconds per department, and the command's seconds
    before its first department began and after its last ended."""
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    command = next(r for r in rows if r.get("command"))
    rows = [r for r in rows if not r.get("command")]
    means = {p: sum(r.get(p, 0.0) for r in rows) / len(rows) for p in ("total", *PHASES)}
    return len(rows), means, (min(r["began"] for r in rows) - command["began"],
                              command["ended"] - max(r["ended"] for r in rows))


def print_breakdown(count: int, means: dict[str, float], outside: tuple[float, float], workers: int,
                    import_s: float) -> None:
    """The batch's cost per department, phase by phase, in one worker's seconds and as a share of the wall."""
    print(f"batch outside its departments: {outside[0]:.1f} s before the first began (start-up, staging), "
          f"{outside[1]:.1f} s after the last ended (index, manifest, closing)")
    print(f"batch cost per department (mean of {count}, one worker's seconds; wall is about this / {workers}):")
    for phase in PHASES:
        note = f"  (the import alone: {import_s:.2f} s, from the floor)" if phase == PHASES[2] else ""
        print(f"  {phase:34s} {means[phase]:6.2f} s  {means[phase] / means['total']:4.0%}{note}")
    print(f"  {'total':34s} {means['total']:6.2f} s")


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
        batch_s, peak = batch(tmp_path / "params", tmp_path / "batch", args.n, log=tmp_path / "phases.jsonl")
        floor_s, one_floor_s, import_s = floor(args.n, workers)
        print(f"departments:                  {args.n} (naive route on {args.naive or args.n}), {workers} workers")
        print(f"naive route:                  {naive_s:.2f} s per department")
        print(f"selfeval batch:               {batch_s:.2f} s per department (peak memory {peak:.0f} MiB PSS)")
        print(f"floor, {workers} workers:              {floor_s:.2f} s per department (one floor {one_floor_s:.2f} s)")
        print(f"batch vs naive:               {naive_s / batch_s:.1f}x faster (goal: at least 10x)")
        print(f"batch over floor:             {batch_s / floor_s:.2f}x (goal: at most 1.3x)")
        print_breakdown(*phases(tmp_path / "phases.jsonl"), workers, import_s)
        if args.memory:
            (tmp_path / "params-m").mkdir()
            write_variants(tmp_path / "params-m", args.memory)
            _, peak_m = batch(tmp_path / "params-m", tmp_path / "batch-m", args.memory)
            print(f"peak memory, {args.n} departments:  {peak:.0f} MiB PSS")
            print(f"peak memory, {args.memory} departments: {peak_m:.0f} MiB PSS (goal: flat, not growing with N)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--as-batch"]:
        from selfeval.cli import main as selfeval_main  # noqa: PLC0415

        sys.exit(selfeval_main(["batch", sys.argv[2], "--out", sys.argv[3]]))
    main()
