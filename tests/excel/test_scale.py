"""A workbook of 1,000 departments, made here, is read and checked as the same departments from params files are.

How long it takes is measured by bench/excel.py, not here.
"""
from __future__ import annotations

import dataclasses

from selfeval import run_checks
from selfeval.excel import read_workbook, write_workbook

from .conftest import bundled, unsourced

N = 1000


def departments(n: int) -> list:
    """N reports: the bundled ones in turn, each with its own code and name."""
    sources = bundled()
    out = []
    for i in range(n):
        source = sources[i % len(sources)]
        department = dataclasses.replace(source.department, code=f"{source.department.code}-{i}",
                                         name=f"{source.department.name}{i}")
        out.append(dataclasses.replace(source, department=department))
    return out


def test_a_thousand_departments_are_read_and_checked_correctly(tmp_path):
    reports = departments(N)
    path = write_workbook(reports, tmp_path / "departments.xlsx")
    loaded, errors = read_workbook(path)
    assert errors == [] and len(loaded) == N
    assert [unsourced(r) for r in loaded] == [unsourced(r) for r in reports]
    for original, read in zip(reports, loaded, strict=True):
        expected = [f._replace(file="") for f in run_checks(original)]
        assert [f._replace(file="") for f in run_checks(read)] == expected
    assert {f.file for f in run_checks(loaded[-1])} == {str(path)}
