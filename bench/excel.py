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


class Clock:
    """Wall-clock and CPU seconds since it was started (CPU time tells more on a machine others are using)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __str__(self) -> str:
        return f"{time.perf_counter() - self.wall:6.2f} s  (CPU {time.process_time() - self.cpu:.2f} s)"


def main() -> None:
    """Time writing, reading and checking the workbook; print the seconds and departments per second."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    reports = departments(n)
    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        path = write_workbook(reports, Path(tmp) / "departments.xlsx")
        written, size = str(clock), path.stat().st_size
        clock = Clock()
        loaded, errors = read_workbook(path)
        read = str(clock)
        findings = [f for report in loaded for f in run_checks(report)]
        checked, seconds = str(clock), time.perf_counter() - clock.wall
        clock = Clock()
        write_findings(findings, Path(tmp) / "findings.xlsx")
        out = str(clock)
    failed = sum(1 for f in findings if f.status == "fail")
    assert not errors and len(loaded) == n, [str(e) for e in errors]
    print(f"departments:              {n} in one workbook ({size / 1024:.0f} KB)")
    print(f"findings:                 {len(findings)} ({failed} failing)")
    print(f"write workbook:           {written}")
    print(f"read workbook:            {read}")
    print(f"read and check:           {checked}   goal: under 10 s for 1,000")
    print(f"departments per second:   {n / seconds:.0f}")
    print(f"write findings workbook:  {out}")


if __name__ == "__main__":
    main()
