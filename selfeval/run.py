"""Run the report notebook for one department and export it: the executed notebook, HTML and PDF."""
from __future__ import annotations

from . import noiri  # noqa: F401, I001 - first: before nbformat imports jsonschema

import hashlib  # noqa: E402
import os  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import nbformat  # noqa: E402

from . import __version__, resources
from .evidence import sha256
from .exporters import SelfevalHTMLExporter
from .files import WriteFailed, failed_write, is_unwritable, temporary_name, write_atomic
from .kernels import IPCKernelManager
from .loader import load
from .pdf import ChromiumNotFound, Printer
from .spare import SpareKernel

NOTEBOOK = resources.notebook("self_evaluation.ipynb")
FORMATS = ("ipynb", "html", "pdf")
TEMPLATES = Path(__file__).resolve().parent / "templates"


class RunFailed(Exception):
    """A department's notebook or export failed; `outputs` says what was written all the same.

    `unwritable`: it failed because the output folder could not be written (disk full, read-only).
    """

    def __init__(self, message: str, outputs: dict[str, Path], unwritable: bool = False):
        super().__init__(message)
        self.outputs = outputs
        self.unwritable = unwritable


@dataclass
class RunResult:
    """What one department's run wrote."""

    code: str
    outputs: dict[str, Path] = field(default_factory=dict)


def recipe(formats: tuple[str, ...], notebook: Path | None = None) -> dict[str, object]:
    """What makes a department's outputs besides its input: formats, notebook, templates, selfeval's version.

    A status record keeps it, and a resume redoes a department whose recipe differs from the one asked for.
    """
    templates = hashlib.sha256()
    for path in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        templates.update(f"{path.relative_to(TEMPLATES).as_posix()}\0{sha256(path)}\0".encode("utf-8"))
    return {"formats": sorted(formats), "notebook": sha256(notebook or NOTEBOOK),
            "templates": templates.hexdigest(), "selfeval": __version__}


def _keep_whole(tmp: Path, output: Path) -> dict[str, Path]:
    """Publish the notebook papermill saved for a failed run, only when it is whole (a disk may have filled up)."""
    try:
        nbformat.read(str(tmp), as_version=4)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except (OSError, ValueError):
        return {}  # none saved, or cut short: nothing goes under the final name
    return {"ipynb": output}


def _parameter(params_path: Path, folder: Path, notebook: Path) -> tuple[str, str]:
    """The params_path to inject and the kernel's working folder: relative to the output folder when inside it."""
    params, folder = params_path.resolve(), folder.resolve()
    try:
        return params.relative_to(folder).as_posix(), str(folder)
    except ValueError:
        return str(params), str(notebook.parent)


