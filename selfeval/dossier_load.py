"""Read a folder of one department's documents into a Dossier, every bad input collected and reported once.

A folder is a dossier when it holds a dossier file (`dossier.toml`), or when its params files and workbooks
are two or more documents of one department code. The dossier file lists documents with their kind and
year, for report files (.pdf / .docx / .html / .txt), and for when the kind recognised is wrong:

    department = "sample-water"          # optional: the code report files are filed under
    [[documents]]
    file = "2023年度部门决算说明.txt"
    kind = "决算"                        # 自评报告 / 决算 / 预算
    year = 2023
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from .discover import in_folder
from .dossier import SELF, Document, Dossier, recognise_kind
from .errors import InputError, Problem
from .excel import load_sources
from .crossfigures import NAMES
from .model import DOCUMENT_KINDS, Report, YearOnYear

DOSSIER_FILE = "dossier.toml"
REPORT_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md")
_ENTRY_KEYS = {"file", "kind", "year"}
_TITLE_LINES = 12  # a report's title sits in its first lines
_SUBJECTS = {"income": ("收入总计",), "expenditure": ("支出总计",), "both": ("收入总计", "支出总计")}


class Listed(NamedTuple):
    """What the dossier file says of one document, and where it says it."""

    kind: str | None
    year: int | None
    where: str


@dataclass
class DossierRead:
    """A dossier read from a folder, the bad input found in it, and notices (a workbook's example rows)."""

    dossier: Dossier
    errors: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _entry(raw: object, at: str, file: str, problems: list[Problem]) -> tuple[str, Listed] | None:
    """One [[documents]] entry, checked."""
    if not isinstance(raw, dict) or not isinstance(raw.get("file"), str):
        problems.append(Problem(file, at, "每项应写明 file（文件名），可加 kind 与 year"))
        return None
    for key in sorted(set(raw) - _ENTRY_KEYS):
        problems.append(Problem(file, f"{at}.{key}", "未知的键（应为 file、kind、year）"))
    kind, year = raw.get("kind"), raw.get("year")
    if kind is not None and kind not in DOCUMENT_KINDS:
        problems.append(Problem(file, f"{at}.kind", f"文件类型应为 {'、'.join(DOCUMENT_KINDS)} 之一，得到 {kind!r}"))
        kind = None
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2100):
        problems.append(Problem(file, f"{at}.year", f"年度应为 1949 至 2100 的整数，得到 {year!r}"))
        year = None
    return raw["file"], Listed(kind, year, at)


