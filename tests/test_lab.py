"""The audit panel in a real JupyterLab on loopback, driven by Debian's Chromium through playwright."""
from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from selfeval import lab
from selfeval.pdf import LAUNCH_ARGS, find_chromium

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


def wait_until_up(url: str, process, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "JupyterLab exited during start-up"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"JupyterLab did not answer at {url}")


@pytest.fixture()
def jupyterlab(tmp_path):
    params = tmp_path / "params"
    shutil.copytree(ROOT / "params", params)
    log = open(tmp_path / "lab.log", "w")
    process, url = lab.start(params, tmp_path / "work", tmp_path / "out", log=log)
    try:
        assert url.startswith("http://127.0.0.1:")
        wait_until_up(url, process)
        yield url, params, tmp_path
    finally:
        process.terminate()  # stopped by its PID
        try:
            process.wait(timeout=30)
        except Exception:  # noqa: BLE001 - a server that ignores SIGTERM is killed
            process.kill()
            process.wait()
        log.close()
    assert process.poll() is not None


def choose_kernel_if_asked(page) -> None:
    """JupyterLab may ask which kernel to start; take the notebook's own (Python 3)."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        dialog.wait_for(timeout=5_000)
    except Exception:  # noqa: BLE001 - no dialog: the kernel started by itself
        return
    dialog.locator("button", has_text="Select").click()


def run_all_cells(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


@contextmanager
def notebook_run(url: str, failure_shot: str):
    """A browser page on the lab's notebook with every cell run; a full-page screenshot when the test fails."""
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        try:
            page.goto(url)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            choose_kernel_if_asked(page)
            run_all_cells(page)
            choose_kernel_if_asked(page)
            yield page
        except Exception:
            page.screenshot(path=str(ARTIFACTS / failure_shot), full_page=True)
            raise
        finally:
            browser.close()


def test_panel_shows_a_failing_finding_after_an_edit_breaks_a_sum(jupyterlab):
    url, params, tmp_path = jupyterlab
    with notebook_run(url, "audit-panel-failure.png") as page:
        picker = page.locator(".selfeval-picker select")
        picker.wait_for(timeout=90_000)
        picker.select_option(label="示例县文广旅局 2023｜错误0 警告0 提示0")
        findings = page.locator(".selfeval-findings")
        amount = page.locator(".selfeval-field-income-items-0-amount input")
        expect(amount).to_have_value("820.25", timeout=30_000)  # the picked department's figure
        amount.fill("900.25")
        amount.press("Enter")
        failing = findings.locator("tr.selfeval-finding.fail", has_text="SUM-001")
        failing.first.wait_for(timeout=30_000)
        assert "不通过" in failing.first.inner_text()
        # the label follows the findings table; wait for it rather than read it at once
        expect(picker.locator("option:checked")).not_to_contain_text("错误0", timeout=10_000)
        page.locator(".selfeval-picker").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "audit-panel.png"), full_page=False)
    # The edit lives in the panel only: the params file is untouched.
    assert "820.25" in (params / "sample-culture-2023.yaml").read_text(encoding="utf-8")
