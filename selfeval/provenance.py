"""The report notebook's provenance section for a department read from a published report.

What could not be read and which checks therefore could not run (无法检查), a 来源 table giving every figure
read with its place in the document and the document's own words, and for each failing finding the sources
of the figures it compares (for a PDF, a crop of the page with those figures boxed). The sources come from
the sidecar staged beside the params file (selfeval.sources_file); a department without one shows nothing.
"""
from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

from IPython.display import HTML, display
from markupsafe import Markup

from .checks import TEXT_FINDINGS, run_checks, text_findings_of
from .crops import crop_png, data_uri
from .display import html_table, where_html
from .findings_view import key_terms
from .dump import report_to_data
from .loader import load
from .panelsources import CORRECTED, correction_text, read_value
from .sources_file import place_and_words, read_sidecar, resolve, where_zh
from .visible import visible

ALT_WORDS = 60  # characters of quoted words in a crop's alt text


def _esc(text: object) -> str:
    return html.escape(visible(str(text)))


def figures(side: dict, data: dict) -> list[tuple[str, object, dict]]:
    """Every figure read (a value, not a list or group of them): key path, value, source."""
    found = ((k, resolve(data, k), s) for k, s in side["sources"].items())
    return [(k, v, s) for k, v, s in found if not isinstance(v, (dict, list, type(None)))]


def involved(where: str, side: dict, data: dict) -> list[tuple[str, object, dict]]:
    """The figures a finding at `where` compares: those under its key path, and a breakdown's total beside its
    lines (a sum or share check of income.items weighs them against income.total)."""
    top = where.split(".")[0]
    total = f"{top}.total" if top in ("income", "expenditure") and ".items" in where else None
    return [f for f in figures(side, data)
            if f[0] == where or f[0].startswith((where + ".", where + "[")) or f[0] == total]


def _gaps_html(side: dict) -> str:
    """What could not be read, and the checks that could not run for want of it."""
    missing = "".join(f"<li>{_esc(m)}</li>" for m in side["missing"]) or "<li>必需的数字均已读出</li>"
    skipped = "".join(f"<li>{_esc(u['check'])}：{_esc(u['message'])}</li>" for u in side["unchecked"])
    unread = "".join(f"<li>{_esc(t)}</li>" for t in side["not_extracted"])
    return ("<h3>未能读出的数字与无法检查的核对</h3><p>必需而未读出的数字：</p><ul>" + missing + "</ul>"
            + f"<p>无法检查的核对（{len(side['unchecked'])}项）：</p><ul>{skipped or '<li>无</li>'}</ul>"
            + (f"<p>读到但未采用的内容（原文记录）：</p><ul>{unread}</ul>" if unread else ""))


def _sources_table(side: dict, data: dict) -> str:
    """Every figure read with its place and words; the value is the document's even when the auditor corrected it."""
    listed = figures(side, data)
    # the figure in the report's terms (本年收入 第1项 金额), its params key path a small second line
    rows = [[Markup(where_html(k)), str(read_value(s, v)), where_zh(s["where"]), s["snippet"]] for k, v, s in listed]
    headers = ["数字", "读出的值", "来源", "原文"]
    corrected = [correction_text(s) for _, _, s in listed]
    if any(corrected):  # a column only when the auditor changed a figure: what the checks ran on instead
        headers.append(CORRECTED)
        rows = [row + [note] for row, note in zip(rows, corrected)]
    said = f"其中{sum(map(bool, corrected))}个经{CORRECTED}，核对按更正后的值进行。" if any(corrected) else ""
    return (f"<h3>来源</h3><p>从原文读出的{len(rows)}个数字，各注明其在原文中的位置和原文文字。{said}</p>"
            + html_table(headers, rows, css_class="selfeval-table selfeval-sources"))


def _crops(document: Path, check: str, found: list[tuple[str, object, dict]]) -> str:
    """One crop per page of the PDF figures a finding compares, boxed, as embedded images."""
    pages: dict[int, list[dict]] = {}
    for key, value, source in found:
        if source["page"] and (value is None or isinstance(value, (Decimal, int))) and source["boxes"]:
            pages.setdefault(source["page"], []).append(source)
    images = []
    for page, placed in sorted(pages.items()):
        boxes = [tuple(b) for s in placed for b in s["boxes"]]
        words = "；".join(dict.fromkeys(s["snippet"] for s in placed))[:ALT_WORDS]
        alt = f"第{page}页 {check}：{words}"
        src = data_uri(crop_png(document, page, boxes))
        images.append(f'<figure class="selfeval-crop" style="margin:0.5em 0"><img src="{src}" alt="{_esc(alt)}" '
                      f'style="width:100%"><figcaption>{_esc(alt)}</figcaption></figure>')
    return "".join(images)


def _text_sources(side: dict) -> dict[tuple[str, str, str], list[tuple[str, object, dict]]]:
    """The source of each failing text finding (TXT-xxx) kept in the sidecar, as `involved` gives a figure's."""
    return {(r["check"], r["where"], r["message"]): [(r["where"], None, {
        "where": r.get("source_where", ""), "snippet": r.get("source_text", ""), "page": r.get("page"),
        "boxes": r.get("boxes") or []})] for r in side.get(TEXT_FINDINGS, ()) if r.get("source_where")}


def _failing_html(side: dict, data: dict, findings: list, document: Path) -> str:
    """Each failing finding with the sources of the figures it compares, or of a text finding's words (and, for a
    PDF, their crop)."""
    parts = []
    texts = _text_sources(side)
    for f in (f for f in findings if f.status == "fail"):
        found = texts.get((f.check, f.where, f.message)) or involved(f.where, side, data)
        quoted: dict[tuple[str, str], list[str]] = {}  # one line's words once, with every figure read from it
        for key, value, source in found:
            corrected = correction_text(source)  # the figure compared is the auditor's, not the document's
            figure = (key_terms(key) or key) if value is not None else ""  # a text finding's words need no name
            quoted.setdefault((source["where"], source["snippet"]), []).append(
                "，".join(x for x in (figure, corrected) if x))
        quotes = "".join(f"<li>{_esc(place_and_words(w, words))}"
                         + (f"（{_esc('、'.join(k for k in keys if k))}）" if any(keys) else "") + "</li>"
                         for (w, words), keys in quoted.items())
        crops = _crops(document, f.check, found) if side["kind"] == "pdf" else ""
        parts.append(f"<h4>{_esc(f.check)} {_esc(f.message)}</h4><ul>{quotes or '<li>此处无读出的数字</li>'}</ul>"
                     + crops)
    return "<h3>未通过的核对及其原文</h3>" + ("".join(parts) or "<p>无</p>")


def show_provenance(params_path: str) -> None:
    """For a department read from a report: what was not read, the sources of what was, failing figures in place."""
    side = read_sidecar(Path(params_path))
    if side is None:
        return  # a params file or workbook input: there is no document to point into
    report = load(params_path)
    data = report_to_data(report)
    document = Path(side["document"])
    state = "完整" if side["complete"] else "不完整"
    display(HTML(f"<h2>附：原文来源</h2><p>本部门的数据从报告文件 {_esc(document.name)} 读出（{state}，"
                 f"读出{side['figures_read']}个数字）。</p>" + _gaps_html(side) + _sources_table(side, data)
                 + _failing_html(side, data, run_checks(report) + text_findings_of(side), document)))
