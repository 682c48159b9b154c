"""The report notebook's section 跨文件核对: each figure across a dossier's documents, and the cross findings."""
from __future__ import annotations

import html
from pathlib import Path

from IPython.display import HTML, display

from .checks.crossrun import run_cross
from .crossfigures import in_yuan, stated_figures
from .display import findings_table, html_table
from .dossier import BUDGET, Document, Dossier
from .dossier_load import open_dossier
from .findings_view import counts, table
from .money import fmt, meet


def _agree(cells: list[tuple[Document, object]]) -> bool:
    """Whether every two of these documents' printed figures can be the same amount."""
    spans = [in_yuan(s.value, d.unit) for d, s in cells]  # type: ignore[attr-defined]
    return all(meet(a, b) for i, a in enumerate(spans) for b in spans[i + 1:])


def figure_rows(dossier: Dossier, year: int) -> tuple[list[str], list[list[str]], list[str]]:
    """One year's table: a column per document, a row per figure stated, and each row's mark (differences)."""
    docs = [d for d in dossier.documents if d.year == year]
    stated = [stated_figures(d.report) for d in docs]
    names = list(dict.fromkeys(name for figures in stated for name in figures))
    rows, marks = [], []
    for name in names:
        cells = [f"{fmt(s[name].value)}{d.unit}（{d.places.get(s[name].key, s[name].key)}）" if name in s else ""
                 for d, s in zip(docs, stated)]
        # budgets state what was planned, not what was received or spent: they are not held to the accounts
        actual = [(d, s[name]) for d, s in zip(docs, stated) if name in s and d.kind != BUDGET]
        verdict = "" if len(actual) < 2 else "一致" if _agree(actual) else "不一致"
        rows.append([name, *cells, verdict])
        marks.append("fail-error" if verdict == "不一致" else "")
    return ["数字", *(f"{d.kind}（{d.name}）" for d in docs), "核对"], rows, marks


def cross_section(dossier: Dossier, left_out: tuple[str, ...] | list[str] = ()) -> str:
    """The section as HTML: the figures of each year side by side, then every cross-document finding."""
    findings = run_cross(dossier)
    failing = counts(findings).failing
    parts = [f"<h2>跨文件核对</h2><p>本文件属于部门 {dossier.code} 的卷宗（{len(dossier.documents)}份文件，"
             f"{'、'.join(map(str, dossier.years))}年度）。下表列出各文件所列的同一数字及其出处，不一致者以底色标出；"
             f"预算数不与决算数比对，其执行情况见检查结果。跨文件检查共{len(findings)}条结果，其中不通过{failing}条。</p>"]
    if left_out:
        parts.append(f"<p>另有文件未能读入卷宗，不在核对之列：{html.escape('；'.join(left_out))}</p>")
    for year in dossier.years:
        headers, rows, marks = figure_rows(dossier, year)
        parts.append(f"<h3>{year}年度</h3>" + html_table(headers, rows, marks, "selfeval-table selfeval-cross"))
    parts.append("<h3>跨文件检查结果</h3>" + findings_table(table(findings)))
    return "".join(parts)


def show_cross(params_path: str) -> None:
    """The section 跨文件核对 when the input is a document of a dossier (its folder); nothing otherwise."""
    read = open_dossier(Path(params_path).parent)
    if read is not None and read.dossier.holds(params_path):
        display(HTML(cross_section(read.dossier, [str(e) for e in read.errors])))
