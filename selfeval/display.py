"""What the report notebook shows: thin wrappers that turn package results into rich outputs."""
from __future__ import annotations

import html
from typing import NamedTuple

from IPython.display import HTML, Image, Markdown, display

from . import narrative
from .charts import structure_charts
from .checks import Finding, run_checks
from .checks.common import SECTION_LABELS
from .loader import load
from .model import Report
from .money import fmt, percent
from .tables import SEVERITY_ZH, STATUS_ZH


class Audit(NamedTuple):
    """One department's data and every finding about it."""

    report: Report
    findings: list[Finding]


def open_audit(params_path: str) -> Audit:
    """Load a params file and run every check on it."""
    report = load(params_path)
    return Audit(report, run_checks(report))


def show_title(audit: Audit) -> None:
    """The report's heading."""
    d = audit.report.department
    name = html.escape(d.short_name or d.name)
    display(HTML(f"<h1>{name}{d.year}年度整体支出绩效自评报告复核</h1>"))


def show_parameters(params: dict[str, object]) -> None:
    """The parameters this run used, once, as a readable table."""
    rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>" for k, v in params.items())
    display(HTML(f'<table class="selfeval-params"><caption>运行参数</caption>{rows}</table>'))


def show_narrative(audit: Audit, section: str) -> None:
    """One narrative section as Markdown."""
    display(Markdown(narrative.render_section(section, audit.report, audit.findings)))


def html_table(headers: list[str], rows: list[list[str]], row_classes: list[str] | None = None,
               css_class: str = "selfeval-table") -> str:
    """An HTML table with every cell escaped (pandas would cost ~0.4 s of import in every kernel)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>")
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def show_charts(audit: Audit) -> None:
    """Income and expenditure structure as one chart each, side by side."""
    r = audit.report
    if r.income.items or r.expenditure.items:
        png = structure_charts(r.income, r.expenditure, r.department.unit)
        display(Image(data=png, width=720, metadata={"alt": "本年收入结构与本年支出结构图"}))


def show_structure(audit: Audit, key: str) -> None:
    """A section's lines as a table, with the printed share beside the recomputed one."""
    report = audit.report
    section = getattr(report, key)
    headers = ["序号", "项目", f"金额（{report.department.unit}）", "报告占比（%）", "复算占比（%）"]
    rows = [[str(i + 1), item.name, fmt(item.amount), fmt(item.share), fmt(percent(item.amount, section.total))]
            for i, item in enumerate(section.items)]
    display(HTML(f"<h3>本年{SECTION_LABELS[key]}明细</h3>" + html_table(headers, rows)))


FINDING_HEADERS = ["检查", "级别", "结果", "位置", "应为", "实为", "差额", "说明"]


def show_findings(audit: Audit) -> None:
    """The findings table: every check, failing rows first and marked by colour and text."""
    order = sorted(audit.findings, key=lambda f: (f.status != "fail", list(SEVERITY_ZH).index(f.severity)))
    rows = [[f.check, SEVERITY_ZH[f.severity], STATUS_ZH[f.status], f.where, f.expected, f.actual, f.difference,
             f.message] for f in order]
    classes = [f"fail-{f.severity}" if f.status == "fail" else "" for f in order]
    failing = sum(1 for f in order if f.status == "fail")
    display(HTML(f"<h2>附：检查结果</h2><p>共{len(order)}条结果，其中不通过{failing}条（已置顶并以底色标出）。</p>"
                 + html_table(FINDING_HEADERS, rows, classes, "selfeval-table selfeval-findings")))
