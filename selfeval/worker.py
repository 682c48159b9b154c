"""One department of a batch, done the same way in a local worker process and on a Dask worker."""
from __future__ import annotations

from . import noiri  # noqa: F401, I001 - first: before anything imports nbformat and with it jsonschema

import ctypes  # noqa: E402 - after the import guard above
import json  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from .checks import Finding, run_checks, text_findings_of
from .errors import InputError
from .evidence import relative, sha256
from .exporters import SelfevalHTMLExporter
from .files import WriteFailed, write_atomic
from .findings_view import counts
from .inputs import sidecars
from .loader import load
from .model import Report
from .money import fmt
from .notes import load_notes, review
from .pdf import ChromiumNotFound, Printer
from .report_inputs import extraction_summary
from .run import FORMATS, RunFailed, recipe, run_department
from .sources_file import read_sidecar
from .spare import SpareKernel

STATUS_DIR = "status"
_PR_SET_PDEATHSIG = 1
_lock = threading.Lock()
_state: dict[str, object] = {}  # this process's printer and exporter, made on first use


def init_worker(parent: int, out_dir: str) -> None:
    """Pool initializer of a local worker: it dies with the batch, and keeps a kernel booting for its next
    department, the first one from now (a Dask worker, long-lived, keeps none: a kernel would wait on it
    after the batch)."""
    die_with_parent(parent)
    spare = _state["spare"] = SpareKernel()
    threading._register_atexit(spare.close)  # noqa: SLF001 - pool workers leave through os._exit; see _printer
    spare.start(str(Path(out_dir).resolve()))  # where run.execute has a staged department's kernel work


def die_with_parent(parent: int) -> None:
    """Pool initializer: have Linux kill this worker when the batch process dies.

    A batch killed with SIGKILL cannot stop its workers, and an orphan would go on writing into a folder
    that a resumed batch is by then writing (and hashing) itself.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: an orphan finishes its department and exits
    if os.getppid() != parent:  # the batch died before the request took hold
        os._exit(1)


def _printer() -> Printer | None:
    """This process's browser, started once and closed when the process ends."""
    with _lock:
        if "printer" not in _state:
            try:
                printer = Printer()
            except ChromiumNotFound:
                printer = None  # run_department then says why each PDF was skipped
            else:
                # Pool workers leave through os._exit, which skips atexit. threading's exit hooks
                # still run, newest first: before asyncio's and concurrent.futures' own, which
                # playwright needs to close the browser cleanly.
                threading._register_atexit(printer.close)  # noqa: SLF001
            _state["printer"] = printer
        return _state["printer"]  # type: ignore[return-value]


def _drop_printer() -> None:
    """Forget a browser that failed, so the next department starts a fresh one."""
    with _lock:
        printer = _state.pop("printer", None)
    if isinstance(printer, Printer):
        try:
            printer.close()
        except Exception:  # noqa: BLE001, S110 - it is already broken; a new one replaces it
            pass


def _exporter() -> SelfevalHTMLExporter:
    with _lock:
        return _state.setdefault("exporter", SelfevalHTMLExporter())  # type: ignore[return-value]


def summary(report: Report, findings: list[Finding]) -> dict[str, object]:
    """What the index shows of a department, from the data and the findings."""
    d = report.department
    failing = counts(findings).by_severity()
    claims_grade = report.claims.grade if report.claims and report.claims.grade else ""
    return {"code": d.code, "name": d.name, "short_name": d.short_name, "year": d.year, "unit": d.unit,
            "income_total": fmt(report.income.total), "expenditure_total": fmt(report.expenditure.total),
            "failing": failing, "grade": claims_grade}


def _shown(path: Path, out: Path) -> str:
    """A params path as records name it: relative to the output folder when it lies inside it."""
    try:
        return relative(path, out)
    except ValueError:
        return str(path)


def record_path(out_dir: Path, params_path: Path) -> Path:
    """Where a department's status record lives."""
    return out_dir / STATUS_DIR / f"{params_path.stem}.json"


def process(params_path: str, out_dir: str, formats: tuple[str, ...] = FORMATS, timeout: int = 600,
            notebook: str | None = None) -> dict:
    """Check, execute and export one department; write and return its status record. Never raises for its data."""
    path, out = Path(params_path), Path(out_dir)
    started = time.monotonic()
    record: dict[str, object] = {"id": path.stem, "params": _shown(path, out), "status": "failed", "reason": "",
                                 "outputs": {}}
    try:
        record["params_sha256"] = sha256(path)
        record["sidecars"] = sidecars(path)
        side = read_sidecar(path)
        if side is not None:  # a report's params: the index shows how much of it was read
            record["extraction"] = extraction_summary(side)
        report = load(path)
    except (InputError, OSError, ValueError) as exc:  # ValueError: any other unreadable input, said not raised
        record["reason"] = str(exc) if isinstance(exc, InputError) else f"{path}: cannot read: {exc}"
        return _finish(record, out, path, started)
    findings = run_checks(report) + text_findings_of(side)  # a report's text checks, kept when it was read
    record.update(summary(report, findings))
    notes = review(load_notes(path), findings)
    record["notes"] = notes.counts()  # current notes only: a stale one is counted apart
    record["stale_notes"] = len(notes.stale)
    printer = _printer() if "pdf" in formats else None
    try:
        result = run_department(path, out, formats=formats, timeout=timeout, printer=printer,
                                exporter=_exporter(), notebook=Path(notebook) if notebook else None,
                                spare=_state.get("spare"))  # type: ignore[arg-type]
    except RunFailed as exc:
        record["reason"] = str(exc)
        record["outputs"] = {k: p.name for k, p in exc.outputs.items()}
        if exc.unwritable:
            record["unwritable"] = True  # the batch starts no other department into this folder
        if str(exc).startswith("PDF failed"):
            _drop_printer()
    else:
        record["outputs"] = {k: p.name for k, p in result.outputs.items()}
        record["output_sha256"] = {k: sha256(p) for k, p in result.outputs.items()}
        record["recipe"] = recipe(formats, Path(notebook) if notebook else None)
        failing = record["failing"]
        record["status"] = "findings" if failing["error"] or failing["warning"] else "ok"  # type: ignore[index]
    return _finish(record, out, path, started)


def _finish(record: dict, out: Path, path: Path, started: float) -> dict:
    """Write the status record; one the folder refuses fails the department (a resume then redoes it)."""
    record["seconds"] = round(time.monotonic() - started, 2)
    record["chromium"] = browser_version()
    try:
        write_atomic(record_path(out, path), json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    except WriteFailed as exc:
        record.update(status="failed", reason=str(exc), unwritable=True)
    return record


def browser_version() -> str | None:
    """The version of this process's browser, if it has one."""
    printer = _state.get("printer")
    try:
        return printer.version if isinstance(printer, Printer) else None
    except Exception:  # noqa: BLE001 - a browser that failed to start has no version to report
        return None
