"""selfeval batch over published reports beside a params file and a workbook (issue 13).

The reports are the project's own fixtures (tests/data/reports/*.txt) made into each kind here: the PDF
printed by the project's Chromium printer (selfeval.pdf.Printer, a real text layer), the DOCX written by
python-docx, the HTML as a page. One batch runs once for the module; every test reads its folder.
"""
from __future__ import annotations

import base64
import html
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pypdfium2
import pytest
from PIL import Image

import selfeval
from selfeval.dump import report_to_data
from selfeval.evidence import verify
from selfeval.excel import write_workbook
from selfeval.pdf import Printer
from tests.conftest import DATA, ROOT, selfeval_cli

REPORTS = DATA / "reports"
PAGE_CSS = "body{font-family:'Noto Serif CJK SC',serif;font-size:12pt;margin:2cm}"
# file made → the fixture it is made from; its department code is derived from the file name
MADE = {"meteo.pdf": "defects.txt", "songling.docx": "seed_like.txt", "grand.html": "whole_report_grand_first.txt",
        "pairs.txt": "pair_totals.txt", "blank-form.txt": "template.txt"}
REPORT_CODES = ("meteo", "songling", "grand", "pairs")


def page(text: str) -> str:
    """A report's text as a web page: one paragraph a line."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{PAGE_CSS}</style></head><body>{body}</body></html>"


def make_docx(text: str, path: Path) -> None:
    """A report's text as a Word file: one paragraph a line."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(path)


def make_inputs(folder: Path) -> Path:
    """The batch's input folder: a report of each kind, a blank form twice, an unreadable PDF, a params file and
    a workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {name: (REPORTS / source).read_text(encoding="utf-8") for name, source in MADE.items()}
    with Printer() as printer:
        (folder / "meteo.pdf").write_bytes(printer.pdf(page(texts["meteo.pdf"])))
    make_docx(texts["songling.docx"], folder / "songling.docx")
    (folder / "grand.html").write_text(page(texts["grand.html"]), encoding="utf-8")
    for name in ("pairs.txt", "blank-form.txt"):
        (folder / name).write_text(texts[name], encoding="utf-8")
    make_docx(texts["blank-form.txt"], folder / "blank-form.docx")  # the same name, so the same department code
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF body\n")
    shutil.copy(ROOT / "params" / "luquan-cac-2022.yaml", folder)
    write_workbook([selfeval.load(ROOT / "params" / "sample-water-2023.yaml")], folder / "departments.xlsx")
    return folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One batch over the folder: the CLI's result, the output folder, each department's status record, the inputs."""
    src = make_inputs(tmp_path_factory.mktemp("reports") / "in")
    out = tmp_path_factory.mktemp("out")
    proc = selfeval_cli("batch", str(src), "--out", str(out), "--workers", "2", timeout=900)
    records = {r["id"]: r for r in (json.loads(p.read_text(encoding="utf-8")) for p in (out / "status").glob("*.json"))}
    return proc, out, records, src


def test_every_input_is_a_department_with_a_report(batch):
    proc, out, records, _ = batch
    assert "Traceback" not in proc.stderr
    for code in REPORT_CODES + ("luquan-cac",):
        assert (out / f"{code}.html").stat().st_size > 0, (code, proc.stderr)
        assert (out / f"{code}.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "sample-water.html").is_file()
    for code in REPORT_CODES:
        assert records[code]["status"] in ("ok", "findings"), records[code]
        assert records[code]["extraction"]["complete"] is True


def test_the_original_documents_and_their_params_are_kept_and_verified(batch):
    proc, out, _, _ = batch
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kinds = {row["path"]: row["kind"] for row in manifest["inputs"]}
    hashed = {row["path"] for row in manifest["files"]}
    for name in ("meteo.pdf", "songling.docx", "grand.html", "pairs.txt"):
        assert kinds[f"inputs/reports/{name}"] == "report" and f"inputs/reports/{name}" in hashed
    for code in REPORT_CODES:
        assert kinds[f"inputs/{code}.yaml"] == "extracted" and kinds[f"inputs/{code}.sources.json"] == "sources"
        assert "# source:" in (out / "inputs" / f"{code}.yaml").read_text(encoding="utf-8")
    origins = {d["code"]: d.get("origin", {}) for d in manifest["departments"]}
    assert origins["meteo"]["report"] == "inputs/reports/meteo.pdf"
    check = verify(out)
    assert check.ok, check
    assert selfeval_cli("verify", str(out)).returncode == 0


def _table(page_html: str, caption: str) -> list[list[str]]:
    """The rows of the table after a heading, each cell's text."""
    start = page_html.index(caption)
    table = page_html[page_html.index("<tbody>", start):page_html.index("</tbody>", start)]
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]


def _numbers(data: object, path: str = "") -> list[str]:
    """The key path of every number in a params mapping."""
    if isinstance(data, dict):
        return [k for key, value in data.items() for k in _numbers(value, f"{path}.{key}" if path else key)]
    if isinstance(data, list):
        return [k for i, value in enumerate(data) for k in _numbers(value, f"{path}[{i}]")]
    return [path] if isinstance(data, (Decimal, int)) and not isinstance(data, bool) else []


