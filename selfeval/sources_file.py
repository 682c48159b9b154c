"""The sources sidecar of a params file extracted from a report: OUT/inputs/<code>.sources.json.

The loader refuses keys it does not know, so the sources of the figures cannot live in the params file
itself except as comments; the report notebook reads them from this JSON file beside it instead, and the
manifest hashes it like every other file of the folder. Its shape (format selfeval-sources/1):

    {"format", "document" (the copied report, relative to the output folder), "kind" (pdf / docx / html / txt),
     "complete", "missing" [required figures not read], "not_extracted" [...], "notes" [...],
     "figures_read" (how many figures were read), "unchecked" [{"check", "where", "message"}: checks 无法检查],
     "sources": {params key path: {"where", "snippet", "page" (PDF: 1-based, else null),
                                   "boxes" [[x0, top, x1, bottom] in PDF points],
                                   "correction" (only on a copy saved from the audit panel with the figure
                                   changed: selfeval.panelsources)}},
     "text_findings" [the text checks' (TXT-xxx) findings as finding records, with "source_where", "source_text"]}
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import InputError, Problem

FORMAT = "selfeval-sources/1"
SUFFIX = ".sources.json"
_INDEX = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def sidecar_path(params: Path) -> Path:
    """Where a params file's sources sidecar lives (beside it, same stem)."""
    return params.with_name(params.stem + SUFFIX)


def read_sidecar(params: Path) -> dict | None:
    """A params file's sources sidecar, or None when it has none (a params file or workbook input) or it is not
    one this version wrote; InputError, naming the file, when it cannot be read."""
    path = sidecar_path(params)
    if not path.is_file():
        return None
    data = parsed(path)
    return data if data.get("format") == FORMAT else None


def parsed(path: Path) -> dict:
    """A sources file's JSON object; InputError naming the file and the place when it cannot be read as one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        why = f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）"
    except (OSError, UnicodeDecodeError) as exc:
        why = f"无法读取（{getattr(exc, 'strerror', None) or exc}）"
    else:
        if isinstance(data, dict):
            return data
        why = "不是来源文件（应为 JSON 对象）"
    raise InputError([Problem(str(path), "", f"来源文件{why}；请删除它，或从原报告重新读取")])


def resolve(data: object, key: str) -> object | None:
    """The value at a params key path ("income.items[2].amount") in the params mapping, or None."""
    for name, index in _INDEX.findall(key):
        try:
            data = data[name] if name else data[int(index)]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_WHERE_ZH = ((re.compile(r"page (\d+), "), r"第\1页 "), (re.compile(r"table (\d+), row (\d+)"), r"表\1 第\2行"),
             (re.compile(r"table (\d+)"), r"表\1"), (re.compile(r"cell (\d+)"), r"第\1格"),
             (re.compile(r"lines (\d+)-(\d+)"), r"第\1-\2行"), (re.compile(r"line (\d+)"), r"第\1行"),
             (re.compile(r"paragraph (\d+)"), r"第\1段"), (re.compile(r", "), " "))


def where_zh(where: str) -> str:
    """A location as the reader wrote it ("page 3, table 1, row 2, cell 3") in Chinese ("第3页 表1 第2行 第3格")."""
    for pattern, zh in _WHERE_ZH:
        where = pattern.sub(zh, where)
    return where


def place_and_words(where: str, words: str) -> str:
    """A source as every table and quote shows it: 第6行「本年收入合计300.00万元」."""
    return f"{where_zh(where)}「{words}」"


def quoted(side: dict | None, key: str) -> str:
    """A figure's source as the report's tables show it; "" when none was kept."""
    source = (side or {}).get("sources", {}).get(key)
    return place_and_words(str(source["where"]), str(source["snippet"])) if source else ""
