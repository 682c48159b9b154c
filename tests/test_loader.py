"""Loading params files: exact Decimals from good files; one InputError listing every problem from bad ones."""
from __future__ import annotations

import dataclasses
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest

import selfeval
from selfeval import InputError, Problem
from selfeval.yamlsafe import MAX_BYTES
from tests.conftest import BAD, GOOD


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        selfeval.load(path)
    problems = caught.value.problems
    assert problems, "an InputError must list at least one problem"
    assert all(p.file == str(path) for p in problems)
    return problems


def the_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


# ---- good files ----

def test_minimal_file_loads():
    report = selfeval.load(GOOD / "minimal.yaml")
    assert report.department.code == "test-dept" and report.department.year == 2022
    assert report.department.unit == "万元"  # the default unit
    assert report.income.total == Decimal("100.00")
    assert report.staff is None and report.carryover is None and report.claims is None and report.projects == ()
    assert report.source == str(GOOD / "minimal.yaml")


def test_numbers_load_as_the_exact_decimal_written():
    report = selfeval.load(GOOD / "decimals_as_written.yaml")
    basic = report.expenditure.items[0]
    assert isinstance(basic.share, Decimal) and basic.share == Decimal("81.46")
    assert str(basic.share) == "81.46"  # not the float 81.4599999…
    assert str(basic.amount) == "280.75"
    assert report.income.total.as_tuple() == Decimal("344.64").as_tuple()


def test_trailing_zeros_are_kept():
    report = selfeval.load(GOOD / "decimals_as_written.yaml")
    opening = report.carryover.opening
    assert opening == Decimal("20.00")
    assert opening.as_tuple().exponent == -2  # printed with two decimals, so its rounding is ± 0.005
    assert report.projects[0].budget.as_tuple().exponent == -2


def test_integers_quoted_numbers_and_percent_signs_load_as_decimals():
    report = selfeval.load(GOOD / "decimals_as_written.yaml")
    income, expenditure = report.income.items, report.expenditure.items
    assert income[0].share == Decimal(100) and income[0].share.as_tuple().exponent == 0
    assert income[1].share == Decimal(0)                      # "0%"
    assert expenditure[1].amount == Decimal("63.89")          # "63.89" quoted
    assert expenditure[1].share == Decimal("18.54")           # full-width ％
    assert report.staff.change == Decimal(-1)                 # a change may be negative
    assert report.income.grand_total == Decimal("364.64")


def test_grade_word_you_is_kept_as_written_not_reported_as_youxiu():
    report = selfeval.load(GOOD / "decimals_as_written.yaml")
    assert [p.grade for p in report.projects] == ["优", "优秀"]  # 优 is accepted, and kept as the source writes it
    assert report.scale.same("优", "优秀")
    assert report.claims.grade in ("优", "优秀")
    assert report.claims.project_count == 2 and report.claims.min_score == Decimal(90)
    assert report.carryover.surplus_used is None   # a term the file does not state stays unstated


def test_loaded_good_file_passes_the_grade_checks():
    report = selfeval.load(GOOD / "decimals_as_written.yaml")
    findings = selfeval.run_checks(report, ids=["GRD-002", "CLM-001", "CLM-002"])
    assert [f.status for f in findings if f.check == "GRD-002"] == ["pass", "pass"]
    assert all(f.status == "pass" for f in findings if f.check.startswith("CLM"))


# ---- bad files, one defect each ----

def test_missing_file():
    path = BAD / "no_such_file.yaml"
    assert not path.exists()
    p = the_problem(path)
    assert p.where == "" and p.message == "文件不存在（file not found）"
    assert str(p) == f"{path}: 文件不存在（file not found）"


def test_invalid_yaml_names_line_and_column():
    p = the_problem(BAD / "invalid_yaml.yaml")
    assert p.message.startswith("YAML 格式有误")
    m = re.fullmatch(r"第 (\d+) 行第 (\d+) 列", p.where)
    assert m is not None
    line = int(m[1])
    assert 4 <= line <= 6  # the unclosed [ on line 4 is noticed there or where the next key starts


