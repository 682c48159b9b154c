"""Benchmark: `selfeval batch` over published reports beside the same number of params files.

Usage: python bench/batch_reports.py [N] [--formats ipynb,html,pdf]
  N  reports of each kind (PDF, DOCX, HTML, text; default 3), made from the project's report fixtures,
     and as many params files (variants of the bundled ones)

Prints the extraction cost per department (staging one report: copy, read, extract, audit, write its params
and sources; by kind, beside staging one params file), then seconds per department of a whole batch of the
reports and of the params files. Run by hand; it prints its figures.
"""
from __future__ import annotations

import argparse
import html
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import write_variants  # noqa: E402 - the sibling benchmark's params generator

from selfeval.inputs import stage  # noqa: E402
from selfeval.pdf import Printer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIXTURES = ("defects.txt", "seed_like.txt", "whole_report_grand_first.txt", "pair_totals.txt")
KINDS = ("pdf", "docx", "html", "txt")


def _page(text: str) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def write_reports(folder: Path, n: int) -> dict[str, list[Path]]:
    """N reports of each kind, the fixtures in turn, each under a file name (and so a code) of its own."""
    texts = [(ROOT / "tests" / "data" / "reports" / name).read_text(encoding="utf-8") for name in FIXTURES]
    made: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    with Printer() as printer:
        for i in range(n):
            text = texts[i % len(texts)]
            paths = {kind: folder / f"report-{kind}-{i:03d}.{kind}" for kind in KINDS}
            paths["pdf"].write_bytes(printer.pdf(_page(text)))
            document = docx.Document()
            for line in text.splitlines():
                document.add_paragraph(line)
            document.save(paths["docx"])
            paths["html"].write_text(_page(text), encoding="utf-8")
            paths["txt"].write_text(text, encoding="utf-8")
            for kind, path in paths.items():
                made[kind].append(path)
    return made


def staging_seconds(paths: list[Path], scratch: Path) -> float:
    """Median seconds to stage one input into a fresh output folder (for a report: its extraction)."""
    times = []
    for i, path in enumerate(paths):
        start = time.perf_counter()
        stage([path], scratch / f"{path.stem}-{i}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch_seconds(folder: Path, out: Path, formats: str, n: int) -> float:
    """Seconds per department of one `selfeval batch` over the folder."""
    start = time.perf_counter()
    proc = subprocess.run([BIN / "selfeval", "batch", folder, "--out", out, "--formats", formats],
                          capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"selfeval batch exited {proc.returncode}: {proc.stderr[-2000:]}")
    return (time.perf_counter() - start) / n


def main() -> None:
    """Make the inputs, time staging by kind and both batches, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=3)
    parser.add_argument("--formats", default="ipynb,html,pdf")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("reports", "params", "scratch"):
            (root / name).mkdir()
        reports = write_reports(root / "reports", args.n)
        params = write_variants(root / "params", args.n * len(KINDS))
        print(f"departments: {args.n} reports of each kind ({args.n * len(KINDS)} in all), as many params files; "
              f"formats {args.formats}")
        print("extraction cost per department (staging one input, median):")
        for kind in KINDS:
            print(f"  {kind:6s} report:  {staging_seconds(reports[kind], root / 'scratch') * 1000:8.1f} ms")
        print(f"  params file:   {staging_seconds(params, root / 'scratch') * 1000:8.1f} ms")
        total = args.n * len(KINDS)
        report_s = batch_seconds(root / "reports", root / "out-reports", args.formats, total)
        params_s = batch_seconds(root / "params", root / "out-params", args.formats, total)
        print(f"selfeval batch, reports:      {report_s:.2f} s per department")
        print(f"selfeval batch, params files: {params_s:.2f} s per department")
        print(f"reports over params:          {report_s / params_s:.2f}x")


if __name__ == "__main__":
    main()
