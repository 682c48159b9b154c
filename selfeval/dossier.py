"""A dossier: the documents of one department (自评报告, 决算, 预算), any of its years, read together.

The model only: which documents there are, of which kind and year, and where in each a figure was read.
Reading a folder into a dossier is `dossier_load`; the checks across its documents are `checks.cross`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .checks.registry import Finding
from .model import Report

SELF, FINAL, BUDGET = "自评报告", "决算", "预算"
ACTUAL_KINDS = (FINAL, SELF)  # the documents of what was received and spent, the final accounts first
# A self-evaluation title may name 预算 (部门预算绩效自评报告), so 自评 is looked for before 决算 and 预算.
_KIND_WORDS = ((re.compile(r"自评|绩效评价"), SELF), (re.compile(r"决算"), FINAL), (re.compile(r"预算"), BUDGET))


def recognise_kind(text: str) -> str | None:
    """The kind of document a title or file name names, or None when it names none."""
    for pattern, kind in _KIND_WORDS:
        if pattern.search(text):
            return kind
    return None


@dataclass(frozen=True)
class Document:
    """One document of a dossier: its figures, kind and year, and where each figure was read."""

    report: Report
    kind: str
    year: int
    path: str
    places: dict[str, str] = field(default_factory=dict)   # key path → where in a report file; params: none
    findings: tuple[Finding, ...] | None = None            # a report file's own audit; params are checked afresh

    @property
    def name(self) -> str:
        """The file's name, as findings show it."""
        return Path(self.path).name

    @property
    def label(self) -> str:
        """The document as a sentence names it: 2023年度决算（xx.yaml）."""
        return f"{self.year}年度{self.kind}（{self.name}）"

    @property
    def unit(self) -> str:
        """The unit its figures are printed in."""
        return self.report.department.unit

    def place(self, key: str) -> str:
        """Where a figure is in this document: the file and the line read (report files) or the key path."""
        return f"{self.name}: {self.places.get(key, key)}"


@dataclass(frozen=True)
class Dossier:
    """The documents of one department, in the order read."""

    folder: str
    code: str
    documents: tuple[Document, ...]

    def of_year(self, year: int, kinds: tuple[str, ...] = ACTUAL_KINDS) -> list[Document]:
        """The documents of a year of these kinds, in the order of the kinds (决算 before 自评报告)."""
        return [d for kind in kinds for d in self.documents if d.year == year and d.kind == kind]

    def has_year(self, year: int) -> bool:
        """Whether any document of that year is in the dossier."""
        return any(d.year == year for d in self.documents)

    def pairs(self) -> Iterator[tuple[Document, Document]]:
        """Every two documents of the same year that state the same kind of figures (actuals, or budgets)."""
        docs = self.documents
        for i, first in enumerate(docs):
            for second in docs[i + 1:]:
                if first.year == second.year and (first.kind == BUDGET) == (second.kind == BUDGET):
                    yield first, second

    @property
    def years(self) -> list[int]:
        """The years its documents are of, in order."""
        return sorted({d.year for d in self.documents})

    def holds(self, source: str) -> bool:
        """Whether a file (by path) is one of its documents."""
        wanted = Path(source).resolve()
        return any(Path(d.path).resolve() == wanted for d in self.documents)
