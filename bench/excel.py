"""Benchmark: read and check a workbook of N departments in one process (goal: 1,000 in under 10 s).

Usage: python bench/excel.py [N]. Builds N departments from the bundled params (each with its own code
and name), writes them as one departments workbook in a temporary folder, then times reading the workbook
(`read_workbook`) and checking every department (`run_checks`): the figure the goal is about. Writing the
workbook and the findings workbook are timed too, for information. Run by hand, not as a test.

The workbook is written by openpyxl, which stores text as inline strings; Excel saves a shared-string table
instead, which openpyxl reads faster, so this is the slower of the two kinds of file.
"""
from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

from selfeval import load, run_checks
from selfeval.excel import read_workbook, write_findings, write_workbook
from selfeval.model import Report

PARAMS = Path(__file__).resolve().parent.parent / "params"


def departments(n: int) -> list[Report]:
    """N reports: the bundled ones in turn, each renamed and recoded so that every department is its own."""
    sources = [load(p) for p in sorted(PARAMS.glob("*.yaml"))]
    out = []
    for i in range(n):
        source = sources[i % len(sources)]
        department = dataclasses.replace(source.department, code=f"{source.department.code}-{i}",
                                         name=f"{source.department.name}{i}")
        out.append(dataclasses.replace(source, department=department))
    return out


def main() -> None:
    """Time writing, reading and checking the workbook; print the seconds and departments per second."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    reports = departments(n)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        path = write_workbook(reports, Path(tmp) / "departments.xlsx")
        written = time.perf_counter() - start
        size = path.stat().st_size
        start = time.perf_counter()
        loaded, errors = read_workbook(path)
        read = time.perf_counter() - start
        findings = [f for report in loaded for f in run_checks(report)]
        checked = time.perf_counter() - start
        start = time.perf_counter()
        write_findings(findings, Path(tmp) / "findings.xlsx")
        out = time.perf_counter() - start
    failed = sum(1 for f in findings if f.status == "fail")
    assert not errors and len(loaded) == n, [str(e) for e in errors]
    print(f"departments:              {n} in one workbook ({size / 1024:.0f} KB)")
    print(f"findings:                 {len(findings)} ({failed} failing)")
    print(f"write workbook:           {written:.2f} s")
    print(f"read workbook:            {read:.2f} s")
    print(f"read and check:           {checked:.2f} s  (goal: under 10 s for 1,000)")
    print(f"departments per second:   {n / checked:.0f}")
    print(f"write findings workbook:  {out:.2f} s")


if __name__ == "__main__":
    main()
