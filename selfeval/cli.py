"""The `selfeval` command line: thin wrappers over the package's public functions."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .check_command import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, cmd_check
from .command_inputs import runnable, sources
from .errors import InputError
from .reasons import reason_shown

EXIT_FAILED = 3


def cmd_run(args: argparse.Namespace) -> int:
    """Execute and export the report notebook for each department given, as a package with a manifest."""
    from .package import run_package  # noqa: PLC0415 - keeps `selfeval check` quick to start

    files = sources(args.params)
    if files is None:
        return EXIT_INPUT
    good, status = runnable(files, args.department or [])
    if not good:
        return status
    out = Path(args.out)
    package = run_package(good, out, timeout=args.timeout, notebook=Path(args.notebook) if args.notebook else None,
                          only=args.department or ())
    for outcome in package.outcomes:
        if outcome.error:
            kept = ", ".join(str(p) for p in outcome.outputs.values()) or "nothing"
            print(f"{outcome.source}: failed: {reason_shown(outcome.error, outcome.source)} (written: {kept})",
                  file=sys.stderr)
            status = max(status, EXIT_FAILED)
        for fmt_name, written in outcome.outputs.items() if not outcome.error else ():
            print(f"{outcome.code}: {fmt_name}: {written}")
    if package.notice:
        print(package.notice, file=sys.stderr)
    if package.digest:
        _print_manifest(out, package.digest)
    return status


def _print_manifest(out: Path, digest: str) -> None:
    """Where the manifest is and its SHA-256: what to write down or sign, and give to `verify --expect`."""
    print(f"manifest: {out / 'manifest.json'}\nmanifest SHA-256: {digest} (also in {out / 'manifest.sha256'})\n"
          f"check later: selfeval verify {out} --expect {digest}")


def cmd_batch(args: argparse.Namespace) -> int:
    """Run many departments in parallel; write index.html and manifest.json."""
    from .batch import run_batch  # noqa: PLC0415 - keeps `selfeval check` quick to start

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = sorted(set(formats) - {"ipynb", "html", "pdf"})
    if unknown or "ipynb" not in formats:
        print(f"--formats：应为 ipynb、html、pdf 中以逗号分隔的几项，且须含 ipynb（读到“{args.formats}”）", file=sys.stderr)
        return EXIT_INPUT
    out = Path(args.out)
    result = run_batch(args.sources, out, workers=args.workers, formats=formats, resume=args.resume,
                       timeout=args.timeout, dask_scheduler=args.dask_scheduler,
                       notebook=Path(args.notebook) if args.notebook else None)
    for notice in result.notices:
        print(notice, file=sys.stderr)
    for record in result.failed:
        print(f"failed: {record['params']}: {reason_shown(record['reason'], record['params'])}", file=sys.stderr)
    for record in result.incomplete:  # a report read in part is never a pass: said, and in the exit code
        print(f"incomplete: {record['params']}: {reason_shown(record['reason'], record['params'])}", file=sys.stderr)
    if result.digest:  # a stopped batch, or one whose manifest could not be written, said why in its notices
        print(f"index: {out / 'index.html'}")
        _print_manifest(out, result.digest)
    return EXIT_FAILED if result.failed or result.incomplete else EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    """Recompute the hashes of an output folder against its manifest, and the manifest's own hash."""
    from .evidence import MANIFEST, MANIFEST_SHA, ManifestError, verify  # noqa: PLC0415

    out = Path(args.dir)
    if not (out / MANIFEST).is_file():
        print(f"{out}: 此处没有 {MANIFEST}，应为 batch 或 run 的输出文件夹", file=sys.stderr)
        return EXIT_INPUT
    try:
        result = verify(out, args.expect)
    except (ManifestError, OSError) as exc:
        print(f"{out / MANIFEST}：不是可读的清单：{exc}", file=sys.stderr)
        return EXIT_INPUT
    for label, names in (("added", result.added), ("missing", result.missing), ("changed", result.changed),
                         ("outside the folder", result.outside)):
        for name in names:
            print(f"{label}: {name}")
    print(f"manifest SHA-256: {result.digest}")
    if result.expected is not None and result.digest != result.expected.strip().lower():
        print(f"manifest: NOT the one expected ({result.expected.strip()}): {MANIFEST} was changed or replaced")
    if result.recorded is not None and result.recorded != result.digest:
        print(f"manifest: {MANIFEST_SHA} says {result.recorded or 'nothing readable'}: {MANIFEST} was changed since")
    if result.ok:
        print("verified: every file matches the manifest")
    elif result.added or result.missing or result.changed or result.outside:
        print("NOT verified: the folder differs from its manifest")
    else:
        print("NOT verified: the manifest is not the one expected")
    return EXIT_OK if result.ok else EXIT_FINDINGS


