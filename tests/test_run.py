"""Running the report notebook: clean execution for every department, `selfeval run` end to end, and its failures.

Kernels and browsers are slow to start, so each scenario runs once (module or session fixtures) and several
tests look at what it wrote.
"""
from __future__ import annotations

import base64
import re
import shutil
import struct
import subprocess
from pathlib import Path

import nbformat
import pytest

import selfeval
from selfeval import charts, narrative
from selfeval.run import execute
from tests.conftest import (ARTIFACTS, BAD, LUQUAN, LUQUAN_NAME, PARAMS, RAISING, ROOT, SeedRun, env_with,
                            listing, parse_page, selfeval_cli, squeeze)

SEED_ARG = LUQUAN.relative_to(ROOT)  # as a user types it: params/luquan-cac-2022.yaml
PROMPT = re.compile(r"\b(In|Out)\s*\[\s*\d*\s*\]\s*:")
SOURCE_BITS = ("nb.show_narrative", "nb.open_audit", "from selfeval import display", "params_path = ")


def outputs(nb: nbformat.NotebookNode) -> list[tuple[int, dict]]:
    return [(i, out) for i, cell in enumerate(nb.cells) if cell.cell_type == "code" for out in cell.outputs]


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Error outputs and stderr streams, described."""
    found = []
    for i, out in outputs(nb):
        if out.output_type == "error":
            found.append(f"cell {i}: error {out.ename}: {out.evalue}")
        elif out.output_type == "stream" and out.name == "stderr":
            found.append(f"cell {i}: stderr: {out.text!r}")
    return found


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


# ---- 2. the notebook executes cleanly for every department ----

@pytest.fixture(scope="module", params=PARAMS, ids=lambda p: p.stem)
def executed(request, tmp_path_factory) -> tuple[Path, nbformat.NotebookNode, Path]:
    params: Path = request.param
    out = tmp_path_factory.mktemp(f"exec-{params.stem}") / "x.ipynb"
    nb = execute(params, out)
    return params, nb, out


def test_notebook_has_no_error_and_no_stderr(executed):
    params, nb, _ = executed
    assert problems(nb) == [], f"{params.name}: {problems(nb)}"


def test_written_notebook_is_the_executed_one(executed):
    params, nb, out = executed
    assert listing(out.parent) == ["x.ipynb"]  # no temporary file left beside it
    on_disk = nbformat.read(out, as_version=4)
    assert problems(on_disk) == []
    assert [len(c.get("outputs", [])) for c in on_disk.cells] == [len(c.get("outputs", [])) for c in nb.cells]
    code = [c for c in on_disk.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "a cell did not run"
    injected = [c for c in code if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(params.resolve()) in injected[0].source


def test_narrative_outputs_are_the_packages_narrative(executed):
    params, nb, _ = executed
    report = selfeval.load(params)
    findings = selfeval.run_checks(report)
    shown = [out.data["text/markdown"] for _, out in outputs(nb) if "text/markdown" in out.get("data", {})]
    assert shown == [narrative.render_section(name, report, findings) for name in narrative.SECTIONS]


def test_chart_is_an_svg_output_of_the_departments_figures(executed):
    params, nb, _ = executed
    report = selfeval.load(params)
    svgs = [out.data["image/svg+xml"] for _, out in outputs(nb) if "image/svg+xml" in out.get("data", {})]
    assert svgs == [charts.structure_charts(report.income, report.expenditure, report.department.unit)]


# ---- 3. `selfeval run` end to end on the seed department ----

@pytest.fixture(scope="module")
def seed_page(seed_run: SeedRun):
    assert seed_run.path("html").exists(), seed_run.proc.stderr
    return parse_page(seed_run.path("html").read_text(encoding="utf-8"))


def test_seed_run_exits_0_and_writes_notebook_html_and_pdf(seed_run: SeedRun):
    proc = seed_run.proc
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.strip() == "", proc.stderr
    assert listing(seed_run.out) == ["inputs", "luquan-cac.html", "luquan-cac.ipynb", "luquan-cac.pdf", "manifest.json",
                                     "manifest.sha256"]
    for suffix in ("ipynb", "html", "pdf"):
        assert f"luquan-cac: {suffix}: {seed_run.path(suffix)}" in proc.stdout.splitlines()
        assert seed_run.path(suffix).stat().st_size > 0
    assert seed_run.path("pdf").read_bytes()[:5] == b"%PDF-"
    assert problems(nbformat.read(seed_run.path("ipynb"), as_version=4)) == []


def test_seed_html_prose_states_the_figures(seed_page):
    report = selfeval.load(LUQUAN)
    text = seed_page.text
    assert "344.64" in text and "81.46%" in text
    assert "收入合计344.64万元，其中：财政拨款收入344.64万元，占100%" in text
    assert "基本支出280.75万元，占81.46%；项目支出63.89万元，占18.54%" in text
    for item in report.income.items + report.expenditure.items:
        assert f"{item.name}{item.amount}{report.department.unit}，占{item.share}%" in text


def test_seed_html_shows_the_findings(seed_page):
    text = seed_page.text
    assert "“经营收入”列示了2次" in text and "“其他收入”列示了2次" in text
    assert "有声明、无依据" in text
    assert "复核提示（警告，DUP-001）" in text and "复核提示（警告，CLM-002）" in text
    assert "DUP-001" in text and "CLM-002" in text


def test_seed_html_is_chinese(seed_page):
    assert seed_page.lang == "zh"
    assert re.search(r'<html[^>]*\blang="zh"', seed_page.html)


def test_seed_html_loads_nothing_from_outside(seed_page):
    assert seed_page.resources, "the parser saw no resource attribute at all"
    assert seed_page.outside_loads() == []
    assert not [s for s in seed_page.scripts if re.search(r"""(?:src|import\()\s*=?\s*['"]?(?:https?:)?//""", s)]


def test_seed_html_embeds_its_images(seed_page):
    assert seed_page.images, "no image in the report"
    for src in seed_page.images:
        assert src.startswith("data:image/svg+xml;base64,"), src[:80]
        assert base64.b64decode(src.split(",", 1)[1]).startswith(b"<svg ")


def test_seed_html_hides_inputs_and_prompts(seed_page):
    assert not PROMPT.search(seed_page.text), PROMPT.search(seed_page.text)
    for bit in SOURCE_BITS:
        assert bit not in seed_page.html, f"source code in the report: {bit!r}"
    assert "jp-InputArea-editor" not in re.sub(r"<style.*?</style>", "", seed_page.html, flags=re.S)


def test_seed_html_shows_parameters_as_a_readable_table(seed_page):
    copy = "inputs/params/luquan-cac-2022.yaml"  # the copy in the output folder, by its place there
    assert seed_page.params_rows == [("params_path", copy)]
    assert seed_page.text.count(copy) == 1  # shown once, as plain text
    assert "\\u" not in seed_page.text


def test_seed_pdf_states_the_department_and_findings(seed_run: SeedRun):
    text = squeeze(pdftotext(seed_run.path("pdf")))
    assert squeeze(LUQUAN_NAME) in text
    for needle in ("DUP-001", "CLM-002", "有声明、无依据", "“经营收入”列示了2次", "344.64万元", "占81.46%"):
        assert needle in text, needle
    assert "（合计344.64万元）" in text and "280.75（81.46%）" in text  # the chart's labels are text, not pixels


def test_seed_pdf_findings_table_keeps_ids_severities_and_results_whole(seed_run: SeedRun):
    text = pdftotext(seed_run.path("pdf"))
    table = text[text.index("附：检查结果"):]
    assert "DUP-001" in table and "不通过" in table
    assert not re.search(r"\b[A-Z]{3}-\s", table), "a check id broken across lines (SUM-/001)"
    assert not re.search(r"(^|\s)(错|警|提|不通|不)(\s|$)", table), "a severity or result broken across lines"
    # a place in the report's own terms, its key path kept below it
    assert "本年收入 第" in table and "income.items[" in table


def test_seed_pdf_first_page_renders_as_a4(seed_run: SeedRun, tmp_path):
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(seed_run.path("pdf")),
                    str(tmp_path / "page")], check=True, capture_output=True, timeout=60)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    data = pages[0].read_bytes()
    width, height = png_size(data)
    assert (abs(width - 413) <= 2, abs(height - 585) <= 2) == (True, True), (width, height)  # A4 at 50 dpi
    assert len(data) > 5000, "page 1 looks blank"
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(pages[0], ARTIFACTS / "luquan-page1.png")
    assert (ARTIFACTS / "luquan-page1.png").read_bytes() == data


