"""Dossiers: a folder of one department's documents, kinds and years recognised or listed in dossier.toml."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from selfeval.checks.crossrun import run_cross
from selfeval.dossier import BUDGET, FINAL, SELF, recognise_kind
from selfeval.dossier_load import DOSSIER_FILE, open_dossier
from tests.conftest import ROOT

PARKS = ROOT / "params" / "dossiers" / "sample-parks"
DEFECTS = ROOT / "params" / "dossiers" / "sample-library-defects"

# A 决算说明 whose title also says 绩效自评: recognised as a self-evaluation unless the dossier file says otherwise.
ACCOUNTS_TEXT = """示例市公园管理中心2023年度部门决算及绩效自评情况说明

一、收入支出决算总体情况说明
2023年度收入总计560.00万元，支出总计560.00万元。

二、收入决算情况说明
本年收入合计520.00万元，其中：财政拨款收入505.00万元，占97.12%；事业收入15.00万元，占2.88%。

三、支出决算情况说明
本年支出合计525.00万元，其中：基本支出380.00万元，占72.38%；项目支出145.00万元，占27.62%。
"""


def folder_of(tmp_path: Path, *names: str, source: Path = PARKS) -> Path:
    """A dossier folder holding copies of some of a bundled dossier's files."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    for name in names:
        shutil.copy(source / name, folder / name)
    return folder


def test_the_bundled_dossier_is_read_with_every_kind_and_year():
    read = open_dossier(PARKS)
    assert read is not None and read.errors == [] and read.dossier.code == "sample-parks"
    assert sorted((d.year, d.kind) for d in read.dossier.documents) == [
        (y, k) for y in (2022, 2023) for k in sorted((SELF, FINAL, BUDGET))]


def test_a_folder_of_several_departments_is_not_a_dossier():
    assert open_dossier(ROOT / "params") is None


def test_kinds_are_recognised_from_titles_and_file_names():
    assert recognise_kind("某某局2023年度部门预算绩效自评报告") == SELF  # 预算 in a self-evaluation's title
    assert recognise_kind("某某局2023年度部门决算说明") == FINAL
    assert recognise_kind("2024年部门预算公开") == BUDGET
    assert recognise_kind("工作总结") is None


def test_a_report_file_wrongly_recognised_is_corrected_by_the_dossier_file(tmp_path):
    folder = folder_of(tmp_path, "sample-parks-2023-自评报告.yaml", "sample-parks-2023-预算.yaml")
    (folder / "决算说明.txt").write_text(ACCOUNTS_TEXT, encoding="utf-8")
    read = open_dossier(folder)
    text = [d for d in read.dossier.documents if d.name == "决算说明.txt"]
    assert read.errors == [] and text[0].kind == SELF and text[0].year == 2023  # recognised from its title: wrong
    (folder / DOSSIER_FILE).write_text('[[documents]]\nfile = "决算说明.txt"\nkind = "决算"\n', encoding="utf-8")
    read = open_dossier(folder)
    text = [d for d in read.dossier.documents if d.name == "决算说明.txt"][0]
    assert read.errors == [] and text.kind == FINAL and text.report.department.code == "sample-parks"
    # now compared with the self-evaluation as its final accounts, each figure at the line it was read
    passed = [f for f in run_cross(read.dossier) if f.check == "XDC-001" and f.status == "pass"]
    assert any("决算说明.txt: line 7" in f.where and "income.total" in f.where for f in passed)
    assert not [f for f in run_cross(read.dossier) if f.status == "fail"]


def test_a_report_file_in_a_dossier_is_audited_on_its_own_too(tmp_path):
    folder = folder_of(tmp_path, "sample-parks-2023-预算.yaml")
    (folder / "决算说明.txt").write_text(ACCOUNTS_TEXT, encoding="utf-8")
    (folder / DOSSIER_FILE).write_text('department = "sample-parks"\n[[documents]]\nfile = "决算说明.txt"\nkind = "决算"\n',
                                       encoding="utf-8")
    text = [d for d in open_dossier(folder).dossier.documents if d.kind == FINAL][0]
    assert text.findings and {f.department for f in text.findings} == {"sample-parks"}
    assert any(f.check == "SUM-001" and f.status == "pass" for f in text.findings)


