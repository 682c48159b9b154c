"""Batch runs: every department of a folder through the report notebook, in parallel, resumable."""
from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from . import index
from .evidence import relative, run_meta, sha256, write_manifest
from .files import write_atomic
from .inputs import Staged, failed_record, sidecars, stage
from .progress import Progress
from .run import FORMATS
from .worker import STATUS_DIR, process, record_path


@dataclass
class BatchResult:
    """The records of every department in the batch, in input order."""

    records: list[dict] = field(default_factory=list)
    digest: str = ""                                     # SHA-256 of the manifest written
    notices: list[str] = field(default_factory=list)     # example rows skipped, and the like

    @property
    def failed(self) -> list[dict]:
        """Departments that could not be run or exported."""
        return [r for r in self.records if r["status"] == "failed"]


def _clean_temporaries(out_dir: Path) -> None:
    """Remove what an interrupted run left half-written (only ever under temporary names)."""
    for leftover in out_dir.rglob(".*.tmp*"):
        if leftover.is_file():
            leftover.unlink(missing_ok=True)


def _finished(out_dir: Path, path: Path) -> dict | None:
    """A department's earlier record, if it completed and neither its input nor its outputs changed."""
    try:
        record = json.loads(record_path(out_dir, path).read_text(encoding="utf-8"))
        if record["status"] == "failed" or record.get("params_sha256") != sha256(path):
            return None
        if record.get("sidecars") != sidecars(path):
            return None  # its notes or edits changed: the report shows them
    except (OSError, ValueError, KeyError):
        return None
    outputs = [out_dir / name for name in record.get("outputs", {}).values()]
    return record if all(p.is_file() for p in outputs) else None


def _run_local(todo: list[Path], out_dir: Path, workers: int, job: tuple) -> Iterator[dict]:
    # spawn, not fork: each worker starts clean and then owns its browser and kernels.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future, Path] = {pool.submit(process, str(p), str(out_dir), *job): p for p in todo}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                yield failed_record(futures[future], "worker process died", relative(futures[future], out_dir))


def _run_dask(todo: list[Path], out_dir: Path, scheduler: str, job: tuple) -> Iterator[dict]:
    from distributed import Client, as_completed as dask_completed  # noqa: PLC0415 - optional extra

    with Client(scheduler) as client:
        futures = {client.submit(process, str(p), str(out_dir), *job, pure=False): p for p in todo}
        for future in dask_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails its department only
                yield failed_record(futures[future], f"Dask task failed: {type(exc).__name__}: {exc}",
                                    relative(futures[future], out_dir))


def run_batch(sources: Iterable[str | Path], out_dir: Path, *, workers: int | None = None,
              formats: tuple[str, ...] = FORMATS, resume: bool = False, timeout: int = 600,
              dask_scheduler: str | None = None, notebook: Path | None = None,
              progress: Progress | None = None) -> BatchResult:
    """Copy the inputs into DIR/inputs/, run every department, write DIR/index.html and DIR/manifest.json."""
    started = datetime.now(timezone.utc)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clean_temporaries(out_dir)
    staged = stage(sources, out_dir)
    paths = staged.params
    done = {p: r for p in paths if resume and (r := _finished(out_dir, p))}
    records = dict(staged.failed) | done
    _record_refused(out_dir, staged, paths)
    todo = [p for p in paths if p not in records]
    progress = progress or Progress(total=len(paths) + len(staged.failed))
    for path, record in records.items():
        progress.update(record, skipped=path in done)
    job = (formats, timeout, str(notebook) if notebook else None)  # the same for every department
    runner = (_run_dask(todo, out_dir, dask_scheduler, job) if dask_scheduler
              else _run_local(todo, out_dir, workers or os.cpu_count() or 1, job))
    by_id = {p.stem: p for p in todo}
    for record in runner:
        records[by_id[record["id"]]] = record
        progress.update(record)
    progress.close()
    result = BatchResult([records[p] for p in [*paths, *staged.failed]], notices=staged.notices)
    result.digest = _write_evidence(out_dir, staged, result, started)
    return result


def _record_refused(out_dir: Path, staged: Staged, paths: list[Path]) -> None:
    """A status record for each department refused before running (a code given twice, a file unreadable)."""
    running = {p.stem for p in paths}
    for key, record in staged.failed.items():
        if key.stem not in running:  # a name clash: the department that runs keeps its record
            write_atomic(record_path(out_dir, key), json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def department_entry(record: dict, origin: dict[str, str] | None) -> dict[str, object]:
    """A department as the manifest lists it: status, reason, the params it ran from and where they came from."""
    entry = {"id": record["id"], "code": record.get("code", ""), "status": record["status"],
             "reason": record["reason"], "parameters": {"params_path": record["params"]}}
    return entry | ({"origin": origin} if origin else {})


def _write_evidence(out_dir: Path, staged: Staged, result: BatchResult, started: datetime) -> str:
    index.write(out_dir, result.records)
    chromium = next((r.get("chromium") for r in result.records if r.get("chromium")), None)
    origins = {relative(p, out_dir): o for p, o in staged.origins.items()}
    departments = [department_entry(r, origins.get(r["params"])) for r in result.records]
    return write_manifest(out_dir, staged.inputs, run_meta(started, chromium, departments))


__all__ = ["STATUS_DIR", "BatchResult", "run_batch"]
