"""The audit panel in a real JupyterLab on a report-based department: the source beside a figure, a correction
typed and saved as 审核人更正 (issue 13 §6). The browser drives it as test_lab does."""
from __future__ import annotations

from playwright.sync_api import expect

from selfeval import lab
from selfeval.inputs import Stager
from selfeval.report_inputs import stage_report
from selfeval.sources_file import read_sidecar
from tests.test_lab import ARTIFACTS, notebook_run, wait_until_up
from tests.test_panel_sources import REPORT


def test_panel_quotes_the_document_and_saves_a_correction_with_its_source(tmp_path):
    report = tmp_path / "water.txt"
    report.write_text(REPORT, encoding="utf-8")
    stage_report(Stager(tmp_path / "out"), report)
    inputs = tmp_path / "out" / "inputs"
    ARTIFACTS.mkdir(exist_ok=True)
    with open(tmp_path / "lab.log", "w") as log:
        process, url = lab.start(inputs, tmp_path / "work", tmp_path / "exports", log=log, reviewer="张审")
        try:
            wait_until_up(url, process)
            _drive(url)
        finally:
            lab.stop(process)  # its own process group: the server and its kernels
    assert process.poll() is not None
    entry = read_sidecar(inputs / "water-adj-2023.yaml")["sources"]["income.total"]
    assert entry["snippet"] == "本年收入合计500.00万元"
    assert (entry["correction"]["old"], entry["correction"]["new"]) == ("500.00", "520.00")


def _drive(url: str) -> None:
    """Open the notebook, type the corrected total beside its quote, save the copy."""
    with notebook_run(url, "audit-panel-sources-failure.png") as page:
        total = page.locator(".selfeval-field-income-total input")
        expect(total).to_have_value("500.00", timeout=90_000)
        row = page.locator(".selfeval-field-income-total").locator("xpath=..")
        expect(row.locator(".selfeval-source")).to_contain_text("第3行「本年收入合计500.00万元」")
        total.fill("520.00")
        total.press("Enter")
        expect(row.locator(".selfeval-source")).to_contain_text("原文读作 500.00，现为 520.00", timeout=30_000)
        row.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "audit-panel-sources.png"), full_page=False)
        page.locator(".selfeval-save").click()
        expect(page.locator(".selfeval-status")).to_contain_text("原文来源及审核人更正一并保存", timeout=30_000)
