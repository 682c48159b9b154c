"""index.html: plain rows for a small batch; past PLAIN_ROWS, rows drawn from the page's JSON as scrolled."""
from __future__ import annotations

import html
import json
import re

import pytest
from playwright.sync_api import expect, sync_playwright

from selfeval import index
from selfeval.pdf import LAUNCH_ARGS, find_chromium

HOSTILE = "</script><b id=planted>粗</b><!--"


def record(i: int, name: str | None = None) -> dict:
    """A department's status record as the batch writes it, varied by i."""
    status = ("ok", "findings", "failed")[i % 3]
    return {"id": f"d{i:04d}", "code": f"d{i:04d}", "name": name or f"部门{i:04d}", "params": f"inputs/d{i:04d}.yaml",
            "status": status, "reason": "planted failure" if status == "failed" else None,
            "failing": {} if status == "failed" else {"error": i % 7, "warning": i % 5, "info": i % 3},
            "year": 2022, "unit": "万元", "income_total": f"{i}.5" if i % 4 else "", "grade": "",
            "outputs": {} if status == "failed" else {"html": f"d{i:04d}.html", "pdf": f"d{i:04d}.pdf"}}


def page_data(page: str) -> list[dict]:
    return json.loads(page.split('<script type="application/json" id="departments-data">')[1].split("</script>")[0])


def test_a_small_index_writes_every_row_and_keeps_its_data_to_sort_keys():
    page = index.render([record(i) for i in range(6)])
    rows = re.findall(r'<tr class="(\w+)">(.*?)</tr>', page, re.S)
    assert len(rows) == 6 and '<table id="departments">' in page
    assert [row[0] for row in rows] == ["failed", "failed", "findings", "findings", "ok", "ok"]
    data = page_data(page)
    assert [set(d) for d in data] == [{"keys"}] * 6  # the rows are in the HTML, not repeated in the data
    assert data[0]["keys"][:3] == ["d0002", "部门0002", 2022] and data[0]["keys"][11] == "运行失败 planted failure"
    assert len(re.findall(r'<th scope="col" aria-sort="none"><button type="button">', page)) == len(index.COLUMNS)


def test_a_large_index_writes_its_first_rows_and_every_row_into_its_data():
    n = index.PLAIN_ROWS + 1
    page = index.render([record(i) for i in range(n)])
    assert '<table id="departments" data-windowed' in page and f'aria-rowcount="{n + 1}"' in page
    assert '<thead><tr aria-rowindex="1">' in page
    assert len(re.findall(r'<tr class="\w+">', page)) == index.FIRST_ROWS
    data = page_data(page)
    assert len(data) == n and all(d["html"].startswith('<tr class="') for d in data)


def test_the_data_cannot_end_its_script_element_and_reads_back_as_written():
    value = [HOSTILE, "a<b", "<!DOCTYPE", "\u2028"]
    text = str(index.script_json(value))
    assert "</" not in text and "<!" not in text
    assert json.loads(text) == value


def test_numeric_columns_sort_as_numbers_and_empty_cells_as_none():
    keys = index.sort_keys(record(7))
    assert keys[2:8] == [2022, 7.5, None, 0, 2, 1]
    assert index.sort_keys(record(4))[3] is None  # no income shown
    assert index.sort_keys(record(2))[5:8] == [None, None, None]  # failed: no counts shown


@pytest.fixture()
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def first_codes(page, n: int = 3) -> list[str]:
    return page.locator("#departments tbody tr:not(.spacer) td:first-child").all_inner_texts()[:n]


@pytest.mark.parametrize("departments", [7, index.PLAIN_ROWS + 100])
def test_the_index_sorts_filters_and_shows_every_row_in_chromium(tmp_path, browser, departments):
    records = [record(i, HOSTILE if i == 1 else None) for i in range(departments)]
    index.write(tmp_path, records)
    page = browser.new_page()
    page.goto((tmp_path / "index.html").as_uri())
    errors = page.locator("#departments th").nth(5)
    errors.get_by_role("button").click()
    expect(errors).to_have_attribute("aria-sort", "ascending")
    assert page.locator("#departments tbody tr:not(.spacer)").first.locator("td").nth(5).inner_text() == ""
    errors.get_by_role("button").click()
    expect(errors).to_have_attribute("aria-sort", "descending")
    assert page.locator("#departments tbody tr:not(.spacer)").first.locator("td").nth(5).inner_text() == "6"
    page.locator("#departments th").nth(0).get_by_role("button").click()
    assert first_codes(page) == ["d0000", "d0001", "d0002"]
    assert page.locator("#departments tbody tr").nth(1 if departments > index.PLAIN_ROWS else 0).locator(
        "td").nth(0).inner_text() == "d0000"
    assert page.locator("#planted").count() == 0
    expect(page.get_by_text(HOSTILE)).to_have_count(1)
    page.locator("#filter").fill("d0004")
    expect(page.locator("#departments tbody tr:not(.spacer):visible")).to_have_count(1)
    page.locator("#filter").fill("")
    page.mouse.wheel(0, 10**7)
    last = f"d{departments - 1:04d}"
    expect(page.locator("#departments tbody tr:not(.spacer) td:first-child", has_text=last)).to_have_count(1)
    drawn = page.locator("#departments tbody tr:not(.spacer)").count()
    assert drawn == departments if departments <= index.PLAIN_ROWS else drawn < 300
    assert html.unescape(page.content()).count(HOSTILE) >= 1
