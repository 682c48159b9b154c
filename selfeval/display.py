"""What the report notebook shows: thin wrappers that turn package results into rich outputs."""
from __future__ import annotations

import html
from typing import NamedTuple

import pandas as pd
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


def items_frame(report: Report, key: str) -> pd.DataFrame:
    """A section's lines with the printed share beside the recomputed one."""
    section = getattr(report, key)
    rows = [{"序号": i + 1, "项目": item.name, f"金额（{report.department.unit}）": fmt(item.amount),
             "报告占比（%）": fmt(item.share), "复算占比（%）": fmt(percent(item.amount, section.total))}
            for i, item in enumerate(section.items)]
    return pd.DataFrame(rows)


def show_charts(audit: Audit) -> None:
    """Income and expenditure structure as one chart each, side by side."""
    r = audit.report
    if r.income.items or r.expenditure.items:
        png = structure_charts(r.income, r.expenditure, r.department.unit)
        display(Image(data=png, width=720, metadata={"alt": "本年收入结构与本年支出结构图"}))


def show_structure(audit: Audit, key: str) -> None:
    """A section's lines as a table, with the printed share beside the recomputed one."""
    frame = items_frame(audit.report, key)
    title = f"<h3>本年{SECTION_LABELS[key]}明细</h3>"
    display(HTML(title + frame.to_html(index=False, escape=True, classes="selfeval-table", justify="left")))


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Every finding as a table, in Chinese."""
    return pd.DataFrame([{"检查": f.check, "级别": SEVERITY_ZH[f.severity], "结果": STATUS_ZH[f.status],
                          "位置": f.where, "应为": f.expected, "实为": f.actual, "差额": f.difference,
                          "说明": f.message} for f in findings])


def _row_style(findings: list[Finding]):  # noqa: ANN202 - a pandas Styler callback
    colours = {"error": "#fde0dc", "warning": "#fff3cd", "info": "#e3f2fd"}

    def style(row: pd.Series) -> list[str]:
        f = findings[row.name]
        css = f"background-color: {colours[f.severity]}; font-weight: bold" if f.status == "fail" else ""
        return [css] * len(row)

    return style


def show_findings(audit: Audit) -> None:
    """The findings table: every check, failing rows first and marked by colour and text."""
    order = sorted(audit.findings, key=lambda f: (f.status != "fail", list(SEVERITY_ZH).index(f.severity)))
    frame = findings_frame(order)
    styled = (frame.style.apply(_row_style(order), axis=1).format(escape="html").hide(axis="index")
              .set_table_attributes('class="selfeval-table selfeval-findings"'))
    failing = sum(1 for f in order if f.status == "fail")
    display(HTML(f"<h2>附：检查结果</h2><p>共{len(order)}条结果，其中不通过{failing}条（已置顶并以底色标出）。</p>"
                 + styled.to_html()))
