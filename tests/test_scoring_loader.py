"""Score tables in params files: funds, execution and indicator rows read exactly, bad values reported, round trip."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import selfeval
from selfeval import InputError
from selfeval.dump import dumps
from selfeval.model import Measure
from tests.conftest import BAD, GOOD, PARAMS

TABLE = GOOD / "score_table_as_written.yaml"


@pytest.fixture(scope="module")
def table():
    return selfeval.load(TABLE).projects[0]


def problems(path: Path) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        selfeval.load(path)
    assert all(p.file == str(path) for p in caught.value.problems)
    return {p.where: p.message for p in caught.value.problems}


# ---- good tables ----

def test_funds_and_execution_are_exact_decimals(table):
    assert str(table.funds.initial_budget) == "20.00" and str(table.funds.executed) == "19.80"
    assert str(table.funds.full_year_budget) == "20.00"       # quoted "20.00" keeps its decimals too
    assert (table.execution.weight, str(table.execution.score)) == (Decimal(10), "9.9")
    assert (table.budget, table.spent) == (None, None)        # the table form leaves the short form unset
    assert (table.budget_amount, table.spent_amount, table.spent_key) == (Decimal("20.00"), Decimal("19.80"),
                                                                          "funds.executed")
    assert table.score == Decimal("98.5") and table.grade == "优"  # kept as written


def test_fractional_weights_and_row_order_are_kept(table):
    assert [row.name for row in table.indicators][:2] == ["推送舆情信息条数", "信息准确率"]
    assert str(table.indicators[1].weight) == "22.5" and str(table.indicators[2].weight) == "7.5"
    assert str(table.indicators[3].score) == "28.6"


def test_targets_and_actuals_are_parsed_where_quantitative(table):
    count, rate, time, effect, satisfaction = table.indicators[:5]
    assert (count.target.value, count.actual.value, count.direction) == (Decimal(8000), Decimal(8350), ">=")
    assert count.target.raw == Decimal(8000) and count.target.shown == "8000"
    assert (rate.direction, rate.target.value, rate.target.percent) == (">=", Decimal(95), True)   # ≥ → >=
    assert rate.actual.percent  # 96.5 with unit % is a percentage
    assert (time.direction, time.comparison, time.target.value) == (None, "<=", Decimal(2))  # "≤2小时"
    assert (effect.target.value, effect.target.raw, effect.actual.value) == (None, "有效提升", None)
    assert satisfaction.target == Measure("90%", Decimal(90), True, None)


def test_the_total_row_is_kept_but_does_not_count(table):
    total = table.indicators[-1]
    assert total.is_total and (total.weight, total.score) == (Decimal(100), Decimal("98.5"))
    assert total not in table.rows and len(table.rows) == 5


def test_short_form_project_keeps_its_budget(table):
    short = selfeval.load(TABLE).projects[1]
    assert not short.has_table and short.funds is None
    assert (short.budget_amount, short.spent_amount, short.spent_key) == (Decimal("10.00"), Decimal("9.00"), "spent")


@pytest.mark.parametrize("raw, unit, value, percent, operator", [
    ("≥8000", "", Decimal(8000), False, ">="), ("≤3天", "天", Decimal(3), False, "<="),
    ("＞＝90%", "", Decimal(90), True, ">="), ("8,350", "", Decimal(8350), False, None),
    ("95", "%", Decimal(95), True, None), ("= 100 %", "", Decimal(100), True, "="),
    ("3天", "", None, False, None),              # a unit other than the row's own: text
    ("100%完成", "", None, False, None), ("约8000条", "条", None, False, None),
    ("2023年12月底前", "", None, False, None), ("有效提升", "", None, False, None),
])
def test_measure_parsing(raw, unit, value, percent, operator):
    m = Measure.parse(raw, unit)
    assert (m.value, m.raw) == (value, raw)
    if value is not None:
        assert (m.percent, m.operator) == (percent, operator)


# ---- bad tables: every problem named with its key path ----

def test_budget_and_funds_together_are_refused():
    assert problems(BAD / "table_budget_and_funds.yaml") == {
        "projects[0].funds": "预算数、执行数写作 budget/spent 或写在 funds 中，只能选一种，不能两处都写"}


def test_unknown_direction():
    found = problems(BAD / "table_direction_unknown.yaml")
    assert list(found) == ["projects[0].indicators[0].direction"]
    assert found["projects[0].indicators[0].direction"] == "指标方向应为 >=、<=、=、>、<（或 ≥、≤）之一（读到“大约”）"


def test_direction_contradicting_the_target_text():
    assert problems(BAD / "table_direction_contradicts_target.yaml") == {
        "projects[0].indicators[0].direction": "指标方向 ≥ 与年度指标值“≤2”中写明的 ≤ 相矛盾"}


def test_every_bad_value_in_a_table_is_reported_at_once():
    found = problems(BAD / "table_several_problems.yaml")
    assert set(found) == {
        "projects[0].funds.planned", "projects[0].funds.full_year_budget", "projects[0].funds.executed",
        "projects[0].execution.weight", "projects[0].indicators[0].weight", "projects[0].indicators[1].score",
        "projects[0].indicators[1].target", "projects[0].indicators[1].actual", "projects[0].indicators[2].name",
        "projects[0].indicators[3].colour", "projects[0].indicators[3].weight", "projects[1].indicators"}
    assert found["projects[0].funds.full_year_budget"] == "全年预算数不能为负数（读到-20.00）"
    assert found["projects[0].indicators[0].weight"] == "分值须为数字，如 1206.38（读到“二十”）"
    assert found["projects[0].indicators[1].score"] == "得分须为有限的数字，如 1206.38（读到NaN）"
    assert found["projects[0].indicators[1].target"] == "年度指标值须为数字或文字（读到true）"
    assert found["projects[0].execution.weight"] == "缺少必填项“预算执行率分值”"
    assert found["projects[1].indicators"] == "绩效指标应为列表，每项一行、以“- ”开头（读到一组键值）"


def test_bad_table_is_an_input_error_for_the_cli_not_a_traceback(capsys):
    from selfeval.cli import main

    code = main(["check", str(BAD / "table_several_problems.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
    assert f"{BAD / 'table_several_problems.yaml'}: projects[0].indicators[1].score: 得分须为有限的数字" in err


# ---- the writer: params → Report → YAML → Report is the same report ----

@pytest.mark.parametrize("path", [*PARAMS, TABLE], ids=lambda p: p.stem)
def test_round_trip_is_identical(path: Path, tmp_path):
    report = selfeval.load(path)
    again = tmp_path / "again.yaml"
    again.write_text(dumps(report), encoding="utf-8")
    reloaded = selfeval.load(again)
    assert reloaded.source == str(again)
    # repr as well as ==: Decimal("9.80") == Decimal("9.8"), but the printed decimals are the rounding rule's input
    assert repr(reloaded.projects) == repr(report.projects)
    assert reloaded == selfeval.Report(**{**report.__dict__, "source": str(again)})


def test_written_table_reads_like_the_printed_form():
    text = dumps(selfeval.load(TABLE))
    assert "funds: {initial_budget: 20.00, full_year_budget: 20.00, executed: 19.80}" in text
    assert ("- {level1: 产出指标, level2: 数量指标, name: 推送舆情信息条数, direction: '>=', target: 8000, "
            "actual: 8350, unit: 条, weight: 20, score: 20}") in text
    assert "target: 有效提升" in text and "target: ≤2小时" in text
    assert "- {name: 只有简表的项目, budget: 10.00, spent: 9.00, score: 91, grade: 优秀}" in text
