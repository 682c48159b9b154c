"""复核调整稿: the record of figures edited in the audit panel, kept beside the params file they went into.

A params file written by the panel (另存为, 导出) has a `<name>.edits.json` beside it: what file and
department the figures came from, who edited them and when, and each figure's old and new value. The
report notebook reads it and heads the report 复核调整稿 with an old → new table. A department read from a
report also gets its sources sidecar, each changed figure's entry marked 审核人更正 (selfeval.panelsources).
"""
from __future__ import annotations

import dataclasses
import html
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from .dump import dumps
from .edit import editable_paths, figure, owner_name
from .evidence import MANIFEST
from .files import write_atomic
from .model import Report
from .money import fmt
from .notes import notes_path, utc_now
from .panelsources import save_sources

if TYPE_CHECKING:
    from .package import Package

EDITS_SUFFIX = ".edits.json"
TITLE = "复核调整稿"
FIELD_ZH = {"amount": "金额", "share": "占比%", "score": "得分", "budget": "预算数", "spent": "执行数"}


@dataclass(frozen=True)
class Change:
    """One edited figure: its key path, the line or project it belongs to, and its old and new value."""

    path: str
    name: str
    old: Decimal | None
    new: Decimal | None

    @property
    def label(self) -> str:
        """What the figure is, in Chinese: 财政拨款收入（金额）."""
        return f"{self.name}（{FIELD_ZH.get(self.path.rpartition('.')[2], self.path)}）"


def edits_path(params_path: str | Path) -> Path:
    """Where the record of a params file's edits lives: beside it."""
    path = Path(params_path)
    return path.with_name(f"{path.stem}{EDITS_SUFFIX}")


def changes(original: Report, edited: Report) -> list[Change]:
    """Every editable figure whose value differs between the two reports, in panel order."""
    found = []
    for path in editable_paths(original):
        old, new = figure(original, path), figure(edited, path)
        if str(old) != str(new):  # 20 and 20.00 differ: the decimals printed decide the rounding
            found.append(Change(path, owner_name(original, path), old, new))
    return found


def save_edits(params_path: str | Path, edits: list[Change], origin: dict[str, str], by: str, time: str) -> Path:
    """Write the record of the edits beside a params file (origin: the file and code the figures came from)."""
    data = {"title": TITLE, "from": origin, "reviewer": by, "time": time,
            "changes": [{"path": c.path, "name": c.name, "old": None if c.old is None else str(c.old),
                         "new": None if c.new is None else str(c.new)} for c in edits]}
    return write_atomic(edits_path(params_path), json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _decimal(value: object) -> Decimal | None:
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


def load_edits(params_path: str | Path) -> tuple[dict, list[Change]] | None:
    """The record of a params file's edits (its header and the changes), or None when it has none."""
    try:
        data = json.loads(edits_path(params_path).read_text(encoding="utf-8"))
        rows = [Change(str(c["path"]), str(c.get("name", "")), _decimal(c.get("old")), _decimal(c.get("new")))
                for c in data.get("changes", [])]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return (data if isinstance(data, dict) else {}), rows


def edits_html(header: dict, edits: list[Change]) -> str:
    """The 复核调整稿 notice: where the figures came from, who changed them, and an old → new table."""
    origin = header.get("from") if isinstance(header.get("from"), dict) else {}
    source = "，".join(f"{k} {v}" for k, v in (("原文件", origin.get("file")), ("原部门代码", origin.get("code"))) if v)
    who = "，".join(str(x) for x in (header.get("reviewer"), header.get("time")) if x)
    rows = "".join(f"<tr><td>{html.escape(c.label)}</td><td>{html.escape(fmt(c.old))}</td><td>→</td>"
                   f"<td>{html.escape(fmt(c.new))}</td></tr>" for c in edits)
    return (f'<div class="selfeval-adjusted"><h2>{TITLE}</h2>'
            f"<p>本报告的数字经复核调整，不是原报告所列数字（{html.escape(source or '来源未记录')}；"
            f"调整人 {html.escape(who or '未记录')}）。调整如下：</p>"
            f'<table class="selfeval-table selfeval-edits"><thead><tr><th>数字</th><th>原值</th><th></th>'
            f"<th>调整后</th></tr></thead><tbody>{rows}</tbody></table></div>")


def suggest_code(code: str, taken: set[str]) -> str:
    """A department code for an edited copy: <code>-adj (then -adj2, -adj3, …), none of `taken`."""
    stem = code[:60]
    candidate, n = f"{stem}-adj", 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-adj{n}"
    return candidate


def _origin(original: Report) -> dict[str, str]:
    return {"file": Path(original.source).name, "code": original.department.code}


def save_copy(original: Report, edited: Report, target: Path, code: str, by: str) -> Path:
    """Write the edited figures under a department code of their own, with the record of the edits beside (and,
    for a department read from a report, its sources with the auditor's corrections: 审核人更正)."""
    copy = dataclasses.replace(edited, department=dataclasses.replace(edited.department, code=code))
    write_atomic(target, dumps(copy))
    found, time = changes(original, edited), utc_now()
    if found:
        save_edits(target, found, _origin(original), by, time)
    else:
        edits_path(target).unlink(missing_ok=True)  # a plain copy: no record of edits it does not have
    save_sources(original, edited, target, by, time, _document_root(original))
    return target


def _package_above(folder: Path) -> Path | None:
    """The selfeval output package `folder` is, or lies in (a folder with selfeval's manifest.json)."""
    for candidate in (folder, *folder.parents):
        try:
            if json.loads((candidate / MANIFEST).read_text(encoding="utf-8")).get("tool") == "selfeval":
                return candidate
        except (OSError, ValueError, AttributeError):
            continue
    return None


def _document_root(original: Report) -> Path | None:
    """The output folder a report-based params file's document path is relative to (its batch's package)."""
    return _package_above(Path(original.source).resolve().parent) if original.source else None


def export_root(out_dir: Path) -> Path:
    """Where exports go: `out_dir`, or beside it as <name>-复核调整稿 when it is (inside) a batch's output folder."""
    out_dir = out_dir.resolve()
    package = _package_above(out_dir)
    return out_dir if package is None else package.parent / f"{package.name}-{TITLE}"


def export_folder(out_dir: Path, code: str) -> Path:
    """A new folder of its own for one export: <root>/<code>-<UTC time>."""
    root = export_root(out_dir)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    folder, n = root / f"{code}-{stamp}", 1
    while folder.exists():
        n += 1
        folder = root / f"{code}-{stamp}-{n}"
    return folder


def export_copy(original: Report, edited: Report, out_dir: Path, by: str) -> Package:
    """The edited figures' report (HTML, PDF) as a package of its own: never inside a batch's outputs.

    The edited params file is written straight into the new folder's inputs/params/, with the notes of
    the original and the record of the edits beside it, and run from there.
    """
    from .package import run_package  # noqa: PLC0415 - papermill is slow to import

    folder = export_folder(out_dir, edited.department.code)
    params = folder / "inputs" / "params" / Path(original.source).name
    write_atomic(params, dumps(edited))
    notes = notes_path(original.source)
    if notes.is_file():  # the report shows the audit notes too
        write_atomic(notes_path(params), notes.read_bytes())
    found, time = changes(original, edited), utc_now()
    if found:
        save_edits(params, found, _origin(original), by, time)
    # the document travels with its sources: the export's 原文来源 section points into its own copy
    save_sources(original, edited, params, by, time, _document_root(original), copy_to=folder)
    return run_package([params], folder)
