"""Reading .pdf and .html reports: lines with their places, ruled tables as rows, scans and bad files refused.

The test files are made here from invented text: PDFs are printed from HTML by the project's own
Chromium printer (selfeval/pdf.py), so their text layer is a real one, as a published report has.
"""
from __future__ import annotations

import base64
import codecs
import io
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from selfeval.errors import InputError
from selfeval.extract import extract_file, to_report
from selfeval.extract import pdftext, reading
from selfeval.extract.reading import RawLine, read_lines
from selfeval.model import Execution

from .conftest import run_module

TITLE = "示例市青松区档案馆2023年度部门整体支出绩效自评报告"
PARAGRAPHS = [
    TITLE,
    "单位名称：示例市青松区档案馆",
    "一、部门收支情况",
    "本年收入合计512.40万元，其中：财政拨款收入486.10万元，占94.87%；其他收入26.30万元，占5.13%。",
    "本年支出合计498.75万元，其中：基本支出371.25万元，占74.44%；项目支出127.50万元，占25.56%。",
    "二、项目支出情况",
    "本年度共实施2个项目，分别是档案数字化加工、馆藏档案修复保护。",
]
ROWS = [("项目名称", "预算数（万元）", "执行数（万元）", "自评得分", "评价等级"),
        ("档案数字化加工", "80.00", "78.40", "93.5", "优"),
        ("馆藏档案修复保护", "47.50", "46.20", "88", "良")]
CSS = ("body{font-family:'Noto Serif CJK SC',serif;font-size:12pt} table{border-collapse:collapse}"
       " td,th{border:1px solid #000;padding:3px 8px;font-weight:normal}")


def _html(body: str) -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{CSS}</style></head><body>{body}</body></html>"


