"""Many params files loaded and checked on every core: what `selfeval check` does with a folder of departments.

Each file is loaded and checked on its own, so files are shared out in chunks to forked worker processes.
A worker sends back only what a findings table or entry names of the department, and its findings, as
plain tuples of text in marshal's format: shipping the Reports and Finding objects themselves through
pickle would cost the parent about as much as loading the files again.
"""
from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
from pathlib import Path
from typing import NamedTuple, Sequence

from .checks import Finding, run_checks
from .errors import InputError, Problem
from .loader import load

POOL_FROM = 400  # fewer files are checked in this process: forking and gathering would cost more than it saves
_new_tuple = tuple.__new__  # a Finding from its fields without the NamedTuple's Python-level __new__


class Checked(NamedTuple):
    """One params file's department, as the findings' tables and entries name it, and its findings."""

    source: str
    code: str
    name: str
    short_name: str
    year: int
    kind: str
    findings: list[Finding]


def check_one(path: str | Path) -> Checked:
    """Load and check one params file; raises InputError for bad input."""
    report = load(path)
    d = report.department
    return Checked(report.source, d.code, d.name, d.short_name, d.year, report.kind, run_checks(report))


def workers_for(count: int) -> int:
    """How many processes check `count` files: every core this process may run on, one for a few files."""
    if count < POOL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), count // (POOL_FROM // 2)))


def check_many(paths: Sequence[str | Path], workers: int = 1) -> list[Checked | InputError]:
    """Each file's Checked, or its InputError, in the order given; `workers` processes share the files out."""
    if workers <= 1:
        return [_outcome(path) for path in paths]
    size = max(50, min(500, len(paths) // (workers * 8)))  # chunks small enough that no worker waits long at the end
    chunks = [[str(p) for p in paths[i:i + size]] for i in range(0, len(paths), size)]
    results: list[Checked | InputError] = []
    collecting = gc.isenabled()
    # The findings gathered hold no reference cycles, yet each of their collections would walk them all again:
    # the parent spent 1.7 s of CPU gathering 10,000 departments' findings so, 0.8 s without.
    gc.disable()
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=gc.enable) as pool:
            for packed in pool.imap(_check_chunk, chunks):
                results += map(_unpacked, marshal.loads(packed))
    finally:
        if collecting:
            gc.enable()
    return results


def _outcome(path: str | Path) -> Checked | InputError:
    try:
        return check_one(path)
    except InputError as exc:
        return exc


def _check_chunk(paths: list[str]) -> bytes:
    """In a worker: each file's outcome as plain tuples (an InputError as its problems), in marshal's format."""
    rows = []
    gc.disable()  # a chunk's objects are freed as it goes; their collections cost 2 % of its time for nothing
    try:
        for path in paths:
            rows.append(_packed(_outcome(path)))
    finally:
        gc.enable()  # anything cyclic left is collected from here on, as it would have been
    return marshal.dumps(rows)


def _packed(outcome: Checked | InputError) -> tuple:
    """One outcome as plain tuples."""
    if isinstance(outcome, InputError):
        return False, [(p.file, p.where, p.message) for p in outcome.problems]
    return True, (*outcome[:6], [tuple(f) for f in outcome.findings])


def _unpacked(row: tuple) -> Checked | InputError:
    good, data = row
    if not good:
        return InputError([Problem(*problem) for problem in data])
    return Checked(*data[:6], [_new_tuple(Finding, fields) for fields in data[6]])
