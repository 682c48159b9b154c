"""整改台账: a row per failing finding with its place in the source, carried over from last year's ledger."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

import selfeval
from selfeval.cli import main
from selfeval.excel import write_workbook
from selfeval.ledger import FINGERPRINT, HEADERS, fingerprint, read_ledger, stable_where
from selfeval.notes import make_note, save_notes
from tests.conftest import ROOT, selfeval_cli

PARAMS = ROOT / "params"
TRANSPORT = (PARAMS / "sample-transport-defects-2023.yaml").read_text(encoding="utf-8")
REPORT = """示例县档案馆2023年度部门整体支出绩效自评报告
一、部门概况
示例县档案馆，2023年度。
二、收支情况
本部门2023年度收入合计120.00万元，其中：财政拨款收入100.00万元，占83.33%；其他收入20.00万元，占16.67%。
本部门2023年度支出合计120.00万元，其中：基本支出90.00万元，占75.00%；项目支出35.00万元，占29.17%。
"""
# Next year: the grade is corrected (GRD-002 gone), the income lines reordered (DUP-001 the same finding),
# and a new defect (a head-count change of 0.5).
NEXT_YEAR = (TRANSPORT.replace("score: 88, grade: 优秀", "score: 88, grade: 良好")
             .replace("    - {name: 财政拨款收入, amount: 450.00, share: 90.00}\n", "")
             .replace("    - {name: 其他收入, amount: 15.00, share: 3.00}\n",
                      "    - {name: 其他收入, amount: 15.00, share: 3.00}\n"
                      "    - {name: 财政拨款收入, amount: 450.00, share: 90.00}\n")
             .replace("change: 0}", "change: 0.5}").replace("year: 2023", "year: 2024"))


def ledger_rows(path: Path) -> list[dict]:
    ws = openpyxl.load_workbook(path)["整改台账"]
    lines = list(ws.iter_rows(values_only=True))
    assert list(lines[0]) == list(HEADERS)
    return [dict(zip(lines[0], line)) for line in lines[1:]]


def department_folder(tmp_path: Path, name: str, transport: str, with_seed: bool) -> Path:
    """A source folder: the transport department in a workbook, an extracted report, and the seed with a note."""
    src = tmp_path / name
    src.mkdir()
    (src / "t.yaml").write_text(transport, encoding="utf-8")
    write_workbook([selfeval.load(src / "t.yaml")], src / "departments.xlsx")
    (src / "t.yaml").unlink()
    (src / "archive.txt").write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(src / "archive.txt"), "-o", str(src / "archive.yaml")]) == 0
    if with_seed:
        shutil.copyfile(PARAMS / "luquan-cac-2022.yaml", src / "luquan.yaml")
        dup = next(f for f in selfeval.run_checks(selfeval.load(src / "luquan.yaml")) if f.check == "DUP-001")
        save_notes(src / "luquan.yaml", {f"{dup.check} {dup.where}": make_note(dup, "explained", "排版重复", "复核员甲")})
    return src


def batch(src: Path, out: Path) -> Path:
    proc = selfeval_cli("batch", src, src / "departments.xlsx", "--out", out, "--formats", "ipynb", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    """Last year's folder and ledger (with the bureau's entries), and this year's ledger carried over from it."""
    base = tmp_path_factory.mktemp("ledger")
    first = batch(department_folder(base, "src1", TRANSPORT, with_seed=True), base / "out1")
    last = base / "last-year.xlsx"
    assert main(["ledger", str(first), "-o", str(last)]) == 0
    book = openpyxl.load_workbook(last)
    ws = book["整改台账"]
    heads = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        row[heads.index("整改状态")].value = "整改中"
        row[heads.index("整改期限")].value = "2024-06-30"
        row[heads.index("整改措施")].value = "已约谈"
    book.save(last)
    second = batch(department_folder(base, "src2", NEXT_YEAR, with_seed=False), base / "out2")
    this = base / "ledger.xlsx"
    proc = selfeval_cli("ledger", second, "-o", this, "--previous", last)
    assert proc.returncode == 0, proc.stderr
    return ledger_rows(last), ledger_rows(this), proc.stdout


def test_one_row_per_failing_finding_of_every_department(years):
    first, _, _ = years
    by_code: dict[str, int] = {}
    for row in first:
        by_code[row["部门代码"]] = by_code.get(row["部门代码"], 0) + 1
    assert by_code == {"sample-transport-defects": 14, "luquan-cac": 4, "archive": 2}
    assert len({row[FINGERPRINT] for row in first}) == len(first)