def test_every_figure_of_a_report_has_its_source(batch):
    _, out, _, _ = batch
    for code in REPORT_CODES:
        side = json.loads((out / "inputs" / f"{code}.sources.json").read_text(encoding="utf-8"))
        rows = _table((out / f"{code}.html").read_text(encoding="utf-8"), "<h3>来源</h3>")
        assert len(rows) == side["figures_read"] > 0
        checked = report_to_data(selfeval.load(out / "inputs" / f"{code}.yaml"))
        # the figure's name in the report's terms, then its key path (a small second line in the page)
        keys = [re.search(r"[a-z][\w.\[\]]*$", row[0])[0] for row in rows]
        assert all(re.match(r"[\u4e00-\u9fff]", row[0]) for row in rows), code
        assert set(_numbers(checked)) <= set(keys), code
        for key, (_, value, where, words) in zip(keys, rows):
            assert where and words, (code, key)
            assert side["sources"][key]["snippet"] == words
        pdf_rows = [where for _, _, where, _ in rows] if code == "meteo" else []
        assert all(re.match(r"第\d+页 第\d+行", where) for where in pdf_rows), pdf_rows


def test_a_failing_finding_of_the_pdf_shows_its_page_with_the_figures_boxed(batch):
    _, out, _, _ = batch
    page_html = (out / "meteo.html").read_text(encoding="utf-8")
    images = [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]+>", page_html)]
    crops = [i for i in images if re.match(r"第\d+页 SUM-001", i.get("alt", ""))]
    assert crops, "no crop for the failing sum"
    alt, data = html.unescape(crops[0]["alt"]), crops[0]["src"].removeprefix("data:image/png;base64,")
    number = re.match(r"第(\d+)页", alt).group(1)
    assert "本年收入合计300.00万元" in alt
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
    colours = image.getcolors(image.width * image.height)
    red = sum(n for n, (r, g, b) in colours if r > 180 and g < 80 and b < 80)
    assert red > 200, "the figures are not boxed"
    pages = len(pypdfium2.PdfDocument(str(out / "inputs" / "reports" / "meteo.pdf")))
    assert 1 <= int(number) <= pages and image.width > image.height


def test_every_figure_table_of_a_report_has_a_source_column_and_a_params_input_none(batch):
    _, out, _, _ = batch
    for code, place in (("meteo", r"第1页 第\d+行「"), ("songling", r"第\d+段「")):
        page_html = (out / f"{code}.html").read_text(encoding="utf-8")
        for caption in ("<h3>本年收入明细</h3>", "<h3>本年支出明细</h3>"):
            start = page_html.index(caption)
            head = page_html[start:page_html.index("</thead>", start)]
            rows = _table(page_html, caption)
            assert "<th>来源</th>" in head and rows, (code, caption)
            assert all(re.match(place, row[-1]) for row in rows), (code, rows)
    typed = (out / "luquan-cac.html").read_text(encoding="utf-8")
    start = typed.index("<h3>本年收入明细</h3>")
    assert "来源" not in typed[start:typed.index("</table>", start)]  # typed figures: no document to point into


def test_a_failing_text_check_of_the_pdf_quotes_its_words_and_boxes_them(batch):
    _, out, _, _ = batch
    page_html = html.unescape((out / "meteo.html").read_text(encoding="utf-8"))
    failing = page_html[page_html.index("未通过的核对及其原文"):]
    assert re.search(r"TXT-002 [^<]*</h4><ul><li>第1页 第\d+行「[^」]+」</li>", failing), "no quote for TXT-002"
    assert re.search(r'alt="第1页 TXT-002：', failing), "no crop for TXT-002"


def test_the_index_shows_how_much_of_each_report_was_read(batch):
    _, out, records, _ = batch
    index = html.unescape(re.sub(r"<[^>]+>", " ", (out / "index.html").read_text(encoding="utf-8")))
    assert "读取" in index
    for code in REPORT_CODES:
        assert "完整（" in index and f"读出{records[code]['extraction']['read']}个数字" in index


def test_a_report_nothing_could_be_read_from_is_incomplete_not_passing(batch):
    proc, out, records, _ = batch
    blank = records["blank-form"]
    assert blank["status"] == "incomplete" and blank["extraction"]["read"] == 0
    assert blank["extraction"]["unchecked"] > 0
    rows = re.findall(r"<tr class=\"(\w+)\">(.*?)</tr>", (out / "index.html").read_text(encoding="utf-8"), re.S)
    row = next(r for r in rows if "inputs/blank-form.yaml" in r[1])
    assert row[0] == "incomplete"
    text = html.unescape(re.sub(r"<[^>]+>", " ", row[1]))
    assert "不完整" in text and "通过" not in text and "缺单位名称" in text


def test_a_second_report_of_the_same_name_fails_naming_both(batch):
    _, out, records, _ = batch
    rows = [r for r in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["departments"]
            if "blank-form" in r["parameters"]["params_path"]]
    assert sorted(r["status"] for r in rows) == ["failed", "incomplete"]
    reason = next(r["reason"] for r in rows if r["status"] == "failed")
    assert "blank-form.docx" in reason and "blank-form.txt" in reason and "文件名" in reason


def test_an_unreadable_report_fails_with_its_reason_and_spoils_no_other(batch):
    proc, out, records, _ = batch
    broken = records["broken.pdf"]
    assert broken["status"] == "failed" and "无法从此报告读出文字" in broken["reason"]
    assert proc.returncode == 3
    assert "broken.pdf" in proc.stderr


def test_a_resumed_batch_reads_the_reports_again_and_redoes_none_of_them(batch):
    _, out, _, src = batch  # last: it runs the batch again into the shared folder
    before = {code: (out / "status" / f"{code}.json").read_bytes() for code in REPORT_CODES}
    proc = selfeval_cli("batch", str(src), "--out", str(out), "--workers", "2", "--resume", timeout=600)
    assert "Traceback" not in proc.stderr
    assert {code: (out / "status" / f"{code}.json").read_bytes() for code in REPORT_CODES} == before
    assert verify(out).ok
