"""The printer's page: reused across documents, and renewed after PAGE_PRINTS of them so memory stays flat."""
from __future__ import annotations

import subprocess

from selfeval import pdf


def text_of(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")


def test_a_page_is_renewed_after_its_prints_and_every_document_prints_its_own_text(monkeypatch):
    monkeypatch.setattr(pdf, "PAGE_PRINTS", 2)
    pages = []
    with pdf.Printer() as printer:
        for i in range(5):
            data = printer.pdf(f"<html lang='zh'><body><p>第{i}号部门 收入合计{i}00.00万元</p></body></html>")
            assert f"第{i}号部门" in text_of(data) and f"{i}00.00" in text_of(data)
            pages.append(printer._page)  # noqa: SLF001 - which page printed it
    assert [pages.index(p) for p in pages] == [0, 0, 2, 2, 4]  # a new page for the 3rd and the 5th
    assert pages[0].is_closed() and pages[2].is_closed()
