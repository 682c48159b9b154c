"""审核人更正: a figure read from a report and corrected in the audit panel keeps its source and its read value.

A params file extracted from a report has a sources sidecar (selfeval.sources_file). When the panel saves or
exports an edited copy of it, the copy gets the original's sidecar with a "correction" on the source entry of
each figure the auditor changed:

    "correction": {"by": "审核人更正", "old": the value the document was read as, "new": the value now in the
                   params file, "reviewer", "time" (UTC, ISO 8601)}

"old" is always what the document says: correcting a corrected copy again keeps it, and setting the figure back
to it drops the correction. The params file holds the corrected value (the checks run on it); the record of the
edits beside it (selfeval.adjusted) holds the same change, old → new, for the 复核调整稿 heading.
"""
from __future__ import annotations

import copy
import html
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .edit import editable_paths, figure
from .files import write_atomic
from .model import Report
from .money import fmt
from .errors import InputError
from .sources_file import place_and_words, read_sidecar, sidecar_path
from .visible import visible

CORRECTED = "审核人更正"
QUOTE_CHARS = 24  # of the document's words beside a field: enough to recognise the line, not to wrap the panel


def sources_of(params: str | Path) -> dict | None:
    """A params file's sources sidecar, or None when it has none or it cannot be read (the panel then shows no
    quotes; it lists the problem when it opens the folder, from `read_sidecar`'s InputError)."""
    try:
        return read_sidecar(Path(params))
    except InputError:
        return None


def quote(source: dict) -> str:
    """A source in short: 第6行「本年收入合计300.00万元」, the words cut to QUOTE_CHARS."""
    words = str(source.get("snippet", ""))
    words = words if len(words) <= QUOTE_CHARS else words[:QUOTE_CHARS] + "…"
    return place_and_words(str(source.get("where", "")), words)


def _correction(source: dict) -> dict | None:
    correction = source.get("correction")
    return correction if isinstance(correction, dict) else None


def read_value(source: dict, current: object) -> str | None:
    """The value the document was read as: a correction's old value, else the figure as it stands."""
    correction = _correction(source)
    if correction is not None:
        return correction.get("old")
    return None if current is None else str(current)


def _shown(value: str | None) -> str:
    try:
        return fmt(None if value is None else Decimal(value))
    except InvalidOperation:  # a sidecar edited by hand: its words as written
        return str(value)


def correction_text(source: dict) -> str:
    """A saved correction in words: 审核人更正：原文 300.00 → 310.00（张三，time）; "" when there is none."""
    correction = _correction(source)
    if correction is None:
        return ""
    who = "，".join(str(correction[k]) for k in ("reviewer", "time") if correction.get(k))
    return f"{CORRECTED}：原文 {_shown(correction.get('old'))} → {_shown(correction.get('new'))}（{who or '未记录'}）"


def change_note(source: dict, current: Decimal | None, opened: Decimal | None) -> str:
    """What the auditor has done to a figure read from the document: saved before (opened) or typed now."""
    if str(current) == str(opened):
        return correction_text(source)
    read = read_value(source, opened)
    if _correction(source) is not None and str(current) == read:
        return f"恢复为原文 {_shown(read)}：保存时撤销{CORRECTED}"
    return f"原文读作 {_shown(read)}，现为 {fmt(current)}：保存时记为{CORRECTED}"


def quote_html(source: dict | None, current: Decimal | None, opened: Decimal | None) -> str:
    """The source beside a panel field: where and the document's words, and any change to the value read."""
    if source is None:
        return '<span class="selfeval-source" style="color:#777">无原文来源</span>'
    note = change_note(source, current, opened)
    extra = f'<br><span style="color:#b00">{html.escape(visible(note))}</span>' if note else ""
    return f'<span class="selfeval-source" style="color:#555">{html.escape(visible(quote(source)))}{extra}</span>'


def corrected_sidecar(side: dict, opened: Report, edited: Report, by: str, time: str) -> dict:
    """The sidecar of an edited copy: the opened file's, a correction on each sourced figure changed since."""
    out = copy.deepcopy(side)
    for path in editable_paths(opened):
        entry = out["sources"].get(path)
        before, after = figure(opened, path), figure(edited, path)
        if entry is None or str(before) == str(after):
            continue  # unchanged in this edit: an earlier correction stays, with its reviewer and time
        read = read_value(entry, before)
        if str(after) == read:
            entry.pop("correction", None)  # back to what the document says
        else:
            entry["correction"] = {"by": CORRECTED, "old": read, "new": None if after is None else str(after),
                                   "reviewer": by, "time": time}
    return out


def save_sources(opened: Report, edited: Report, target: Path, by: str, time: str,
                 root: Path | None = None, copy_to: Path | None = None) -> Path | None:
    """Write the edited copy's sidecar beside `target` (removing a stale one when the opened file has none).

    `root` is the output folder the sidecar's document path is relative to; with `copy_to` (an export's own
    output folder) the document is copied into its inputs/reports/ so the export stands on its own.
    """
    side = sources_of(opened.source) if opened.source else None
    if side is None:
        sidecar_path(target).unlink(missing_ok=True)
        return None
    side = corrected_sidecar(side, opened, edited, by, time)
    document = (root or Path(opened.source).parent.parent) / side["document"]
    if copy_to is not None and document.is_file():
        placed = write_atomic(copy_to / "inputs" / "reports" / document.name, document.read_bytes())
        side["document"] = placed.relative_to(copy_to).as_posix()
    return write_atomic(sidecar_path(target), json.dumps(side, ensure_ascii=False, indent=2) + "\n")