# ---- 4. bad input fails before any kernel starts ----

BAD_FILES = [(BAD / name).relative_to(ROOT) for name in
             ("amount_not_a_number.yaml", "several_problems.yaml", "invalid_yaml.yaml", "alias_bomb.yaml")]


def test_bad_input_fails_like_check_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    run = selfeval_cli("run", *BAD_FILES, "--out", out)  # one process, several bad files: none may start a kernel
    check = selfeval_cli("check", *BAD_FILES)
    assert check.returncode == 2
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""
    for bad in BAD_FILES:
        said_by_check = [line for line in check.stderr.splitlines() if line.startswith(f"{bad}:")]
        said_by_run = [line for line in run.stderr.splitlines() if line.startswith(f"{bad}:")]
        assert said_by_check, f"check said nothing about {bad}"
        assert said_by_run == said_by_check
    assert run.stderr == check.stderr
    assert listing(out) == []


# ---- 5. a cell that raises ----

@pytest.fixture(scope="module")
def raising_run(tmp_path_factory) -> SeedRun:
    out = tmp_path_factory.mktemp("raising") / "out"
    proc = selfeval_cli("run", SEED_ARG, "--out", out, "--notebook", RAISING.relative_to(ROOT))
    return SeedRun(proc, out)


def test_raising_cell_fails_the_run(raising_run: SeedRun):
    proc = raising_run.proc
    assert proc.returncode not in (0, 1, 2), proc.returncode  # a run failure, not findings or bad input
    assert "Traceback" not in proc.stderr, proc.stderr
    assert str(SEED_ARG) in proc.stderr
    assert "RuntimeError" in proc.stderr and "planted failure" in proc.stderr


