"""The `selfeval` command line: thin wrappers over the package's public functions."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .checks import Finding, run_checks
from .errors import InputError
from .excel import load_sources, write_findings
from .tables import render, summary

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_FAILED = 0, 1, 2, 3


def _use_colour(stream) -> bool:  # noqa: ANN001 - any text stream
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def cmd_check(args: argparse.Namespace) -> int:
    """Check params files and print findings; bad files are reported and the rest still checked."""
    notices: list[str] = []
    reports, errors = load_sources(args.params, notices)
    for line in [*notices, *map(str, errors)]:
        print(line, file=sys.stderr)
    all_findings: list[Finding] = []
    for report in reports:
        findings = run_checks(report)
        all_findings.extend(findings)
        if args.format == "table":
            shown = [f for f in findings if f.status == "fail"] if args.failed_only else findings
            d = report.department
            print(f"{d.short_name or d.name}（{d.code}，{d.year}年度） {report.source}")
            print(render(shown, colour=_use_colour(sys.stdout)))
            print(summary(findings) + "\n")
    if args.format == "json":
        json.dump([f.to_dict() for f in all_findings], sys.stdout, ensure_ascii=False, indent=2)
        print()
    if args.xlsx:
        write_findings(all_findings, Path(args.xlsx))
        print(f"findings workbook: {args.xlsx}", file=sys.stderr)
    if errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if any(f.failed_error for f in all_findings) else EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    """Execute and export the report notebook for each params file given."""
    from .run import RunFailed, run_department  # noqa: PLC0415 - keeps `selfeval check` quick to start

    status = EXIT_OK
    for path in args.params:
        try:
            result = run_department(Path(path), Path(args.out), timeout=args.timeout,
                                    notebook=Path(args.notebook) if args.notebook else None)
        except InputError as exc:
            print(exc, file=sys.stderr)
            status = max(status, EXIT_INPUT)
            continue
        except RunFailed as exc:
            kept = ", ".join(str(p) for p in exc.outputs.values()) or "nothing"
            print(f"{path}: failed: {exc} (written: {kept})", file=sys.stderr)
            status = max(status, EXIT_FAILED)
            continue
        for fmt_name, out in result.outputs.items():
            print(f"{result.code}: {fmt_name}: {out}")
    return status


def cmd_batch(args: argparse.Namespace) -> int:
    """Run many departments in parallel; write index.html and manifest.json."""
    from .batch import run_batch  # noqa: PLC0415 - keeps `selfeval check` quick to start

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = sorted(set(formats) - {"ipynb", "html", "pdf"})
    if unknown or "ipynb" not in formats:
        print(f"--formats: expected a list of ipynb,html,pdf including ipynb, got {args.formats!r}", file=sys.stderr)
        return EXIT_INPUT
    out = Path(args.out)
    result = run_batch(args.sources, out, workers=args.workers, formats=formats, resume=args.resume,
                       timeout=args.timeout, dask_scheduler=args.dask_scheduler,
                       notebook=Path(args.notebook) if args.notebook else None)
    for record in result.failed:
        print(f"failed: {record['params']}: {record['reason']}", file=sys.stderr)
    print(f"index: {out / 'index.html'}\nmanifest: {out / 'manifest.json'}")
    return EXIT_FAILED if result.failed else EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    """Recompute the hashes of a batch's output folder against its manifest."""
    from .evidence import MANIFEST, verify  # noqa: PLC0415

    out = Path(args.dir)
    if not (out / MANIFEST).is_file():
        print(f"{out}: no {MANIFEST} here; is this a batch output folder?", file=sys.stderr)
        return EXIT_INPUT
    result = verify(out)
    for label, names in (("added", result.added), ("missing", result.missing), ("changed", result.changed)):
        for name in names:
            print(f"{label}: {name}")
    print("verified: every file matches the manifest" if result.ok else "NOT verified: the folder differs from its manifest")
    return EXIT_OK if result.ok else EXIT_FINDINGS


def cmd_lab(args: argparse.Namespace) -> int:
    """Start JupyterLab on loopback, opened on the audit notebook, until interrupted."""
    from . import lab  # noqa: PLC0415

    params = Path(args.params_dir)
    if not params.is_dir():
        print(f"{params}: not a folder of params files", file=sys.stderr)
        return EXIT_INPUT
    process, url = lab.start(params, Path(args.dir), Path(args.out), port=args.port)
    print(f"JupyterLab (stop it with Ctrl-C): {url}", flush=True)
    return lab.serve(process)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="selfeval", description="绩效自评报告一致性审核工具")
    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check params files and list findings")
    check.add_argument("params", nargs="+", help="params YAML files and/or departments workbooks (.xlsx)")
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--failed-only", action="store_true", help="table: show failing findings only")
    check.add_argument("--xlsx", help="also write every finding of every department to this workbook")
    check.set_defaults(func=cmd_check)
    run = sub.add_parser("run", help="execute the report notebook and write .ipynb, .html and .pdf")
    run.add_argument("params", nargs="+", help="params YAML files")
    run.add_argument("--out", required=True, help="output folder")
    run.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    run.add_argument("--notebook", help="a report notebook other than the bundled one")
    run.set_defaults(func=cmd_run)
    batch = sub.add_parser("batch", help="run many departments in parallel, with an index page and a manifest")
    batch.add_argument("sources", nargs="+", help="params folders, params files and/or departments workbooks")
    batch.add_argument("--out", required=True, help="output folder")
    batch.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
    batch.add_argument("--formats", default="ipynb,html,pdf", help="outputs to write (default ipynb,html,pdf)")
    batch.add_argument("--resume", action="store_true", help="skip departments a previous run finished")
    batch.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    batch.add_argument("--dask-scheduler", help="run on a Dask cluster at this address (tcp://HOST:PORT)")
    batch.add_argument("--notebook", help="a report notebook other than the bundled one")
    batch.set_defaults(func=cmd_batch)
    verify = sub.add_parser("verify", help="check a batch output folder against its manifest")
    verify.add_argument("dir", help="the batch output folder")
    verify.set_defaults(func=cmd_verify)
    lab = sub.add_parser("lab", help="audit interactively: JupyterLab on 127.0.0.1 with the audit panel")
    lab.add_argument("params_dir", nargs="?", default="params", help="folder of params files (default params)")
    lab.add_argument("--dir", default=".", help="working folder for audit.ipynb (default: here)")
    lab.add_argument("--out", default="out", help="where the panel's exports go (default out)")
    lab.add_argument("--port", type=int, default=None, help="port on 127.0.0.1 (default: a free one)")
    lab.set_defaults(func=cmd_lab)
    from .extract.cli import add_subcommands  # noqa: PLC0415 - its heavy imports wait until a command runs

    add_subcommands(sub)
    from .excel.cli import add_subcommands as add_excel_subcommands  # noqa: PLC0415

    add_excel_subcommands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
