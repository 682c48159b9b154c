"""Files the commands read that ship with the package: the report and audit notebooks, the bundled params.

The top-level `notebooks/` and `params/` folders are the one copy users see; pyproject maps them into
the package as `selfeval.notebooks` and `selfeval.params`, so an installed wheel carries them too.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _path(package: str, name: str) -> Path:
    # Wheels install unzipped, so the resource is a real file that papermill and shutil can open.
    return Path(str(files(package).joinpath(name)))


def notebook(name: str) -> Path:
    """A bundled notebook (self_evaluation.ipynb, audit.ipynb)."""
    return _path("selfeval.notebooks", name)


def bundled_params(name: str) -> Path:
    """A bundled department's params file."""
    return _path("selfeval.params", name)
