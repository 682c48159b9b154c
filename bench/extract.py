"""Benchmark: extract and check N reports of the seed's size in one process (goal: 1,000 in under 10 s).

Usage: python bench/extract.py [N] [SEED]. Writes N variants of the seed report (each with its own
figures, so nothing is cached by accident) into a temporary folder, then times reading, extracting
and checking them all (`audit_file`: the registered checks and the text-level ones). Run by hand.
"""
from __future__ import annotations

import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from selfeval.extract.audit import audit_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_6b9a1eead6df8daf.txt"


def write_variants(seed: Path, folder: Path, n: int) -> list[Path]:
    """N copies of the seed whose income and basic-expenditure figures differ from file to file."""
    text = seed.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        basic = Decimal("280.75") + Decimal(i) / 100
        variant = text.replace("280.75", str(basic)).replace("344.64", str(basic + Decimal("63.89")))
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
