"""`selfeval run` as evidence: the inputs copied into OUT/inputs/, each department run from its copy, a manifest.

The same package as a batch's, for the departments of one command (and for the panel's exports).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .evidence import relative, run_meta, write_manifest
from .files import FolderBusy, WriteFailed, folder_lock
from .inputs import sources_in, stage
from .pdf import ChromiumNotFound, Printer
from .run import FORMATS, RunFailed, run_department


@dataclass
class Outcome:
    """One department of the package: where its params came from, what was written, and why it failed if it did."""

    source: str
    code: str = ""
    outputs: dict[str, Path] = field(default_factory=dict)   # only what was written whole
    error: str = ""
    unwritable: bool = False                                  # failed because the folder refused a write


@dataclass
class Package:
    """What a run wrote: each department's outcome, the manifest's SHA-256."""

    out: Path
    outcomes: list[Outcome] = field(default_factory=list)
    digest: str = ""     # "" when no manifest could be written (`notice` says why)
    notice: str = ""

    @property
    def failed(self) -> list[Outcome]:
        """The departments that were refused or whose run failed."""
        return [o for o in self.outcomes if o.error]


def _printer(formats: tuple[str, ...]) -> Printer | None:
    if "pdf" not in formats:
        return None
    try:
        return Printer()
    except ChromiumNotFound:
        return None  # run_department then says why the PDF was skipped


def _version(printer: Printer | None) -> str | None:
    try:
        return printer.version if printer is not None else None
    except Exception:  # noqa: BLE001 - a browser that failed to start has no version to report
        return None


def _run(copy: Path, source: str, out_dir: Path, printer: Printer | None, **options: object) -> Outcome:
    """Run one staged department; a failure is its outcome, never raised."""
    try:
        result = run_department(copy, out_dir, printer=printer, **options)  # type: ignore[arg-type]
    except RunFailed as exc:
        return Outcome(source, outputs=dict(exc.outputs), error=str(exc), unwritable=exc.unwritable)
    except InputError as exc:
        return Outcome(source, error=str(exc))
    return Outcome(source, result.code, dict(result.outputs))


def _entry(copy: Path, outcome: Outcome, out_dir: Path, origin: dict[str, str]) -> dict[str, object]:
    return {"id": copy.stem, "code": outcome.code, "status": "failed" if outcome.error else "written",
            "reason": outcome.error, "outputs": sorted(relative(p, out_dir) for p in outcome.outputs.values()),
            "parameters": {"params_path": relative(copy, out_dir)}, "origin": origin}


def run_package(paths: Iterable[str | Path], out_dir: Path, *, formats: tuple[str, ...] = FORMATS,
                timeout: int = 600, notebook: Path | None = None, only: Iterable[str] = ()) -> Package:
    """Copy the params files (and workbooks, limited to the `only` codes) into OUT/inputs/, run each department
    from its copy, and write the manifest.

    The folder is locked meanwhile. When a batch holds it, or it cannot be written, nothing is written and
    every input fails with the reason. `notice` says why no manifest could be written, when none was.
    """
    paths = list(paths)
    try:
        with folder_lock(out_dir):
            return _locked_package(paths, out_dir, only, formats=formats, timeout=timeout, notebook=notebook)
    except (FolderBusy, WriteFailed) as exc:
        return Package(out_dir, [Outcome(str(p), error=str(exc)) for p in sources_in(paths)])


def _locked_package(paths: list[str | Path], out_dir: Path, only: Iterable[str], **options: object) -> Package:
    """The package, its folder locked: stage, run each department (none after a refused write), the manifest."""
    started = datetime.now(timezone.utc)
    staged = stage(paths, out_dir, only)
    package = Package(out_dir)
    entries = []
    printer = _printer(options["formats"])  # type: ignore[arg-type]
    try:
        for copy in staged.params:
            origin = staged.origins[copy]
            stopped = next((o.error for o in package.outcomes if o.unwritable), "")
            outcome = (Outcome(origin["source"], error=f"未运行：{stopped}") if stopped
                       else _run(copy, origin["source"], out_dir, printer, **options))
            package.outcomes.append(outcome)
            entries.append(_entry(copy, outcome, out_dir, origin))
        chromium = _version(printer)
    finally:
        if printer is not None:
            printer.close()
    for key, record in staged.failed.items():
        package.outcomes.append(Outcome(str(key), error=record["reason"]))
        entries.append(record | {"parameters": {"params_path": record["params"]}})
    try:
        package.digest = write_manifest(out_dir, staged.inputs, run_meta(started, chromium, entries))
    except WriteFailed as exc:
        package.notice = f"未写入清单：{exc}"
    return package
