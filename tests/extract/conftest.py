"""Paths and helpers shared by the extraction tests."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from selfeval.cli import main

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "data" / "reports"   # every report text the tests read: written for them, in the repo
SEED_LIKE = OWN / "seed_like.txt"           # a whole self-evaluation report of an invented department


def items(section) -> list[tuple[str, Decimal, Decimal | None]]:  # noqa: ANN001 - a model Section
    """(name, amount, share) of a section's lines."""
    return [(i.name, i.amount, i.share) for i in section.items]


def run_cli(capsys: pytest.CaptureFixture, *args: object) -> tuple[int, str, str]:
    """The extract/audit commands in-process: exit code, stdout, stderr."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def run_module(*args: object) -> subprocess.CompletedProcess:
    """`python -m selfeval ARGS` in a real process, to see exactly what a user sees."""
    return subprocess.run([sys.executable, "-m", "selfeval", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
