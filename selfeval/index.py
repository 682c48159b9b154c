"""DIR/index.html: one offline page listing every department of a batch, problems first.

Up to PLAIN_ROWS departments every row is written into the page. Beyond that, laying out every row made a
province's page (10,000 departments) take seconds to open and each sort seconds more, so the rows' HTML
and sort keys are embedded once as JSON and only the rows scrolled into view are in the document.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from .files import write_atomic
from .reasons import reason_shown
from .visible import visible

STATUS_ZH = {"failed": "运行失败", "incomplete": "不完整", "findings": "有问题", "ok": "通过"}
_ORDER = {"failed": 0, "incomplete": 1, "findings": 2, "ok": 3}
KIND_ZH = {"pdf": "PDF", "docx": "Word", "html": "网页", "htm": "网页", "txt": "文本"}
COLUMNS = ("代码", "部门", "年度", "收入合计", "支出合计", "错误", "警告", "提示", "报告等级", "审核意见", "读取",
           "状态", "文件")
PLAIN_ROWS = 500  # a page this small opens and sorts at once with every row in its HTML
FIRST_ROWS = 100  # a windowed page also writes its first rows as HTML: seen before (or without) its script
# Inside <script> the HTML parser leaves its raw text only at "</script", or changes state at "<!--"; with
# no "</" and no "<!" left the JSON cannot end the element. Escaping every "<" made the page 40 % larger.
_SCRIPT_ENDS = re.compile("<([/!])")
_ROW_LINES = re.compile(r"\n  (?=<td)|\n(?=</tr>)")  # the row template's own line breaks, not a value's


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


def notes_shown(record: dict) -> str:
    """The 审核意见 column's counts of current notes, e.g. "已接受1 "."""
    return "".join(f"{label}{n} " for label, n in (record.get("notes") or {}).items() if n)


def files_shown(record: dict) -> list[str]:
    """The kinds of output linked from the 文件 column, in the column's order."""
    outputs = record.get("outputs") or {}
    return [kind for kind in ("html", "pdf", "ipynb") if outputs.get(kind)]


def ordered(records: list[dict]) -> list[dict]:
    """Failed departments first, then reports read incomplete, then those with the most failing errors and warnings."""
    def key(r: dict) -> tuple:
        failing = r.get("failing", {})
        return (_ORDER[r["status"]], -failing.get("error", 0), -failing.get("warning", 0), r.get("code") or r["id"])
    return sorted(records, key=key)


def _number(value: object) -> float | None:
    """A numeric column's sort key: its figure, or None for an empty (or non-finite) cell."""
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return None  # also None itself: a department that failed before its figures were read
    return number if math.isfinite(number) else None


def sort_keys(record: dict) -> list:
    """One key per column, as the page sorts it: numbers for the numeric columns, the shown text for the rest."""
    failing = record.get("failing") or {}
    reason = f" {reason_shown(record['reason'], record['params'])}" if record.get("reason") else ""
    notes = notes_shown(record) + (f"已过期{record['stale_notes']}（不计入）" if record.get("stale_notes") else "")
    texts = [record.get("code") or record["id"], record.get("name") or record["params"]]
    numbers = [record.get("year"), record.get("income_total"), record.get("expenditure_total"),
               failing.get("error"), failing.get("warning"), failing.get("info")]
    rest = [record.get("grade") or "", notes, extraction_shown(record), STATUS_ZH[record["status"]] + reason,
            " ".join(kind.upper() for kind in files_shown(record))]
    return [visible(str(t)) for t in texts] + [_number(n) for n in numbers] + [visible(t) for t in rest]


def script_json(value: object) -> Markup:
    """JSON safe to place inside <script type="application/json">: no character of it can end the element."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # "<" occurs only inside JSON strings, where "\/" is "/" and "\u0021" is "!"
    return Markup(_SCRIPT_ENDS.sub(lambda m: "<\\/" if m.group(1) == "/" else "<\\u0021", text))


def _environment() -> jinja2.Environment:
    """The templates' environment: autoescaped, every text shown passing through visible()."""
    # a name's ESC or U+202E shows as a mark, never acts on the page
    env = jinja2.Environment(loader=jinja2.PackageLoader("selfeval", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             finalize=lambda value: visible(value) if isinstance(value, str) else value)
    env.globals.update(status_zh=STATUS_ZH, extraction=extraction_shown, notes=notes_shown, files=files_shown,
                       reason=lambda r: reason_shown(r["reason"], r["params"]))
    return env


def render(records: list[dict]) -> str:
    """The index page as HTML, every value escaped."""
    env = _environment()
    row = env.get_template("batch_index_row.html.j2").module.row  # type: ignore[attr-defined]
    rows = ordered(records)
    html_rows = [row(r) for r in rows]
    windowed = len(rows) > PLAIN_ROWS
    data = [{"keys": sort_keys(r), **({"html": _ROW_LINES.sub("", h)} if windowed else {})}
            for r, h in zip(rows, html_rows)]
    counts = {s: sum(1 for r in records if r["status"] == s) for s in STATUS_ZH}
    return env.get_template("batch_index.html.j2").render(
        rows=html_rows[:FIRST_ROWS] if windowed else html_rows,
        total=len(rows), windowed=windowed, first_rows=FIRST_ROWS, data=script_json(data), counts=counts,
        columns=COLUMNS)


def write(out_dir: Path, records: list[dict]) -> Path:
    """Write DIR/index.html atomically."""
    return write_atomic(out_dir / "index.html", render(records))
