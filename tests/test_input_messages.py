"""Issue 14: input errors were in English while every finding is in Chinese; now each names its key path and value in Chinese."""
from __future__ import annotations

import re

import pytest

import selfeval
from selfeval import InputError, Problem
from selfeval.cli import main
from selfeval.grades import SCALES
from selfeval.loader import report_from_data
from selfeval.schema import KEYS
from selfeval.yamlsafe import read_yaml
from tests.conftest import BAD, GOOD

MINIMAL = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
# the ASCII words a Chinese message may still hold: the keys it names and the scales it offers
_KEY_WORDS = {part for path in KEYS for part in re.split(r"[.\[\]]+", path) if part} | set(SCALES)


def _english(problem: Problem) -> list[str]:
    """The English words of a message once the value it quotes (读到…, “…”) and the keys it names are set aside."""
    bare = re.sub(r"（读到[^）]*）|“[^”]*”", "", problem.message)
    own = problem.where.rsplit(".", 1)[-1]  # an unknown key is named as written
    return [w for w in re.findall(r"[A-Za-z_][A-Za-z_0-9]{2,}", bare) if w not in _KEY_WORDS | {own}]


def _problems(tmp_path, text: str) -> dict[str, str]:  # noqa: ANN001 - a Path
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        report_from_data(read_yaml(path), str(path))
    return {p.where: p.message for p in caught.value.problems}


def _loader_problems() -> list[Problem]:
    """Every problem the loader (not the YAML reader) finds in the bundled bad files."""
    found = []
    for path in sorted(BAD.glob("*.yaml")):
        try:
            data = read_yaml(path)
        except InputError:
            continue  # a YAML-level refusal: yamlsafe's message, not the loader's
        try:
            report_from_data(data, str(path))
        except InputError as exc:
            found += exc.problems
    return found


def test_every_loader_problem_of_the_bad_files_is_in_chinese():
    problems = _loader_problems()
    assert len(problems) >= 20  # the bad files between them exercise most of the loader's messages
    for problem in problems:
        assert re.search(r"[\u4e00-\u9fff]", problem.message), problem
        assert _english(problem) == [], problem


BAD_VALUES = [  # (text replaced in minimal.yaml, replacement, key path, message)
    ("amount: 100.00}", "amount: abc}", "income.items[0].amount", "金额须为数字，如 1206.38（读到“abc”）"),
    ("total: 100.00", "total: -1.00", "income.total", "本年收入合计不能为负数（读到-1.00）"),
    ("total: 100.00", "total: .nan", "income.total", "本年收入合计须为有限的数字，如 1206.38（读到NaN）"),
    ("total: 100.00", "total: 1e400", "income.total", "本年收入合计须照报告所印逐位写出（如 1206.38），不接受指数形式（读到1e400）"),
    ("year: 2022", "year: 二〇二二", "department.year", "年度须为整数（读到“二〇二二”）"),
    ("year: 2022", "year: 3000", "department.year", "年度须为 1949 到 2100 之间的整数（读到3000）"),
    ("name: 测试单位", "name: ''", "department.name", "单位名称须为文字，不能为空（读到“”）"),
    ("year: 2022}", "year: 2022, unit: 千元}", "department.unit", "金额单位应为 元、万元、亿元 之一（读到“千元”）"),
    ("year: 2022}", "year: 2022, grade: 很好}", "department.grade",
     "未知的评价等级“很好”，应为 优秀/优/良好/良/中等/中/差/较差 之一"),
    ("year: 2022}", "year: 2022, grade: 合格}", "department.grade",
     "未知的评价等级“合格”，应为 优秀/优/良好/良/中等/中/差/较差 之一（该词属于“合格不合格”等级体系，请在 grading: 中选用）"),
    ("  items:\n    - {name: 基本支出", "  itemz: []\n  items:\n    - {name: 基本支出", "expenditure.itemz",
     "未知的键 itemz：是否应为 items？支出可有的键为 total、grand_total、items"),
    ("  total: 100.00\n  items:\n    - {name: 财政拨款收入", "  items:\n    - {name: 财政拨款收入", "income.total",
     "缺少必填项“本年收入合计”"),
    ("  items:\n    - {name: 财政拨款收入, amount: 100.00}", "  items: 100.00", "income.items",
     "收入项目应为列表，每项一行、以“- ”开头（读到100.00）"),
    ("department: {name: 测试单位, code: test-dept, year: 2022}", "department: 测试单位", "department",
     "部门应写成“键: 值”的形式（读到“测试单位”）"),
    ("code: test-dept", "code: Test_Dept", "department.code",
     "部门代码须为 1 到 64 个小写字母 a-z、数字 0-9 或连字符“-”（读到“Test_Dept”）"),
]