def read_listing(folder: Path) -> tuple[dict[str, Listed], str, list[Problem]]:
    """The documents the dossier file lists (by file name), the department code it gives, and its problems."""
    path = folder / DOSSIER_FILE
    file, problems, listed = str(path), [], {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, "", [Problem(file, "", f"无法读取卷宗文件：{exc}")]
    for key in sorted(set(data) - {"department", "documents"}):
        problems.append(Problem(file, key, "未知的键（应为 department、documents）"))
    code = data.get("department", "")
    if not isinstance(code, str):
        problems.append(Problem(file, "department", f"应为部门代码文本，得到 {code!r}"))
        code = ""
    entries = data.get("documents", [])
    for i, raw in enumerate(entries if isinstance(entries, list) else []):
        found = _entry(raw, f"documents[{i}]", file, problems)
        if found is not None and not (folder / found[0]).is_file():
            problems.append(Problem(file, f"documents[{i}].file", f"卷宗文件夹中没有文件 {found[0]}"))
        elif found is not None:
            listed[found[0]] = found[1]
    return listed, code, problems


def _params_document(report: Report, listed: Listed | None, listing: str) -> Document | InputError:
    """A params file's (or workbook department's) document: kind stated, listed, from its file name, else 自评报告."""
    stated, named = report.kind or None, recognise_kind(Path(report.source).name)
    kind = (listed.kind if listed else None) or stated or named or SELF
    year = report.department.year
    problems = []
    if listed and listed.kind and stated and listed.kind != stated:
        problems.append(Problem(listing, f"{listed.where}.kind", f"与 {report.source} 的 document.kind（{stated}）不一致"))
    if listed and listed.year is not None and listed.year != year:
        problems.append(Problem(listing, f"{listed.where}.year", f"与 {report.source} 的 department.year（{year}）不一致"))
    if problems:
        return InputError(problems)
    return Document(replace(report, kind=kind), kind, year, report.source)


def _report_document(path: Path, listed: Listed | None, code: str, listing: str) -> Document:
    """A report file read by the report reader, filed under the dossier's code; raises InputError."""
    from .extract.audit import audit_lines  # noqa: PLC0415 - the reader's imports wait until a report is read
    from .extract.pipeline import sources, to_report  # noqa: PLC0415
    from .extract.reading import read_lines  # noqa: PLC0415

    lines = read_lines(path)
    audit = audit_lines(lines, str(path))
    report, _ = to_report(audit.extraction)
    title = " ".join(line.text for line in lines[:_TITLE_LINES])
    kind = (listed.kind if listed else None) or recognise_kind(title) or recognise_kind(path.name)
    year = (listed.year if listed else None) or audit.extraction.get("department.year")
    missing = [(k, m) for k, m, v in (("kind", "未能识别文件类型（自评报告/决算/预算）", kind),
                                     ("year", "未能识别年度", year)) if v is None]
    if missing:
        raise InputError([Problem(str(path), "", f"{m}，请在 {listing} 中为此文件写明 {k}") for k, m in missing])
    changes = _changes(audit.extraction.changes)
    department = replace(report.department, code=code, year=int(year))  # type: ignore[arg-type]
    report = replace(report, department=department, kind=kind, year_on_year=tuple(c for c, _ in changes))
    places = {k: str(s) for k, s in sources(audit.extraction).items()}
    places |= {f"year_on_year[{i}]": str(source) for i, (_, source) in enumerate(changes)}
    findings = tuple(f._replace(department=code) for f in audit.findings)
    return Document(report, kind, int(year), str(path), places, findings)  # type: ignore[arg-type]


def _changes(changes: list) -> list[tuple[YearOnYear, object]]:
    """The year-on-year statements the reader found, on figures a dossier names, each with its source."""
    found = []
    for change in changes:
        label = "".join(change.label.split())
        names = _SUBJECTS.get(change.subject) or ((label,) if label in NAMES else ())
        for name in names:
            found.append((YearOnYear(name, change.direction * change.amount, change.direction * change.rate),
                          change.source))
    return found


def _code(reports: list[Report], given: str, folder: Path, listing: str) -> tuple[str, list[Problem]]:
    """The dossier's department code, and a problem when its documents are of several departments."""
    codes = sorted({r.department.code for r in reports} | ({given} if given else set()))
    if len(codes) > 1:
        held = "；".join(f"{Path(r.source).name} 为 {r.department.code}" for r in reports)
        return codes[0], [Problem(listing, "", f"卷宗中的文件应属同一部门，却有 {'、'.join(codes)}：{held}")]
    from .extract.department import derive_code  # noqa: PLC0415

    return (codes[0] if codes else derive_code(folder.resolve())), []


def _report_files(folder: Path) -> list[Path]:
    """A dossier folder's report files, in name order (a README is about the folder, not a document)."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()
                  and not p.name.startswith((".", "~$")) and not p.stem.upper().startswith("README"))


def is_dossier(folder: Path) -> bool:
    """Whether a folder is a dossier: it has a dossier file, or its readable documents are two or more of one code.

    A folder of many departments is told apart at its second file of another code, not after reading them all
    (the report notebook asks this of the folder of every department it runs on).
    """
    if (folder / DOSSIER_FILE).is_file():
        return True
    codes, count = set(), 0
    for path in in_folder(folder):
        reports, _ = load_sources([path])
        codes |= {r.department.code for r in reports}
        count += len(reports)
        if len(codes) > 1:
            return False
    return count >= 2


def open_dossier(folder: Path) -> DossierRead | None:
    """The dossier a folder holds, or None when it is a plain folder of departments (it is then read as before)."""
    if not is_dossier(folder):
        return None
    has_listing = (folder / DOSSIER_FILE).is_file()
    listing = str(folder / DOSSIER_FILE)
    listed, given, problems = read_listing(folder) if has_listing else ({}, "", [])
    notices: list[str] = []
    reports, errors = load_sources(in_folder(folder), notices)
    code, clash = _code(reports, given, folder, listing)
    problems += clash
    documents: list[Document] = []
    for report in reports:
        found = _params_document(report, listed.get(Path(report.source).name), listing)
        if isinstance(found, InputError):
            errors.append(found)
        else:
            documents.append(found)
    for path in _report_files(folder):
        try:
            documents.append(_report_document(path, listed.get(path.name), code, listing))
        except InputError as exc:
            errors.append(exc)
    if problems:
        errors.insert(0, InputError(problems))
    return DossierRead(Dossier(str(folder), code, tuple(documents)), errors, notices)


def dossiers_in(folder: Path) -> list[DossierRead]:
    """The dossiers a folder names: itself, or (a folder of dossiers, with no documents of its own) its subfolders."""
    own = open_dossier(folder)
    if own is not None:
        return [own]
    if in_folder(folder) or _report_files(folder):
        return []
    found = (open_dossier(sub) for sub in sorted(folder.iterdir()) if sub.is_dir() and not sub.name.startswith("."))
    return [read for read in found if read is not None]
