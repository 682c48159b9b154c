"""Zip packages (.docx, .xlsx) refused by what they would expand to, before any member is read.

A zip's central directory states each member's uncompressed size, and Python's zipfile (which
python-docx and openpyxl read through) never inflates a member past the size stated there, so the
directory alone tells how much a package would unpack to. A 531 KB .docx can inflate to gigabytes
of XML; a report or a departments workbook needs a few megabytes.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import InputError, Problem

MAX_MEMBERS = 10_000               # a 300-page report has a few hundred parts
MAX_MEMBER_BYTES = 32_000_000      # one part's XML, unpacked: a long report's document.xml is a few MB
MAX_TOTAL_BYTES = 256_000_000      # every part together, pictures included


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def refuse_bombs(path: str | Path) -> None:
    """Raise InputError when the zip at `path` holds too many members or unpacks past the limits.

    A file that is not a zip at all passes: its opener says what it is not.
    """
    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(members) > MAX_MEMBERS:
        raise InputError([Problem(file, "", f"压缩包里有 {len(members):,} 个部件，超过上限 {MAX_MEMBERS:,}；"
                                            "不像报告或工作簿，未读取")])
    largest = max(members, key=lambda m: m.file_size, default=None)
    if largest is not None and largest.file_size > MAX_MEMBER_BYTES:
        raise InputError([Problem(file, largest.filename, f"解压后有 {_mb(largest.file_size)}，"
                                                          f"超过单个部件的上限 {_mb(MAX_MEMBER_BYTES)}（疑似压缩炸弹），未读取")])
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise InputError([Problem(file, "", f"解压后共有 {_mb(total)}，超过上限 {_mb(MAX_TOTAL_BYTES)}"
                                            "（疑似压缩炸弹），未读取")])
