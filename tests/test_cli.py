"""`selfeval check`: exit 0 clean, 1 on a failing error, 2 on bad input (no traceback); table and JSON output."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from selfeval.cli import main
from tests.conftest import BAD, GOOD, LUQUAN, ROOT

KNOWN_CHECKS = {"SUM-001", "SHR-001", "SHR-002", "BAL-001", "BAL-002", "DUP-001", "PRJ-001", "PRJ-002", "PRJ-003",
                "GRD-001", "GRD-002", "CLM-001", "CLM-002", "STF-001"}
FINDING_KEYS = {"check", "severity", "status", "where", "expected", "actual", "difference", "message"}
BAD_AMOUNT = BAD / "amount_not_a_number.yaml"
BAD_AMOUNT_LINE = f"{BAD_AMOUNT}: income.items[2].amount: expected a number like 12.34, got 'n/a'"


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def failing(findings: list[dict]) -> list[tuple[str, str, str]]:
    return sorted((f["check"], f["severity"], f["where"]) for f in findings if f["status"] == "fail")


# ---- the seed department ----

def test_seed_department_table_exits_0_with_its_warnings(capsys):
    code, out, err = check(capsys, LUQUAN)
    assert code == 0  # warnings only: nothing the report gets arithmetically wrong
    assert err == ""
    assert "鹿泉区委网信办（luquan-cac，2022年度）" in out
    dup_rows = [line for line in out.splitlines() if line.startswith("DUP-001") and "不通过" in line]
    assert len(dup_rows) == 2
    assert any("经营收入" in row for row in dup_rows) and any("其他收入" in row for row in dup_rows)
    clm_rows = [line for line in out.splitlines() if line.startswith("CLM-002") and "不通过" in line]
    assert {("claims.min_score" in r, "claims.grade" in r) for r in clm_rows} == {(True, False), (False, True)}
    assert all("有声明、无依据" in r for r in clm_rows)
    assert "不通过：错误 0，" in out


def test_seed_department_json_lists_exactly_the_expected_failures(capsys):
    code, out, err = check(capsys, LUQUAN, "--format", "json")
    assert code == 0 and err == ""
    findings = json.loads(out)
    assert isinstance(findings, list) and findings
    for f in findings:
        assert FINDING_KEYS <= set(f), f
        assert all(isinstance(f[k], str) for k in FINDING_KEYS)
        assert f["severity"] in {"error", "warning", "info"} and f["status"] in {"pass", "fail", "n/a"}
    # the report lists 经营收入 (items 2 and 4) and 其他收入 (items 3 and 6) twice each, and claims every
    # project scored ≥ 90 and was graded 优秀 without giving any project's score
    assert failing([f for f in findings if f["check"] in KNOWN_CHECKS]) == [
        ("CLM-002", "warning", "claims.grade"),
        ("CLM-002", "warning", "claims.min_score"),
        ("DUP-001", "warning", "income.items[2], income.items[4]"),
        ("DUP-001", "warning", "income.items[3], income.items[6]"),
    ]
    dup = {f["where"]: f for f in findings if f["check"] == "DUP-001" and f["status"] == "fail"}
    assert "经营收入" in dup["income.items[2], income.items[4]"]["message"]
    assert "其他收入" in dup["income.items[3], income.items[6]"]["message"]
    # and the figures the report does give hold together
    shares = {f["where"]: f for f in findings if f["check"] == "SHR-001"}
    assert shares["expenditure.items[0].share"]["status"] == "pass"
    assert shares["expenditure.items[0].share"]["actual"] == "81.46"
    assert all(f["department"] == "luquan-cac" for f in findings)


def test_failed_only_hides_passes(capsys):
    code, out, _ = check(capsys, LUQUAN, "--failed-only")
    assert code == 0
    rows = [line for line in out.splitlines() if line[:7] in KNOWN_CHECKS]
    assert [r[:7] for r in rows].count("DUP-001") == 2 and [r[:7] for r in rows].count("CLM-002") == 2
    assert all("不通过" in r for r in rows)


# ---- exit codes ----

def test_failing_error_exits_1(capsys):
    code, out, err = check(capsys, GOOD / "items_do_not_add_up.yaml", "--format", "json")
    assert code == 1 and err == ""
    assert ("SUM-001", "error", "expenditure.items") in failing(json.loads(out))


def test_bad_input_exits_2_with_the_problem_on_stderr(capsys):
    code, out, err = check(capsys, BAD_AMOUNT)
    assert code == 2
    assert BAD_AMOUNT_LINE in err
    assert "Traceback" not in err
    assert out == ""


def test_every_problem_of_a_bad_file_is_on_stderr(capsys):
    code, _, err = check(capsys, BAD / "several_problems.yaml")
    assert code == 2
    for where in ("department.code", "income.items[0].amount", "expenditure.total", "projects[0].grade",
                  "claims.project_count"):
        assert f": {where}: " in err


def test_missing_file_exits_2(capsys):
    code, _, err = check(capsys, BAD / "no_such_file.yaml")
    assert code == 2 and "file not found" in err


def test_good_and_bad_file_exit_2_but_good_findings_still_printed(capsys):
    code, out, err = check(capsys, LUQUAN, BAD_AMOUNT, "--format", "json")
    assert code == 2
    assert BAD_AMOUNT_LINE in err
    findings = json.loads(out)
    assert findings and {f["file"] for f in findings} == {str(LUQUAN)}
    assert ("DUP-001", "warning", "income.items[2], income.items[4]") in failing(findings)


def test_bad_input_outranks_failing_errors(capsys):
    code, out, _ = check(capsys, GOOD / "items_do_not_add_up.yaml", BAD_AMOUNT)
    assert code == 2
    assert "sum-mismatch" in out  # the good file's table is still there


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("selfeval ")


# ---- as a real process ----

def run_module(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "selfeval", "check", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_subprocess_seed_department_exits_0():
    done = run_module("params/luquan-cac-2022.yaml")
    assert done.returncode == 0, done.stderr
    assert "经营收入" in done.stdout and "其他收入" in done.stdout
    assert "\033[" not in done.stdout  # not a terminal: no colour codes
    assert done.stderr == ""


def test_subprocess_bad_input_exits_2_without_traceback():
    done = run_module(BAD_AMOUNT)
    assert done.returncode == 2
    assert BAD_AMOUNT_LINE in done.stderr
    assert "Traceback" not in done.stderr


def test_subprocess_odd_value_exits_2_without_traceback():
    # year: .nan is bad input like any other; it must not surface as a Python traceback
    done = run_module(BAD / "year_not_a_number.yaml")
    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    assert "department.year" in done.stderr