@pytest.mark.parametrize(("old", "new", "where", "message"), BAD_VALUES, ids=[case[2] for case in BAD_VALUES])
def test_each_bad_value_is_named_at_its_key_path_in_chinese(tmp_path, old, new, where, message):
    assert old in MINIMAL
    assert _problems(tmp_path, MINIMAL.replace(old, new, 1)) == {where: message}


def test_statements_and_document_kind_are_named_in_chinese(tmp_path):
    text = MINIMAL + "document: {kind: 年报}\nbudget_completion: [{figure: 本年收入合计, rate: 多}]\ngrading: 五级\n"
    assert _problems(tmp_path, text) == {
        "document.kind": "文件类型应为 自评报告、决算、预算 之一（读到“年报”）",
        "budget_completion[0].rate": "预算完成率（%）须为数字，如 1206.38（读到“多”）",
        "grading": "未知的评价等级体系“五级”，应为 优良中差、好较好一般差、合格不合格、ABCD 之一"}


def test_the_cli_reports_every_problem_once_with_file_and_key_path_and_no_traceback(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(MINIMAL.replace("amount: 100.00}", "amount: abc}", 1).replace("year: 2022", "year: x"),
                    encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"{path}: department.year: 年度须为整数（读到“x”）",
                                f"{path}: income.items[0].amount: 金额须为数字，如 1206.38（读到“abc”）"]


def test_command_usage_errors_are_in_chinese_too(tmp_path, capsys):
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--formats", "html"]) == 2
    assert capsys.readouterr().err == "--formats：应为 ipynb、html、pdf 中以逗号分隔的几项，且须含 ipynb（读到“html”）\n"
    assert main(["verify", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: 此处没有 manifest.json，应为 batch 或 run 的输出文件夹\n"
    assert main(["lab", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'none'}: 不是参数文件所在的文件夹\n"


def _yaml_problem(tmp_path, text: str):  # noqa: ANN202
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        selfeval.load(path)
    return caught.value.problems[0]  # the file's first problem: a YAML reader stops at it


def test_a_chinese_comma_was_reported_at_the_colon_after_amount_now_at_the_comma_itself(tmp_path):
    """Repro: `- {name: 财政拨款收入，amount: 100.00}` gave `line 5, column 27: invalid YAML: did not find expected
    ',' or '}'`: column 27 is the colon after amount, the ，is at column 20, and not a word of it in Chinese."""
    problem = _yaml_problem(tmp_path, "department: {name: 示例, code: x, year: 2023}\nincome:\n  total: 100.00\n"
                                      "  items:\n    - {name: 财政拨款收入，amount: 100.00}\n")
    assert problem.where == "第 5 行第 20 列"
    assert "中文逗号“，”" in problem.message and "英文逗号“,”" in problem.message
    assert "did not find expected" in problem.message  # the parser's own words, kept in brackets


def test_a_tab_was_reported_as_a_character_that_cannot_start_a_token_now_named(tmp_path):
    """Repro: a tab indenting a key gave `found character that cannot start any token`, with no word of a tab."""
    problem = _yaml_problem(tmp_path, "department: {name: 示例, code: x, year: 2023}\nincome:\n\ttotal: 100.00\n")
    assert problem.where == "第 3 行第 1 列" and "制表符" in problem.message and "空格" in problem.message


def test_a_chinese_colon_is_named_too(tmp_path):
    problem = _yaml_problem(tmp_path, "department:\n  name： 示例\n  code: x\n")
    assert problem.where == "第 2 行第 7 列" and "中文冒号“：”" in problem.message


def test_a_full_width_comma_inside_quotes_is_text_and_not_blamed(tmp_path):
    problem = _yaml_problem(tmp_path, 'department: {name: "示例，单位", code: x, year: 2023\nincome: {total: 1}\n')
    assert "中文逗号" not in problem.message and problem.message.startswith("YAML 格式有误")


def test_yaml_reader_messages_are_in_chinese(tmp_path):
    twice = _yaml_problem(tmp_path, "department: {name: 示例, code: x, year: 2023}\ndepartment: {name: 乙}\n")
    assert twice.message == "键“department”出现了两次"
    assert _yaml_problem(tmp_path, "a: 1\n---\nb: 2\n").message.startswith("一个文件里有多份 YAML 文档")
