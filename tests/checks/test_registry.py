"""The registry and runner: stable ids, declared severities, and a crashing check isolated as one finding."""
from __future__ import annotations

from decimal import Decimal

import pytest

import selfeval
from selfeval.checks.registry import REGISTRY, Outcome, check
from tests.conftest import make_report, only, section

ALL_IDS = ["SUM-001", "SHR-001", "SHR-002", "BAL-001", "BAL-002", "DUP-001", "PRJ-001", "PRJ-002", "PRJ-003",
           "GRD-001", "GRD-002", "CLM-001", "CLM-002", "STF-001"]


@pytest.fixture
def temporary_checks():
    """Register checks for one test only; whatever a test adds is removed afterwards."""
    before = set(REGISTRY)
    yield check
    for check_id in set(REGISTRY) - before:
        del REGISTRY[check_id]
    assert set(REGISTRY) == before


def test_every_documented_check_is_registered_in_order():
    # later checks may be added; the documented ones keep their ids and their relative order
    assert [check_id for check_id in REGISTRY if check_id in ALL_IDS] == ALL_IDS


@pytest.mark.parametrize("check_id, severity", [
    ("SUM-001", "error"), ("SHR-001", "error"), ("SHR-002", "error"), ("BAL-001", "error"), ("BAL-002", "error"),
    ("DUP-001", "warning"), ("PRJ-001", "error"), ("PRJ-002", "info"), ("PRJ-003", "error"),
    ("GRD-001", "error"), ("GRD-002", "error"), ("CLM-001", "error"), ("CLM-002", "warning"), ("STF-001", "error"),
])
def test_declared_severity(check_id, severity):
    assert REGISTRY[check_id].severity == severity
    assert REGISTRY[check_id].title  # a Chinese title for tables


def test_run_all_checks_gives_findings_from_every_check():
    findings = selfeval.run_checks(make_report())
    assert {f.check for f in findings} == set(REGISTRY) >= set(ALL_IDS)
    assert all(f.department == "test-dept" and f.file == "<built in code>" for f in findings)


def test_ids_select_and_order_checks():
    findings = selfeval.run_checks(make_report(), ids=["STF-001", "SUM-001"])
    assert [f.check for f in findings][0] == "STF-001"
    assert {f.check for f in findings} == {"STF-001", "SUM-001"}


def test_a_crashing_check_is_one_failing_finding_and_others_still_run(temporary_checks):
    @temporary_checks("TST-999", "会出错的检查", "warning")
    def broken(report):
        yield Outcome("income.items", True, "先产生一条结果")
        raise ZeroDivisionError("boom")

    report = make_report(income=section("100.00", [("第1项", "33.33"), ("第2项", "33.33"), ("第3项", "33.30")]))
    findings = selfeval.run_checks(report, ids=["SUM-001", "TST-999", "DUP-001"])
    assert [f.check for f in findings] == ["SUM-001", "SUM-001", "TST-999", "DUP-001", "DUP-001"]
    crashed = only([f for f in findings if f.check == "TST-999"])
    # a crash is a failing error whatever severity the check declared, and says what went wrong
    assert (crashed.status, crashed.severity) == ("fail", "error")
    assert crashed.failed_error
    assert "ZeroDivisionError" in crashed.message and "boom" in crashed.message
    # the other checks' findings are intact, including SUM-001's real failure
    assert only([f for f in findings if f.check == "SUM-001"], "income.items").status == "fail"


def test_a_crashing_check_does_not_stop_a_full_run(temporary_checks):
    @temporary_checks("TST-998", "会出错的检查", "info")
    def broken(report):
        raise RuntimeError("bad")

    findings = selfeval.run_checks(make_report())
    assert {f.check for f in findings} == set(REGISTRY) >= set(ALL_IDS) | {"TST-998"}
    assert only([f for f in findings if f.check == "TST-998"]).status == "fail"


def test_temporary_check_is_gone_after_the_test():
    assert "TST-999" not in REGISTRY and "TST-998" not in REGISTRY


def test_a_check_with_nothing_to_say_is_not_applicable(temporary_checks):
    @temporary_checks("TST-997", "空检查", "warning")
    def silent(report):
        return iter(())

    f = only(selfeval.run_checks(make_report(), ids=["TST-997"]))
    assert (f.status, f.severity) == ("n/a", "warning")
    assert "空检查" in f.message


def test_outcome_becomes_finding_with_text_fields_and_difference(temporary_checks):
    @temporary_checks("TST-996", "样例", "error")
    def sample(report):
        yield Outcome("x", False, "不符", expected=Decimal("10.00"), actual=Decimal("12.50"))
        yield Outcome("y", True, "相符但有舍入", expected=Decimal("10.00"), actual=Decimal("10.01"),
                      within_rounding=True)
        yield Outcome("z", False, "不符", expected="1", actual="2", within_rounding=True)

    x, y, z = selfeval.run_checks(make_report(), ids=["TST-996"])
    assert (x.status, x.severity, x.expected, x.actual, x.difference) == ("fail", "error", "10.00", "12.50", "2.50")
    assert (y.status, y.severity, y.difference) == ("pass", "info", "0.01")
    # within_rounding lowers severity only for a pass; a text expected/actual has no difference
    assert (z.status, z.severity, z.difference) == ("fail", "error", "")
    assert x.to_dict()["expected"] == "10.00"


def test_registering_an_id_twice_is_refused(temporary_checks):
    with pytest.raises(ValueError, match="twice"):
        temporary_checks("SUM-001", "重复", "error")(lambda report: iter(()))


def test_unknown_severity_is_refused():
    with pytest.raises(ValueError, match="severity"):
        check("TST-995", "坏级别", "fatal")
    assert "TST-995" not in REGISTRY
