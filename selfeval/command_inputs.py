"""What a command's inputs name: the files read (one discovery rule), and which of them `run` can go on with."""
from __future__ import annotations

import sys
from pathlib import Path

from .discover import discover
from .errors import InputError, Problem
from .excel import is_workbook

EXIT_OK, EXIT_INPUT = 0, 2


def sources(named: list[str]) -> list[Path] | None:
    """The files the inputs name (the one discovery rule), or None, said on stderr, when a folder holds none."""
    files = discover(named, refused=True)  # links and FIFOs kept, for the readers to refuse and count as bad input
    empty = [n for n in named if Path(n).is_dir() and not discover([n], refused=True)]
    for folder in empty:
        print(f"{folder}: 文件夹中没有参数文件（.yaml / .yml）或工作簿（.xlsx）", file=sys.stderr)
    return None if empty and not files else files


def runnable(files: list[Path], department: list[str]) -> tuple[list[Path], int]:
    """The files `run` can go on with: bad params and workbooks without the asked department reported first."""
    from .excel.read import read_book  # noqa: PLC0415
    from .loader import load  # noqa: PLC0415

    status, good = EXIT_OK, []
    for path in files:
        try:
            if not is_workbook(path):
                load(path)  # bad input is reported before anything is written or any kernel starts
            else:
                workbook_has(path, read_book(path), department)
        except InputError as exc:
            print(exc, file=sys.stderr)
            status = EXIT_INPUT
            continue
        good.append(path)
    return good, status


def workbook_has(path: Path, read: object, department: list[str]) -> None:
    """Raise InputError unless the workbook holds the asked departments (or exactly one, when none is asked)."""
    codes = [r.department.code for r in read.reports]  # type: ignore[attr-defined]
    if not department and len(codes) != 1:
        raise InputError([Problem(str(path), "", f"工作簿中有 {len(codes)} 个部门（{'、'.join(codes) or '无'}），"
                                                 "请用 --department CODE 指定要运行的部门")])
    missing = [c for c in department if c not in codes]
    if missing:
        raise InputError([Problem(str(path), "", f"工作簿中没有部门代码 {'、'.join(missing)}"
                                                 f"（有：{'、'.join(codes) or '无'}）")])
