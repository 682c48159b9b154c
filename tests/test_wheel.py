"""The package as a user installs it: a wheel in a fresh venv outside the repository, every command run
from an empty folder, so nothing can be read from the source tree by accident."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


def _run(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, f"{args} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(bin folder of a fresh venv with the wheel and the locked dependencies, an empty working folder)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    # Build from a copy of the files git ships (tracked or not ignored), never from stray build output.
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(base / "dist"),
          str(source)], cwd=base)
    wheel = next((base / "dist").glob("selfeval-*.whl"))
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base)
    # The locked dependencies are the ones this interpreter runs with (scripts/setup.sh installs them from the lock):
    # the fresh venv sees them through a path file rather than installing the same ~150 packages again (100 s).
    # A path file processes no .pth of that folder, so the project's own editable install stays out of sight.
    site = Path(_run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=base).stdout.strip())
    (site / "locked-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    _run([*pip, "--no-deps", str(wheel)], cwd=base)
    # and their data files (nbconvert's base templates, kernel specs), which the wheel adds nothing to
    assert not (venv / "share").exists()
    (venv / "share").symlink_to(Path(sys.prefix) / "share", target_is_directory=True)
    work = base / "empty"
    work.mkdir()
    return venv / "bin", work


def test_wheel_carries_notebooks_templates_and_bundled_params(installed: tuple[Path, Path]) -> None:
    imported = _run([str(installed[0] / "python"), "-c", "import selfeval; print(selfeval.__file__)"], installed[1])
    assert Path(imported.stdout.strip()).is_relative_to(installed[0].parent)  # the wheel's, not the source tree's
    wheel = next(installed[0].parent.parent.glob("dist/selfeval-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("selfeval/notebooks/self_evaluation.ipynb", "selfeval/notebooks/audit.ipynb",
                   "selfeval/templates/nbconvert/selfeval/index.html.j2", "selfeval/templates/batch_index.html.j2",
                   "selfeval/params/luquan-cac-2022.yaml"):
        assert needed in names


def test_installed_selfeval_runs_every_command_from_an_empty_folder(installed: tuple[Path, Path]) -> None:
    bin_dir, work = installed
    selfeval = str(bin_dir / "selfeval")
    for name in ("luquan-cac-2022.yaml", "sample-agri-2023.yaml"):
        shutil.copy(ROOT / "params" / name, work / name)
    checked = _run([selfeval, "check", "luquan-cac-2022.yaml"], cwd=work)
    assert "SUM-001" in checked.stdout
    _run([selfeval, "run", "luquan-cac-2022.yaml", "--out", "one"], cwd=work)
    written = sorted(p.suffix for p in (work / "one").iterdir() if p.is_file())
    assert {".ipynb", ".html", ".pdf"} <= set(written)
    _run([selfeval, "batch", "luquan-cac-2022.yaml", "sample-agri-2023.yaml", "--out", "many", "--workers", "2"],
         cwd=work)
    assert (work / "many" / "index.html").is_file() and (work / "many" / "manifest.json").is_file()
    _run([selfeval, "verify", "many"], cwd=work)
    _run([selfeval, "template", "departments.xlsx"], cwd=work)
    assert zipfile.is_zipfile(work / "departments.xlsx")
    assert "127.0.0.1" in _run([selfeval, "lab", "--help"], cwd=work).stdout
    executed = next((work / "one").glob("*.ipynb"))
    _run([str(bin_dir / "python"), "-m", "nbconvert", "--to", "selfeval_html", str(executed), "--output-dir",
          "converted"], cwd=work)
    html = next((work / "converted").glob("*.html")).read_text(encoding="utf-8")
    assert 'lang="zh"' in html and "鹿泉" in html
