"""Auditors' notes on findings, kept beside the params file as <name>.notes.json.

Each note says who wrote it (the reviewer), when (UTC), and carries a copy of the finding it was written
on, so that a note whose finding has since changed or no longer fails is shown as stale, not as current.
"""
from __future__ import annotations

import getpass
import json
import os
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from .checks import Finding
from .files import write_atomic

STATUSES = {"accepted": "已接受", "queried": "有疑问", "explained": "已说明"}
COPIED = ("check", "where", "expected", "actual", "message")  # what a note keeps of its finding
NOTES_SUFFIX = ".notes.json"


def notes_path(params_path: str | Path) -> Path:
    """Where a department's notes live: beside its params file."""
    path = Path(params_path)
    return path.with_name(f"{path.stem}{NOTES_SUFFIX}")


def finding_key(check: str, where: str) -> str:
    """The key a note is filed under: the check and the place it looked at."""
    return f"{check} {where}".strip()


def config_path() -> Path:
    """The user's selfeval config file: $SELFEVAL_CONFIG, else $XDG_CONFIG_HOME/selfeval/config.toml."""
    if os.environ.get("SELFEVAL_CONFIG"):
        return Path(os.environ["SELFEVAL_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "selfeval" / "config.toml"


def _configured_reviewer() -> str:
    """`reviewer = "…"` from the config file, or "" when there is none (a broken file counts as none)."""
    try:
        value = tomllib.loads(config_path().read_text(encoding="utf-8")).get("reviewer", "")
    except (OSError, ValueError):
        return ""
    return value.strip() if isinstance(value, str) else ""


def reviewer(explicit: str | None = None) -> str:
    """Who is reviewing: given (--reviewer), else $SELFEVAL_REVIEWER, else the config file, else the OS user."""
    for candidate in (explicit, os.environ.get("SELFEVAL_REVIEWER"), _configured_reviewer()):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "未知"


def utc_now() -> str:
    """The time now, UTC, to the second, ISO 8601."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def make_note(finding: Finding, status: str, text: str, by: str, *, edited: bool = False,
              time: str | None = None) -> dict[str, object]:
    """A note on a finding: status, remark, reviewer, UTC time and a copy of the finding as it stood."""
    note: dict[str, object] = {"status": status, "note": text, "reviewer": by, "time": time or utc_now(),
                               "finding": {k: getattr(finding, k) for k in COPIED}}
    if edited:
        note["edited"] = True  # written while the figures had unsaved edits in the panel
    return note


def _clean(entry: object) -> dict[str, object] | None:
    """A note as read from the file, or None when it is not one."""
    if not isinstance(entry, dict) or entry.get("status") not in STATUSES:
        return None
    note: dict[str, object] = {"status": entry["status"], "note": str(entry.get("note", ""))}
    for key in ("reviewer", "time"):
        note[key] = str(entry.get(key, ""))
    copy = entry.get("finding")
    if isinstance(copy, dict):
        note["finding"] = {k: str(copy.get(k, "")) for k in COPIED}
    if entry.get("edited"):
        note["edited"] = True
    return note


def load_notes(params_path: str | Path) -> dict[str, dict[str, object]]:
    """A department's notes, or none; a damaged notes file reads as none rather than stopping the work."""
    try:
        data = json.loads(notes_path(params_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: note for k, v in data.items() if (note := _clean(v)) is not None}


def save_notes(params_path: str | Path, notes: dict[str, dict[str, object]]) -> Path:
    """Write a department's notes atomically (only notes with a known status)."""
    clean = {k: v for k, v in sorted(notes.items()) if v.get("status") in STATUSES}
    return write_atomic(notes_path(params_path), json.dumps(clean, ensure_ascii=False, indent=2) + "\n")


def staleness(note: dict[str, object], finding: Finding | None) -> str:
    """Why a note is stale ("" when current): its finding no longer fails, or is not the one it was written on."""
    if finding is None or finding.status != "fail":
        return "所注检查已不再不通过"
    copy = note.get("finding")
    if isinstance(copy, dict) and any(copy.get(k, "") != getattr(finding, k) for k in COPIED):
        changed = "、".join(label for k, label in (("expected", "应为"), ("actual", "实为"), ("message", "说明"))
                           if copy.get(k, "") != getattr(finding, k))
        return f"所注检查结果已变化（{changed}）"
    return ""


@dataclass
class Reviewed:
    """A department's notes sorted against its findings: current ones by key, stale ones with the reason."""

    current: dict[str, dict[str, object]] = field(default_factory=dict)
    stale: dict[str, tuple[dict[str, object], str]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Current notes by Chinese status label (what the index counts)."""
        return {zh: sum(1 for n in self.current.values() if n["status"] == key) for key, zh in STATUSES.items()}


def review(notes: dict[str, dict[str, object]], findings: Iterable[Finding]) -> Reviewed:
    """Sort notes into current and stale against the findings of the figures as they are now."""
    by_key = {}
    for f in findings:
        key = finding_key(f.check, f.where)
        if key not in by_key or f.status == "fail":
            by_key[key] = f
    result = Reviewed()
    for key, note in notes.items():
        reason = staleness(note, by_key.get(key))
        if reason:
            result.stale[key] = (note, reason)
        else:
            result.current[key] = note
    return result


def shown(note: dict[str, object], stale: str = "") -> str:
    """A note as one line of text: status, remark, reviewer and time, and why it is stale if it is."""
    who = "，".join(str(x) for x in (note.get("reviewer"), note.get("time")) if x)
    text = f"{STATUSES.get(str(note.get('status', '')), '')} {note.get('note', '')}".strip()
    text += f"（{who}）" if who else ""
    return f"【已过期：{stale}】{text}" if stale else text
