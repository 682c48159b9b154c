"""Write an extraction as a params file: YAML with `# source:` comments, or JSON with a sources section.

The YAML body is selfeval.dump's own output, so the loader reads it back as written; the sources
go in comments because the loader refuses unknown keys. JSON wraps the params beside the sources.
"""
from __future__ import annotations

import json
from decimal import Decimal

from ..dump import dumps, report_to_data
from .document import Source
from .pipeline import sources, to_report
from .result import Extraction

UNIT_NOTE = "金额单位为万元：原文以元列示的数字已除以10000，以亿元列示的已乘以10000，均为精确换算（十进制运算）"


def header(ex: Extraction, missing: list[str]) -> list[str]:
    """The facts about the extraction a reader of the params file must know."""
    lines = [f"本文件由 selfeval 读取自：{ex.file}", UNIT_NOTE,  # selfeval.inputs finds the report by this line
             f"department.code {ex.code!r} 由文件名生成（转为小写，a-z、0-9 和 '-' 以外的字符换成 '-'），"
             "并非读自报告"]
    if missing:
        lines.append("不完整：补上以下各项之前，加载程序会拒绝此文件：" + "；".join(missing))
    lines += [f"未读取：{text}" for text in ex.not_extracted]
    lines += [f"说明：{text}" for text in ex.notes]
    return lines


def _drop_blocks(text: str, keys: set[str]) -> list[str]:
    """The YAML lines without the top-level blocks named (placeholders for what was not found)."""
    kept, dropping = [], False
    for line in text.splitlines():
        if line and not line.startswith((" ", "-")):
            dropping = line.split(":", 1)[0] in keys
        if not dropping:
            kept.append(line)
    return kept


def _comments(path: str, found: dict[str, Source], indent: int) -> list[str]:
    """`# source:` lines for one YAML line: one source, or one per field when they differ."""
    mine = {k: s for k, s in found.items() if k == path or k.startswith((path + ".", path + "["))}
    distinct = list(dict.fromkeys(mine.values()))
    pad = " " * indent
    if len(distinct) == 1:
        return [f"{pad}# source: {distinct[0]}"]
    fields = {}
    for key, source in mine.items():
        fields.setdefault(source, []).append(key[len(path) + 1:] or key)
    return [f"{pad}# {', '.join(keys)}: {source}" for source, keys in fields.items()]


def annotate(lines: list[str], found: dict[str, Source]) -> list[str]:
    """Insert the source of each value above its line, tracking the key path through dump's layout."""
    out: list[str] = []
    top, parent, counters = "", "", {}
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if body.startswith("- "):
            counters[parent] = counters.get(parent, -1) + 1
            path = f"{parent}[{counters[parent]}]"
        else:
            key, _, value = body.partition(":")
            path = key if indent == 0 else f"{top}.{key}"
            if indent == 0:
                top = key
            if not value.strip():  # a key whose value follows on the next lines: its children carry sources
                parent = path
                out.append(line)
                continue
        out += _comments(path, found, indent)
        out.append(line)
    return out


def params_yaml(ex: Extraction) -> str:
    """The params file as YAML: header comments, then dump's output with a source comment per value."""
    report, missing = to_report(ex)
    absent = {k for k in ("income", "expenditure") if getattr(report, k).total is None
              and getattr(report, k).grand_total is None}
    body = annotate(_drop_blocks(dumps(report), absent), sources(ex))
    return "\n".join([f"# {line}" for line in header(ex, missing)] + body) + "\n"


def _plain(value: object) -> object:
    """Decimals as their printed text (the loader reads numeric text exactly); the rest as is."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def params_json(ex: Extraction) -> str:
    """{"params": …, "sources": …, "missing", "not_extracted", "notes"}: params loadable on their own."""
    report, missing = to_report(ex)
    data = report_to_data(report)
    for key in ("income", "expenditure"):
        if getattr(report, key).total is None and getattr(report, key).grand_total is None:
            data.pop(key, None)
    result = {"file": ex.file, "complete": not missing, "missing": missing, "unit": UNIT_NOTE,
              "code": f"由文件名生成：{ex.code}", "params": _plain(data),
              "sources": {k: {"where": s.where, "snippet": s.snippet} for k, s in sources(ex).items()},
              "not_extracted": ex.not_extracted, "notes": ex.notes}
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
