"""`selfeval check`: exit 0 clean, 1 on a failing error, 2 on bad input (no traceback); table and JSON output."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from selfeval.cli import main
from tests.conftest import BAD, GOOD, LUQUAN, ROOT

KNOWN_CHECKS = {"SUM-001", "SHR-001", "SHR-002", "BAL-001", "BAL-002", "DUP-001", "PRJ-001", "PRJ-002", "PRJ-003",
                "GRD-001", "GRD-002", "CLM-001", "CLM-002", "STF-001"}
FINDING_KEYS = {"check", "severity", "status", "where", "expected", "actual", "difference", "message"}
BAD_AMOUNT = BAD / "amount_not_a_number.yaml"
BAD_AMOUNT_LINE = f"{BAD_AMOUNT}: income.items[2].amount: 金额须为数字，如 1206.38（读到“n/a”）"


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def findings_of(text: str) -> list[dict]:
    """Every finding of a findings document (selfeval-findings/1), department after department."""
    document = json.loads(text)
    assert document["format"] == "selfeval-findings/1"
    return [f for entry in document["departments"] for f in entry["findings"]]


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
    findings = findings_of(out)
    assert [e["code"] for e in json.loads(out)["departments"]] == ["luquan-cac"]
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
    assert ("SUM-001", "error", "expenditure.items") in failing(findings_of(out))


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
    findings = findings_of(out)
    assert findings and {f["file"] for f in findings} == {str(LUQUAN)}
    assert ("DUP-001", "warning", "income.items[2], income.items[4]") in failing(findings)
    bad = [e for e in json.loads(out)["departments"] if e["status"] == "unreadable"]
    assert [(e["file"], e["problems"], e["findings"]) for e in bad] == [
        (str(BAD_AMOUNT), [{"where": "income.items[2].amount", "message": "金额须为数字，如 1206.38（读到“n/a”）"}], [])]


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


# ---- issue 14: one CLI grammar ----

def test_check_params_folder_failed_with_is_a_directory_now_reads_its_files(capsys):
    code = main(["check", str(ROOT / "params")])
    out, err = capsys.readouterr()
    assert code == 1 and "Is a directory" not in err and out.count("年度）") == 6


def test_panel_missed_yml_files_now_one_discovery_rule(tmp_path):
    from selfeval.discover import discover  # noqa: PLC0415

    for name in ("b.yml", "a.yaml", "c.xlsx", "C.YAML", "~$c.xlsx", ".hidden.yaml", "a.notes.json"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.yaml").write_text("", encoding="utf-8")
    names = [p.name for p in discover([tmp_path, tmp_path / "a.yaml"])]
    assert names == ["C.YAML", "a.yaml", "b.yml", "c.xlsx"]
    assert [p.name for p in discover([tmp_path], workbooks=False)] == ["C.YAML", "a.yaml", "b.yml"]


def test_failed_only_ignored_with_format_json_now_applies_to_every_format(capsys, tmp_path):
    code = main(["check", str(LUQUAN), "--format", "json", "--failed-only"])
    text = capsys.readouterr().out
    rows = findings_of(text)
    assert code == 0 and rows and all(r["status"] == "fail" for r in rows)
    main(["check", str(LUQUAN), "--failed-only", "-o", str(tmp_path / "f.json")])
    assert (tmp_path / "f.json").read_text(encoding="utf-8") == text


def test_check_output_named_five_ways_now_dash_o_for_json_and_xlsx(capsys, tmp_path):
    assert main(["check", str(LUQUAN), "-o", str(tmp_path / "f.xlsx")]) == 0
    assert (tmp_path / "f.xlsx").is_file() and "findings: " in capsys.readouterr().err
    assert main(["check", str(LUQUAN), "--out", str(tmp_path / "f.csv")]) == 2
    assert "应为 .json 或 .xlsx" in capsys.readouterr().err


def test_run_on_a_workbook_failed_not_utf8_now_asks_for_department(capsys, tmp_path):
    import selfeval  # noqa: PLC0415
    from selfeval.excel import write_workbook  # noqa: PLC0415

    book = write_workbook([selfeval.load(p) for p in sorted((ROOT / "params").glob("*.yaml"))[:2]], tmp_path / "d.xlsx")
    code = main(["run", str(book), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "not UTF-8" not in err and "--department CODE" in err and not (tmp_path / "out").exists()
    code = main(["run", str(book), "--department", "nope", "-o", str(tmp_path / "out")])
    assert code == 2 and "工作簿中没有部门代码 nope" in capsys.readouterr().err


def test_batch_failure_reasons_repeated_the_path_now_named_once_in_chinese():
    from selfeval.reasons import reason_shown  # noqa: PLC0415

    reason = "/x/p.yaml: income.total: 本年收入合计须为数字（读到“n/a”）\n/x/p.yaml: income.items: 缺少必填项“收入项目”"
    assert reason_shown(reason, "inputs/params/p.yaml") == ("income.total: 本年收入合计须为数字（读到“n/a”）\n"
                                                           "income.items: 缺少必填项“收入项目”")
    assert reason_shown("/x/p.yaml: cannot read: No such file", "/x/p.yaml") == "无法读取：No such file"
    assert reason_shown("worker process died", "p.yaml") == "工作进程意外退出"
    assert reason_shown("PDF failed: TimeoutError", "p.yaml") == "PDF 生成失败：TimeoutError"
    other = "b.xlsx: 部门!A4: 部门代码 'x' 重复：a.xlsx: 部门!A3 已有该部门"
    assert reason_shown(other, "inputs/params/a.yaml") == other  # another file's name is kept
    report = "/in/broken.pdf: 无法从此报告读出文字"  # a report input is named once too
    assert reason_shown(report, "/in/broken.pdf") == "无法从此报告读出文字"


def test_duplicate_code_failure_wrote_no_status_record_now_it_does(tmp_path):
    from selfeval.batch import _record_refused  # noqa: PLC0415
    from selfeval.inputs import stage  # noqa: PLC0415

    src = tmp_path / "src"
    src.mkdir()
    text = LUQUAN.read_text(encoding="utf-8")
    (src / "a.yaml").write_text(text, encoding="utf-8")
    (src / "b.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    staged = stage([src], out)
    _record_refused(out, staged, staged.params)
    record = json.loads((out / "status" / "b.json").read_text(encoding="utf-8"))
    assert record["status"] == "failed" and "重复" in record["reason"]
    assert not (out / "status" / "a.json").exists()  # the department that runs writes its own


# ---- issue 16: dossiers ----

DOSSIERS = ROOT / "params" / "dossiers"
PLANTED = {  # each planted defect of the defective dossier: its check id and the places it names
    ("XDC-001", "error", "sample-library-2023-决算.yaml: income.items[0].amount ↔ "
                         "sample-library-2023-自评报告.yaml: income.items[0].amount"),
    ("XDC-002", "error", "sample-library-2023-决算.yaml: carryover.opening ↔ sample-library-2022-决算.yaml: carryover.closing"),
    ("XDC-003", "error", "sample-library-2023-自评报告.yaml: year_on_year[1] ↔ sample-library-2022-决算.yaml: expenditure.total"),
    ("XDC-004", "warning", "sample-library-2023-决算.yaml: expenditure.items[1].amount ↔ "
                           "sample-library-2023-预算.yaml: expenditure.items[1].amount"),
    ("XDC-005", "error", "sample-library-2023-决算.yaml: budget_completion[0] ↔ sample-library-2023-决算.yaml: income.total ↔ "
                         "sample-library-2023-预算.yaml: income.total"),
    ("XDC-006", "warning", "sample-library-2023-决算.yaml: projects[2] ↔ sample-library-2023-自评报告.yaml: projects"),
}


def test_check_on_the_defective_dossier_reports_each_planted_defect_once_and_nothing_else(capsys):
    code, out, err = check(capsys, DOSSIERS / "sample-library-defects", "--format", "json")
    findings = findings_of(out)
    assert code == 1 and err == ""
    assert set(failing(findings)) == PLANTED and len(failing(findings)) == len(PLANTED)
    assert {f["check"] for f in findings} >= {"XDC-001", "SUM-001"}  # each document on its own, then across them


def test_check_on_the_consistent_dossier_fails_nothing(capsys):
    code, out, err = check(capsys, DOSSIERS / "sample-parks")
    assert (code, err) == (0, "")
    assert "跨文件核对：sample-parks" in out and out.count("（决算）") == 2 and "不通过：错误 0，警告 0" in out
    assert "XDC-002  错误  不适用" in out  # 2022 has no 2021 documents beside it: not applicable, not a failure


def test_a_lone_document_of_a_dossier_is_checked_as_before(capsys):
    code, out, _ = check(capsys, DOSSIERS / "sample-library-defects" / "sample-library-2023-决算.yaml")
    assert code == 0 and "跨文件核对" not in out and "XDC-" not in out


def test_a_dossier_with_bad_input_exits_2_and_checks_the_rest(capsys, tmp_path):
    folder = tmp_path / "d"
    shutil.copytree(DOSSIERS / "sample-parks", folder)
    (folder / "dossier.toml").write_text('[[documents]]\nfile = "sample-parks-2023-预算.yaml"\nkind = "决算"\n',
                                         encoding="utf-8")
    code, out, err = check(capsys, folder)
    assert code == 2 and "Traceback" not in err
    budget = folder / "sample-parks-2023-预算.yaml"
    assert err.strip() == f"{folder / 'dossier.toml'}: documents[0].kind: 与 {budget} 的 document.kind（预算）不一致"
    documents = [line for line in out.splitlines() if line.startswith("示例市公园中心（sample-parks，")]
    assert len(documents) == 5 and "跨文件核对：sample-parks（" in out  # the contradicted document left out


def test_a_folder_of_dossiers_checks_each_dossier(capsys):
    code, out, _ = check(capsys, DOSSIERS, "--format", "json")
    findings = findings_of(out)
    assert code == 1 and set(failing(findings)) == PLANTED
    assert {f["file"] for f in findings if f["check"].startswith("XDC-")} == {str(DOSSIERS / "sample-library-defects"),
                                                                              str(DOSSIERS / "sample-parks")}
