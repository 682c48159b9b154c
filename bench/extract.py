"""Benchmark: extract and check N mixed reports in one process, and read one 50-page PDF (goal: under 3 s).

Usage: python bench/extract.py [N] [SEED]. Writes N variants of a seed-like report (by default the
project's own tests/data/reports/seed_like.txt), each with its own figures so nothing is cached by
accident: as text, as .docx (python-docx) and, for every tenth, as a 20-page PDF printed by Chromium (the
report and 19 pages of its tables). Then times reading, extracting and checking them all (`audit_file`:
the registered checks and the text-level ones) and prints the time per report for each format. Run by hand.
"""
from __future__ import annotations

import html
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
        paths.append(folder / f"report-{i:05d}.txt")
        paths[-1].write_text(variant, encoding="utf-8")
    return paths


def _pages_html(text: str, pages: int) -> str:
    """The report on its first page, then pages of a ruled table of its figures, one page break each."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if not line.startswith("#"))
    rows = "".join(f"<tr><td>第{r}行</td><td>{r * 3}.50</td><td>{r}.25</td></tr>" for r in range(1, 30))
    table = f'<table border="1" style="border-collapse:collapse">{rows}</table>'
    breaks = "".join(f'<div style="page-break-before:always">{table}</div>' for _ in range(pages - 1))
    return f'<html lang="zh"><body style="font-size:11pt">{body}{breaks}</body></html>'


def mixed(paths: list[Path], printer: object) -> list[Path]:
    """Every third report as .docx, every tenth as a 20-page PDF; the rest stay text."""
    import docx  # noqa: PLC0415

    out = []
    for i, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        if i % 10 == 0:
            target = path.with_suffix(".pdf")
            target.write_bytes(printer.pdf(_pages_html(text, 20)))  # type: ignore[attr-defined]
        elif i % 3 == 0:
            target, document = path.with_suffix(".docx"), docx.Document()
            for line in text.splitlines():
                document.add_paragraph(line)
            document.save(str(target))
        else:
            target = path
        out.append(target)
    return out


def time_long_pdf(folder: Path, seed: Path, printer: object) -> float:
    """Seconds to read, extract and check one 50-page PDF."""
    path = folder / "long.pdf"
    path.write_bytes(printer.pdf(_pages_html(seed.read_text(encoding="utf-8"), 50)))  # type: ignore[attr-defined]
    start = time.perf_counter()
    audit_file(path)
    return time.perf_counter() - start


def main() -> None:
    """Time the extract-and-check loop over mixed formats; print seconds per report by format."""
    from selfeval.pdf import Printer  # noqa: PLC0415

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    seed = Path(sys.argv[2]) if len(sys.argv) > 2 else SEED
    with tempfile.TemporaryDirectory() as tmp, Printer() as printer:
        paths = mixed(write_variants(seed, Path(tmp), n), printer)
        spent: dict[str, list[float]] = {}
        findings = failed = 0
        for path in paths:
            start = time.perf_counter()
            audit = audit_file(path)
            spent.setdefault(path.suffix, []).append(time.perf_counter() - start)
            findings += len(audit.findings)
            failed += sum(1 for f in audit.findings if f.status == "fail")
        long_pdf = time_long_pdf(Path(tmp), seed, printer)
    total = sum(sum(t) for t in spent.values())
    print(f"reports extracted and checked: {n} ({', '.join(f'{len(t)} {k[1:]}' for k, t in sorted(spent.items()))})")
    print(f"findings:                      {findings} ({failed} failing)")
    print(f"seconds:                       {total:.2f} ({n / total:.0f} reports per second)")
    for suffix, times in sorted(spent.items()):
        print(f"  per {suffix[1:]:4} report:          {1000 * sum(times) / len(times):.1f} ms "
              f"(slowest {1000 * max(times):.1f} ms)")
    print(f"one 50-page PDF:               {long_pdf:.2f} s (goal: under 3 s)")


if __name__ == "__main__":
    main()
