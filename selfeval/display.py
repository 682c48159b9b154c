"""What the report notebook shows: thin wrappers that turn package results into rich outputs."""
from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from IPython.display import HTML, Markdown, display
from markupsafe import Markup

from . import narrative
from .adjusted import TITLE, edits_html, load_edits
from .charts import ALT as CHART_ALT, structure_charts
from .checks import Finding, run_checks, scoretable, text_findings_of
from .checks.common import SECTION_LABELS
from .loader import load
from .model import DIRECTION_SHOWN, Indicator, Project, Report
from .money import fmt, percent
from .notes import Reviewed, finding_key, load_notes, review, shown
from .findings_view import Table, counts, key_terms, ordered, place_terms, sidecar_source, table
from .sources_file import quoted, read_sidecar
from .visible import visible


def _text(value: object) -> str:
    """Data as HTML text: escaped, and control or bidi-override characters shown as «U+XXXX» marks.

    A U+202E in a name would otherwise reverse the tool's own words after it, on the page and in the PDF
    printed from it. Markup is HTML this module made from data already escaped (where_html), kept as it is.
    """
    return str(value) if isinstance(value, Markup) else html.escape(visible(str(value)))


class Audit(NamedTuple):
    """One department's data and every finding about it, and for a department read from a report its sources."""

    report: Report
    findings: list[Finding]
    side: dict | None = None  # the sources sidecar: where each figure was read (a 来源 column in every table)


def open_audit(params_path: str) -> Audit:
    """Load a params file and run every check on it; a report's text checks come from its sources sidecar."""
    report, side = load(params_path), read_sidecar(Path(params_path))
    return Audit(report, run_checks(report) + text_findings_of(side), side)


def show_title(audit: Audit) -> None:
    """The report's heading: a 复核调整稿 with its old → new table when the figures were edited in the panel."""
    d = audit.report.department
    name = _text(d.short_name or d.name)
    edits = load_edits(audit.report.source) if audit.report.source else None
    if edits is None:
        display(HTML(f"<h1>{name}{d.year}年度整体支出绩效自评报告复核</h1>"))
        return
    display(HTML(f"<h1>{TITLE}：{name}{d.year}年度整体支出绩效自评报告复核</h1>" + edits_html(*edits)))


def shown_parameters(params: dict[str, object]) -> list[tuple[str, str]]:
    """The parameters as shown: an absolute path (a temporary folder's) by its file name, and a report's document."""
    rows = []
    for key, value in params.items():
        path = Path(str(value)) if key.endswith("_path") and value else None
        rows.append((key, path.name if path is not None and path.is_absolute() else str(value)))
        side = read_sidecar(path) if path is not None else None
        if side is not None:  # the params were read from a published report: name the report too
            rows.append(("报告文件", Path(side["document"]).name))
    return rows


def show_parameters(params: dict[str, object]) -> None:
    """The parameters this run used, once, as a readable table."""
    rows = "".join(f"<tr><th>{_text(k)}</th><td>{_text(v)}</td></tr>" for k, v in shown_parameters(params))
    display(HTML(f'<table class="selfeval-params"><caption>运行参数</caption>{rows}</table>'))


def show_narrative(audit: Audit, section: str) -> None:
    """One narrative section as Markdown."""
    display(Markdown(narrative.render_section(section, audit.report, audit.findings)))


def html_table(headers: list[str], rows: list[list[str]], row_classes: list[str] | None = None,
               css_class: str = "selfeval-table") -> str:
    """An HTML table with every cell escaped (pandas would cost ~0.4 s of import in every kernel)."""
    head = "".join(f"<th>{_text(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>")
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def show_charts(audit: Audit) -> None:
    """Income and expenditure structure as one chart each, side by side."""
    r = audit.report
    if r.income.items or r.expenditure.items:
        svg = structure_charts(r.income, r.expenditure, r.department.unit)
        # raw: IPython's SVG class would parse and re-serialise the markup for nothing
        display({"image/svg+xml": svg, "text/plain": CHART_ALT}, raw=True,
                metadata={"image/svg+xml": {"alt": CHART_ALT}})


def show_structure(audit: Audit, key: str) -> None:
    """A section's lines as a table, with the printed share beside the recomputed one."""
    report = audit.report
    section = getattr(report, key)
    headers = ["序号", "项目", f"金额（{report.department.unit}）", "报告占比（%）", "复算占比（%）"]
    rows = [[str(i + 1), item.name, fmt(item.amount), fmt(item.share), fmt(percent(item.amount, section.total))]
            for i, item in enumerate(section.items)]
    if audit.side is not None:  # read from a report: each line beside the document's place and words
        headers.append("来源")
        rows = [row + [quoted(audit.side, f"{key}.items[{i}]")] for i, row in enumerate(rows)]
    display(HTML(f"<h3>本年{SECTION_LABELS[key]}明细</h3>" + html_table(headers, rows)))


