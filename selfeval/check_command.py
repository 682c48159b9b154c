"""`selfeval check`: params files, workbooks, folders and dossiers checked; findings as tables, JSON or a workbook."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .checks import Finding, run_checks, text_findings_of
from .checkmany import Checked, check_many, workers_for
from .checks.crossrun import run_cross
from .command_inputs import sources
from .dossier import Dossier
from .errors import InputError
from .dossier_load import DossierRead, dossiers_in
from .excel import is_workbook, load_sources, write_findings
from .findings_json import COMPLETE, dumps, entry, finding_record, kept, report_entry, unreadable_entry
from .sources_file import read_sidecar
from .tables import render, summary

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
CROSS = "跨文件核对"  # the kind of a dossier's entry: its documents checked against each other


def _use_colour(stream) -> bool:  # noqa: ANN001 - any text stream
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def cmd_check(args: argparse.Namespace) -> int:
    """Check params files, workbooks, folders and dossiers; bad files are reported and the rest still checked."""
    if args.out and Path(args.out).suffix.lower() not in (".json", ".xlsx"):
        print(f"-o/--out: 应为 .json 或 .xlsx 文件，得到 {args.out}", file=sys.stderr)
        return EXIT_INPUT
    dossiers, named = _dossiers(args.params)
    files = sources(named) if named else []
    if files is None:
        return EXIT_INPUT
    notices: list[str] = [n for read in dossiers for n in read.notices]
    checked, errors = _checked(files, notices)
    errors += [e for read in dossiers for e in read.errors]
    for line in [*notices, *map(str, errors)]:
        print(line, file=sys.stderr)
    entries: list[dict] = []
    shown: list[Finding] = []  # what --failed-only keeps, for the findings workbook and the exit code
    for one in checked:
        try:
            side = read_sidecar(Path(one.source)) if one.source else None
        except InputError as exc:  # a broken sources file beside the params: said once, like a bad params file
            print(exc, file=sys.stderr)
            errors.append(exc)
            continue
        findings = one.findings + text_findings_of(side)
        _show(args, _heading(one.short_name or one.name, one.code, one.year, one.source), findings)
        records = [finding_record(f) for f in findings if kept(f, args.failed_only)]
        entries.append(entry(one.source, COMPLETE, records, code=one.code, department=one.name, year=one.year,
                             kind=one.kind))
        shown += [f for f in findings if kept(f, args.failed_only)]
    for read in dossiers:
        shown += _check_dossier(args, read.dossier, entries)
    entries += [unreadable_entry(e.problems) for e in errors]
    _write_findings(args, entries, shown)
    if errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if any(f.failed_error for f in shown) else EXIT_OK


def _checked(files: list[Path], notices: list[str]) -> tuple[list[Checked], list[InputError]]:
    """Each good department checked, in order, and each bad file's error. Params files alone are checked on every
    core (check_many); with a workbook among them they are read together, a code given twice being bad input."""
    if not any(is_workbook(f) for f in files):
        outcomes = check_many(files, workers_for(len(files)))
        return ([o for o in outcomes if isinstance(o, Checked)],
                [o for o in outcomes if isinstance(o, InputError)])
    reports, errors = load_sources(files, notices)
    return [Checked(r.source, r.department.code, r.department.name, r.department.short_name, r.department.year,
                    r.kind, run_checks(r)) for r in reports], errors


def _dossiers(named: list[str]) -> tuple[list[DossierRead], list[str]]:
    """The dossiers the folders named are or hold (read), and the other inputs, which are read as before."""
    dossiers: list[DossierRead] = []
    rest = []
    for name in named:
        found = dossiers_in(Path(name)) if Path(name).is_dir() else []
        if found:
            dossiers += found
        else:
            rest.append(name)
    return dossiers, rest


def _heading(name: str, code: str, year: int, source: str) -> str:
    return f"{name}（{code}，{year}年度） {source}"


def _show(args: argparse.Namespace, heading: str, findings: list[Finding]) -> None:
    """Print one table of findings (those --failed-only keeps), unless the output is JSON."""
    if args.format == "table" and not _is_json(args.out):
        print(heading)
        print(render([f for f in findings if kept(f, args.failed_only)], colour=_use_colour(sys.stdout)))
        print(summary(findings) + "\n")


def _check_dossier(args: argparse.Namespace, dossier: Dossier, entries: list[dict]) -> list[Finding]:
    """Each document of a dossier checked on its own, then the documents against each other: an entry each
    (added to `entries`); the findings kept."""
    shown: list[Finding] = []
    for doc in dossier.documents:
        findings = list(doc.findings) if doc.findings is not None else run_checks(doc.report)
        d = doc.report.department
        _show(args, f"{_heading(d.short_name or d.name, d.code, d.year, doc.path)}（{doc.kind}）", findings)
        entries.append(report_entry(doc.report, findings, args.failed_only, file=doc.path, kind=doc.kind))
        shown += [f for f in findings if kept(f, args.failed_only)]
    years = "、".join(map(str, dossier.years))
    heading = f"{CROSS}：{dossier.code}（{dossier.folder}，{len(dossier.documents)}份文件，{years}年度）"
    cross = run_cross(dossier)
    _show(args, heading, cross)
    kept_cross = [f for f in cross if kept(f, args.failed_only)]
    entries.append(entry(dossier.folder, COMPLETE, [finding_record(f) for f in kept_cross], code=dossier.code,
                         kind=CROSS))
    return shown + kept_cross


def _is_json(out: str | None) -> bool:
    return bool(out) and Path(out).suffix.lower() == ".json"  # type: ignore[arg-type]


def _write_findings(args: argparse.Namespace, entries: list[dict], shown: list[Finding]) -> None:
    """JSON to stdout or to `-o x.json`; a findings workbook of the findings shown to `-o x.xlsx` (or --xlsx)."""
    text = dumps(entries)
    if args.format == "json" and not args.out:
        sys.stdout.write(text)
    for out in {o for o in (args.out, args.xlsx) if o}:
        if _is_json(out):
            Path(out).write_text(text, encoding="utf-8")
        else:
            write_findings(shown, Path(out))
        print(f"findings: {out}", file=sys.stderr)