def cmd_ledger(args: argparse.Namespace) -> int:
    """Write the 整改台账 of an output folder, carrying last period's ledger over when given."""
    from .evidence import MANIFEST, ManifestError, verify  # noqa: PLC0415
    from .ledger import FIXED, PERSISTS, STATUS, UNCHECKED, build_ledger  # noqa: PLC0415

    out = Path(args.dir)
    if not (out / MANIFEST).is_file():
        print(f"{out}: 此处没有 {MANIFEST}，应为 batch 或 run 的输出文件夹", file=sys.stderr)
        return EXIT_INPUT
    try:
        verified = verify(out).ok
    except (ManifestError, OSError) as exc:
        print(f"{out / MANIFEST}：不是可读的清单：{exc}", file=sys.stderr)
        return EXIT_INPUT
    if not verified:
        print(f"警告：{out} 与其清单不符（selfeval verify {out} 查看详情）；台账按现有文件生成", file=sys.stderr)
    try:
        rows = build_ledger(out, Path(args.output), Path(args.previous) if args.previous else None)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INPUT
    counts = {s: sum(1 for r in rows if r[STATUS] == s) for s in (PERSISTS, FIXED, UNCHECKED)}
    carried = f"；{'，'.join(f'{s} {n}' for s, n in counts.items())}" if args.previous else ""
    print(f"整改台账：{args.output}（{len(rows)} 行{carried}）")
    return EXIT_OK


def cmd_lab(args: argparse.Namespace) -> int:
    """Start JupyterLab on loopback, opened on the audit notebook, until interrupted."""
    from . import lab  # noqa: PLC0415

    params = Path(args.params_dir)
    if not params.is_dir():
        print(f"{params}: 不是参数文件所在的文件夹", file=sys.stderr)
        return EXIT_INPUT
    process, url = lab.start(params, Path(args.dir), Path(args.out), port=args.port, reviewer=args.reviewer)
    print(f"JupyterLab (stop it with Ctrl-C): {url}", flush=True)
    return lab.serve(process)


def _add_evidence_commands(sub: argparse._SubParsersAction) -> None:
    """`verify` and `ledger`: what is done with an output folder afterwards."""
    verify = sub.add_parser("verify", help="check a batch output folder against its manifest")
    verify.add_argument("dir", help="the output folder (of batch or run)")
    verify.add_argument("--expect", metavar="SHA256", help="fail unless manifest.json has this SHA-256 (the one "
                                                              "printed at the end of the run, or signed)")
    verify.set_defaults(func=cmd_verify)
    ledger = sub.add_parser("ledger", help="整改台账: a row per failing finding of an output folder, as a workbook")
    ledger.add_argument("dir", help="the output folder (of batch or run)")
    ledger.add_argument("-o", "--out", "--output", dest="output", required=True, help="the ledger workbook to write (.xlsx)")
    ledger.add_argument("--previous", metavar="XLSX", help="last period's ledger: its rows carried over by fingerprint")
    ledger.set_defaults(func=cmd_ledger)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="selfeval", description="绩效自评报告一致性审核工具")
    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check params files and list findings")
    check.add_argument("params", nargs="+", help="params files, departments workbooks (.xlsx) and/or folders of them")
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--failed-only", action="store_true", help="show (and write) failing findings only, in every format")
    check.add_argument("-o", "--out", help="write the findings to this file: .json, or .xlsx (a findings workbook)")
    check.add_argument("--xlsx", help="also write the findings to this workbook (as -o x.xlsx)")
    check.set_defaults(func=cmd_check)
    run = sub.add_parser("run", help="execute the report notebook and write .ipynb, .html and .pdf")
    run.add_argument("params", nargs="+", help="params files, departments workbooks (.xlsx) and/or folders of them")
    run.add_argument("-o", "--out", required=True, help="output folder")
    run.add_argument("--department", action="append", metavar="CODE",
                     help="the department of a workbook to run (repeatable; needed when it holds several)")
    run.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    run.add_argument("--notebook", help="a report notebook other than the bundled one")
    run.set_defaults(func=cmd_run)
    batch = sub.add_parser("batch", help="run many departments in parallel, with an index page and a manifest")
    batch.add_argument("sources", nargs="+", help="params folders, params files, departments workbooks and/or reports (.pdf .docx .html .txt)")
    batch.add_argument("-o", "--out", required=True, help="output folder")
    batch.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
    batch.add_argument("--formats", default="ipynb,html,pdf", help="outputs to write (default ipynb,html,pdf)")
    batch.add_argument("--resume", action="store_true", help="skip departments a previous run finished")
    batch.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    batch.add_argument("--dask-scheduler", help="run on a Dask cluster at this address (tcp://HOST:PORT)")
    batch.add_argument("--notebook", help="a report notebook other than the bundled one")
    batch.set_defaults(func=cmd_batch)
    _add_evidence_commands(sub)
    lab = sub.add_parser("lab", help="audit interactively: JupyterLab on 127.0.0.1 with the audit panel")
    lab.add_argument("params_dir", nargs="?", default="params", help="folder of params files (default params)")
    lab.add_argument("--dir", default=".", help="working folder for audit.ipynb (default: here)")
    lab.add_argument("--out", default="exports",
                     help="where the panel's exports go, each in a folder of its own (default exports)")
    lab.add_argument("--reviewer", help="the name the panel's audit notes are signed with (default: the "
                                        "config file's reviewer, else the OS user)")
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
