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
from .errors import InputError
from .excel import is_workbook, split_workbook
from .loader import load
from .evidence import sha256, tool_versions, write_manifest
from .progress import Progress
from .run import FORMATS
from .worker import STATUS_DIR, process, record_path

INPUTS_DIR = "inputs"  # params files split out of a departments workbook


@dataclass
class BatchResult:
    """The records of every department in the batch, in input order."""

    records: list[dict] = field(default_factory=list)

    @property
    def failed(self) -> list[dict]:
        """Departments that could not be run or exported."""
        return [r for r in self.records if r["status"] == "failed"]


def discover(sources: Iterable[str | Path]) -> list[Path]:
    """Params files from folders (their *.yaml / *.yml) and files, in a stable order, each once."""
    found: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            found.extend(sorted(p for p in source.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            found.append(source)  # a missing file becomes that department's failure, not the batch's
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique


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
    except (OSError, ValueError, KeyError):
        return None
    outputs = [out_dir / name for name in record.get("outputs", {}).values()]
    return record if all(p.is_file() for p in outputs) else None


def _clashes(paths: list[Path]) -> dict[Path, str]:
    """Files whose outputs would overwrite another's: the same file name, or the same department code."""
    stems: dict[str, Path] = {}
    codes: dict[str, Path] = {}
    clashes = {}
    for path in paths:
        try:
            code = load(path).department.code
        except InputError:
            code = None  # its worker reports the bad input
        if path.stem in stems:
            clashes[path] = f"{path}: same file name as {stems[path.stem]}; rename one of them"
        elif code is not None and code in codes:
            clashes[path] = f"{path}: same department code '{code}' as {codes[code]}; outputs are named by code"
        stems.setdefault(path.stem, path)
        if code is not None:
            codes.setdefault(code, path)
    return clashes


def _failed_record(path: Path, reason: str) -> dict:
    return {"id": path.stem, "params": str(path), "status": "failed", "reason": reason, "outputs": {}}


def _run_local(todo: list[Path], out_dir: Path, workers: int, job: tuple) -> Iterator[dict]:
    # spawn, not fork: each worker starts clean and then owns its browser and kernels.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future, Path] = {pool.submit(process, str(p), str(out_dir), *job): p for p in todo}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                yield _failed_record(futures[future], "worker process died")


def _run_dask(todo: list[Path], out_dir: Path, scheduler: str, job: tuple) -> Iterator[dict]:
    from distributed import Client, as_completed as dask_completed  # noqa: PLC0415 - optional extra

    with Client(scheduler) as client:
        futures = {client.submit(process, str(p), str(out_dir), *job, pure=False): p for p in todo}
        for future in dask_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails its department only
                yield _failed_record(futures[future], f"Dask task failed: {type(exc).__name__}: {exc}")


def _split_workbooks(sources: Iterable[str | Path], out_dir: Path) -> tuple[list[Path], list[Path], dict[Path, dict]]:
    """Sources with every workbook replaced by one params file per department (in DIR/inputs/).

    Returns the sources to discover, the workbooks read (inputs for the manifest), and a failed
    record for each department of a workbook that could not be read, keyed by a name of its own.
    """
    plain: list[Path] = []
    workbooks: list[Path] = []
    failed: dict[Path, dict] = {}
    for source in map(Path, sources):
        if not is_workbook(source):
            plain.append(source)
            continue
        workbooks.append(source)
        written, errors = split_workbook(source, out_dir / INPUTS_DIR)
        plain.extend(written)
        for error in errors:
            key = source.parent / f"{source.stem}:{getattr(error, 'code', '') or 'workbook'}"
            failed[key] = _failed_record(key, str(error)) | {"id": key.name}
    return plain, workbooks, failed


def run_batch(sources: Iterable[str | Path], out_dir: Path, *, workers: int | None = None,
              formats: tuple[str, ...] = FORMATS, resume: bool = False, timeout: int = 600,
              dask_scheduler: str | None = None, notebook: Path | None = None,
              progress: Progress | None = None) -> BatchResult:
    """Run every department; write DIR/index.html and DIR/manifest.json; return every record."""
    started = datetime.now(timezone.utc)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clean_temporaries(out_dir)
    plain, workbooks, unreadable = _split_workbooks(sources, out_dir)
    paths = discover(plain)
    clashes = _clashes(paths)
    done = {p: r for p in paths if resume and p not in clashes and (r := _finished(out_dir, p))}
    records = unreadable | {p: _failed_record(p, reason) for p, reason in clashes.items()} | done
    todo = [p for p in paths if p not in records]
    progress = progress or Progress(total=len(paths) + len(unreadable))
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
    result = BatchResult([records[p] for p in [*paths, *unreadable]])
    _write_evidence(out_dir, [*workbooks, *paths], result, started)
    return result


def _write_evidence(out_dir: Path, paths: list[Path], result: BatchResult, started: datetime) -> None:
    index.write(out_dir, result.records)
    chromium = next((r.get("chromium") for r in result.records if r.get("chromium")), None)
    meta = {
        "tool": "selfeval",
        "versions": tool_versions(chromium),
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "departments": [{"id": r["id"], "code": r.get("code", ""), "status": r["status"], "reason": r["reason"],
                         "parameters": {"params_path": r["params"]}} for r in result.records],
    }
    write_manifest(out_dir, paths, meta)


__all__ = ["STATUS_DIR", "BatchResult", "discover", "run_batch"]
