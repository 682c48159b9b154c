"""The params writer: every key the loader reads is written back (the dossier keys included), in the schema's order."""
from __future__ import annotations

import dataclasses

import pytest

import selfeval
from selfeval.dump import dumps, report_to_data
from selfeval.schema import PARTS, TOP
from selfeval.yamlsafe import read_yaml
from tests.conftest import ROOT

BUNDLED = sorted((ROOT / "params").rglob("*.yaml"))
DOSSIER_BUDGET = ROOT / "params" / "dossiers" / "sample-parks" / "sample-parks-2023-预算.yaml"


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_bundled_params_file_round_trips_through_the_writer(tmp_path, path):
    report = selfeval.load(path)
    written = tmp_path / path.name
    written.write_text(dumps(report), encoding="utf-8")
    again = selfeval.load(written)
    assert again == dataclasses.replace(report, source=again.source)


def test_document_year_on_year_and_budget_completion_were_dropped_by_the_writer_now_written(tmp_path):
    report = selfeval.load(DOSSIER_BUDGET)
    assert report.kind == "预算" and report.year_on_year  # what the file states
    data = read_yaml(_written(tmp_path, report))
    assert data["document"] == {"kind": "预算"}
    assert data["year_on_year"] == read_yaml(DOSSIER_BUDGET)["year_on_year"]
    completion = dataclasses.replace(report, completion=(selfeval.model.Completion("本年支出合计", report.income.total),))
    assert read_yaml(_written(tmp_path, completion))["budget_completion"] == [{"figure": "本年支出合计", "rate": 525}]


def test_one_decimal_held_twice_was_written_as_an_anchor_the_loader_refuses_now_written_out(tmp_path):
    report = selfeval.load(DOSSIER_BUDGET)
    total = report.income.total  # the same object as a line's amount: YAML's writer aliased it (&id001 / *id001)
    shared = dataclasses.replace(report, income=dataclasses.replace(report.income, grand_total=total))
    text = dumps(shared)
    assert "&" not in text and "*" not in text
    assert selfeval.load(_written(tmp_path, shared)).income.grand_total == total


def _written(tmp_path, report: selfeval.Report):  # noqa: ANN001, ANN202 - a Path
    path = tmp_path / "written.yaml"
    path.write_text(dumps(report), encoding="utf-8")
    return path


def _orders(data: object, path: str) -> list[tuple[str, list[str]]]:
    """(part path, its keys as written) for every mapping of the written data."""
    if isinstance(data, list):
        return [found for row in data for found in _orders(row, f"{path}[]")]
    if not isinstance(data, dict):
        return []
    found = [(path, list(data))]
    for key, value in data.items():
        found += _orders(value, f"{path}.{key}" if path else key)
    return found


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_keys_are_written_in_the_schemas_order(path):
    orders = _orders(report_to_data(selfeval.load(path)), "")
    assert orders[0][0] == "" and orders[0][1][0] in ("document", "department")
    for part, keys in orders:
        declared = PARTS[part].order if part else TOP.order
        assert keys == [k for k in declared if k in keys], part
