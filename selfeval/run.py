"""Run the report notebook for one department and export it: the executed notebook, HTML and PDF."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import resources
from .exporters import SelfevalHTMLExporter
from .files import temporary_name, write_atomic
from .kernels import IPCKernelManager
from .loader import load
from .pdf import ChromiumNotFound, Printer

NOTEBOOK = resources.notebook("self_evaluation.ipynb")
FORMATS = ("ipynb", "html", "pdf")


class RunFailed(Exception):
    """A department's notebook or export failed; `outputs` says what was written all the same."""

    def __init__(self, message: str, outputs: dict[str, Path]):
        super().__init__(message)
        self.outputs = outputs


@dataclass
class RunResult:
    """What one department's run wrote."""

    code: str
    outputs: dict[str, Path] = field(default_factory=dict)


def _publish(tmp: Path, final: Path) -> None:
    if tmp.exists():
        os.replace(tmp, final)


def _parameter(params_path: Path, folder: Path, notebook: Path) -> tuple[str, str]:
    """The params_path to inject and the kernel's working folder: relative to the output folder when inside it."""
    params, folder = params_path.resolve(), folder.resolve()
    try:
        return params.relative_to(folder).as_posix(), str(folder)
    except ValueError:
        return str(params), str(notebook.parent)


def execute(params_path: Path, output: Path, notebook: Path = NOTEBOOK, timeout: int = 600,
            **engine_kwargs: object) -> nbformat.NotebookNode:
    """Execute the notebook with papermill for one params file; the executed notebook lands at `output`.

    A params file inside the output folder (its inputs/ copy) is passed by its path relative to the folder,
    and the kernel works in the folder, so the report does not change when the folder is moved. Raises
    RunFailed naming the cell when a cell raises, times out or kills its kernel; whatever notebook papermill
    wrote by then is still kept under `output`, errors visible.
    """
    import papermill  # noqa: PLC0415 - costs ~2 s to import; only runs need it

    tmp = temporary_name(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    shown, cwd = _parameter(params_path, output.parent, notebook)
    try:
        nb = papermill.execute_notebook(
            str(notebook), str(tmp), parameters={"params_path": shown},
            progress_bar=False, cwd=cwd, execution_timeout=timeout,
            kernel_manager_class=IPCKernelManager,
            # One save at the end, not one per cell: each save re-serialises every chart.
            request_save_on_cell_execute=False, **engine_kwargs)
    except papermill.PapermillExecutionError as exc:
        _publish(tmp, output)
        raise RunFailed(f"cell {exc.cell_index} raised {exc.ename}: {exc.evalue}", {"ipynb": output}) from None
    except Exception as exc:  # noqa: BLE001 - a timeout or a dead kernel is this department's failure only
        _publish(tmp, output)
        kept = {"ipynb": output} if output.exists() else {}
        raise RunFailed(f"{type(exc).__name__}: {exc}".strip().rstrip(":"), kept) from None
    # papermill gives the injected cell a random id; a fixed one keeps the HTML reproducible.
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    nbformat.write(nb, str(tmp))
    _publish(tmp, output)
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
                   exporter: SelfevalHTMLExporter | None = None) -> RunResult:
    """Check, execute and export one department; raises InputError before any kernel starts on bad input."""
    report = load(params_path)
    result = RunResult(code=report.department.code)
    ipynb = out_dir / f"{result.code}.ipynb"
    nb = execute(Path(params_path), ipynb, notebook=notebook or NOTEBOOK, timeout=timeout)
    result.outputs["ipynb"] = ipynb
    if "html" not in formats and "pdf" not in formats:
        return result
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
    return result