def test_missing_key():
    p = the_problem(BAD / "missing_key.yaml")
    assert (p.where, p.message) == ("income.total", "缺少必填项“本年收入合计”")


def test_amount_not_a_number():
    p = the_problem(BAD / "amount_not_a_number.yaml")
    assert (p.where, p.message) == ("income.items[2].amount", "金额须为数字，如 1206.38（读到“n/a”）")
    assert str(p) == f"{BAD / 'amount_not_a_number.yaml'}: income.items[2].amount: 金额须为数字，如 1206.38（读到“n/a”）"


def test_negative_amount():
    p = the_problem(BAD / "negative_amount.yaml")
    assert p.where == "expenditure.items[1].amount"
    assert p.message == "金额不能为负数（读到-5.00）"


def test_nan_amount():
    p = the_problem(BAD / "nan_amount.yaml")
    assert p.where == "income.items[0].amount"
    assert p.message == "金额须为有限的数字，如 1206.38（读到NaN）"


def test_infinity_amount():
    p = the_problem(BAD / "infinity_amount.yaml")
    assert p.where == "expenditure.total"
    assert p.message == "本年支出合计须为有限的数字，如 1206.38（读到Infinity）"


def test_unknown_grade():
    p = the_problem(BAD / "unknown_grade.yaml")
    assert p.where == "projects[1].grade"
    assert p.message.startswith("未知的评价等级“很好”，应为 优秀/") and "优" in p.message


def test_bad_code():
    p = the_problem(BAD / "bad_code.yaml")
    assert p.where == "department.code"
    assert "小写字母 a-z、数字 0-9 或连字符“-”" in p.message and "（读到“Luquan_CAC”）" in p.message


