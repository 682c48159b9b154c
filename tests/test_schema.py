"""selfeval.schema is the one declaration of the params keys: the loader checks against it, dump and the workbook agree."""
from __future__ import annotations

import copy
import dataclasses

import pytest

from selfeval import InputError, model
from selfeval.excel.schema import EXAMPLE_KEY, PROJECT_NO_KEY, SHEETS
from selfeval.loader import report_from_data
from selfeval.schema import KEYS, PART, PARTS, LIST
from selfeval.yamlsafe import read_yaml

FULL = """\
document: {kind: 决算}
department: {name: 测试单位, code: full, year: 2023, short_name: 测试, unit: 万元, score: 92.6, grade: 优秀}
grading: 优良中差
staff: {administrative: 6, institutional: 2, change: -1, change_reason: 调出}
income: {total: 100.00, grand_total: 100.00, items: [{name: 财政拨款收入, amount: 100.00, share: 100}]}
carryover: {opening: 0, surplus_used: 0, distribution: 0, closing: 0}
expenditure: {total: 100.00, grand_total: 100.00, items: [{name: 项目支出, amount: 100.00, share: 100}]}
projects:
  - name: 甲
    funds: {initial_budget: 100.00, full_year_budget: 100.00, executed: 100.00}
    execution: {weight: 10, score: 10}
    indicators:
      - {level1: 产出指标, level2: 数量指标, name: 条数, direction: ">=", target: 10, actual: 10, unit: 条, weight: 90, score: 90}
    score: 100
    grade: 优秀
  - {name: 乙, budget: 1.00, spent: 1.00}
claims: {project_count: 1, min_score: 90, grade: 优秀, min_grade: 良好}
year_on_year: [{figure: 本年支出合计, amount: 5.00, rate: 5.26}]
budget_completion: [{figure: 本年支出合计, rate: 100.00}]
"""
# the model's class for each part, whose fields dump reads by the keys' names
MODEL = {"department": model.Department, "staff": model.Staff, "income": model.Section,
         "income.items[]": model.LineItem, "expenditure": model.Section, "expenditure.items[]": model.LineItem,
         "carryover": model.Carryover, "projects[]": model.Project, "projects[].funds": model.Funds,
         "projects[].execution": model.Execution, "projects[].indicators[]": model.Indicator, "claims": model.Claims,
         "year_on_year[]": model.YearOnYear, "budget_completion[]": model.Completion}


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> dict:  # noqa: ANN001
    path = tmp_path_factory.mktemp("schema") / "full.yaml"
    path.write_text(FULL, encoding="utf-8")
    return read_yaml(path)


def _at(data: dict, part: str) -> dict:
    """The first mapping of a part in the data (`projects[].funds` → data["projects"][0]["funds"])."""
    node: object = data
    for step in filter(None, part.replace("[]", ".[]").split(".")):
        node = node[0] if step == "[]" else node[step]  # type: ignore[index]
    return node  # type: ignore[return-value]


def _paths(data: object, path: str = "") -> set[str]:
    """Every key path the data writes, list positions as []."""
    if isinstance(data, list):
        return {found for row in data for found in _paths(row, f"{path}[]")}
    if not isinstance(data, dict):
        return set()
    inner = (_paths(value, f"{path}.{key}" if path else key) for key, value in data.items())
    return {f"{path}.{key}" if path else key for key in data}.union(*inner)


def test_a_file_with_every_key_of_the_schema_loads(full):
    assert _paths(full) == set(KEYS)  # FULL is the whole schema, no more
    report_from_data(full, "full.yaml")


@pytest.mark.parametrize("part", list(PARTS))
def test_the_loader_checks_every_part_against_the_schema(full, part):
    data = copy.deepcopy(full)
    node = _at(data, part)
    node["zz_unknown"] = 1
    for key in PARTS[part].required:
        del node[key]
    with pytest.raises(InputError) as caught:
        report_from_data(data, "full.yaml")
    prefix = part.replace("[]", "[0]") + "." if part else ""
    found = {p.where for p in caught.value.problems}
    assert {f"{prefix}zz_unknown", *(f"{prefix}{k}" for k in PARTS[part].required)} <= found


@pytest.mark.parametrize("part", list(MODEL))
def test_every_key_of_a_part_is_a_field_of_its_model_class(part):
    fields = {f.name for f in dataclasses.fields(MODEL[part])}
    assert set(PARTS[part].order) <= fields


def test_the_workbook_columns_are_the_schemas_keys_with_its_labels_and_kinds():
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.key in (EXAMPLE_KEY, PROJECT_NO_KEY):
                continue  # the workbook's own columns, not params keys
            key = KEYS[column.key]
            assert (column.head, column.kind) == (key.label, key.kind), column.key
            assert key.kind not in (PART, LIST)
