"""The nbconvert exporters: registered as entry points, usable from `jupyter nbconvert`, same page as `selfeval run`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbconvert.exporters import get_export_names, get_exporter

from selfeval.exporters import SelfevalHTMLExporter, SelfevalPDFExporter
from tests.conftest import LUQUAN_NAME, ROOT, SeedRun, parse_page, squeeze

JUPYTER = Path(sys.executable).with_name("jupyter")


def nbconvert(to: str, notebook: Path, out_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(JUPYTER), "nbconvert", "--to", to, str(notebook), "--output-dir", str(out_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def executed(seed_run: SeedRun) -> Path:
    """The notebook `selfeval run` executed for the seed department (shared: no extra kernel)."""
    assert seed_run.path("ipynb").exists(), seed_run.proc.stderr
    return seed_run.path("ipynb")


@pytest.fixture(scope="module")
def html_export(executed: Path, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("nbconvert-html")
    return nbconvert("selfeval_html", executed, out), out


@pytest.fixture(scope="module")
def pdf_export(executed: Path, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("nbconvert-pdf")
    return nbconvert("selfeval_pdf", executed, out), out


def test_entry_points_are_registered():
    names = get_export_names()
    assert "selfeval_html" in names and "selfeval_pdf" in names
    assert get_exporter("selfeval_html") is SelfevalHTMLExporter
    assert get_exporter("selfeval_pdf") is SelfevalPDFExporter


def test_exporter_defaults_hide_code_and_embed_images():
    exporter = SelfevalHTMLExporter()
    assert (exporter.exclude_input, exporter.exclude_input_prompt, exporter.exclude_output_prompt) == (True,) * 3
    assert exporter.embed_images is True and exporter.language_code == "zh"
    pdf = SelfevalPDFExporter()
    assert pdf.file_extension == ".pdf" and pdf.output_mimetype == "application/pdf"


def test_jupyter_nbconvert_to_selfeval_html(html_export, seed_run: SeedRun):
    proc, out = html_export
    assert JUPYTER.exists()
    assert proc.returncode == 0, proc.stderr
    written = sorted(out.iterdir())
    assert [p.name for p in written] == ["luquan-cac.html"], proc.stderr
    page = parse_page(written[0].read_text(encoding="utf-8"))
    assert page.lang == "zh"
    assert "收入合计344.64万元" in page.text and "nb.show_narrative" not in page.html
    assert page.outside_loads() == []
    assert page.images and all(src.startswith("data:image/") for src in page.images)
    # the very page `selfeval run` writes, word for word
    assert page.text == parse_page(seed_run.path("html").read_text(encoding="utf-8")).text


def test_jupyter_nbconvert_to_selfeval_pdf(pdf_export):
    proc, out = pdf_export
    assert proc.returncode == 0, proc.stderr
    written = sorted(out.iterdir())
    assert [p.name for p in written] == ["luquan-cac.pdf"], proc.stderr
    data = written[0].read_bytes()
    assert data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(written[0]), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")
    assert squeeze(LUQUAN_NAME) in squeeze(text) and "DUP-001" in text


def test_one_validation_after_the_preprocessors_gives_the_same_page(executed: Path):
    nb = nbformat.read(executed, as_version=4)
    assert SelfevalHTMLExporter().optimistic_validation is True
    once, _ = SelfevalHTMLExporter().from_notebook_node(nb)
    assert once == SelfevalHTMLExporter(optimistic_validation=False).from_notebook_node(nb)[0]
    nb.cells[0]["outputs"] = "not a list"  # still refused
    with pytest.raises(nbformat.ValidationError):
        SelfevalHTMLExporter().from_notebook_node(nb)


def test_chart_keeps_its_alt_text(html_export, executed: Path):
    # display.show_charts gives the chart an alt text; the page must carry it, not nbconvert's placeholder
    nb = nbformat.read(executed, as_version=4)
    alts = [out.metadata["image/svg+xml"]["alt"] for cell in nb.cells for out in cell.get("outputs", [])
            if "image/svg+xml" in out.get("metadata", {}) and "alt" in out.metadata["image/svg+xml"]]
    assert alts == ["本年收入结构与本年支出结构图"]
    proc, out = html_export
    html = (out / "luquan-cac.html").read_text(encoding="utf-8")
    assert "No description has been provided for this image" not in html
    assert f'alt="{alts[0]}"' in html
    assert "Alternative text is missing" not in proc.stderr


def test_page_parser_catches_what_the_report_tests_look_for():
    # the offline and hidden-input checks run on this parser: it must see every kind of outside load
    page = parse_page("""<!DOCTYPE html><html lang="zh"><head>
<script src="https://cdn.example/require.js"></script><link rel="stylesheet" href="//cdn.example/a.css">
<style>@import url("http://cdn.example/b.css"); .x { background: url( 'https://cdn.example/c.png') }</style>
<meta http-equiv="refresh" content="0; url=https://example.org/"></head><body>
<img src="data:image/png;base64,AAAA"><img srcset="a.png 1x, HTTPS://cdn.example/d.png 2x">
<iframe src="http://example.org/"></iframe><div style="background-image:url(//cdn.example/e.png)"></div>
<div class="jp-InputPrompt">In&nbsp;[3]:</div><a href="https://example.org/">a link is not a load</a>
<table class="selfeval-params"><tr><th>params_path</th><td>/p/x.yaml</td></tr></table>
<script>alert(1)</script></body></html>""")
    loads = page.outside_loads()
    for needle in ("require.js", "a.css", "b.css", "c.png", "d.png", "e.png", "<iframe", "<meta"):
        assert any(needle in found for found in loads), (needle, loads)
    assert not any("a link is not a load" in found or "<a " in found for found in loads)
    assert page.lang == "zh" and page.images[0].startswith("data:")
    assert "In [3]:" in page.text and "alert(1)" not in page.text and page.scripts == ["alert(1)"]
    assert page.params_rows == [("params_path", "/p/x.yaml")]
    assert parse_page('<html><body><img src="data:image/png;base64,AA"></body></html>').outside_loads() == []
