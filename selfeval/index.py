"""DIR/index.html: one offline page listing every department of a batch, problems first."""
from __future__ import annotations

from pathlib import Path

import jinja2

from .files import write_atomic
from .reasons import reason_shown
from .visible import visible

STATUS_ZH = {"failed": "运行失败", "incomplete": "不完整", "findings": "有问题", "ok": "通过"}
_ORDER = {"failed": 0, "incomplete": 1, "findings": 2, "ok": 3}
KIND_ZH = {"pdf": "PDF", "docx": "Word", "html": "网页", "htm": "网页", "txt": "文本"}


def extraction_shown(record: dict) -> str:
    """The 读取 column: for a department read from a report, whether every required figure was read, with counts."""
    ex = record.get("extraction")
    if not ex:
        return ""  # a params file or workbook: nothing was read from a document
    kind = KIND_ZH.get(ex["kind"], ex["kind"])
    unchecked = f"，{ex['unchecked']}项核对无法检查" if ex["unchecked"] else ""
    if ex["complete"]:
        return f"完整（{kind}，读出{ex['read']}个数字{unchecked}）"
    return f"不完整（{kind}，读出{ex['read']}个数字，缺{'、'.join(ex['missing'])}{unchecked}）"


def ordered(records: list[dict]) -> list[dict]:
    """Failed departments first, then reports read incomplete, then those with the most failing errors and warnings."""
    def key(r: dict) -> tuple:
        failing = r.get("failing", {})
        return (_ORDER[r["status"]], -failing.get("error", 0), -failing.get("warning", 0), r.get("code") or r["id"])
    return sorted(records, key=key)


def render(records: list[dict]) -> str:
    """The index page as HTML, every value escaped."""
    # every text shown passes through visible(): a name's ESC or U+202E shows as a mark, never acts on the page
    env = jinja2.Environment(loader=jinja2.PackageLoader("selfeval", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             finalize=lambda value: visible(value) if isinstance(value, str) else value)
    rows = ordered(records)
    counts = {s: sum(1 for r in records if r["status"] == s) for s in STATUS_ZH}
    return env.get_template("batch_index.html.j2").render(rows=rows, counts=counts, status_zh=STATUS_ZH,
                                                          reason=lambda r: reason_shown(r["reason"], r["params"]),
                                                          extraction=extraction_shown)


def write(out_dir: Path, records: list[dict]) -> Path:
    """Write DIR/index.html atomically."""
    return write_atomic(out_dir / "index.html", render(records))