def where_html(where: str) -> str:
    """A finding's place in the report's own terms, its params key path kept as a small second line."""
    terms = key_terms(where)
    if terms is None:
        return _text(place_terms(where))  # a place in the document (a text check's): its Chinese words alone
    path = _text(where).replace(".", ".<wbr>")  # a long key path breaks between its keys, not inside one
    return f'{_text(terms)}<br><small class="selfeval-path">{path}</small>'


def findings_table(view: Table, extra: dict[str, list[str]] | None = None) -> str:
    """A findings view as an HTML table: failing rows marked by severity, each cell classed by its column (the
    stylesheet keeps id, severity and status on one line), places in the report's terms; `extra` adds columns."""
    extra = extra or {}
    head = "".join(f'<th class="col-{c}">{_text(h)}</th>' for c, h in zip(view.columns, view.headers))
    head += "".join(f"<th>{_text(h)}</th>" for h in extra)
    body = []
    for i, (f, row) in enumerate(zip(view.findings, view.rows)):
        cells = [f'<td class="col-{c}">{where_html(v) if c == "where" else _text(v)}</td>'
                 for c, v in zip(view.columns, row)]
        cells += [f"<td>{_text(v[i])}</td>" for v in extra.values()]
        css = f' class="fail-{f.severity}"' if f.status == "fail" else ""
        body.append(f"<tr{css}>" + "".join(cells) + "</tr>")
    return (f'<table class="selfeval-table selfeval-findings"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _note_cells(view: Table, notes: Reviewed) -> dict[str, list[str]]:
    """The 审核意见 column beside the failing findings, when the audit panel left notes (stale ones marked)."""
    if not (notes.current or notes.stale):
        return {}
    cells = []
    for f in view.findings:
        key = finding_key(f.check, f.where)
        note, stale = notes.current.get(key), notes.stale.get(key, (None, ""))
        on_row = f.status == "fail" and (note or stale[0])
        cells.append(shown(note or stale[0], "" if note else stale[1]) if on_row else "")
    return {"审核意见": cells}


def show_findings(audit: Audit) -> None:
    """The findings table: every check, failing rows first and marked by colour and text, with the notes."""
    view = table(audit.findings, source=sidecar_source(audit.side))  # 来源 only for a department read from a report
    notes = review(load_notes(audit.report.source) if audit.report.source else {}, audit.findings)
    noted = f"，审核意见{len(notes.current)}条" if notes.current else ""
    noted += f"（另有已过期{len(notes.stale)}条，不计入）" if notes.stale else ""
    display(HTML(f"<h2>附：检查结果</h2><p>共{len(view.rows)}条结果，其中不通过{counts(audit.findings).failing}条"
                 f"（已置顶并以底色标出）{noted}。</p>" + findings_table(view, _note_cells(view, notes))
                 + _gone_notes(notes)))


def _gone_notes(notes: Reviewed) -> str:
    """The stale notes whose finding no longer fails: listed apart, never beside a passing row."""
    gone = [(key, note, why) for key, (note, why) in notes.stale.items() if why.startswith("所注检查已不再")]
    if not gone:
        return ""
    rows = [[key, shown(note), why] for key, note, why in gone]
    return ("<h3>已过期的审核意见</h3><p>以下意见所注的检查现已通过或不再出现，仅作记录，不计入审核意见。</p>"
            + html_table(["所注检查", "审核意见", "过期原因"], rows, None, "selfeval-table selfeval-stale-notes"))


# ---- project score tables (项目支出绩效自评表) ----

def _failing_at(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Failing findings by their `where`, worst severity first."""
    at: dict[str, list[Finding]] = {}
    for f in ordered(f for f in findings if f.status == "fail"):
        at.setdefault(f.where, []).append(f)
    return at


def _cell(text: str, failing: list[Finding] | None = None, header: bool = False) -> str:
    """One escaped cell; a failing one carries the class of its worst severity and names its checks."""
    tag = "th" if header else "td"
    if not failing:
        return f"<{tag}>{_text(text)}</{tag}>"
    # the check ids are printed, not only coloured: the PDF may be read in grey
    ids = _text("、".join(dict.fromkeys(f.check for f in failing)))
    return (f'<{tag} class="cell-fail-{failing[0].severity}" title="{ids}">'
            f'{_text(text)} <span class="cell-flag">×{ids}</span></{tag}>')


def _row(cells: list[str], css: str = "") -> str:
    return f'<tr class="{css}">' + "".join(cells) + "</tr>" if css else "<tr>" + "".join(cells) + "</tr>"


def _funds_table(p: Project, at: str, failing: dict[str, list[Finding]], unit: str, side: dict | None) -> str:
    """The money block: 年初预算数 / 全年预算数 / 全年执行数 / 执行率, the execution row's weight and score, and with a
    report's sources where the money was read."""
    f, e = p.funds, p.execution
    rate = percent(p.spent_amount, p.budget_amount) if p.budget_amount and p.spent_amount is not None else None
    head = [f"年初预算数（{unit}）", f"全年预算数（{unit}）", f"全年执行数（{unit}）", "执行率（%）", "分值", "得分"]
    cells = [_cell(fmt(f.initial_budget) if f else ""), _cell(fmt(p.budget_amount)),
             _cell(fmt(p.spent_amount), failing.get(f"{at}.{p.spent_key}")), _cell(fmt(rate)),
             _cell(fmt(e.weight) if e else ""), _cell(fmt(e.score) if e else "", failing.get(f"{at}.execution.score"))]
    if side is not None:
        head.append("来源")
        cells.append(_cell(next(filter(None, (quoted(side, f"{at}.{k}") for k in ("funds", "budget", "execution"))), "")))
    return (f'<table class="selfeval-table selfeval-scoretable"><thead>{_row([_cell(h, header=True) for h in head])}'
            f"</thead><tbody>{_row(cells)}</tbody></table>")


def _verdict(row: Indicator) -> str:
    met, why = scoretable.judge(row)
    return "合计行，不计入" if row.is_total else why + "，未判定" if met is None else "达成" if met else "未达成"


INDICATOR_HEADERS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "单位", "分值", "得分", "复核"]


def _indicator_rows(p: Project, at: str, failing: dict[str, list[Finding]], side: dict | None) -> list[str]:
    rows = []
    for k, row in enumerate(p.indicators):
        here = f"{at}.indicators[{k}]"
        target = (DIRECTION_SHOWN[row.direction] if row.direction else "") + (row.target.shown if row.target else "")
        cells = [_cell(row.level1), _cell(row.level2), _cell(row.name), _cell(target, failing.get(f"{here}.target")),
                 _cell(row.actual.shown if row.actual else ""), _cell(row.unit), _cell(fmt(row.weight)),
                 _cell(fmt(row.score), failing.get(f"{here}.score")), _cell(_verdict(row))]
        cells += [_cell(quoted(side, here))] if side is not None else []
        rows.append(_row(cells, "scoretable-total" if row.is_total else ""))
    return rows


def score_table_html(report: Report, i: int, findings: list[Finding], side: dict | None = None) -> str:
    """One project's score table as HTML, failing cells marked (class cell-fail-<severity>, a ✗ and the check ids);
    with a report's sources, each row's place and words in a 来源 column."""
    p, at = report.projects[i], f"projects[{i}]"
    failing = _failing_at([f for f in findings if f.where == at or f.where.startswith(at + ".")])
    rows = sum(scoretable.scores(p) or (), Decimal(0)) if scoretable.scores(p) is not None else None
    sums = [_cell("逐项合计（复算）"), *[_cell("")] * 5, _cell(fmt(scoretable.weight_sum(p)),
            failing.get(f"{at}.indicators[*].weight")), _cell(fmt(rows)), _cell("")]
    stated = [_cell("总分（报告）"), *[_cell("")] * 6, _cell(fmt(p.score), failing.get(f"{at}.score")),
              _cell(f"评价等级：{p.grade or '未列'}", failing.get(f"{at}.grade"))]
    if side is not None:
        sums, stated = sums + [_cell("")], stated + [_cell(quoted(side, f"{at}.score"))]
    body = ("".join(_indicator_rows(p, at, failing, side)) + _row(sums, "scoretable-sum")
            + _row(stated, "scoretable-sum"))
    head = _row([_cell(h, header=True) for h in INDICATOR_HEADERS + (["来源"] if side is not None else [])])
    money = p.funds is not None or p.execution is not None or p.budget_amount is not None
    return (f"<h3>{_text(p.name)}：项目支出绩效自评表</h3>"
            + (_funds_table(p, at, failing, report.department.unit, side) if money else "")
            + f'<table class="selfeval-table selfeval-scoretable"><thead>{head}</thead><tbody>{body}</tbody></table>')


PROJECT_COLUMNS = ("check", "severity", "where", "expected", "actual", "message")


def project_findings_html(i: int, findings: list[Finding]) -> str:
    """The failing findings about one project in full, and how many others passed or did not apply."""
    at = f"projects[{i}]"
    mine = [f for f in findings if f.where == at or f.where.startswith(at + ".")]
    n = counts(mine)
    checks = "、".join(dict.fromkeys(f.check for f in mine))
    summary = (f"<p>本项目共{len(mine)}条检查结果（{_text(checks)}）：不通过{n.failing}条，通过{n.passed}条，"
               f"不适用{n.not_applicable}条；逐条见文末“检查结果”。</p>")
    if not n.failing:
        return summary
    return summary + findings_table(table((f for f in mine if f.status == "fail"), PROJECT_COLUMNS))


def show_projects(audit: Audit) -> None:
    """Each project's score table with its failing cells marked, and the checks about it."""
    tables = [i for i, p in enumerate(audit.report.projects) if p.has_table]
    if not tables:
        if audit.report.projects:
            display(HTML("<p>报告未附项目支出绩效自评表。</p>"))
        return
    parts = ["<h2>附：项目支出绩效自评表复核</h2>"]
    for i in tables:
        parts += [score_table_html(audit.report, i, audit.findings, audit.side),
                  project_findings_html(i, audit.findings)]
    display(HTML("".join(parts)))
