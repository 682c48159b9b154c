"""Files written so that no reader ever sees half of one (a temporary name, then a rename), and the output
folder's lock, held while a batch or a run writes it."""
from __future__ import annotations

import errno
import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK = ".selfeval.lock"
_WHY = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出磁盘配额", errno.EROFS: "文件系统只读",
        errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限"}


class WriteFailed(OSError):
    """A file of the output folder could not be written (disk full, read-only, no permission): names the final file."""

    def __str__(self) -> str:
        why = _WHY.get(self.errno, "写入出错") if self.errno is not None else "写入出错"
        detail = f"（{self.strerror}）" if self.strerror else ""
        return f"无法写入 {self.filename}：{why}{detail}"


class FolderBusy(RuntimeError):
    """Another batch or run holds the output folder's lock."""

    def __init__(self, folder: Path, holder: str):
        who = f"进程 {holder}" if holder.isdigit() else "另一进程"
        super().__init__(f"输出文件夹 {folder} 正被另一批次写入（{who}，锁文件 {folder / LOCK}）；"
                         "等它结束后再运行，或换一个输出文件夹")


def is_unwritable(exc: BaseException) -> bool:
    """Whether an error is the folder refusing a write (disk full, quota, read-only, permission), not the run."""
    return isinstance(exc, OSError) and exc.errno in _WHY


def failed_write(exc: OSError, path: Path) -> WriteFailed:
    """The error of writing `path`, as a WriteFailed naming it (the OS names the temporary file, or nothing)."""
    return WriteFailed(exc.errno, exc.strerror or str(exc), str(path))


def temporary_name(path: Path) -> Path:
    """A hidden name beside `path`, unique to this process, keeping its suffix (papermill checks it)."""
    return path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write `data` to `path` through a temporary file and an atomic rename; WriteFailed when it cannot."""
    tmp = temporary_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise failed_write(exc, path) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _open_lock(folder: Path) -> int:
    """Open (creating) the lock file; WriteFailed when the folder cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise failed_write(exc, folder / LOCK) from None


def _acquire(folder: Path) -> int:
    """A descriptor of the lock file, locked; FolderBusy when another process holds it."""
    while True:
        fd = _open_lock(folder)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise FolderBusy(folder, holder) from None
        try:
            if os.path.samestat(os.fstat(fd), os.stat(folder / LOCK)):
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)  # its holder removed the file as we opened it: lock the new one


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock (fcntl.flock on a file holding this PID) while writing it.

    Raises FolderBusy when another batch holds it, WriteFailed when the folder cannot be written. The lock
    goes with the process, so a batch killed with SIGKILL leaves a file but no lock.
    """
    fd = _acquire(folder)
    try:
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except OSError as exc:
            raise failed_write(exc, folder / LOCK) from None
        yield
    finally:
        (folder / LOCK).unlink(missing_ok=True)  # while still held: a waiting process then locks a new file
        os.close(fd)