def test_alias_bomb_is_refused_quickly():
    start = time.perf_counter()
    p = the_problem(BAD / "alias_bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert "锚点和别名" in p.message and "不能用" in p.message
    assert p.where.startswith(("第 2 行", "第 3 行"))  # the anchor &a, or the first *a in b's list


def test_gbk_encoded_file_is_named_as_such():
    path = BAD / "gbk_encoded.yaml"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    p = the_problem(path)
    assert "not UTF-8" in p.message and "GBK" in p.message
    assert p.where == "第 2 字节"  # "# " then the first GBK-encoded character


def test_not_a_mapping():
    p = the_problem(BAD / "not_a_mapping.yaml")
    assert p.where == "顶层" and p.message.startswith("参数文件应写成“键: 值”的形式（读到")


def test_unknown_key():
    p = the_problem(BAD / "unknown_key.yaml")
    assert p.where == "expenses" and p.message.startswith("未知的键 expenses：是否应为 expenditure？")
    assert "income、carryover、expenditure" in p.message  # every key the top level may have, in the schema's order


def test_several_problems_are_reported_at_once():
    path = BAD / "several_problems.yaml"
    problems = problems_of(path)
    where = {p.where: p.message for p in problems}
    assert set(where) == {"department.code", "income.items[0].amount", "expenditure.total",
                          "projects[0].grade", "claims.project_count"}
    assert where["income.items[0].amount"] == "金额须为数字，如 1206.38（读到“n/a”）"
    assert where["expenditure.total"] == "缺少必填项“本年支出合计”"
    assert where["claims.project_count"].startswith("报告所称项目个数须为整数")
    # the exception's text lists every problem, one a line
    with pytest.raises(InputError) as caught:
        selfeval.load(path)
    assert str(caught.value).count(str(path)) == len(problems) == 5


def test_file_too_large(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    p = the_problem(path)
    assert "超过" in p.message and "字节，不是参数文件" in p.message


def test_directory_instead_of_file(tmp_path):
    p = the_problem(tmp_path)
    assert p.message.startswith("无法读取")


# bad values the loader must report, not crash on

def test_year_not_a_number_is_reported_not_crashed_on():
    p = the_problem(BAD / "year_not_a_number.yaml")
    assert p.where == "department.year" and p.message.startswith("年度须为整数")


def test_infinite_count_is_reported_not_crashed_on():
    p = the_problem(BAD / "count_infinite.yaml")
    assert p.where == "claims.project_count" and p.message.startswith("报告所称项目个数须为整数")


def test_unit_not_text_is_reported_not_crashed_on():
    p = the_problem(BAD / "unit_not_text.yaml")
    assert p.where == "department.unit" and p.message.startswith("金额单位应为 元、万元、亿元 之一")


def test_leading_zero_number_is_not_silently_read_as_octal():
    # "010" means ten to anyone reading a budget; YAML 1.1 reads it as octal 8. Either keep 10 or report it.
    path = BAD / "leading_zero_amount.yaml"
    try:
        report = selfeval.load(path)
    except InputError as exc:
        assert any(p.where == "income.items[0].amount" for p in exc.problems)
    else:
        assert report.income.items[0].amount == Decimal(10)


# ---- several files ----

def test_load_many_keeps_good_files_and_collects_errors():
    reports, errors = selfeval.load_many([GOOD / "minimal.yaml", BAD / "bad_code.yaml", BAD / "missing_key.yaml"])
    assert [r.department.code for r in reports] == ["test-dept"]
    assert [e.problems[0].file for e in errors] == [str(BAD / "bad_code.yaml"), str(BAD / "missing_key.yaml")]


# ---- issue 14: grading scales per department, department.score / department.grade, claims.min_grade ----

from selfeval.dump import dumps  # noqa: E402


def _load_text(tmp_path: Path, text: str, name: str = "r.yaml") -> selfeval.Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return selfeval.load(path)


REGIONAL = """\
department: {name: 测试单位, code: regional, year: 2023, score: 88.5, grade: 较好}
grading: 好较好一般差
income: {total: 100.00, items: [{name: 财政拨款收入, amount: 100.00}]}
expenditure: {total: 100.00, items: [{name: 基本支出, amount: 100.00}]}
projects: [{name: 甲, score: 91, grade: 好}]
claims: {min_grade: 较好}
"""


def test_regional_grade_words_refused_as_unknown_load_with_grading_key(tmp_path):
    report = _load_text(tmp_path, REGIONAL)
    assert report.grading == "好较好一般差" and report.projects[0].grade == "好"
    assert (report.department.score, report.department.grade) == (Decimal("88.5"), "较好")
    assert report.claims.min_grade == "较好"
    again = _load_text(tmp_path, dumps(report), "again.yaml")
    assert again == dataclasses.replace(report, source=again.source)  # the writer carries the new keys


def test_regional_grade_word_without_grading_names_the_scale_it_belongs_to(tmp_path):
    text = REGIONAL.replace("grading: 好较好一般差\n", "")
    with pytest.raises(InputError) as caught:
        _load_text(tmp_path, text)
    wheres = [p.where for p in caught.value.problems]
    assert sorted(wheres) == ["claims.min_grade", "department.grade", "projects[0].grade"]
    assert "好较好一般差" in caught.value.problems[0].message


def test_unknown_grading_scale_is_bad_input_in_chinese(tmp_path):
    with pytest.raises(InputError) as caught:
        _load_text(tmp_path, REGIONAL.replace("好较好一般差", "甲乙丙丁"))
    first = caught.value.problems[0]
    assert first.where == "grading" and "未知的评价等级体系" in first.message


def _first_amount_problem(tmp_path, written: str):  # noqa: ANN001, ANN202 - a Problem
    """The one problem of minimal.yaml with its first item's amount written as `written`."""
    text = (GOOD / "minimal.yaml").read_text(encoding="utf-8").replace("amount: 100.00}", f"amount: {written}}}", 1)
    assert written in text
    with pytest.raises(InputError) as caught:
        _load_text(tmp_path, text)
    [problem] = caught.value.problems
    return problem


@pytest.mark.parametrize("written", ["1e400", "2.5E3", "1E+2"])
def test_amount_1e400_accepted_as_a_number_now_bad_input(tmp_path, written):
    problem = _first_amount_problem(tmp_path, written)
    assert problem.where == "income.items[0].amount" and "不接受指数形式" in problem.message


@pytest.mark.parametrize("written", [".", "-.", "+.", "._"])
def test_a_lone_dot_is_text_read_as_bad_input_not_a_traceback(tmp_path, written):
    problem = _first_amount_problem(tmp_path, written)
    assert problem.where == "income.items[0].amount"
    assert problem.message == f"金额须为数字，如 1206.38（读到“{written}”）"


def test_full_width_digits_refused_in_amounts_but_accepted_in_scores_now_read_alike(tmp_path):
    text = REGIONAL.replace("amount: 100.00}]}\nexpenditure", "amount: １００．００}]}\nexpenditure", 1)
    text = text.replace("score: 91,", "score: ９１,").replace("score: 88.5", "score: ８８．５")
    report = _load_text(tmp_path, text)
    assert report.income.items[0].amount == Decimal("100.00") and str(report.income.items[0].amount) == "100.00"
    assert (report.projects[0].score, report.department.score) == (Decimal("91"), Decimal("88.5"))


def test_other_unicode_digits_are_not_numbers(tmp_path):
    with pytest.raises(InputError):
        _load_text(tmp_path, REGIONAL.replace("score: 91,", "score: ٩١,"))


# ---- issue 16: a document's kind and its statements about last year and the budget ----

DOCUMENT_HEAD = """department: {name: 测试单位, code: test-dept, year: 2023}
income: {total: 518.30, items: [{name: 财政拨款收入, amount: 518.30}]}
expenditure: {total: 518.30, items: []}
"""


def loaded_with(tmp_path: Path, tail: str):
    path = tmp_path / "doc.yaml"
    path.write_text(DOCUMENT_HEAD + tail, encoding="utf-8")
    return path


def test_document_kind_and_statements_load_as_written(tmp_path):
    report = selfeval.load(loaded_with(tmp_path, """document: {kind: 决算}
year_on_year: [{figure: 本年收入合计, amount: -38.30, rate: -7.98}, {figure: 财政拨款收入, rate: 2.5}]
budget_completion: [{figure: 本年支出合计, rate: 100%}]
"""))
    assert report.kind == "决算"
    first, second = report.year_on_year
    assert (first.figure, str(first.amount), str(first.rate)) == ("本年收入合计", "-38.30", "-7.98")
    assert (second.figure, second.amount, str(second.rate)) == ("财政拨款收入", None, "2.5")
    assert [(c.figure, str(c.rate)) for c in report.completion] == [("本年支出合计", "100")]


def test_a_params_file_without_a_document_kind_states_none(tmp_path):
    report = selfeval.load(loaded_with(tmp_path, ""))
    assert (report.kind, report.year_on_year, report.completion) == ("", (), ())


def test_bad_document_kind_and_statements_are_all_reported_at_their_key_paths(tmp_path):
    path = loaded_with(tmp_path, """document: {kind: 决算书}
year_on_year: [{figure: 经费, amount: 1.00}, {figure: 本年收入合计, amount: abc}]
budget_completion: [{figure: 本年支出合计}]
""")
    problems = {p.where: p.message for p in problems_of(path)}
    assert set(problems) == {"document.kind", "year_on_year[0].figure", "year_on_year[1].amount", "budget_completion[0].rate"}
    assert "自评报告、决算、预算" in problems["document.kind"] and "未知的数字名称“经费”" in problems["year_on_year[0].figure"]
