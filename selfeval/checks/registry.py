"""The check registry, the outcome a check yields, and the finding the runner makes of it."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from decimal import Decimal
from typing import Callable, Iterable, NamedTuple

from ..model import Report
from ..money import fmt

SEVERITIES = ("error", "warning", "info")
PASS, FAIL, NA, UNCHECKED = "pass", "fail", "n/a", "unchecked"


class Outcome(NamedTuple):
    """What a check found at one place. ok=None means the check does not apply there."""

    where: str
    ok: bool | None
    message: str
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    within_rounding: bool = False  # passed, but the printed figures differ: shown as info
    severity: str = ""             # overrides the check's declared severity at this place, when set


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

    @cached_property  # a frozen dataclass still has a __dict__ to cache in
    def not_applicable(self) -> str:
        """The message of the one finding a check gives when no data concerns it."""
        return f"{self.title}：无相关数据，不适用"


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


_new_tuple = tuple.__new__  # Finding(...) without the NamedTuple's Python-level __new__


def _run_one(chk: Check, subject: object, code: str, source: str) -> list[Finding]:
    """The findings of one check on one report (or dossier), every finding naming the department and source."""
    try:
        outcomes = list(chk.func(subject))  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others' findings
        message = f"检查程序自身出错（{type(exc).__name__}: {exc}），本项未能完成"
        return [Finding(chk.id, "error", FAIL, "", "", "", "", message, code, source)]
    if not outcomes:
        return [_new_tuple(Finding, (chk.id, chk.severity, NA, "", "", "", "", chk.not_applicable, code, source))]
    # one finding per outcome, built inline: this loop makes every finding of a batch
    cid, declared, findings = chk.id, chk.severity, []
    # fmt(x) is str(x) but for the exponent forms str() may choose (1E+2): asked inline, for every figure of a batch
    for where, ok, message, expected, actual, within_rounding, severity in outcomes:
        if type(expected) is Decimal:
            diff = (d if "E" not in (d := str(actual - expected)) else fmt(actual - expected)) \
                if type(actual) is Decimal else ""
            expected = e if "E" not in (e := str(expected)) else fmt(expected)
        else:
            diff, expected = "", expected or ""
        actual = (a if "E" not in (a := str(actual)) else fmt(actual)) if type(actual) is Decimal else actual or ""
        findings.append(_new_tuple(Finding, (cid, "info" if within_rounding and ok else severity or declared,
                                             NA if ok is None else PASS if ok else FAIL, where, expected, actual,
                                             diff, message, code, source)))
    return findings


def unchecked(check_id: str, code: str = "", source: str = "") -> Finding:
    """The finding of a check that could not run because the figures it needs were not read."""
    chk = REGISTRY[check_id]
    return Finding(chk.id, chk.severity, UNCHECKED, "", "", "", "", f"{chk.title}：所需数字未能读出，无法检查",
                   code, source)


def run_registered(report: Report, ids: Iterable[str] | None = None) -> list[Finding]:
    """Run the registered checks (all, or the given ids) on one report."""
    if ids is None:
        checks: Iterable[Check] = REGISTRY.values()
    else:
        wanted = list(ids)
        unknown = [i for i in wanted if i not in REGISTRY]
        if unknown:
            raise ValueError(f"unknown check id(s): {', '.join(unknown)}")
        checks = [REGISTRY[i] for i in wanted]
    findings: list[Finding] = []
    code, source = report.department.code, report.source  # once per report, not once per check
    for chk in checks:
        findings.extend(_run_one(chk, report, code, source))
    return findings


# Checks across the documents of one department (a dossier): the same shape, a Dossier in place of a Report.
CROSS: dict[str, Check] = {}


def cross_check(check_id: str, title: str, severity: str) -> Callable[[Callable], Callable]:
    """Register a cross-document check (a function of a dossier) under a stable id."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def register(func: Callable) -> Callable:
        if check_id in CROSS or check_id in REGISTRY:
            raise ValueError(f"check id {check_id} registered twice")
        CROSS[check_id] = Check(check_id, title, severity, func)
        return func

    return register


def run_cross_registered(dossier: object, code: str, source: str) -> list[Finding]:
    """Run every cross-document check on one dossier (its department code and folder name each finding)."""
    findings: list[Finding] = []
    for chk in CROSS.values():
        findings.extend(_run_one(chk, dossier, code, source))
    return findings


# Checks of a report's own text (TXT-xxx). They need the lines read from the document, not only a Report, so
# extract.textchecks runs them when a report is read; they are declared here, once, so that every table titles
# them like the others, and a department read from a report keeps their findings in its sources sidecar.
_TEXT_DECLARED = (("TXT-001", "编号样式一致", "warning"), ("TXT-002", "所述个数与列举相符", "error"),
                  ("TXT-003", "同比增减率可复算", "error"), ("TXT-004", "预算各项之和等于预算总额", "error"),
                  ("TXT-005", "项目金额合计与项目支出相符", "warning"), ("TXT-006", "评价等级有得分支撑", "warning"),
                  ("TXT-007", "同一数字前后一致", "error"), ("TXT-008", "自评得分不超过评分表可得最高分", "error"),
                  ("TXT-009", "完成预算的比例可复算", "error"), ("TXT-010", "人员各项之和等于人员总数", "error"))


def _unbound(*_: object) -> Iterable[Outcome]:
    raise RuntimeError("text checks run from selfeval.extract.textchecks, which binds their functions")


TEXT: dict[str, Check] = {i: Check(i, title, severity, _unbound) for i, title, severity in _TEXT_DECLARED}


def text_check(check_id: str) -> Callable[[Callable], Callable]:
    """Bind the function of a declared text check (a function of the lines read and the extraction)."""
    def bind(func: Callable) -> Callable:
        TEXT[check_id] = replace(TEXT[check_id], func=func)  # a Check is frozen: its entry is replaced
        return func

    return bind


def declared(check_id: str) -> Check | None:
    """The check registered under an id: a report's, a dossier's or a text check; None for an unknown id."""
    return REGISTRY.get(check_id) or CROSS.get(check_id) or TEXT.get(check_id)


def stored_findings(records: Iterable[dict[str, str]]) -> list[Finding]:
    """Findings kept as records (a sidecar's text findings) back as Findings; keys a Finding lacks are dropped."""
    return [Finding(**{k: str(r.get(k, "")) for k in Finding._fields}) for r in records]
