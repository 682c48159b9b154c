"""The one rule that turns the inputs named on a command line into the files read: check, run, batch, join, panel."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

PARAMS_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def is_input(path: Path, workbooks: bool = True) -> bool:
    """Whether a file of a folder is read: a params file (.yaml / .yml) or, if asked, a workbook (.xlsx / .xlsm)."""
    suffixes = PARAMS_SUFFIXES + (WORKBOOK_SUFFIXES if workbooks else ())
    # "~$x.xlsx" is the lock file Excel keeps beside an open workbook; ".x.yaml" an editor's or a tool's own
    return path.is_file() and path.suffix.lower() in suffixes and not path.name.startswith(("~$", "."))


def in_folder(folder: Path, workbooks: bool = True) -> list[Path]:
    """A folder's inputs (not its subfolders'), in name order."""
    return sorted(p for p in folder.iterdir() if is_input(p, workbooks))


def discover(sources: Iterable[str | Path], workbooks: bool = True) -> list[Path]:
    """Folders expanded to their params files (and workbooks), files as given (a missing one kept, for its
    command to report), each file once in the order first named."""
    found: list[Path] = []
    for source in map(Path, sources):
        found += in_folder(source, workbooks) if source.is_dir() else [source]
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)  # a file named alone and in its folder is read once
    return list(unique.values())
