"""The report's narrative as Markdown, rendered from the data and the findings (no figure typed twice)."""
from __future__ import annotations

import html
import re
from decimal import Decimal
from functools import lru_cache

import jinja2
from markupsafe import Markup

from .checks import Finding, scoretable
from .findings_view import counts, place_terms
from .model import Project, Report
from .money import fmt, percent
from .tables import SEVERITY_ZH
from .visible import visible

SECTIONS = ("profile", "finance", "performance", "conclusion", "issues")
# Which checks speak to which section of the narrative, by id prefix.
REMARKS_FOR = {
    "profile": ("STF",),
    "finance": ("SUM", "SHR", "BAL", "DUP"),
    "performance": ("PRJ", "GRD", "SCR"),
    "conclusion": ("CLM",),
}
# Markdown's specials, plus ":" and "@" so that no address in the data turns into a link.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~:@])")


def _escape(value: object) -> Markup:
    """Make data safe in Markdown that becomes HTML: no raw HTML, no accidental emphasis or links.

    Template text and macro output arrive as Markup and pass as they are; everything else is data.
    """
    if isinstance(value, Markup):
        return value
    text = fmt(value) if isinstance(value, Decimal) else visible(str(value))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("selfeval", "templates/narrative"),
        autoescape=True,  # makes template text and macro output Markup, so that only data is escaped
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    return env


def compile_templates() -> None:
    """Load and compile every section's template now, as the first report of a process would."""
    for name in SECTIONS:
        _environment().get_template(f"{name}.md.j2")


def _judged(p: Project) -> dict[str, int]:
    """How many of a table's indicators were judged against their targets, and met them."""
    verdicts = [scoretable.judge(row)[0] for row in p.rows]
    return {"rows": len(verdicts), "judged": sum(v is not None for v in verdicts), "met": sum(v is True for v in verdicts)}


def _context(report: Report, findings: list[Finding]) -> dict:
    unit = report.department.unit
    failing = [f for f in findings if f.status == "fail"]
    tally = counts(findings)
    remarks = {name: [f for f in failing if f.check.split("-")[0] in prefixes]
               for name, prefixes in REMARKS_FOR.items()}
    return {
        "r": report,
        "d": report.department,
        "unit": unit,
        "money": lambda v: f"{fmt(v)}{unit}",
        "rate": lambda p: (percent(p.spent_amount, p.budget_amount)
                           if p.budget_amount and p.spent_amount is not None else None),
        "groups": scoretable.groups,
        "judged": _judged,
        "earned": lambda p: report.scale.grade_for(p.score) if p.score is not None else None,
        "notes": remarks,
        "failing": failing,
        "counts": tally,  # the one findings view's counts, as every table shows them
        "passed": tally.passed,
        "total_checks": len({f.check for f in findings}),
        "severity_zh": SEVERITY_ZH,
        "place": place_terms,  # a finding's place in the report's own terms, not a params key path
        "Decimal": Decimal,
    }


def render_section(name: str, report: Report, findings: list[Finding]) -> str:
    """One section of the narrative (see SECTIONS) as Markdown, one line per paragraph."""
    if name not in SECTIONS:
        raise ValueError(f"unknown narrative section {name!r}; expected one of {', '.join(SECTIONS)}")
    text = _environment().get_template(f"{name}.md.j2").render(_context(report, findings))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render(report: Report, findings: list[Finding]) -> str:
    """The whole narrative, every section in order."""
    return "\n".join(render_section(name, report, findings) for name in SECTIONS)
