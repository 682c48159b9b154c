"""The set-up is locked and idempotent: the venv holds exactly requirements.lock, and a rerun installs nothing."""
from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def _locked() -> set[str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def test_every_locked_line_is_an_exact_pin():
    assert _locked() and all("==" in line and "@" not in line for line in _locked())


def test_the_venv_holds_exactly_the_locked_set():
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all", "--exclude", "pip", "--exclude",
                             "selfeval", "--disable-pip-version-check"], capture_output=True, text=True, check=True)
    installed = {line.strip().lower() for line in frozen.stdout.splitlines() if line.strip()}
    assert installed == _locked()


def test_rerunning_the_setup_installs_nothing():
    result = subprocess.run(["bash", "scripts/setup.sh"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0 and "installing" not in result.stderr, result.stderr