def test_a_listed_kind_against_the_params_files_own_is_bad_input_naming_both(tmp_path):
    folder = folder_of(tmp_path, "sample-parks-2023-决算.yaml", "sample-parks-2023-自评报告.yaml")
    (folder / DOSSIER_FILE).write_text('[[documents]]\nfile = "sample-parks-2023-决算.yaml"\nkind = "预算"\nyear = 2022\n',
                                       encoding="utf-8")
    read = open_dossier(folder)
    problems = [p for e in read.errors for p in e.problems]
    assert [(p.where, p.file) for p in problems] == [("documents[0].kind", str(folder / DOSSIER_FILE)),
                                                     ("documents[0].year", str(folder / DOSSIER_FILE))]
    assert "document.kind（决算）" in problems[0].message and "department.year（2023）" in problems[1].message
    assert [d.kind for d in read.dossier.documents] == [SELF]  # the contradicted document is left out, the other kept


@pytest.mark.parametrize("listing, where, words", [
    ('[[documents]]\nfile = "x.yaml"\n', "documents[0].file", "没有文件 x.yaml"),
    ('[[documents]]\nfile = "sample-parks-2023-决算.yaml"\nkind = "决算书"\n', "documents[0].kind", "自评报告、决算、预算"),
    ('[[documents]]\nfile = "sample-parks-2023-决算.yaml"\nyear = "2023"\n', "documents[0].year", "整数"),
    ('documents = 3\nowner = "a"\n', "owner", "未知的键"),
    ('[[documents]\n', "", "无法读取卷宗文件"),
])
def test_a_bad_dossier_file_is_reported_once_in_chinese(tmp_path, listing, where, words):
    folder = folder_of(tmp_path, "sample-parks-2023-决算.yaml", "sample-parks-2023-自评报告.yaml")
    (folder / DOSSIER_FILE).write_text(listing, encoding="utf-8")
    problems = [p for e in open_dossier(folder).errors for p in e.problems]
    assert len(problems) == 1 and problems[0].where == where and words in problems[0].message, problems


def test_documents_of_two_departments_in_a_dossier_are_bad_input(tmp_path):
    folder = folder_of(tmp_path, "sample-parks-2023-决算.yaml")
    shutil.copy(DEFECTS / "sample-library-2023-决算.yaml", folder)
    (folder / DOSSIER_FILE).write_text("", encoding="utf-8")
    problems = [p for e in open_dossier(folder).errors for p in e.problems]
    assert len(problems) == 1 and "sample-library-defects、sample-parks" in problems[0].message


def test_a_report_file_whose_year_cannot_be_recognised_asks_for_it(tmp_path):
    folder = folder_of(tmp_path, "sample-parks-2023-决算.yaml", "sample-parks-2023-自评报告.yaml")
    (folder / "说明.txt").write_text("部门决算说明\n本年收入合计520.00万元。\n", encoding="utf-8")
    problems = [p for e in open_dossier(folder).errors for p in e.problems]
    assert [(p.file, p.message) for p in problems] == [(str(folder / "说明.txt"),
                                                         f"未能识别年度，请在 {folder / DOSSIER_FILE} 中为此文件写明 year")]


def test_batch_on_a_dossier_says_it_is_one_and_points_to_check_instead_of_asking_to_delete_a_document(tmp_path):
    """A dossier given to batch had every document after the first refused as a duplicate code, with the advice to
    delete one of them: the documents are one department's, and their cross-check is `selfeval check`."""
    from selfeval.cli import main  # noqa: PLC0415

    folder = tmp_path / "sample-parks"
    shutil.copytree(Path(__file__).resolve().parent.parent / "params" / "dossiers" / "sample-parks", folder)
    out = tmp_path / "out"
    assert main(["batch", str(folder), "--out", str(out), "--formats", "ipynb"]) == 3
    reasons = [json.loads(p.read_text(encoding="utf-8"))["reason"] for p in (out / "status").glob("*.json")]
    refused = [r for r in reasons if r]
    assert len(refused) == 5 and all("卷宗" in r and "selfeval check" in r and "删除" not in r for r in refused)