def execute(params_path: Path, output: Path, notebook: Path = NOTEBOOK, timeout: int = 600,
            spare: SpareKernel | None = None, **engine_kwargs: object) -> nbformat.NotebookNode:
    """Execute the notebook with papermill for one params file; the executed notebook lands at `output`.

    A params file inside the output folder (its inputs/ copy) is passed by its path relative to the folder,
    and the kernel works in the folder, so the report does not change when the folder is moved. Raises
    RunFailed naming the cell when a cell raises, times out or kills its kernel; the notebook papermill
    saved by then is kept under `output`, errors visible, when it is whole. WriteFailed when the folder
    refuses the notebook (disk full, read-only): nothing is left under `output`'s name by this call.
    With `spare`, the notebook runs in its waiting kernel when it has one, and a kernel for the next call is
    started as soon as this notebook has run.
    """
    import papermill  # noqa: PLC0415 - costs ~2 s to import; only runs need it

    tmp = temporary_name(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failed_write(exc, output) from None
    shown, cwd = _parameter(params_path, output.parent, notebook)
    manager = (spare.manager_class(cwd) if spare else None) or IPCKernelManager
    try:
        nb = papermill.execute_notebook(
            str(notebook), str(tmp), parameters={"params_path": shown},
            progress_bar=False, cwd=cwd, execution_timeout=timeout,
            kernel_manager_class=manager,
            # One save at the end, not one per cell: each save re-serialises every chart.
            request_save_on_cell_execute=False,
            # Every output is in by the last cell's reply: killing the kernel then takes 0.1 s, asking it
            # to shut down and polling until it has exited took 0.4 s of each department.
            shutdown_kernel="immediate", **engine_kwargs)
    except papermill.PapermillExecutionError as exc:
        raise RunFailed(f"cell {exc.cell_index} raised {exc.ename}: {exc.evalue}", _keep_whole(tmp, output)) from None
    except Exception as exc:  # noqa: BLE001 - a timeout or a dead kernel is this department's failure only
        if is_unwritable(exc):  # papermill could not save the notebook (a cell timeout is an OSError too)
            raise failed_write(exc, output) from None  # type: ignore[arg-type]
        raise RunFailed(f"{type(exc).__name__}: {exc}".strip().rstrip(":"), _keep_whole(tmp, output)) from None
    finally:
        tmp.unlink(missing_ok=True)  # whatever was not published: never left under the final name
        if spare is not None:
            spare.start(cwd)  # it boots while this department is written, exported and printed
    # papermill gives the injected cell a random id; a fixed one keeps the HTML reproducible.
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    write_atomic(output, nbformat.writes(nb))
    return nb


def export_html(nb: nbformat.NotebookNode, exporter: SelfevalHTMLExporter | None = None) -> str:
    """The report HTML of an executed notebook."""
    html, _ = (exporter or SelfevalHTMLExporter()).from_notebook_node(nb)
    return html


def export_pdf(html: str, printer: Printer | None = None) -> bytes:
    """The report PDF: the HTML printed by Chromium (a shared printer, or one for this call)."""
    if printer is not None:
        return printer.pdf(html)
    with Printer() as own:
        return own.pdf(html)


def run_department(params_path: Path, out_dir: Path, *, formats: tuple[str, ...] = FORMATS,
                   notebook: Path | None = None, timeout: int = 600, printer: Printer | None = None,
                   exporter: SelfevalHTMLExporter | None = None, spare: SpareKernel | None = None) -> RunResult:
    """Check, execute and export one department; raises InputError before any kernel starts on bad input.

    A write the folder refuses (disk full, read-only) is a RunFailed marked `unwritable`, listing only the
    outputs that were written whole.
    """
    report = load(params_path)
    result = RunResult(code=report.department.code)
    try:
        _produce(Path(params_path), out_dir, result, formats=formats, notebook=notebook or NOTEBOOK,
                 timeout=timeout, printer=printer, exporter=exporter, spare=spare)
    except WriteFailed as exc:
        raise RunFailed(str(exc), dict(result.outputs), unwritable=True) from None
    return result


def _produce(params_path: Path, out_dir: Path, result: RunResult, *, formats: tuple[str, ...], notebook: Path,
             timeout: int, printer: Printer | None, exporter: SelfevalHTMLExporter | None,
             spare: SpareKernel | None) -> None:
    """Execute, then export; each output goes into `result` as soon as it is written."""
    ipynb = out_dir / f"{result.code}.ipynb"
    nb = execute(params_path, ipynb, notebook=notebook, timeout=timeout, spare=spare)
    result.outputs["ipynb"] = ipynb
    if "html" not in formats and "pdf" not in formats:
        return
    html = export_html(nb, exporter)
    if "html" in formats:
        result.outputs["html"] = write_atomic(out_dir / f"{result.code}.html", html)
    if "pdf" in formats:
        try:
            pdf = export_pdf(html, printer)
        except ChromiumNotFound as exc:
            raise RunFailed(f"PDF skipped: {exc}", dict(result.outputs)) from None
        except Exception as exc:  # noqa: BLE001 - playwright errors vary; say what happened
            raise RunFailed(f"PDF failed: {type(exc).__name__}: {exc}", dict(result.outputs)) from None
        result.outputs["pdf"] = write_atomic(out_dir / f"{result.code}.pdf", pdf)
