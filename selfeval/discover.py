"""The one rule that turns the inputs named on a command line into the files read: check, run, batch, join, panel.

Only regular files under UTF-8 names without control characters are read. A symlink is refused, naming
where it points (a link in params/ to /etc/passwd would otherwise have its first line quoted back as "bad
YAML"); a FIFO would block the reader forever, a device or socket is no params file; a name that is not
UTF-8 cannot be printed, and one holding ESC or U+202E would act on the screen each time it is.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable

from .errors import InputError, Problem
from .visible import visible

PARAMS_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_KINDS = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISSOCK, "套接字"), (stat.S_ISCHR, "字符设备"),
          (stat.S_ISBLK, "块设备"))


def shown_name(path: str | Path) -> str:
    """The path as printable text: bytes that are not UTF-8 shown as \\xNN escapes, controls as «U+XXXX» marks."""
    return visible(os.fsencode(path).decode("utf-8", "backslashreplace"))


def _link_refusal(path: Path) -> str:
    """Why a symlink is not read, naming where it points (the target's name, never its content)."""
    target = shown_name(os.readlink(path))
    try:
        path.stat()
    except OSError as exc:
        what = "符号链接成环" if exc.errno == errno.ELOOP else "符号链接指向不存在的文件"
        return f"{what}（指向 {target}），未读取"
    return f"是符号链接（指向 {target}），未读取；请直接给出它指向的文件"


def refusal(path: Path) -> str | None:
    """Why `path` is not read (a symlink, not a regular file, a name not in UTF-8), or None; a missing path is None."""
    if shown_name(path) != str(path):
        # ESC or U+202E in a name would act on the terminal or the page each time the name is printed
        return "文件名不是 UTF-8 编码或含控制字符，未读取；请改名"
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # missing: its reader says so
    if stat.S_ISLNK(mode):
        return _link_refusal(path)
    kind = next((name for test, name in _KINDS if test(mode)), None)
    return None if kind is None else f"不是普通文件而是{kind}，未读取"


def refuse_unreadable(path: str | Path) -> None:
    """Raise InputError naming the file when it is a link, not a regular file or not under a UTF-8 name."""
    reason = refusal(Path(path))
    if reason is not None:
        raise InputError([Problem(shown_name(path), "", reason)])


def is_input(path: Path, workbooks: bool = True, refused: bool = False) -> bool:
    """Whether a file of a folder is read: a params file (.yaml / .yml) or, if asked, a workbook (.xlsx / .xlsm);
    with `refused`, also such a name that is a link or not a regular file (for its reader to refuse and count)."""
    suffixes = PARAMS_SUFFIXES + (WORKBOOK_SUFFIXES if workbooks else ())
    # "~$x.xlsx" is the lock file Excel keeps beside an open workbook; ".x.yaml" an editor's or a tool's own
    if path.suffix.lower() not in suffixes or path.name.startswith(("~$", ".")):
        return False
    if refusal(path) is not None:
        return refused
    return path.is_file()


def in_folder(folder: Path, workbooks: bool = True, refused: bool = False) -> list[Path]:
    """A folder's inputs (not its subfolders'), in name order; links and non-regular files only with `refused`."""
    return sorted(p for p in folder.iterdir() if is_input(p, workbooks, refused))


def discover(sources: Iterable[str | Path], workbooks: bool = True, refused: bool = False) -> list[Path]:
    """Folders expanded to their params files (and workbooks), files as given (a missing one kept, for its
    command to report), each file once in the order first named. Without `refused`, a link or a file that
    is not regular is left out, so that no reader hangs on it or quotes what it points to."""
    found: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            found += in_folder(source, workbooks, refused)
        elif refused or refusal(source) is None:
            found.append(source)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(identity(path), path)  # a file named alone and in its folder is read once
    return list(unique.values())


def identity(path: Path) -> Path:
    """The file a path names, to read it once: its resolved path, but a link's own (absolute) path, and a path
    through a link loop as it is (Path.resolve raises RuntimeError on a loop)."""
    if path.is_symlink():
        return path.absolute()
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