def test_each_row_names_its_place_in_the_source(years):
    first, _, _ = years
    at = {(r["部门代码"], r["检查"], r["位置"]): r["来源位置"] for r in first}
    assert at[("sample-transport-defects", "GRD-002", "projects[1].grade")] == "departments.xlsx 项目!L4"
    assert re.fullmatch(r"departments\.xlsx 收入!3:5", at[("sample-transport-defects", "SUM-001", "income.items")])
    assert at[("sample-transport-defects", "STF-001", "staff.administrative")] == "departments.xlsx 人员编制!B3"
    assert at[("archive", "SUM-001", "expenditure.items")] == "archive.txt line 6"
    assert at[("luquan-cac", "DUP-001", "income.items[2], income.items[4]")] == "luquan.yaml 第15行、第17行"


def test_the_note_and_its_reviewer_are_on_the_row(years):
    first, _, _ = years
    row = next(r for r in first if r["部门代码"] == "luquan-cac" and r["检查"] == "DUP-001"
               and r["位置"] == "income.items[2], income.items[4]")
    assert row["审核意见"] == "已说明 排版重复" and row["复核人"] == "复核员甲" and row["意见时间"].endswith("+00:00")
    assert row["整改状态"] == "整改中"  # what the bureau typed, kept in last year's file


def test_carried_over_persisting_fixed_new_and_unchecked(years):
    first, this, stdout = years
    old = {r[FINGERPRINT]: r for r in first}
    rows = {r[FINGERPRINT]: r for r in this}
    def status(code, check, where):  # noqa: ANN001, ANN202, E306
        return next(r["整改状态"] for r in this if (r["部门代码"], r["检查"], r["位置"]) == (code, check, where))
    assert status("sample-transport-defects", "GRD-002", "projects[1].grade") == "已整改"
    assert status("sample-transport-defects", "DUP-001", "income.items[0], income.items[1]") == "未整改"
    assert status("sample-transport-defects", "STF-001", "staff.change") is None  # new: for the bureau to fill
    assert {r["整改状态"] for r in this if r["部门代码"] == "luquan-cac"} == {"未复核"}  # not in this year's batch
    assert {r["整改状态"] for r in this if r["部门代码"] == "archive"} == {"未整改"}
    persisting = next(r for r in this if r["检查"] == "DUP-001" and r["部门代码"] == "sample-transport-defects")
    assert persisting[FINGERPRINT] in old and persisting["年度"] == 2024 and persisting["首次发现年度"] == 2023
    assert (persisting["上期整改状态"], persisting["整改期限"], persisting["整改措施"]) == ("整改中", "2024-06-30", "已约谈")
    assert len(rows) == len(this)
    assert "未整改 15，已整改 1，未复核 4" in stdout


def test_a_row_already_fixed_last_year_is_not_carried_again(years, tmp_path):
    _, this, _ = years
    path = tmp_path / "this.xlsx"
    from selfeval.ledger import carry_over, write_ledger  # noqa: PLC0415

    write_ledger(this, path)
    again = carry_over([], read_ledger(path), {"sample-transport-defects"})
    assert not any(r["检查"] == "GRD-002" for r in again)  # 已整改 last time: dropped
    assert {r["整改状态"] for r in again if r["部门代码"] == "sample-transport-defects"} == {"已整改"}


def test_the_fingerprint_ignores_positions_and_years():
    report = selfeval.load(PARAMS / "luquan-cac-2022.yaml")
    assert stable_where(report, "income.items[2], income.items[4]") == "income.items〔经营收入〕, income.items〔经营收入〕"
    assert stable_where(report, "projects[0].score") == f"projects〔{report.projects[0].name}〕.score"
    assert stable_where(report, "income.items[99]") == "income.items[99]"
    assert fingerprint("a", "SUM-001", "income.items") == fingerprint("a", "SUM-001", "income.items")
    assert fingerprint("a", "SUM-001", "income.items") != fingerprint("b", "SUM-001", "income.items")


def test_a_previous_file_that_is_not_a_ledger_is_bad_input(years, tmp_path, capsys):
    other = write_workbook([selfeval.load(PARAMS / "sample-agri-2023.yaml")], tmp_path / "not-a-ledger.xlsx")
    out = tmp_path / "out"
    assert selfeval_cli("run", PARAMS / "sample-agri-2023.yaml", "--out", out).returncode == 0
    assert main(["ledger", str(out), "-o", str(tmp_path / "l.xlsx"), "--previous", str(other)]) == 2
    assert "没有“指纹”列" in capsys.readouterr().err
    assert main(["ledger", str(tmp_path), "-o", str(tmp_path / "l.xlsx")]) == 2
