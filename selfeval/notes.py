"""Auditors' notes on findings, kept beside the params file as <name>.notes.json."""
from __future__ import annotations

import json
from pathlib import Path

from .files import write_atomic

STATUSES = {"accepted": "已接受", "queried": "有疑问", "explained": "已说明"}


def notes_path(params_path: str | Path) -> Path:
    """Where a department's notes live: beside its params file."""
    path = Path(params_path)
    return path.with_name(f"{path.stem}.notes.json")


def finding_key(check: str, where: str) -> str:
    """The key a note is filed under: the check and the place it looked at."""
    return f"{check} {where}".strip()


def load_notes(params_path: str | Path) -> dict[str, dict[str, str]]:
    """A department's notes, or none; a damaged notes file reads as none rather than stopping the work."""
    try:
        data = json.loads(notes_path(params_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: {"status": v.get("status", ""), "note": v.get("note", "")}
            for k, v in data.items() if isinstance(v, dict) and v.get("status") in STATUSES}


def save_notes(params_path: str | Path, notes: dict[str, dict[str, str]]) -> Path:
    """Write a department's notes atomically (only notes with a known status)."""
    clean = {k: v for k, v in sorted(notes.items()) if v.get("status") in STATUSES}
    return write_atomic(notes_path(params_path), json.dumps(clean, ensure_ascii=False, indent=2) + "\n")
