"""Batch runs: every department of a folder through the report notebook, in parallel, resumable.

The output folder is locked while a batch writes it. A write the folder refuses (disk full, read-only) fails
its department and starts no other; the index and manifest are still written for what finished, or the
batch says why they could not be.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from . import index
from .evidence import relative, run_meta, sha256, write_manifest
from .files import FolderBusy, WriteFailed, folder_lock, write_atomic
from .inputs import Staged, failed_record, sidecars, sources_in, stage
from .pdf import BadSetting, timeout_seconds
from .progress import Progress
from .run import FORMATS, recipe
from .worker import STATUS_DIR, init_worker, process, record_path

DASK_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
DASK_CONNECT_SECONDS = 10
NOT_RUN = "未运行：批次已停止"


class Stop(Exception):
    """The batch cannot start or go on (its folder locked or unwritable, a setting unusable): the message says why."""


@dataclass
class BatchResult:
    """The records of every department in the batch, in input order."""

    records: list[dict] = field(default_factory=list)
    digest: str = ""                                     # SHA-256 of the manifest written ("" when none was)
    notices: list[str] = field(default_factory=list)     # example rows skipped, a stop, and the like

    @property
    def failed(self) -> list[dict]:
        """Departments that could not be run or exported."""
        return [r for r in self.records if r["status"] == "failed"]

    @property
    def incomplete(self) -> list[dict]:
        """Reports whose required figures were not all read: not run, never shown as passing."""
        return [r for r in self.records if r["status"] == "incomplete"]


@dataclass(frozen=True)
class Job:
    """What every department of the batch is run with."""

    formats: tuple[str, ...] = FORMATS
    timeout: int = 600
    notebook: Path | None = None

    def args(self) -> tuple:
        """The arguments of worker.process after the params path and the folder."""
        return self.formats, self.timeout, str(self.notebook) if self.notebook else None


def _clean_temporaries(out_dir: Path) -> None:
    """Remove what an interrupted run left half-written (only under temporary names; called holding the lock)."""
    for leftover in out_dir.rglob(".*.tmp*"):
        if leftover.is_file():
            leftover.unlink(missing_ok=True)


def _finished(out_dir: Path, path: Path, wanted: dict[str, object]) -> dict | None:
    """A department's earlier record, if it completed as this batch would make it and nothing of it changed."""
    try:
        record = json.loads(record_path(out_dir, path).read_text(encoding="utf-8"))
        if record["status"] == "failed" or record.get("params_sha256") != sha256(path):
            return None
        if record.get("sidecars") != sidecars(path):
            return None  # its notes or edits changed: the report shows them
        if record.get("recipe") != wanted or sorted(record["outputs"]) != wanted["formats"]:
            return None  # other formats, notebook, templates or selfeval version: other outputs
        hashes = {k: sha256(out_dir / name) for k, name in record["outputs"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return record if hashes == record.get("output_sha256") else None


def _pool(context: Any, out_dir: Path) -> ProcessPoolExecutor:
    """A pool of one worker process for a batch into `out_dir`, which dies with the batch."""
    return ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=init_worker,
                               initargs=(os.getpid(), str(out_dir)))


class _Workers:
    """Worker processes, each a pool of its own: a worker's death breaks no other worker's department."""

    def __init__(self, count: int, out_dir: Path):
        # spawn, not fork: each worker starts clean and then owns its browser and kernels.
        self.context = multiprocessing.get_context("spawn")
        self.out_dir = out_dir
        self.pools = [_pool(self.context, out_dir) for _ in range(count)]

    def submit(self, slot: int, *args: object) -> Future:
        """Run worker.process in this slot's worker; one found dead while idle is replaced first."""
        try:
            return self.pools[slot].submit(process, *args)
        except BrokenProcessPool:
            self.replace(slot)
            return self.pools[slot].submit(process, *args)

    def replace(self, slot: int) -> None:
        """A fresh worker for a slot whose worker died."""
        self.pools[slot].shutdown(wait=False)
        self.pools[slot] = _pool(self.context, self.out_dir)

    def close(self) -> None:
        """Wait for the workers to finish and exit."""
        # at the same time: each worker closes its browser and kernel on the way out (about half a second)
        closing = [threading.Thread(target=pool.shutdown, kwargs={"wait": True, "cancel_futures": True})
                   for pool in self.pools]
        for thread in closing:
            thread.start()
        for thread in closing:
            thread.join()


def _run_local(todo: deque[Path], out_dir: Path, workers: int, job: Job) -> Iterator[dict]:
    """Departments taken from `todo` one at a time per worker; a worker that dies fails only its own department,
    and is replaced. Emptying `todo` between records starts no more."""
    pool = _Workers(min(workers, len(todo)), out_dir)
    running: dict[Future, tuple[int, Path]] = {}
    try:
        while todo or running:
            busy = {slot for slot, _ in running.values()}
            for slot in (s for s in range(len(pool.pools)) if s not in busy and todo):
                path = todo.popleft()
                running[pool.submit(slot, str(path), str(out_dir), *job.args())] = (slot, path)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                slot, path = running.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    pool.replace(slot)
                    yield failed_record(path, "worker process died", relative(path, out_dir))
    finally:
        pool.close()


def _connect(scheduler: str) -> Any:
    """A Dask client of the scheduler; Stop naming the address when it is not one or does not answer."""
    try:
        parts = urlsplit(scheduler)
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in DASK_SCHEMES or not parts.hostname or port is None:
        raise Stop(f"--dask-scheduler: 应为 tcp://主机:端口 形式的地址，得到 {scheduler!r}")
    try:
        from distributed import Client  # noqa: PLC0415 - optional extra
    except ImportError:
        raise Stop("--dask-scheduler 需要 Dask：pip install 'selfeval[dask]'") from None
    try:
        return Client(scheduler, timeout=f"{DASK_CONNECT_SECONDS}s")
    except (OSError, ValueError, TypeError) as exc:
        raise Stop(f"无法连接 Dask 调度器 {scheduler}（等了 {DASK_CONNECT_SECONDS} 秒）：{exc}") from None


def _run_dask(todo: deque[Path], out_dir: Path, client: Any, job: Job) -> Iterator[dict]:
    from distributed import as_completed as dask_completed  # noqa: PLC0415 - optional extra

    futures = {client.submit(process, str(p), str(out_dir), *job.args(), pure=False): p for p in todo}
    todo.clear()  # all handed to the scheduler, which re-runs a task whose worker was lost
    for future in dask_completed(futures):
        try:
            yield future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker fails its department only
            yield failed_record(futures[future], f"Dask task failed: {type(exc).__name__}: {exc}",
                                relative(futures[future], out_dir))


def _stopped(sources: list[str | Path], reason: str) -> BatchResult:
    """A batch that did not run: every input failed, the reason told once, nothing written to the folder."""
    return BatchResult([failed_record(p, NOT_RUN) for p in sources_in(sources)], notices=[f"批次未运行：{reason}"])


def run_batch(sources: Iterable[str | Path], out_dir: Path, *, workers: int | None = None,
              formats: tuple[str, ...] = FORMATS, resume: bool = False, timeout: int = 600,
              dask_scheduler: str | None = None, notebook: Path | None = None,
              progress: Progress | None = None) -> BatchResult:
    """Copy the inputs into DIR/inputs/, run every department, write DIR/index.html and DIR/manifest.json.

    A batch that cannot start (the folder locked by another batch or unwritable, a bad SELFEVAL_PDF_TIMEOUT
    or Dask address) writes nothing and fails every input, the reason in `notices`.
    """
    sources, job = list(sources), Job(formats, timeout, notebook)
    client = None
    try:
        if "pdf" in formats:
            timeout_seconds()  # checked here, not once per department in every worker
        client = _connect(dask_scheduler) if dask_scheduler else None
        with folder_lock(out_dir):
            return _locked_batch(sources, out_dir, job, resume=resume, workers=workers, client=client,
                                 progress=progress)
    except (Stop, BadSetting, FolderBusy, WriteFailed) as exc:
        return _stopped(sources, str(exc))
    finally:
        if client is not None:
            client.close()


def _locked_batch(sources: list[str | Path], out_dir: Path, job: Job, *, resume: bool, workers: int | None,
                  client: Any, progress: Progress | None) -> BatchResult:
    """The batch, its folder locked: stage, skip what is done, run the rest, write the evidence."""
    started = datetime.now(timezone.utc)
    _clean_temporaries(out_dir)
    try:
        staged = stage(sources, out_dir)
        _record_refused(out_dir, staged, staged.params)
    except WriteFailed as exc:
        raise Stop(f"{exc}（复制输入时）") from None
    paths, wanted = staged.params, recipe(job.formats, job.notebook)
    done = {p: r for p in paths if resume and (r := _finished(out_dir, p, wanted))}
    records = dict(staged.failed) | staged.held | done
    progress = progress or Progress(total=len(paths) + len(staged.failed) + len(staged.held))
    for path, record in records.items():
        progress.update(record, skipped=path in done)
    todo = deque(p for p in paths if p not in records)
    runner = (_run_dask(todo, out_dir, client, job) if client is not None
              else _run_local(todo, out_dir, workers or os.cpu_count() or 1, job))
    notices = list(staged.notices)
    by_id = {p.stem: p for p in todo}
    for record in runner:
        records[by_id[record["id"]]] = record
        progress.update(record)
        if record.get("unwritable") and todo:
            notices.append(f"{record['reason']}；其余 {len(todo)} 个部门未运行（腾出空间或改正权限后用 --resume 继续）")
            for left in todo:
                records[left] = failed_record(left, NOT_RUN, relative(left, out_dir))
                progress.update(records[left])
            todo.clear()
    progress.close()
    result = BatchResult([records[p] for p in [*paths, *staged.failed, *staged.held]], notices=notices)
    _write_evidence(out_dir, staged, result, started)
    return result


def _record_refused(out_dir: Path, staged: Staged, paths: list[Path]) -> None:
    """A status record for each department refused before running (a code given twice, a file unreadable) or
    held back (a report read incomplete)."""
    kept = [*paths, *staged.held]
    running = {p.stem for p in kept}
    for key, record in [*staged.failed.items(), *staged.held.items()]:
        if key.stem not in running or key in staged.held:  # a name clash: the department kept keeps its record
            write_atomic(record_path(out_dir, key), json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def department_entry(record: dict, origin: dict[str, str] | None) -> dict[str, object]:
    """A department as the manifest lists it: status, reason, outputs, the params it ran from and their origin."""
    entry = {"id": record["id"], "code": record.get("code", ""), "status": record["status"],
             "reason": record["reason"], "outputs": sorted(record.get("outputs", {}).values()),
             "parameters": {"params_path": record["params"]}}
    return entry | ({"origin": origin} if origin else {})


def _write_evidence(out_dir: Path, staged: Staged, result: BatchResult, started: datetime) -> None:
    """The index and the manifest; one the folder refuses is said in the notices, the other still written."""
    try:
        index.write(out_dir, result.records)
    except WriteFailed as exc:
        result.notices.append(f"未写入索引：{exc}")
    chromium = next((r.get("chromium") for r in result.records if r.get("chromium")), None)
    origins = {relative(p, out_dir): o for p, o in staged.origins.items()}
    departments = [department_entry(r, origins.get(r["params"])) for r in result.records]
    try:
        result.digest = write_manifest(out_dir, staged.inputs, run_meta(started, chromium, departments))
    except WriteFailed as exc:
        result.notices.append(f"未写入清单：{exc}；此文件夹无法用 selfeval verify 核验（腾出空间后用 --resume 重写）")


__all__ = ["STATUS_DIR", "BatchResult", "Job", "Stop", "run_batch"]
