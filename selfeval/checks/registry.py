"""The check registry, the outcome a check yields, and the finding the runner makes of it."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable, Iterator, NamedTuple

from ..model import Report
from ..money import fmt

SEVERITIES = ("error", "warning", "info")
PASS, FAIL, NA = "pass", "fail", "n/a"


class Outcome(NamedTuple):
    """What a check found at one place. ok=None means the check does not apply there."""

    where: str
    ok: bool | None
    message: str
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    within_rounding: bool = False  # passed, but the printed figures differ: shown as info


class Finding(NamedTuple):
    """One result of one check at one place: data for tables and JSON, a Chinese message for people.

    A NamedTuple rather than a frozen dataclass: a batch makes hundreds of thousands of them.
    """

    check: str
    severity: str
    status: str
    where: str
    expected: str
    actual: str
    difference: str
    message: str
    department: str = ""
    file: str = ""

    def to_dict(self) -> dict[str, str]:
        """The finding as a JSON-ready dict."""
        return self._asdict()

    @property
    def failed_error(self) -> bool:
        """Whether this finding is a failing error (what makes the exit code 1)."""
        return self.status == FAIL and self.severity == "error"


CheckFunc = Callable[[Report], Iterable[Outcome]]


@dataclass(frozen=True)
class Check:
    """A registered check: stable id, Chinese title, declared severity, and the function."""

    id: str
    title: str
    severity: str
    func: CheckFunc


REGISTRY: dict[str, Check] = {}


def check(check_id: str, title: str, severity: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check function under a stable id."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def register(func: CheckFunc) -> CheckFunc:
        if check_id in REGISTRY:
            raise ValueError(f"check id {check_id} registered twice")
        REGISTRY[check_id] = Check(check_id, title, severity, func)
        return func

    return register


def _text(value: Decimal | str | None) -> str:
    return fmt(value) if isinstance(value, Decimal) else (value or "")


def _finding(chk: Check, outcome: Outcome, report: Report) -> Finding:
    status = NA if outcome.ok is None else PASS if outcome.ok else FAIL
    severity = "info" if outcome.within_rounding and outcome.ok else chk.severity
    diff = ""
    if isinstance(outcome.expected, Decimal) and isinstance(outcome.actual, Decimal):
        diff = fmt(outcome.actual - outcome.expected)
    return Finding(chk.id, severity, status, outcome.where, _text(outcome.expected), _text(outcome.actual),
                   diff, outcome.message, report.department.code, report.source)


def _run_one(chk: Check, report: Report) -> Iterator[Finding]:
    try:
        outcomes = list(chk.func(report))
    except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others' findings
        yield Finding(chk.id, "error", FAIL, "", "", "", "",
                      f"检查程序自身出错（{type(exc).__name__}: {exc}），本项未能完成", report.department.code, report.source)
        return
    if not outcomes:
        outcomes = [Outcome("", None, f"{chk.title}：无相关数据，不适用")]
    for outcome in outcomes:
        yield _finding(chk, outcome, report)


def run_registered(report: Report, ids: Iterable[str] | None = None) -> list[Finding]:
    """Run the registered checks (all, or the given ids) on one report."""
    wanted = list(REGISTRY) if ids is None else list(ids)
    unknown = [i for i in wanted if i not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown check id(s): {', '.join(unknown)}")
    findings: list[Finding] = []
    for check_id in wanted:
        findings.extend(_run_one(REGISTRY[check_id], report))
    return findings
