"""Reading files: encodings detected, .docx paragraphs and tables, and every bad input a clear exit 2."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pytest

from selfeval.errors import InputError
from selfeval.extract import extract_file
from selfeval.extract.audit import audit_file
from selfeval.extract.reading import read_lines

from .conftest import OWN, run_cli, run_module

SENTENCE = "本年收入合计100.00万元，其中：财政拨款收入100.00万元，占100%。\n"


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""),
                                              ("gbk", b""), ("utf-16", b"")])
def test_encodings_are_detected(tmp_path, encoding, prefix):
    path = tmp_path / "r.txt"
    path.write_bytes(prefix + SENTENCE.encode(encoding))
    ex = extract_file(path)
    assert ex.get("income.total") == 100
    assert [i.name for i in ex.sections["income"].items] == ["财政拨款收入"]


def test_traditional_text_in_gb18030_reads_like_simplified(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("本年收入合計100.00萬元，其中：財政撥款收入100.00萬元，佔100%。".encode("gb18030"))
    ex = extract_file(path)
    assert ex.get("income.total") == 100
    assert ex.sections["income"].items[0].name == "财政拨款收入"
    assert ex.sections["income"].items[0].share == 100


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("示例县统计局2023年度整体支出绩效自评报告")
    document.add_paragraph("单位名称：示例县统计局")
    document.add_paragraph("本年收入合计200.00万元，其中：财政拨款收入200.00万元，占100%。")
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate([("支出项目", "金额", "占比"), ("基本支出", "150.00", "75.00%"),
                             ("项目支出", "50.00", "25.00%"), ("本年支出合计", "200.00", "100%")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)
    return path


def test_docx_paragraphs_and_table_cells_are_read_with_their_locations(tmp_path):
    ex = extract_file(_docx(tmp_path / "统计局.docx"))
    assert ex.get("department.name") == "示例县统计局" and ex.get("department.year") == 2023
    assert ex.get("income.total") == 200 and ex.get("expenditure.total") == 200
    lines = ex.sections["expenditure"].items
    assert [(i.name, str(i.amount), str(i.share)) for i in lines] == [("基本支出", "150.00", "75.00"),
                                                                      ("项目支出", "50.00", "25.00")]
    assert lines[0].source.where == "table 1, row 2"
    assert ex.values["income.total"][1].where == "paragraph 3"
    assert ex.code.startswith("report-")  # a Chinese file name leaves nothing of a-z0-9: a stable hash


def test_merged_docx_cells_are_read_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并"
    table.cell(0, 2).text = "末列"
    document.save(tmp_path / "m.docx")
    assert [line.text for line in read_lines(tmp_path / "m.docx")] == ["合并 | 末列"]


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    junk = tmp / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    noisy = tmp / "noisy.txt"
    noisy.write_bytes(os.urandom(4000).replace(b"\x00", b"\x01"))
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp / "blank.md"
    blank.write_text("\n   \n\t\n", encoding="utf-8")
    big = tmp / "big.txt"
    big.write_bytes(SENTENCE.encode("utf-8") * (20_000_000 // len(SENTENCE.encode("utf-8")) + 1))
    fake = tmp / "fake.docx"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8\xff not a word document")
    not_zip = tmp / "plain.docx"
    not_zip.write_text("我只是文本", encoding="utf-8")
    zipped_txt = tmp / "archive.txt"
    zipped_txt.write_bytes(fake.read_bytes())
    pdf = tmp / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    return {"junk": junk, "noisy": noisy, "empty": empty, "blank": blank, "big": big, "fake": fake,
            "not_zip": not_zip, "zipped_txt": zipped_txt, "pdf": pdf, "missing": tmp / "nowhere.txt",
            "folder": tmp}


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    return _bad_inputs(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("kind, says", [
    ("junk", "二进制数据"), ("noisy", "二进制数据"), ("empty", "文件是空的"), ("blank", "文件是空的"),
    ("big", "超出报告的上限"), ("fake", "不是可读取的 Word .docx"), ("not_zip", "不是可读取的 Word .docx"),
    ("zipped_txt", "zip 压缩文件"), ("pdf", "PDF"), ("missing", "无法读取该文件"), ("folder", "不是文件")])
def test_bad_input_raises_one_input_error_naming_the_file(bad, kind, says):
    with pytest.raises(InputError) as caught:
        read_lines(bad[kind])
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].file == str(bad[kind])
    assert says in str(caught.value)


@pytest.mark.parametrize("command", ["extract", "audit"])
@pytest.mark.parametrize("kind", ["junk", "empty", "big", "fake"])
def test_bad_input_exits_2_with_the_file_named_and_no_traceback(bad, command, kind):
    proc = run_module(command, bad[kind])
    assert proc.returncode == 2
    assert str(bad[kind]) in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_audit_goes_on_past_a_bad_file_and_still_exits_2(bad, capsys):
    code, out, err = run_cli(capsys, "audit", bad["junk"], OWN / "pair_totals.txt")
    assert code == 2
    assert "示例区文化馆" in out and str(bad["junk"]) in err


ALPHABET = "收入支出合计总计其中占万元亿元项目等个、，,。;：:（）()|%0123456789. xX得分等级优秀均≥整体为\n"


@pytest.mark.parametrize("seed", range(5))
def test_random_report_like_text_never_crashes(tmp_path, seed):
    import random  # noqa: PLC0415

    rng = random.Random(seed)
    path = tmp_path / "fuzz.txt"
    path.write_text("".join(rng.choice(ALPHABET) for _ in range(20_000)), encoding="utf-8")
    audit = audit_file(path)  # any figures it happens to find are checked; nothing raises
    assert all(f.check for f in audit.findings)


def test_a_sentence_broken_by_a_pdftotext_page_break_reads_on(tmp_path):
    """pdftotext ends a page with its number and a form feed; the sentence goes on on the next page."""
    path = tmp_path / "r.txt"
    path.write_text("某县示例局2022年度部门决算说明\n本年收入合计1,000.00万元，其中：财政拨款收入900.00万元，占90.00%；上级补助"
                    "\n\n- 2 -\n\f收入50.00万元，占5.00%；其他收入50.00万元，占5.00%。\n第三行\n", encoding="utf-8")
    lines = read_lines(path)
    assert [line.where for line in lines][-2:] == ["line 5", "line 6"]  # lines counted as an editor counts them
    ex = extract_file(path)
    assert [i.name for i in ex.sections["income"].items] == ["财政拨款收入", "上级补助收入", "其他收入"]
