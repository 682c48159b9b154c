"""Benchmark: load and check N department params files (goal: 10,000 seed-shaped in under 5 s).

Usage: python bench/check.py [N]. Writes N variants of bundled params into a temporary folder, then
times loading and checking them all, for departments shaped like the seed report (the bundled files
without project score tables, 1-1.5 KB each) and for all bundled files, whose score-table samples run
to 10 KB and 160 findings each: in one process, and as `selfeval check` does it (checkmany.check_many
with the workers it would start: every core, for 400 files or more), which is the goal's figure.
Prints the figures, with a bare loop's time before and after them for the machine's state (about
0.2 s when it was measured idle first, 0.4 s since); not a test.
"""
from __future__ import annotations

import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from selfeval import load
from selfeval.checkmany import Checked, check_many, workers_for

PARAMS = Path(__file__).resolve().parent.parent / "params"


def write_variants(folder: Path, n: int, sources: list[str] | None = None) -> list[Path]:
    """N params files: the given texts (default: every bundled file), each with its own code, repeated."""
    sources = sources or [p.read_text(encoding="utf-8") for p in sorted(PARAMS.glob("*.yaml"))]
    paths = []
    for i in range(n):
        text = sources[i % len(sources)]
        code_line = next(line for line in text.splitlines() if "code:" in line)
        old = code_line.split("code:")[1].split(",")[0].strip()
        path = folder / f"dept-{i:05d}.yaml"
        path.write_text(text.replace(f"code: {old}", f"code: {old}-{i}", 1), encoding="utf-8")
        paths.append(path)
    return paths


def seed_shaped() -> list[str]:
    """The bundled params whose projects carry no score table, as text."""
    return [p.read_text(encoding="utf-8") for p in sorted(PARAMS.glob("*.yaml"))
            if not any(project.has_table for project in load(p).projects)]


def time_checks(paths: list[Path], workers: int = 1) -> tuple[float, int, int]:
    """Seconds to load and check every file with `workers` processes, the findings and the failing ones."""
    start = time.perf_counter()
    findings = failed = 0
    for outcome in check_many(paths, workers):
        if isinstance(outcome, Checked):
            findings += len(outcome.findings)
            failed += sum(1 for f in outcome.findings if f.status == "fail")
    return time.perf_counter() - start, findings, failed


def bare_loop() -> float:
    """Seconds for a bare loop of ten million steps: how busy the machine is, to read the figures by."""
    start = time.perf_counter()
    [0 for _ in range(10_000_000)]
    return time.perf_counter() - start


def bare_loops(workers: int) -> float:
    """Seconds for the bare loop run in `workers` processes at once (the slowest): whether every core is free."""
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return max(pool.map(_bare_loop_in_worker, range(workers)))


def _bare_loop_in_worker(_: int) -> float:
    return bare_loop()


def main() -> None:
    """Time the load-and-check loop for both mixes and print the figures."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    workers = workers_for(n)
    print(f"bare loop (10,000,000 steps): {bare_loop():.2f} s; in {workers} processes at once: {bare_loops(workers):.2f} s")
    for label, sources in (("seed-shaped departments", seed_shaped()), ("all bundled departments", None)):
        with tempfile.TemporaryDirectory() as tmp:
            paths = write_variants(Path(tmp), n, sources)
            alone, findings, failed = time_checks(paths)
            shared, *counts = time_checks(paths, workers)
        assert counts == [findings, failed], "the workers found otherwise than one process"
        goal = "; goal: 10,000 in under 5 s" if sources else ""
        print(f"{label}: {n} files in {shared:.2f} s as selfeval check does, with {workers} worker processes "
              f"({n / shared:.0f} files/s{goal}); in one process {alone:.2f} s; {findings} findings, {failed} failing")
    print(f"bare loop (10,000,000 steps): {bare_loop():.2f} s; in {workers} processes at once: {bare_loops(workers):.2f} s")


if __name__ == "__main__":
    main()