def test_raising_cell_is_named_and_found_in_the_written_notebook(raising_run: SeedRun):
    nb = nbformat.read(raising_run.path("ipynb"), as_version=4)
    errors = [(i, out) for i, out in outputs(nb) if out.output_type == "error"]
    assert len(errors) == 1  # the error is visible in the kept notebook
    index, error = errors[0]
    assert (error.ename, error.evalue) == ("RuntimeError", "planted failure")
    assert 'raise RuntimeError("planted failure")' in nb.cells[index].source
    named = re.search(r"\bcell (\d+)\b|第 (\d+) 个单元格", raising_run.proc.stderr)
    assert named, f"no cell named: {raising_run.proc.stderr}"
    # papermill adds markdown banners to a failed notebook, so accept any honest way of counting to it:
    # among all cells or among code cells (0- or 1-based), or its execution count
    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    ways = {index, index + 1, code.index(index), code.index(index) + 1, nb.cells[index].execution_count}
    assert int(named.group(1) or named.group(2)) in ways, (named.group(0), ways)


def test_raising_cell_keeps_the_notebook_only(raising_run: SeedRun):
    # no .html, no .pdf, no temporary file; the inputs and the manifest record the failed run
    assert listing(raising_run.out) == ["inputs", "luquan-cac.ipynb", "manifest.json", "manifest.sha256"]
    assert str(raising_run.path("ipynb")) in raising_run.proc.stderr  # says what it kept


# ---- 6. no Chromium: the HTML all the same, no PDF, and why ----