def _table_html(rows: list[tuple[str, ...]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


def report_html() -> str:
    """The invented report as a web page: paragraphs, then its ruled project table."""
    return _html("".join(f"<p>{p}</p>" for p in PARAGRAPHS) + _table_html(ROWS) + "<p>以上为项目支出情况。</p>")


def report_txt() -> str:
    return "\n".join(PARAGRAPHS) + "\n\n" + "\n".join(" | ".join(r) for r in ROWS) + "\n\n以上为项目支出情况。\n"


def report_docx(path: Path) -> Path:
    document = docx.Document()
    for p in PARAGRAPHS:
        document.add_paragraph(p)
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("以上为项目支出情况。")
    document.save(path)
    return path


def long_html(pages: int = 50) -> str:
    """A report of `pages` pages, each ending with its page number, a ruled table on every tenth."""
    sentence = ("第{n}部分围绕年度绩效目标推进档案接收、整理、保管和利用工作，本部分涉及支出{n}.25万元，"
                "各项任务均按计划完成，服务对象满意度保持较高水平。")
    sections = []
    for n in range(1, pages + 1):
        body = "".join(f"<p>{sentence.format(n=n)}</p>" for _ in range(7))
        if n % 10 == 0:
            body += _table_html([("科目", "金额"), ("基本支出", f"{n}.10"), ("项目支出", f"{n}.20")])
        brk = "page-break-after:always" if n < pages else ""
        sections.append(f"<section style='{brk}'>{body}<p>- {n} -</p></section>")
    return _html("".join(sections))


def score_table_html(rows: int = 40) -> str:
    """A score table too long for one page: its money block in one table, its indicator rows in a second one whose
    header the printer repeats on the next page."""
    head = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
    body = [("产出指标", "数量指标", f"工作量指标{i}", f"≥{i * 10}件", f"{i * 10 + 1}件", "2", "2") for i in range(1, rows + 1)]
    body += [("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10"), ("合计", "", "", "", "", "100", "99")]
    money = [("项目名称", "网格化管理服务项目", "", "", "", "", ""),
             ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
             ("年度资金总额", "100.00", "100.00", "100.00", "10", "100%", "10")]
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in body)
    return _html("<p>2023年度项目支出绩效自评表</p>" + _table_html(money) + "<table><thead><tr>"
                 + "".join(f"<td>{c}</td>" for c in head) + f"</tr></thead><tbody>{cells}</tbody></table>")


def unruled_html() -> str:
    """The invented 收入支出决算总表 as a table printed without ruling lines: only spaces part its cells."""
    rows = [("项目", "行次", "金额", "项目", "行次", "金额"),
            ("一般公共预算财政拨款收入", "1", "820.50", "一般公共服务支出", "32", "610.20"),
            ("事业收入", "4", "39.50", "卫生健康支出", "34", "249.80"),
            ("本年收入合计", "8", "860.00", "本年支出合计", "36", "860.00"),
            ("年初结转和结余", "9", "20.00", "年末结转和结余", "37", "20.00"),
            ("总计", "10", "880.00", "总计", "38", "880.00")]
    cells = "".join("<tr>" + "".join(f"<td style='border:none;padding:2px 14px'>{c}</td>" for c in row) + "</tr>"
                    for row in rows)
    return _html(f"<p>{TITLE}</p><p>收入支出决算总表</p><p>单位：万元</p><table>{cells}</table>")


def scan_html() -> str:
    """A page holding only a picture of text, as a scanner makes it."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 560, 90), fill="black")
    data = io.BytesIO()
    image.save(data, format="PNG")
    return _html(f"<img src='data:image/png;base64,{base64.b64encode(data.getvalue()).decode()}'>")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test PDFs, printed once for the module."""
    from selfeval.pdf import ChromiumNotFound, Printer  # noqa: PLC0415

    folder = tmp_path_factory.mktemp("pdfs")
    try:
        printer = Printer()
    except ChromiumNotFound:
        pytest.fail("no Chromium to print test PDFs with: run scripts/setup.sh")
    made = {}
    with printer:
        for name, html in (("report", report_html()), ("long", long_html()), ("scan", scan_html()),
                           ("score", score_table_html()), ("unruled", unruled_html())):
            made[name] = folder / f"{name}.pdf"
            made[name].write_bytes(printer.pdf(html))
    return made


def figures(path: Path) -> dict[str, object]:
    """What extraction found, without where it was found."""
    ex = extract_file(path)
    return {"values": {k: v for k, (v, _) in ex.values.items()},
            "sections": {k: [(i.name, i.amount, i.share) for i in s.items] for k, s in ex.sections.items()},
            "projects": [{k: v for k, (v, _) in p.items()} for p in ex.projects]}


def test_the_same_report_gives_the_same_figures_as_txt_pdf_docx_and_html(tmp_path, pdfs):
    txt = tmp_path / "档案馆.txt"
    txt.write_text(report_txt(), encoding="utf-8")
    html = tmp_path / "档案馆.html"
    html.write_text(report_html(), encoding="utf-8")
    expected = figures(txt)
    assert expected["values"]["income.total"] == Decimal("512.40")
    assert expected["sections"]["expenditure"] == [("基本支出", Decimal("371.25"), Decimal("74.44")),
                                                   ("项目支出", Decimal("127.50"), Decimal("25.56"))]
    assert [p["score"] for p in expected["projects"]] == [Decimal("93.5"), Decimal("88")]
    for other in (pdfs["report"], report_docx(tmp_path / "档案馆.docx"), html):
        assert figures(other) == expected, other.suffix


def test_a_score_table_over_two_pages_and_two_tables_is_one_project_s_table(tmp_path, pdfs):
    html = tmp_path / "score.html"
    html.write_text(score_table_html(), encoding="utf-8")
    lines = read_lines(pdfs["score"])
    assert max(line.box.page for line in lines if line.box) == 2  # the table goes on over the page
    for path in (pdfs["score"], html):
        (project,) = to_report(extract_file(path))[0].projects
        assert project.name == "网格化管理服务项目" and project.execution == Execution(Decimal("10"), Decimal("10"))
        assert len(project.indicators) == 42 and project.indicators[-1].score == Decimal("99"), path.suffix
        assert [i.name for i in project.indicators[39:41]] == ["工作量指标40", "群众满意度"]


def test_a_final_accounts_table_printed_without_ruling_lines_is_read_cell_by_cell(pdfs):
    assert not any(line.cells for line in read_lines(pdfs["unruled"]))  # no table found: lines of text
    report = to_report(extract_file(pdfs["unruled"]))[0]
    assert (report.income.total, report.income.grand_total, report.expenditure.total) == (
        Decimal("860.00"), Decimal("880.00"), Decimal("860.00"))
    assert [i.amount for i in report.expenditure.items] == [Decimal("610.20"), Decimal("249.80")]
    assert (report.carryover.opening, report.carryover.closing) == (Decimal("20.00"), Decimal("20.00"))


def test_pdf_lines_are_placed_by_page_and_line_and_keep_their_boxes(pdfs):
    lines = [line for line in read_lines(pdfs["report"]) if not line.cells]
    assert lines[0].where == "page 1, line 1" and lines[0].text.startswith("示例市青松区档案馆")
    assert all(line.where.startswith("page 1, line ") for line in lines if line.text)
    for line in (line for line in lines if line.text):
        assert line.box is not None and line.box.page == 1
        assert len(line.box.chars) == len(line.text)
        x0, top, x1, bottom = line.box.bbox
        assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 843  # A4 in points


def test_a_figure_can_be_boxed_on_its_page(pdfs):
    ex = extract_file(pdfs["report"])
    total, source = ex.values["income.total"]
    line = next(line for line in read_lines(pdfs["report"]) if line.where == source.where)
    start = line.text.index("512.40")
    boxes = line.box.chars[start:start + len("512.40")]
    x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
    assert line.box.bbox[0] <= x0 < x1 <= line.box.bbox[2]
    assert all(b[0] <= c[0] for b, c in zip(boxes, boxes[1:]))  # left to right, as printed


def test_a_ruled_pdf_table_becomes_rows_of_cells_not_plain_lines(pdfs):
    lines = read_lines(pdfs["report"])
    rows = [line for line in lines if line.cells]
    assert [line.text for line in rows] == [" | ".join(r) for r in ROWS]
    assert [line.where for line in rows] == [f"page 1, table 1, row {r}" for r in (1, 2, 3)]
    assert all(line.grid == (0, 1, 2, 3, 4) for line in rows)
    assert all(len(line.box.chars) == len(line.text) for line in rows)
    plain = " ".join(line.text for line in lines if not line.cells)
    assert "档案数字化加工 " not in plain and "78.40" not in plain and "93.5" not in plain
    assert lines[lines.index(rows[0]) - 1].text == ""  # a blank line opens the table, as in a text file
    assert lines[-1].text == "以上为项目支出情况。"  # the text after the table comes after its rows


def test_table_cells_are_the_ones_pdfplumber_finds_itself(pdfs):
    import pdfplumber  # noqa: PLC0415
    import pypdfium2 as pdfium  # noqa: PLC0415

    from selfeval.extract.pdftables import Frame, find_tables, page_edges  # noqa: PLC0415

    document = pdfium.PdfDocument(str(pdfs["report"]))
    page = document[0]
    frame = Frame(*page.get_mediabox(), 0)
    ours = find_tables(page_edges(page, frame), (0, 0, frame.right, frame.top))
    with pdfplumber.open(pdfs["report"]) as pdf:
        theirs = pdf.pages[0].find_tables()
    assert len(ours) == len(theirs) == 1
    pairs = [(a, b) for ra, rb in zip(ours[0].rows, theirs[0].rows) for a, b in zip(ra, rb.cells)]
    assert len(pairs) == 15 and all(max(abs(x - y) for x, y in zip(a, b)) < 0.01 for a, b in pairs)
    document.close()


def _pdf_bytes(objects: list[str], trailer: str = "") -> bytes:
    """A small PDF built by hand, with a correct cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PAGE = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
# The standard security handler with a user password: its /U does not match the empty password.
ENCRYPT = f"<< /Filter /Standard /V 1 /R 2 /O <{'1f' * 32}> /U <{'2e' * 32}> /P -4 >>"


def _drawn_pdf(rotate: int) -> bytes:
    """One 400 × 300 page as shown: a line of text over a ruled 2 × 2 table. With rotate=90 the page is
    stored portrait with /Rotate 90 and everything drawn turned, as scanners and page-turning tools do."""
    def at(x: float, top: float) -> tuple[float, float]:  # a point on the page as shown → page space
        return (top, x) if rotate else (x, 300 - top)

    def text(x: float, top: float, words: str) -> str:
        px, py = at(x, top)
        matrix = "0 1 -1 0" if rotate else "1 0 0 1"
        return f"BT /F1 10 Tf {matrix} {px} {py} Tm ({words}) Tj ET"

    def rule(a: tuple[float, float], b: tuple[float, float]) -> str:
        return "{} {} m {} {} l S".format(*at(*a), *at(*b))

    rules = [rule((20, t), (220, t)) for t in (60, 80, 100)] + [rule((x, 60), (x, 100)) for x in (20, 120, 220)]
    words = [text(20, 40, "Total income 512.40"), text(25, 75, "Item"), text(125, 75, "Amount"),
             text(25, 95, "Basic"), text(125, 95, "371.25")]
    stream = "\n".join(["1 w"] + rules + words)
    box, turn = ("[0 0 300 400]", "/Rotate 90") if rotate else ("[0 0 400 300]", "")
    return _pdf_bytes(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       f"<< /Type /Page /Parent 2 0 R /MediaBox {box} {turn} /Contents 4 0 R"
                       " /Resources << /Font << /F1 5 0 R >> >> >>",
                       f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
                       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def test_a_rotated_page_reads_as_shown(tmp_path):
    (tmp_path / "upright.pdf").write_bytes(_drawn_pdf(0))
    (tmp_path / "turned.pdf").write_bytes(_drawn_pdf(90))
    upright, turned = read_lines(tmp_path / "upright.pdf"), read_lines(tmp_path / "turned.pdf")
    assert [(line.text, line.where) for line in upright] == [
        ("Total income 512.40", "page 1, line 1"), ("", "page 1, table 1"),
        ("Item | Amount", "page 1, table 1, row 1"), ("Basic | 371.25", "page 1, table 1, row 2")]
    assert [(line.text, line.where) for line in turned] == [(line.text, line.where) for line in upright]
    for a, b in zip(upright, turned):
        if a.box:
            assert max(abs(u - v) for u, v in zip(a.box.bbox, b.box.bbox)) < 0.5
            assert all(max(abs(u - v) for u, v in zip(p, q)) < 0.5 for p, q in zip(a.box.chars, b.box.chars))
    assert upright[0].box.bbox[0] == pytest.approx(20, abs=1) and upright[0].box.bbox[3] == pytest.approx(40, abs=3)


def test_a_fifty_page_pdf_reads_page_by_page(pdfs):  # its time is bench/extract.py's to measure
    lines = read_lines(pdfs["long"])
    assert max(line.box.page for line in lines if line.box) == 50
    assert not any(line.text.strip().startswith("- ") for line in lines)  # page numbers are page furniture
    rows = [line for line in lines if line.cells]
    assert [line.where for line in rows[:3]] == [f"page 10, table 1, row {r}" for r in (1, 2, 3)]
    assert rows[-1].text == "项目支出 | 50.20" and len(rows) == 15
    assert next(line for line in lines if line.where == "page 37, line 1").text.startswith("第37部分")


def test_a_scan_without_a_text_layer_asks_for_ocr(pdfs):
    with pytest.raises(InputError) as caught:
        read_lines(pdfs["scan"])
    message = str(caught.value)
    assert "扫描件" in message and "没有文字层" in message and "请先做文字识别（OCR" in message
    proc = run_module("extract", pdfs["scan"])
    assert proc.returncode == 2 and "OCR" in proc.stderr and "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.parametrize("name, data, says", [
    ("locked.pdf", _pdf_bytes(PAGE + [ENCRYPT], f"/Encrypt 4 0 R /ID [<{'3d' * 16}> <{'3d' * 16}>] "),
     "PDF 已加密，需要密码才能打开"),
    ("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, "不是可读取的 PDF 文件"),
    ("blank.pdf", _pdf_bytes(PAGE), "PDF 是空的：共1页，既没有文字也没有图像"),
])
def test_a_bad_pdf_is_one_clear_input_error(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_lines(path)
    assert len(caught.value.problems) == 1 and says in str(caught.value)
    proc = run_module("extract", path)
    assert proc.returncode == 2 and str(path) in proc.stderr and "Traceback" not in proc.stderr + proc.stdout


def test_pdfs_past_the_page_or_size_limit_are_refused(pdfs, monkeypatch):
    monkeypatch.setattr(pdftext, "MAX_PAGES", 20)
    with pytest.raises(InputError, match="共50页，超出报告的上限"):
        read_lines(pdfs["long"])
    monkeypatch.setattr(reading, "MAX_PDF_BYTES", 1000)
    with pytest.raises(InputError, match="超出报告的上限"):
        read_lines(pdfs["report"])


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".xls", ".et", ".DOC"])
def test_legacy_binary_formats_are_refused_with_what_to_do(tmp_path, suffix):
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))  # an OLE2 compound file
    with pytest.raises(InputError) as caught:
        read_lines(path)
    assert "旧的二进制格式" in str(caught.value) and "请先另存为 .docx 或 .pdf" in str(caught.value)


PAGE_HTML = """<!DOCTYPE html><html><head>{meta}<title>网站首页</title><style>p {{ color: red }}</style>
<script>document.write("本年收入合计999.00万元")</script></head><body>
<header><div>政府信息公开平台</div></header><nav><a href="/">首页</a> | <a href="/x">机构</a></nav>
<div class="article"><h1>示例市青松区档案馆2023年度部门整体支出绩效自评报告</h1>
<p>本年收入合计512.40万元，其中：<b>财政拨款收入</b>486.10万元，占94.87%；<br>其他收入26.30万元，占5.13%。</p>
<div style="display: none">隐藏的本年支出合计1.00万元</div><noscript>请启用脚本</noscript>
<table><tr><th colspan="2">项目</th><th>金额</th></tr>
<tr><td rowspan="2">基本支出</td><td>人员经费</td><td>300.00</td></tr>
<tr><td>公用经费</td><td>71.25</td></tr>
<tr><td>项目支出<table><tr><td>（内表）</td></tr></table></td><td>—</td><td>127.50</td></tr></table>
<ul><li>第一条</li><li>第二条</li></ul></div>
<footer>版权所有 示例市青松区人民政府</footer></body></html>"""


def _html_lines(tmp_path: Path, data: bytes, name: str = "page.html") -> list[RawLine]:
    path = tmp_path / name
    path.write_bytes(data)
    return read_lines(path)


def test_html_drops_page_chrome_and_breaks_lines_at_blocks(tmp_path):
    lines = _html_lines(tmp_path, PAGE_HTML.format(meta="<meta charset='utf-8'>").encode("utf-8"))
    text = [line.text for line in lines if not line.cells]
    assert text == ["示例市青松区档案馆2023年度部门整体支出绩效自评报告",
                    "本年收入合计512.40万元，其中：财政拨款收入486.10万元，占94.87%；", "其他收入26.30万元，占5.13%。",
                    "", "第一条", "第二条"]
    assert [line.where for line in lines if line.text and not line.cells] == [f"line {n}" for n in range(1, 6)]
    joined = " ".join(line.text for line in lines)
    for chrome in ("999.00", "网站首页", "政府信息公开", "首页", "隐藏", "请启用", "版权所有", "color"):
        assert chrome not in joined


def test_html_table_rows_keep_merged_cells_once_at_their_grid_column(tmp_path):
    lines = _html_lines(tmp_path, PAGE_HTML.format(meta="").encode("utf-8"))
    rows = [line for line in lines if line.cells]
    assert [(line.text, line.where, line.grid) for line in rows] == [
        ("项目 | 金额", "table 1, row 1", (0, 2)),
        ("基本支出 | 人员经费 | 300.00", "table 1, row 2", (0, 1, 2)),
        ("公用经费 | 71.25", "table 1, row 3", (1, 2)),  # 基本支出 spans down into this row
        ("项目支出 （内表） | — | 127.50", "table 1, row 4", (0, 1, 2))]  # an inner table is its cell's text
    assert rows[1].cells == (0, 7, 14)


@pytest.mark.parametrize("meta, encoding, prefix", [
    ("<meta charset='gb2312'>", "gb18030", b""),
    ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gbk", b""),
    ("", "gb18030", b""),  # no charset, not UTF-8: GB18030
    ("<meta charset='gb2312'>", "utf-8", codecs.BOM_UTF8),  # a BOM outranks the meta
    ("<meta charset='no-such-codec'>", "utf-8", b""),
])
def test_html_encoding_from_bom_or_meta_charset_else_utf8_else_gb18030(tmp_path, meta, encoding, prefix):
    lines = _html_lines(tmp_path, prefix + PAGE_HTML.format(meta=meta).encode(encoding))
    assert lines[0].text == "示例市青松区档案馆2023年度部门整体支出绩效自评报告"


def test_html_without_body_text_is_empty(tmp_path):
    with pytest.raises(InputError, match="网页是空的"):
        _html_lines(tmp_path, b"<html><head><script>var a = 1;</script></head><body><nav>menu</nav></body></html>")


def test_word_paragraphs_broken_mid_sentence_are_joined_like_text_lines(tmp_path):
    document = docx.Document()
    for text in ("某县示例中心2021年度单位决算说明。", "本年收入合计100.00万元，其中：财政拨款收入90.00万元，占",
                 "90.00%；其他收入10.00万元，占10.00%。", "二、支出情况"):
        document.add_paragraph(text)
    document.save(tmp_path / "pasted.docx")
    ex = extract_file(tmp_path / "pasted.docx")
    assert [(i.name, i.share) for i in ex.sections["income"].items] == [("财政拨款收入", Decimal("90.00")),
                                                                         ("其他收入", Decimal("10.00"))]


def test_a_page_laid_out_in_a_table_reads_as_its_content(tmp_path):
    report = report_html().split("<body>", 1)[1].split("</body>", 1)[0]
    framed = _html("<table width='100%'><tr><td colspan='2'>政府信息公开 | 首页</td></tr><tr><td width='20%'>"
                   f"<a href='/'>首页</a><br><a>政务公开</a></td><td>{report}</td></tr>"
                   "<tr><td colspan='2'>主办：示例市人民政府办公室</td></tr></table>")
    plain, laid_out = tmp_path / "档案馆.html", tmp_path / "layout" / "档案馆.html"
    plain.write_text(report_html(), encoding="utf-8")
    laid_out.parent.mkdir()
    laid_out.write_text(framed, encoding="utf-8")
    assert figures(laid_out) == figures(plain)
    assert any(line.where == "table 1, row 1" and line.text.startswith("项目名称") for line in read_lines(laid_out))
