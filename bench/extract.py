"""Benchmark: extract and check N reports of the seed's size in one process (goal: 1,000 in under 10 s).

Usage: python bench/extract.py [N] [SEED]. Writes N variants of a seed-like report (by default the
project's own tests/data/reports/seed_like.txt), each with its own figures so nothing is cached by
accident, into a temporary folder, then times reading, extracting and checking them all
(`audit_file`: the registered checks and the text-level ones). Run by hand.
"""
from __future__ import annotations

import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from selfeval.extract.audit import audit_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "reports" / "seed_like.txt"  # the repo's own whole report, 2023, invented figures


def write_variants(seed: Path, folder: Path, n: int) -> list[Path]:
    """N copies of the seed whose income and basic-expenditure figures differ from file to file.

    基本支出 402.56 grows by 0.01 a file; both totals (518.30) and 财政拨款收入 (496.10) follow, so each
    variant's lines still sum to its totals (项目支出 115.74 and 上级补助收入 22.20 stay).
    """
    text = seed.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        basic = Decimal("402.56") + Decimal(i) / 100
        total = basic + Decimal("115.74")
        variant = (text.replace("402.56", str(basic)).replace("518.30", str(total))
                   .replace("496.10", str(total - Decimal("22.20"))))
        path = folder / f"report-{i:05d}.txt"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Time the extract-and-check loop; print seconds, reports per second and findings."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    seed = Path(sys.argv[2]) if len(sys.argv) > 2 else SEED
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_variants(seed, Path(tmp), n)
        size = paths[0].stat().st_size
        start = time.perf_counter()
        findings = failed = 0
        for path in paths:
            audit = audit_file(path)
            findings += len(audit.findings)
            failed += sum(1 for f in audit.findings if f.status == "fail")
        elapsed = time.perf_counter() - start
    print(f"reports extracted and checked: {n} (about {size / 1024:.1f} KB each)")
    print(f"findings:                      {findings} ({failed} failing)")
    print(f"seconds:                       {elapsed:.2f}  (goal: under 10 s for 1,000)")
    print(f"reports per second:            {n / elapsed:.0f}")


if __name__ == "__main__":
    main()
