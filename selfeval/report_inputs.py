"""Published reports (.pdf / .docx / .html / .txt) as batch inputs: copied, extracted, staged as params.

The original goes to OUT/inputs/reports/, the params read from it to OUT/inputs/<code>.yaml (with the
extractor's `# source:` comments) and the sources of its figures, with each PDF figure's character boxes,
to OUT/inputs/<code>.sources.json (selfeval.sources_file). A report whose required figures were not all
read is held back as incomplete: the loader would refuse its params, and it must not look clean.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import TEXT, TEXT_FINDINGS
from .checks.registry import UNCHECKED
from .discover import refusal
from .dump import report_to_data
from .errors import InputError
from .evidence import relative
from .extract.document import Source
from .extract.output import params_yaml
from .extract.audit import Audit, audit_lines
from .extract.pipeline import sources, to_report
from .extract.reading import RawLine, read_lines
from .files import WriteFailed, write_atomic
from .checks.registry import Finding
from .findings_json import finding_record
from .sources_file import FORMAT, parsed, resolve, sidecar_path

if TYPE_CHECKING:
    from .inputs import Stager

REPORT_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt")
Box = tuple[float, float, float, float]
_CELL = re.compile(r", cell \d+$")
# The extractor names what it missed by the params key first ("income (本年收入合计)"): shown by its Chinese name.
MISSING_ZH = {"department.name": "单位名称", "department.year": "年度", "income": "本年收入合计",
              "expenditure": "本年支出合计"}


def is_report(path: Path) -> bool:
    """Whether a file of a folder is a published report batch reads: not a lock or hidden file, and read by
    discover.py's rule (a regular file under a printable name, not a link)."""
    if path.suffix.lower() not in REPORT_SUFFIXES or path.name.startswith(("~$", ".")):
        return False
    return refusal(path) is None and path.is_file()


def reports_in(folder: Path) -> list[Path]:
    """A folder's report files (not its subfolders'), in name order."""
    return sorted(p for p in folder.iterdir() if is_report(p))


def missing_zh(missing: list[str]) -> list[str]:
    """The required figures not read, in the report's own terms."""
    return [MISSING_ZH.get(m.split(" ", 1)[0], m) for m in missing]


def _runs(boxes: tuple[Box, ...]) -> list[Box]:
    """Character boxes joined into one box per printed line (a figure wrapped across lines gets two)."""
    runs: list[Box] = []
    for box in boxes:
        # overlapping the run's height, not sharing its top: a full stop sits low on the same line
        if runs and box[1] < runs[-1][3] and box[3] > runs[-1][1]:
            last = runs[-1]
            runs[-1] = (min(last[0], box[0]), min(last[1], box[1]), max(last[2], box[2]), max(last[3], box[3]))
        else:
            runs.append(box)
    return runs


def _span(text: str, snippet: str, value: object) -> tuple[int, int] | None:
    """Where in a line the figure lies: its value inside the quoted words if printed so, else the words."""
    pattern = r"\s*".join(re.escape(ch) for ch in snippet.replace(" ", ""))
    match = re.search(pattern, text) if pattern else None
    if match is None:
        return None
    printed = format(value, "f") if hasattr(value, "as_tuple") else str(value or "")
    inner = text.find(printed, match.start(), match.end()) if printed else -1
    return (inner, inner + len(printed)) if inner >= 0 else match.span()


def _placed(source: Source, value: object, lines: dict[str, RawLine]) -> dict[str, object]:
    """A source as the sidecar keeps it: words, and for a PDF line its page and the figure's boxes."""
    entry: dict[str, object] = {"where": source.where, "snippet": source.snippet, "page": None, "boxes": []}
    line = lines.get(_CELL.sub("", source.where))
    if line is None or line.box is None:
        return entry
    span = _span(line.text, source.snippet, value)
    chars = line.box.chars[span[0]:span[1]] if span else ()
    entry.update(page=line.box.page, boxes=[list(b) for b in _runs(chars) or [line.box.bbox]])
    return entry


