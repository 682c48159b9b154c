"""`selfeval template`, `selfeval split` and `selfeval join`: thin commands over the excel package.

selfeval.cli adds them to the main parser with `add_subcommands(subparsers)`.
"""
from __future__ import annotations

import argparse
import sys

from ..errors import InputError
from .convert import SEED, join, params_files, split_workbook, template

EXIT_OK, EXIT_INPUT = 0, 2


def _report(errors: list[InputError]) -> None:
    for error in errors:
        print(error, file=sys.stderr)


def cmd_template(args: argparse.Namespace) -> int:
    """Write an empty departments workbook with example rows: 0 written, 2 an example params file is bad."""
    examples = args.example or [SEED]
    output = args.out or args.output
    if not output:
        print("template: 请用 -o/--out 给出要写的工作簿，如 -o departments.xlsx", file=sys.stderr)
        return EXIT_INPUT
    try:
        out = template(output, examples)
    except InputError as exc:
        _report([exc])
        return EXIT_INPUT
    print(f"template: {out} (example rows from {', '.join(map(str, examples))})")
    return EXIT_OK


def cmd_split(args: argparse.Namespace) -> int:
    """One params file per department of a workbook: 0 all written, 2 some departments bad (the rest written)."""
    notices: list[str] = []
    written, errors = split_workbook(args.workbook, args.out, notices, force=args.force)
    for notice in notices:
        print(notice, file=sys.stderr)
    _report(errors)
    for path in written:
        print(path)
    print(f"{len(written)} params files written to {args.out}" + (f"; {len(errors)} with problems, not written"
                                                                   if errors else ""), file=sys.stderr)
    return EXIT_INPUT if errors else EXIT_OK


def cmd_join(args: argparse.Namespace) -> int:
    """Params files (and folders of them) into one workbook: 0 all joined, 2 some files bad (the rest joined)."""
    files = params_files(args.sources)
    if not files:
        print(f"no .yaml or .yml params files in {' '.join(args.sources)}", file=sys.stderr)
        return EXIT_INPUT
    out, errors = join(files, args.output)
    _report(errors)
    print(f"workbook: {out} ({len(files) - len(errors)} departments)")
    return EXIT_INPUT if errors else EXIT_OK


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Add `template`, `split` and `join` to the selfeval command's subparsers."""
    tpl = subparsers.add_parser("template", help="write a departments workbook (.xlsx) to fill in, with example rows")
    tpl.add_argument("output", nargs="?", help="the workbook to write, e.g. departments.xlsx (or -o)")
    tpl.add_argument("-o", "--out", help="the workbook to write, e.g. departments.xlsx")
    tpl.add_argument("--example", action="append", metavar="PARAMS",
                     help="params file whose rows fill the example (repeatable; default: the seed department)")
    tpl.set_defaults(func=cmd_template)
    spl = subparsers.add_parser("split", help="write each department of a workbook as a params file")
    spl.add_argument("workbook", help="the departments workbook (.xlsx)")
    spl.add_argument("-o", "--out", required=True, help="folder for the params files (<code>-<year>.yaml)")
    spl.add_argument("--force", action="store_true", help="replace params files that already exist (their comments are lost)")
    spl.set_defaults(func=cmd_split)
    jn = subparsers.add_parser("join", help="put params files into one departments workbook")
    jn.add_argument("sources", nargs="+", help="params files and/or folders of them")
    jn.add_argument("-o", "--out", "--output", dest="output", required=True, help="the workbook to write (.xlsx)")
    jn.set_defaults(func=cmd_join)
