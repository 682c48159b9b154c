"""Benchmark: load and check N department params files in one process (goal: 10,000 in under 10 s).

Usage: python bench/check.py [N]. Writes N variants of the bundled params into a temporary folder,
then times loading and checking them all; prints the figures. Run by hand, not as a test.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from selfeval import load, run_checks

PARAMS = Path(__file__).resolve().parent.parent / "params"


def write_variants(folder: Path, n: int) -> list[Path]:
    """N params files: the bundled ones, each with its own code, repeated."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(PARAMS.glob("*.yaml"))]
    paths = []
    for i in range(n):
        text = sources[i % len(sources)]
        code_line = next(line for line in text.splitlines() if "code:" in line)
        old = code_line.split("code:")[1].split(",")[0].strip()
        path = folder / f"dept-{i:05d}.yaml"
        path.write_text(text.replace(f"code: {old}", f"code: {old}-{i}", 1), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Time the load-and-check loop and print seconds, files per second and findings."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_variants(Path(tmp), n)
        start = time.perf_counter()
        findings = failed = 0
        for path in paths:
            results = run_checks(load(path))
            findings += len(results)
            failed += sum(1 for f in results if f.status == "fail")
        elapsed = time.perf_counter() - start
    print(f"files checked:      {n}")
    print(f"findings:           {findings} ({failed} failing)")
    print(f"seconds:            {elapsed:.2f}  (goal: under 10 s for 10,000)")
    print(f"files per second:   {n / elapsed:.0f}")


if __name__ == "__main__":
    main()