@pytest.fixture(scope="module")
def chromeless_run(tmp_path_factory) -> SeedRun:
    out = tmp_path_factory.mktemp("no-chromium") / "out"
    proc = selfeval_cli("run", SEED_ARG, "--out", out, env=env_with(SELFEVAL_CHROMIUM="/nonexistent/chromium"))
    return SeedRun(proc, out)


def test_missing_chromium_skips_the_pdf_and_says_why(chromeless_run: SeedRun):
    proc = chromeless_run.proc
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Chromium" in proc.stderr and "PDF" in proc.stderr, proc.stderr
    assert str(SEED_ARG) in proc.stderr
    assert listing(chromeless_run.out) == ["inputs", "luquan-cac.html", "luquan-cac.ipynb", "manifest.json",
                                           "manifest.sha256"]


def test_missing_chromium_still_writes_a_whole_report(chromeless_run: SeedRun):
    page = parse_page(chromeless_run.path("html").read_text(encoding="utf-8"))
    assert page.lang == "zh" and "收入合计344.64万元" in page.text and page.html.rstrip().endswith("</html>")
    assert problems(nbformat.read(chromeless_run.path("ipynb"), as_version=4)) == []


# ---- 8. injection end to end ----

SCRIPT = "<script>alert(1)</script>"
MARKDOWN = "*a*_b_[x](http://e)"
HOSTILE_YAML = """\
department: {name: "<script>alert(1)</script>", code: inject-test, year: 2022}
income:
  total: 100.00
  items:
    - {name: 财政拨款收入, amount: 100.00, share: 100}
    - {name: "*a*_b_[x](http://e)", amount: 0, share: 0}
expenditure:
  total: 100.00
  items:
    - {name: 基本支出, amount: 100.00, share: 100}
"""


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> SeedRun:
    base = tmp_path_factory.mktemp("inject")
    params = base / "inject.yaml"
    params.write_text(HOSTILE_YAML, encoding="utf-8")
    report = selfeval.load(params)
    assert (report.department.name, report.income.items[1].name) == (SCRIPT, MARKDOWN)
    proc = selfeval_cli("run", params, "--out", base / "out")
    return SeedRun(proc, base / "out", code="inject-test")


def test_injected_department_name_is_escaped_in_the_html(hostile_run: SeedRun):
    assert hostile_run.proc.returncode == 0, hostile_run.proc.stderr
    html = hostile_run.path("html").read_text(encoding="utf-8")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = parse_page(html)
    assert not [s for s in page.scripts if "alert(1)" in s]
    assert SCRIPT in page.text  # shown to the reader as text


def test_injected_department_name_is_printed_as_text_in_the_pdf(hostile_run: SeedRun):
    assert hostile_run.proc.returncode == 0, hostile_run.proc.stderr
    assert SCRIPT in squeeze(pdftotext(hostile_run.path("pdf")))


def test_injected_item_name_stays_text_in_the_html(hostile_run: SeedRun):
    page = parse_page(hostile_run.path("html").read_text(encoding="utf-8"))
    assert "<em>a</em>" not in page.html
    assert [href for href in page.links if not href.startswith("#")] == [], "a link made from data"
    assert f"{MARKDOWN}0万元，占0%" in page.text


def test_run_on_a_workbook_failed_with_not_utf8_now_runs_the_department_asked(tmp_path):
    from selfeval.excel import write_workbook  # noqa: PLC0415

    book = write_workbook([selfeval.load(p) for p in PARAMS[:2]], tmp_path / "departments.xlsx")
    wanted = selfeval.load(PARAMS[1]).department.code
    proc = selfeval_cli("run", book, "--department", wanted, "-o", tmp_path / "out")
    assert proc.returncode == 0 and "not UTF-8" not in proc.stderr, proc.stderr
    assert f"{wanted}: ipynb:" in proc.stdout and f"{wanted}: html:" in proc.stdout
    assert not list((tmp_path / "out").glob(f"{selfeval.load(PARAMS[0]).department.code}.*"))
    assert (tmp_path / "out" / "inputs" / "workbooks" / "departments.xlsx").is_file()
