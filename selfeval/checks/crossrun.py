"""The cross-document checks of a dossier, imported by hand: import order is the order of their findings."""
from __future__ import annotations

from ..dossier import Dossier
from . import cross, crossbudget  # noqa: F401
from .registry import CROSS, Finding, run_cross_registered

__all__ = ["CROSS", "run_cross"]


def run_cross(dossier: Dossier) -> list[Finding]:
    """Every cross-document check on one dossier; each finding names the department and the dossier's folder."""
    return run_cross_registered(dossier, dossier.code, dossier.folder)
