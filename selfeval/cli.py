"""The `selfeval` command line: thin wrappers over the package's public functions."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Sequence

from . import __version__
from .checks import Finding, run_checks
from .loader import load_many
from .tables import render, summary

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _use_colour(stream) -> bool:  # noqa: ANN001 - any text stream
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def cmd_check(args: argparse.Namespace) -> int:
    """Check params files and print findings; bad files are reported and the rest still checked."""
    reports, errors = load_many(args.params)
    for error in errors:
        print(error, file=sys.stderr)
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
    if errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if any(f.failed_error for f in all_findings) else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="selfeval", description="绩效自评报告一致性审核工具")
    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check params files and list findings")
    check.add_argument("params", nargs="+", help="params YAML files")
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--failed-only", action="store_true", help="table: show failing findings only")
    check.set_defaults(func=cmd_check)
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
