"""Every input of a run copied into OUT/inputs/, so that the output folder is evidence on its own.

Params files go to inputs/params/ with their notes and edits beside them, workbooks to inputs/workbooks/
with the params split out of them in inputs/split/<workbook>/, and a report a params file was extracted
from to inputs/reports/. A report given as an input (report_inputs.py) goes to inputs/reports/ too, the
params read from it to inputs/<code>.yaml with its sources beside it. Departments run from these copies;
the manifest lists them by relative path.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .adjusted import edits_path
from .discover import discover, identity, refusal, shown_name
from .dump import dumps
from .errors import InputError
from .evidence import relative, sha256
from .excel import is_workbook
from .excel.convert import duplicate_problem, example_notices, params_name
from .excel.read import read_book
from .files import WriteFailed, write_atomic
from .loader import load
from .model import Report
from .notes import notes_path
from .report_inputs import REPORT_SUFFIXES, carry_sources, reports_in, stage_report
from .sources_file import sidecar_path

INPUTS = "inputs"
# The folder's own names: a department coded so would write index.html over the index, and the like.
RESERVED = ("index", "manifest", "status", INPUTS)
PARAMS_SUFFIXES = (".yaml", ".yml")
_EXTRACTED = re.compile(r"^# (?:extracted by selfeval from |本文件由 selfeval 读取自：)(.+)$", re.MULTILINE)


@dataclass
class Staged:
    """The copies to run, every input kept (manifest rows), the departments refused, and notices."""

    params: list[Path] = field(default_factory=list)
    inputs: list[dict[str, str]] = field(default_factory=list)
    origins: dict[Path, dict[str, str]] = field(default_factory=dict)  # copy → source (and workbook, cell)
    failed: dict[Path, dict] = field(default_factory=dict)
    held: dict[Path, dict] = field(default_factory=dict)  # reports read incomplete: a row each, not run
    notices: list[str] = field(default_factory=list)


def failed_record(key: Path, reason: str, params: str = "") -> dict:
    """The record of a department that never reached a worker."""
    return {"id": key.stem if key.suffix in PARAMS_SUFFIXES else key.name, "params": params or str(key),
            "status": "failed",
            "reason": reason, "outputs": {}}


class Stager:
    """Copies inputs into one output folder, each under a name of its own."""

    def __init__(self, out_dir: Path, only: frozenset[str] = frozenset()):
        self.out = out_dir
        self.staged = Staged()
        self.used: set[Path] = set()
        self.only = only  # department codes a workbook is limited to (run --department); empty: all

    def place(self, folder: str, name: str) -> Path:
        """A free destination for `name` under inputs/<folder>/ (a numbered subfolder when the name is taken)."""
        base = self.out / INPUTS / folder
        target, n = base / name, 1
        while target in self.used:
            n += 1
            target = base / str(n) / name
        self.used.add(target)
        return target

    def keep(self, path: Path, kind: str, source: str) -> None:
        """List a file inside the folder as an input of the run (and where it came from, if from outside)."""
        try:
            source = relative(Path(source), self.out)  # written in place (an export): no outside origin
        except ValueError:
            pass
        self.staged.inputs.append({"path": relative(path, self.out), "kind": kind, "source": source})

    def copy(self, source: Path, target: Path, kind: str) -> Path:
        """Copy a file (bytes unchanged) and list the copy as an input."""
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (target.exists() and target.samefile(source)):
            write_atomic(target, source.read_bytes())
        self.keep(target, kind, str(source))
        return target

    def params_file(self, path: Path) -> None:
        """A params file, its notes, edits and the report it was extracted from, copied; the copy to be run."""
        target = self.place("params", path.name)
        try:
            self.copy(path, target, "params")
        except WriteFailed:
            raise  # the folder, not the input: the batch stops
        except OSError as exc:
            self.staged.failed[path] = failed_record(path, f"{path}: cannot read: {exc.strerror or exc}")
            return
        for side, kind in ((notes_path(path), "notes"), (edits_path(path), "edits")):
            if side.is_file():
                self.copy(side, target.with_name(side.name), kind)
        report = extracted_from(path)
        if report is not None:
            self.copy(report, self.place("reports", report.name), "report")
        try:
            carry_sources(self, path, target)
        except InputError as exc:  # its sources file is broken: said, and the department not run half-sourced
            self.staged.failed[path] = failed_record(path, str(exc))
            return
        self.staged.params.append(target)
        self.staged.origins[target] = {"source": str(path)}

    def workbook(self, path: Path) -> None:
        """A workbook copied, and one params file split out of it per good department."""
        try:
            copy = self.copy(path, self.place("workbooks", path.name), "workbook")
        except WriteFailed:
            raise  # the folder, not the input: the batch stops
        except OSError as exc:
            self.staged.failed[path] = failed_record(path, f"{path}: cannot read: {exc.strerror or exc}")
            return
        read = read_book(path)
        self.staged.notices += example_notices(path, read.examples) + read.warnings
        folder = copy.parent.relative_to(self.out / INPUTS / "workbooks").as_posix()
        for report in read.reports:
            if self.only and report.department.code not in self.only:
                continue
            target = self.out / INPUTS / "split" / folder / path.stem / params_name(report)
            write_atomic(target, dumps(report))
            self.keep(target, "split", f"{path}: {read.places[report.department.code]}")
            self.staged.params.append(target)
            self.staged.origins[target] = {"source": str(path), "workbook": relative(copy, self.out),
                                           "cell": read.places[report.department.code]}
        for error in read.errors:
            if self.only and getattr(error, "code", "") not in self.only:
                continue
            key = path.parent / f"{path.stem}:{getattr(error, 'code', '') or 'workbook'}"
            self.staged.failed[key] = failed_record(key, str(error), str(path))


def sidecars(params: Path) -> dict[str, str]:
    """The SHA-256 of a params file's notes, edits and report sources ("" for one it does not have): a resume
    reruns on a change."""
    return {kind: sha256(side) if side.is_file() else "" for kind, side in
            (("notes", notes_path(params)), ("edits", edits_path(params)), ("sources", sidecar_path(params)))}


def extracted_from(params: Path) -> Path | None:
    """The report a params file says it was extracted from (`# extracted by selfeval from …`), if it is there."""
    try:
        with open(params, encoding="utf-8") as handle:
            head = handle.read(4096)
    except (OSError, UnicodeDecodeError):
        return None
    match = _EXTRACTED.search(head)
    if match is None:
        return None
    named = Path(match.group(1).strip())
    for candidate in (named, params.parent / named):
        if candidate.is_file():
            return candidate
    return None


def sources_in(sources: Iterable[str | Path]) -> list[Path]:
    """Folders expanded to their params files, workbooks and reports (name order), files as given, each once,
    in order; a report a params file of the batch was extracted from is left to that params file."""
    found: list[Path] = []
    for source in map(Path, sources):
        found += sorted(discover([source], refused=True) + reports_in(source), key=lambda p: p.name) \
            if source.is_dir() else discover([source], refused=True)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(identity(path), path)  # a file named alone and in its folder is read once
    # The params file (perhaps corrected by hand since) stands for its report: read again, the report would
    # be the same department twice. The report is still copied, beside the params file.
    extracted = {identity(report) for path in unique.values()
                 if path.suffix.lower() in PARAMS_SUFFIXES and refusal(path) is None
                 and (report := extracted_from(path)) is not None}
    return [path for key, path in unique.items() if key not in extracted]


def _place_of(staged: Staged, path: Path) -> str:
    origin = staged.origins[path]
    return f"{origin['source']}: {origin['cell']}" if "cell" in origin else origin["source"]


def _dossier_of(staged: Staged, first: Report, second: Report, seen: dict[Path, bool]) -> str | None:
    """The folder two documents of one code came from, when it is a dossier (one department's documents);
    `seen` keeps each folder's answer, as telling one apart reads its files."""
    from .dossier_load import is_dossier  # noqa: PLC0415 - the dossier reader loads params files itself

    # two documents of one year and kind are the same document twice: a duplicate, whatever the folder
    if (first.department.year, first.kind) == (second.department.year, second.kind):
        return None
    folders = {Path(staged.origins.get(Path(r.source), {}).get("source", r.source)).parent for r in (first, second)}
    folder = folders.pop() if len(folders) == 1 else None
    if folder is not None and folder not in seen:
        seen[folder] = is_dossier(folder)
    return str(folder) if folder is not None and seen[folder] else None


def refuse_clashes(staged: Staged, out_dir: Path) -> None:
    """Departments whose outputs would overwrite another's fail, naming both places: a code or a file name twice."""
    codes: dict[str, tuple[Path, Report]] = {}
    stems: dict[str, Path] = {}
    kept, dossiers = [], {}
    for path in staged.params:
        try:
            report: Report | None = load(path)
        except InputError:
            report = None  # its worker reports the bad input
        code = report.department.code if report is not None else None
        place = _place_of(staged, path)
        if code in RESERVED:
            reason = (f"{place}: 部门代码 '{code}' 是输出文件夹的保留名（{'、'.join(RESERVED)}），其报告会与文件夹"
                      "自身的文件（如 index.html）重名；请改用其他部门代码")
        elif report is not None and code in codes:
            first = codes[code][0]
            folder = _dossier_of(staged, codes[code][1], report, dossiers)
            reason = (f"{place}: 与 {_place_of(staged, first)} 同属部门 {code} 的卷宗 {folder}（同一部门的多份文件），"
                      f"批量运行暂不逐份出报告；跨文件核对请用 selfeval check {folder}/" if folder is not None
                      else str(duplicate_problem(str(code), _place_of(staged, first), place)))
        elif path.stem in stems:
            reason = f"{place}: 文件名与 {_place_of(staged, stems[path.stem])} 相同（输出按文件名记录）；请改名其一"
        else:
            if report is not None:
                codes[str(code)] = (path, report)
            stems[path.stem] = path
            kept.append(path)
            continue
        staged.failed[path] = failed_record(path, reason, relative(path, out_dir))
    staged.params = kept
    for path in list(staged.held):  # a report read incomplete still has a row, and so a status record, by name
        if path.stem in stems:
            reason = f"{_place_of(staged, path)}: 文件名与 {_place_of(staged, stems[path.stem])} 相同（输出按文件名记录）；请改名其一"
            staged.failed[path] = failed_record(path, reason, relative(path, out_dir))
            del staged.held[path]
        else:
            stems[path.stem] = path


def stage(sources: Iterable[str | Path], out_dir: Path, only: Iterable[str] = ()) -> Staged:
    """Copy every input into OUT/inputs/ (splitting workbooks, to the `only` codes when given) and refuse
    departments given twice."""
    stager = Stager(out_dir, frozenset(only))
    for path in sources_in(sources):
        reason = refusal(path)
        if reason is not None:  # a link, FIFO or unprintable name: failed and counted, never read or quoted
            key = Path(shown_name(path))
            stager.staged.failed[key] = failed_record(key, f"{key}: {reason}")
        elif is_workbook(path):
            stager.workbook(path)
        elif path.suffix.lower() in REPORT_SUFFIXES:  # by name: a report named but missing is said so as one
            stage_report(stager, path)
        else:
            stager.params_file(path)
    refuse_clashes(stager.staged, out_dir)
    return stager.staged