def sidecar(audit: Audit, lines: list[RawLine], document: str, kind: str) -> dict:
    """The sources sidecar of one report's extraction and audit (see selfeval.sources_file for its shape)."""
    ex = audit.extraction
    report, missing = to_report(ex)
    data = report_to_data(report)
    by_where: dict[str, RawLine] = {}
    for line in lines:
        by_where.setdefault(line.where, line)
    found = {k: _placed(s, resolve(data, k), by_where) for k, s in sources(ex).items()}
    figures = sum(1 for k in found if not isinstance(resolve(data, k), (dict, list, type(None))))
    skipped = [{"check": f.check, "where": f.where, "message": f.message} for f in audit.findings
               if f.status == UNCHECKED]
    return {"format": FORMAT, "document": document, "kind": kind, "complete": not missing,
            "missing": missing_zh(missing), "figures_read": figures, "unchecked": skipped,
            "not_extracted": ex.not_extracted, "notes": ex.notes, "sources": found,
            TEXT_FINDINGS: [_text_record(f, s, by_where) for f, s in zip(audit.findings, audit.sources)
                            if f.check in TEXT]}


def _text_record(finding: Finding, source: Source | None, lines: dict[str, RawLine]) -> dict:
    """A text check's finding as the sidecar keeps it: with its source's words, and for a PDF line its page and
    the boxes of those words (the report boxes them like a figure's)."""
    record = finding_record(finding, source.where if source else "", source.snippet if source else "")
    placed = _placed(source, None, lines) if source else {"page": None, "boxes": []}
    return record | {"page": placed["page"], "boxes": placed["boxes"]}


def extraction_summary(side: dict) -> dict[str, object]:
    """What the index shows of a report's extraction: complete or not, figures read, required ones missing,
    checks that could not run (无法检查)."""
    return {"kind": side["kind"], "complete": side["complete"], "read": side["figures_read"],
            "missing": side["missing"], "unchecked": len(side["unchecked"])}


def stage_report(stager: Stager, path: Path) -> None:
    """Copy a report, extract it, stage its params and sources; a report read incomplete is held, not run."""
    from .inputs import failed_record  # noqa: PLC0415 - inputs imports this module

    try:
        copy = stager.copy(path, stager.place("reports", path.name), "report")
        lines = read_lines(copy)
    except WriteFailed:
        raise  # the folder, not the input: the batch stops
    except OSError as exc:
        stager.staged.failed[path] = failed_record(path, f"{path}: 无法读取此报告文件：{exc.strerror or exc}")
        return
    except InputError as exc:
        said = "；".join(p.message for p in exc.problems)  # each names the copy: the original is named once instead
        stager.staged.failed[path] = failed_record(path, f"{path}: 无法从此报告读出文字（读取器：{said}）")
        return
    document = relative(copy, stager.out)
    audit = audit_lines(lines, document)
    ex = audit.extraction
    target = stager.place("", f"{ex.code}.yaml")
    side = sidecar(audit, lines, document, path.suffix.lower().lstrip("."))
    write_atomic(target, params_yaml(ex))
    write_atomic(sidecar_path(target), json.dumps(side, ensure_ascii=False, indent=2) + "\n")
    stager.keep(target, "extracted", str(path))
    stager.keep(sidecar_path(target), "sources", str(path))
    stager.staged.origins[target] = {"source": str(path), "report": document}
    if side["complete"]:
        stager.staged.params.append(target)
        return
    report, _ = to_report(ex)
    record = failed_record(target, "未能读出必需的数字：" + "、".join(side["missing"]), relative(target, stager.out))
    record.update(status="incomplete", code=ex.code, name=report.department.name,
                  extraction=extraction_summary(side))
    stager.staged.held[target] = record


def carry_sources(stager: Stager, params: Path, target: Path) -> None:
    """A params file saved with its report's sources (an audit-panel copy): the sources, and the document they
    quote, copied beside the staged copy, so its report still shows where each figure came from."""
    side = sidecar_path(params)
    if not side.is_file():
        return
    data = parsed(side)  # InputError, naming the file, when it cannot be read
    named = data.get("document")
    # the document is named relative to the folder the sidecar was written for: OUT, or its inputs/ folder
    found = next((p for p in (side.parent / str(named), side.parent.parent / str(named)) if p.is_file()), None) \
        if data.get("format") == FORMAT and named else None
    if found is None:
        return  # not a sidecar this version wrote, or its document is gone: the params run as typed figures
    copy = stager.copy(found, stager.place("reports", found.name), "report")
    data["document"] = relative(copy, stager.out)
    write_atomic(sidecar_path(target), json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    stager.keep(sidecar_path(target), "sources", str(side))
