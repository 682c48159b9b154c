"""Helpers for the Excel tests: workbooks written from the bundled departments, edited cell by cell."""
from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

import selfeval
from selfeval.errors import InputError
from selfeval.excel import read_workbook, write_workbook
from selfeval.excel.schema import BY_TITLE, FIRST_DATA_ROW
from selfeval.model import Report

ROOT = Path(__file__).resolve().parents[2]
PARAMS = sorted((ROOT / "params").glob("*.yaml"))
SEED = ROOT / "params" / "luquan-cac-2022.yaml"
WATER = ROOT / "params" / "sample-water-2023.yaml"
AGRI = ROOT / "params" / "sample-agri-2023.yaml"


def bundled() -> list[Report]:
    """Every bundled department, loaded from params/."""
    return [selfeval.load(p) for p in PARAMS]


def unsourced(report: Report) -> Report:
    """A report without its source file name, to compare what two routes loaded."""
    return dataclasses.replace(report, source="")


def column_letter(sheet: str, key: str) -> str:
    """The letter of a key's column as the writer lays the sheet out."""
    keys = [c.key for c in BY_TITLE[sheet].columns]
    return openpyxl.utils.get_column_letter(keys.index(key) + 1)


def ref(sheet: str, key: str, row: int = FIRST_DATA_ROW) -> str:
    """`收入!C3` for a key's column and a row."""
    return f"{sheet}!{column_letter(sheet, key)}{row}"


def edit(path: Path, changes: dict[str, object], *, styles: dict[str, dict[str, object]] | None = None) -> Path:
    """Set cells ("收入!C3": value) and cell attributes ("收入!C3": {"number_format": "0.00%"}) in place."""
    book = openpyxl.load_workbook(path)
    for where, value in changes.items():
        sheet, cell = where.split("!")
        book[sheet][cell] = value
    for where, attributes in (styles or {}).items():
        sheet, cell = where.split("!")
        for name, value in attributes.items():
            setattr(book[sheet][cell], name, value)
    book.save(path)
    return path


def cache_formula(path: Path, sheet: str, cell: str, cached: str) -> Path:
    """Give a formula cell the value Excel would have cached for it (openpyxl never writes one)."""
    index = list(BY_TITLE).index(sheet) + 1
    member = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts[member].decode("utf-8")
    xml, count = re.subn(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\1\2<v>{cached}</v>", xml)
    assert count == 1, f"no formula cell {cell} in {member}"
    parts[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def problem_lines(errors: list[InputError]) -> list[str]:
    """Every problem of every error, as printed."""
    return [str(p) for e in errors for p in e.problems]


def read_one_bad(path: Path) -> list[str]:
    """The problems of a workbook with a single bad department (and nothing loaded for it)."""
    reports, errors = read_workbook(path)
    assert len(errors) == 1, problem_lines(errors)
    return problem_lines(errors)


@pytest.fixture(scope="session")
def _written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each workbook the tests start from, written once (a second apiece): tests edit copies of them."""
    folder = tmp_path_factory.mktemp("workbooks")
    return {"seed": write_workbook([selfeval.load(SEED)], folder / "seed.xlsx"),
            "three": write_workbook([selfeval.load(p) for p in (SEED, AGRI, WATER)], folder / "three.xlsx")}


@pytest.fixture
def seed_book(tmp_path: Path, _written: dict[str, Path]) -> Path:
    """The seed department alone as departments.xlsx."""
    return Path(shutil.copy(_written["seed"], tmp_path / "departments.xlsx"))


@pytest.fixture
def three_book(tmp_path: Path, _written: dict[str, Path]) -> Path:
    """The seed, sample-agri and sample-water (a score table) as departments.xlsx, in that order."""
    return Path(shutil.copy(_written["three"], tmp_path / "departments.xlsx"))


def append_row(ws, values) -> int:  # noqa: ANN001
    """Type a row into the first empty data row, as a user does (the template formats rows below its data)."""
    number = 3
    while ws.cell(row=number, column=1).value not in (None, ""):
        number += 1
    for i, value in enumerate(values, start=1):
        ws.cell(row=number, column=i).value = value
    return number


def data_rows(ws) -> int:  # noqa: ANN001
    """How many data rows (a department code in column A) a sheet has."""
    return sum(1 for (code,) in ws.iter_rows(min_row=3, max_col=1, values_only=True) if code not in (None, ""))
