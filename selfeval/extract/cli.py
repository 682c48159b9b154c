"""`selfeval extract` and `selfeval audit`: thin commands over the extract package.

selfeval.cli adds them to the main parser with `add_subcommands(subparsers)`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from .audit import Audit, audit_file, report_files
from .findings_io import describe, to_json, write_tables
from .output import params_json, params_yaml
from .pipeline import extract_file, to_report

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INCOMPLETE = 0, 1, 2, 4


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract one report's figures into a params file: 0 complete, 1 incomplete (says what), 2 unreadable."""
    try:
        ex = extract_file(args.report)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INPUT
    _, missing = to_report(ex)
    _write(params_json(ex) if args.format == "json" else params_yaml(ex), args.output)
    if missing:
        print(f"{args.report}：参数不完整（加载程序还需要：{'；'.join(missing)}）", file=sys.stderr)
        return EXIT_FINDINGS
    if args.output:
        print(f"{args.report}：参数已写入 {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    """Audit reports: 0 complete and no failing error, 1 a failing error, 2 a file that cannot be read (others
    still audited), 4 a report whose figures could not all be read (never reported as passing)."""
    files = report_files(args.reports)
    if not files:
        print(f"{' '.join(args.reports)}: 没有报告文件（.pdf、.docx、.html、.txt、.md）", file=sys.stderr)
        return EXIT_INPUT
    audits: list[Audit] = []
    unreadable: list[tuple[str, InputError]] = []
    for path in files:
        try:
            audits.append(audit_file(path))
        except InputError as exc:
            print(exc, file=sys.stderr)
            unreadable.append((str(path), exc))
            continue
        if args.format == "table" and not args.output:
            print(describe(audits[-1], args.failed_only))
    if args.format == "json":  # to the file named by -o, or to standard output
        _write(to_json(audits, unreadable, args.failed_only), args.output)
        if args.output:
            print(f"{len(audits)}份报告的检查结果：{args.output}", file=sys.stderr)
    elif args.output:
        reasons = [(name, "; ".join(p.message for p in error.problems)) for name, error in unreadable]
        csv_path, xlsx_path = write_tables(audits, reasons, Path(args.output), args.failed_only)
        print(f"{len(audits)}份报告的检查结果：{csv_path} 和 {xlsx_path}")
    if unreadable:
        return EXIT_INPUT
    if any(f.failed_error for a in audits for f in a.findings):
        return EXIT_FINDINGS
    return EXIT_INCOMPLETE if any(not a.complete for a in audits) else EXIT_OK


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Add `extract` and `audit` to the selfeval command's subparsers."""
    ext = subparsers.add_parser("extract", help="extract a report's figures (.pdf, .docx, .html, .txt, .md) into a params file")
    ext.add_argument("report", help="the report: .pdf, .docx, .html, or .txt / .md (UTF-8, UTF-16 or GB18030)")
    ext.add_argument("-o", "--output", "--out", help="write the params file here (default: standard output)")
    ext.add_argument("--format", choices=("yaml", "json"), default="yaml",
                     help="yaml: params with # source comments; json: {params, sources, ...}")
    ext.set_defaults(func=cmd_extract)
    aud = subparsers.add_parser("audit", help="extract and check reports; findings with their source text")
    aud.add_argument("reports", nargs="+", help="report files and/or folders of them")
    aud.add_argument("--format", choices=("table", "json"), default="table")
    aud.add_argument("--failed-only", action="store_true",
                     help="show (and write) failing and unchecked findings only, in every format")
    aud.add_argument("-o", "--output", "--out", help="table format: one findings table for all reports as OUTPUT.csv "
                     "and OUTPUT.xlsx; json format: the JSON file")
    aud.set_defaults(func=cmd_audit)
