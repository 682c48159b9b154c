"""Lines the page width broke in a PDF are joined again, so a PDF reads like the text it was printed from."""
from __future__ import annotations

import html
from decimal import Decimal

import pytest

from selfeval.extract import extract_file, to_report
from selfeval.extract.reading import read_lines

ROW = ("| 项目名称 | 山区乡村道路养护示范项目 | 主管部门 | 某县交通运输局 | 实施单位 | 某县公路养护中心 | 年初预算数 | 全年预算数 | "
       "全年执行数 | 分值 | 执行率 | 得分 |")
PROSE = ("2023年度本年收入合计1,286.40万元，其中：财政拨款收入1,200.00万元，占93.28%；事业收入60.00万元，占4.66%；"
         "其他收入26.40万元，占2.05%。本年支出合计1,286.40万元，其中：基本支出900.00万元，占69.96%；项目支出386.40万元，占30.04%。")
LINES = ["某县交通运输局2023年度部门整体支出绩效自评报告", PROSE, ROW, "短的一行。"]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory):
    from selfeval.pdf import Printer  # noqa: PLC0415

    folder = tmp_path_factory.mktemp("unwrap")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in LINES)
    page = f'<html lang="zh"><body style="font-size:14pt;width:120mm">{body}</body></html>'
    with Printer() as printer:
        (folder / "r.pdf").write_bytes(printer.pdf(page))
    (folder / "r.txt").write_text("\n".join(LINES), encoding="utf-8")
    return folder


def test_each_printed_paragraph_is_one_line_again(printed):
    texts = [line.text for line in read_lines(printed / "r.pdf")]
    assert len(texts) == len(LINES)
    assert texts[1] == PROSE and texts[3] == "短的一行。"
    assert " ".join(texts[2].split()) == ROW  # the break between two cells took its space with it: put back


def test_a_joined_line_keeps_one_box_per_character(printed):
    line = read_lines(printed / "r.pdf")[1]
    assert len(line.box.chars) == len(line.text)


def test_the_pdf_gives_the_figures_of_the_text(printed):
    txt, pdf = extract_file(printed / "r.txt"), extract_file(printed / "r.pdf")
    assert {k: v for k, (v, _) in pdf.values.items()} == {k: v for k, (v, _) in txt.values.items()}
    assert [(i.name, i.amount, i.share) for i in pdf.sections["income"].items] == \
        [(i.name, i.amount, i.share) for i in txt.sections["income"].items]


def test_lines_join_by_their_simplified_words_and_a_thousands_group_goes_on_the_number(tmp_path):
    path = tmp_path / "r.txt"
    # a traditional mirror of a PDF copy: 萬元 on the next line, 報告 ending the title; a wrap before ",286.40"
    path.write_text("青禾縣水務局2022年度部門整體支出績效自評報告\n單位名稱：青禾縣水務局\n本年收入合計 1, 64\n"
                    "8.90 萬元，其中：財政撥款收入 1, 520.46 萬元，佔 92.21%；其他收入 128.44 萬元，佔 7.79%。\n"
                    "2022年度收入總計1,331.52萬元，其中：本年收入1\n,286.40萬元，年初結轉和結餘45.12萬元。\n",
                    encoding="utf-8")
    report = to_report(extract_file(path))[0]
    assert report.department.name == "青禾县水务局"
    assert (report.income.total, report.income.grand_total) == (Decimal("1648.90"), Decimal("1331.52"))
