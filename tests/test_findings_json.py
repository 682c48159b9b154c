"""Issue 14: JSON was one shape per command (check a list of findings, audit a list of reports); now one document."""
from __future__ import annotations

import json

import pytest

from selfeval.cli import main
from selfeval.findings_json import ENTRY_KEYS, FINDING_KEYS, FORMAT
from tests.conftest import BAD, LUQUAN, ROOT

REPORT = ROOT / "tests" / "data" / "reports" / "seed_like.txt"   # a whole report, every figure the loader needs
DOSSIER = ROOT / "params" / "dossiers" / "sample-library-defects"


def _json(capsys, *args: object) -> dict:  # noqa: ANN001 - pytest's capsys
    main([str(a) for a in args])
    return json.loads(capsys.readouterr().out)


def _assert_shape(document: dict) -> None:
    """The findings document's shape: its two keys, every entry's keys, every finding's keys (all text)."""
    assert list(document) == ["format", "departments"] and document["format"] == FORMAT
    assert document["departments"]
    for entry in document["departments"]:
        assert tuple(entry) == ENTRY_KEYS, entry["file"]
        assert entry["status"] in ("complete", "incomplete", "unreadable")
        for finding in entry["findings"]:
            assert tuple(finding) == FINDING_KEYS
            assert all(isinstance(value, str) for value in finding.values())


@pytest.fixture()
def params(tmp_path, capsys):  # noqa: ANN001, ANN201 - the report's extracted params file
    path = tmp_path / "seed-like.yaml"
    assert main(["extract", str(REPORT), "-o", str(path)]) == 0
    capsys.readouterr()
    return path


def test_check_and_audit_of_the_same_figures_print_one_shape_and_the_same_findings(capsys, params):
    checked, audited = _json(capsys, "check", params, "--format", "json"), _json(capsys, "audit", REPORT, "--format", "json")
    _assert_shape(checked)
    _assert_shape(audited)
    [c], [a] = checked["departments"], audited["departments"]
    assert {k: c[k] for k in ("code", "department", "year", "status")} == {k: a[k] for k in ("code", "department",
                                                                                              "year", "status")}
    # the registered checks find the same things in both; audit adds its text checks (TXT-) and the source text
    same = ("check", "severity", "status", "where", "expected", "actual", "difference", "message")
    from_text = [tuple(f[k] for k in same) for f in a["findings"] if not f["check"].startswith("TXT-")]
    assert [tuple(f[k] for k in same) for f in c["findings"]] == from_text
    assert any(f["source_text"] for f in a["findings"]) and not any(f["source_text"] for f in c["findings"])


def test_failed_only_keeps_the_same_findings_in_both_commands_json(capsys, params):
    checked = _json(capsys, "check", params, "--format", "json", "--failed-only")
    audited = _json(capsys, "audit", REPORT, "--format", "json", "--failed-only")
    for document in (checked, audited):
        _assert_shape(document)
        assert {f["status"] for e in document["departments"] for f in e["findings"]} == {"fail"}
    wheres = [{(f["check"], f["where"]) for f in d["departments"][0]["findings"] if not f["check"].startswith("TXT-")}
              for d in (checked, audited)]
    assert wheres[0] == wheres[1] and ("DUP-001", "income.items[2], income.items[5]") in wheres[0]


def test_check_json_parses_and_has_the_shape_for_files_dossiers_and_bad_input(capsys):
    document = _json(capsys, "check", LUQUAN, DOSSIER, BAD / "amount_not_a_number.yaml", "--format", "json")
    _assert_shape(document)
    entries = document["departments"]
    assert [e["kind"] for e in entries] == ["", *["决算", "自评报告", "预算"] * 2, "跨文件核对", ""]
    assert entries[-2]["file"] == str(DOSSIER) and {f["check"][:4] for f in entries[-2]["findings"]} == {"XDC-"}
    assert entries[-1]["status"] == "unreadable" and entries[-1]["problems"][0]["where"] == "income.items[2].amount"


def test_audit_json_parses_and_has_the_shape_for_an_unreadable_file(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    document = _json(capsys, "audit", tmp_path, "--format", "json")
    _assert_shape(document)
    bad = document["departments"][-1]
    assert bad["file"] == str(tmp_path / "b.txt") and bad["status"] == "unreadable" and bad["problems"]
    assert set(bad["problems"][0]) == {"where", "message"}


@pytest.mark.parametrize("command", ["check", "audit"])
def test_json_written_with_o_is_what_standard_output_gets(capsys, tmp_path, params, command):
    given = params if command == "check" else REPORT
    main([command, str(given), "--format", "json", "--failed-only"])
    printed = capsys.readouterr().out
    main([command, str(given), "--format", "json", "--failed-only", "-o", str(tmp_path / "f.json")])
    assert (tmp_path / "f.json").read_text(encoding="utf-8") == printed
