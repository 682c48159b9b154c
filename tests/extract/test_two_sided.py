"""The 收入支出决算总表 (公开01表): income lines on the left of each row, expenditure on the right, with 行次."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import docx

from selfeval.extract import extract_file, extract_lines, to_report
from selfeval.extract.audit import audit_file
from selfeval.extract.reading import RawLine

from .conftest import OWN

TABLE = OWN / "juesuan_zongbiao.txt"


def _lines(ex, side: str) -> list[tuple[str, D]]:  # noqa: ANN001 - an Extraction
    return [(i.name, i.amount) for i in ex.sections[side].items]


def test_both_sides_totals_carry_over_and_grand_totals_are_read():
    ex = extract_file(TABLE)
    assert [ex.get(k) for k in ("income.total", "income.grand_total", "expenditure.total", "expenditure.grand_total",
                                "carryover.opening", "carryover.closing")] == [
        D("522.30"), D("530.80"), D("524.80"), D("530.80"), D("8.50"), D("6.00")]
    assert _lines(ex, "income")[0] == ("一般公共预算财政拨款收入", D("512.30"))  # its 行次 1 is no amount
    assert _lines(ex, "expenditure")[-1] == ("农林水支出", D("5.00"))  # a row with its income side empty


def test_the_table_balances_and_adds_up_under_audit():
    failing = [f for f in audit_file(TABLE).findings if f.status == "fail"]
    assert failing == []


def test_a_misprinted_line_of_the_table_fails_its_sum(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(TABLE.read_text(encoding="utf-8").replace("| 30.10", "| 31.10"), encoding="utf-8")
    assert ("SUM-001", "expenditure.items") in {(f.check, f.where) for f in audit_file(bad).findings
                                                if f.status == "fail"}


def test_the_same_table_as_a_word_grid_with_merged_header_cells(tmp_path):
    rows = [line.split("|") for line in TABLE.read_text(encoding="utf-8").splitlines()[4:]]
    document = docx.Document()
    document.add_paragraph("示例县统计局2023年度部门决算")
    document.add_paragraph("收入支出决算总表 金额单位：万元")
    table = document.add_table(rows=len(rows), cols=6)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells[:6]):
            table.cell(r, c).text = text.strip()
    table.cell(0, 0).merge(table.cell(0, 2))
    table.cell(0, 3).merge(table.cell(0, 5))
    path = tmp_path / "zongbiao.docx"
    document.save(path)
    ex, txt = extract_file(path), extract_file(TABLE)
    assert _lines(ex, "income") == _lines(txt, "income") and _lines(ex, "expenditure") == _lines(txt, "expenditure")
    assert ex.get("expenditure.grand_total") == D("530.80")


def _with_prose(sentence: str):  # noqa: ANN202
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines()] + ["", sentence]
    return extract_lines([RawLine(t, f"line {n}") for n, t in enumerate(lines, 1)], "x.txt")


def test_of_two_classifications_the_one_with_shares_that_adds_up_is_checked_and_no_conflict_is_raised():
    ex = _with_prose("本年支出合计524.80万元，其中：基本支出400.00万元，占76.22%；项目支出124.80万元，占23.78%。")
    assert _lines(ex, "expenditure") == [("基本支出", D("400.00")), ("项目支出", D("124.80"))]
    assert ex.conflicts == [] and any("支出另有一种分类" in n for n in ex.notes)


def test_of_two_classifications_one_that_does_not_add_up_loses_to_one_that_does():
    ex = _with_prose("本年支出合计524.80万元，其中：基本支出400.00万元，占76.22%；项目支出100.00万元，占23.78%。")
    assert _lines(ex, "expenditure")[0] == ("一般公共服务支出", D("401.20"))


def test_a_second_list_of_the_same_lines_with_other_figures_is_still_a_conflict():
    ex = _with_prose("本年支出合计524.80万元，其中：一般公共服务支出400.20万元，社会保障和就业支出60.50万元。")
    assert [c.key for c in ex.conflicts] == ["expenditure.items"]


def test_the_same_table_copied_from_a_web_page_with_tabs(tmp_path):
    tabbed = tmp_path / "tabbed.txt"
    tabbed.write_text("\n".join("\t".join(c.strip() for c in line.split("|")) if "|" in line else line
                                for line in TABLE.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    ex, txt = extract_file(tabbed), extract_file(TABLE)
    assert _lines(ex, "income") == _lines(txt, "income") and _lines(ex, "expenditure") == _lines(txt, "expenditure")
    assert ex.get("carryover.closing") == D("6.00")


def test_tab_rows_that_are_no_table_are_still_read_as_text(tmp_path):
    lines = ["某县示例局2023年度部门决算说明。", "本年收入合计\t100.00万元，其中：财政拨款收入\t100.00万元。"]
    ex = extract_lines([RawLine(t, f"line {n}") for n, t in enumerate(lines, 1)], "x.txt")
    assert ex.get("income.total") == D("100.00")


def _one_cell_per_line() -> str:
    """The fixture table as a web page's table pastes: every cell on its own line, blank cells gone."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    cells = [c.strip() for line in lines[4:] for c in line.split("|") if c.strip()]
    return "\n".join(lines[:4] + cells + ["", "二、收入决算表", "收入决算表", "公开02表", "部门：示例县统计局"]) + "\n"


def test_a_table_pasted_one_cell_to_a_line_is_rebuilt_into_rows(tmp_path):
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(_one_cell_per_line(), encoding="utf-8")
    ex, txt = extract_file(pasted), extract_file(TABLE)
    assert _lines(ex, "income") == _lines(txt, "income") and _lines(ex, "expenditure") == _lines(txt, "expenditure")
    assert [ex.get(k) for k in ("income.grand_total", "expenditure.grand_total", "carryover.opening")] == [
        D("530.80"), D("530.80"), D("8.50")]
    where = ex.sections["income"].items[0].source.where
    assert where.startswith("lines ")  # the lines the rebuilt row came from


def test_lines_read_from_a_table_cut_before_its_totals_are_kept(tmp_path):
    cut = tmp_path / "cut.txt"
    cut.write_text(_one_cell_per_line().split("本年收入合计")[0], encoding="utf-8")
    report, missing = to_report(extract_file(cut))
    assert [(i.name, i.amount) for i in report.income.items][:2] == [
        ("一般公共预算财政拨款收入", D("512.30")), ("政府性基金预算财政拨款收入", D("0.00"))]
    assert report.income.total is None and any("本年收入合计" in m for m in missing)


def _page(border: bool) -> str:
    """The fixture table as a published web page: a merged 收入/支出 header, chrome around it."""
    rows = [line.split("|") for line in TABLE.read_text(encoding="utf-8").splitlines()[5:]]
    body = "".join("<tr>" + "".join(f"<td>{c.strip()}</td>" for c in r[:6]) + "</tr>" for r in rows)
    table = '<table border="1" style="border-collapse:collapse">' if border else "<table>"
    return ('<html><head><meta charset="utf-8"><script>var visits = 100.00;</script></head><body>'
            "<nav>首页 | 财政预决算（128）</nav><h1>示例县统计局2023年度部门决算</h1><p>收入支出决算总表</p>"
            f'<p>公开01表 金额单位：万元</p>{table}<tr><th colspan="3">收入</th><th colspan="3">支出</th></tr>{body}'
            "</table><footer>联系电话：0851-28812345</footer></body></html>")


def test_the_same_table_as_a_web_page_and_as_its_printed_pdf(tmp_path):
    from selfeval.pdf import Printer  # noqa: PLC0415

    (tmp_path / "z.html").write_text(_page(border=False), encoding="utf-8")
    with Printer() as printer:
        (tmp_path / "z.pdf").write_bytes(printer.pdf(_page(border=True)))
    txt = extract_file(TABLE)
    for name in ("z.html", "z.pdf"):
        ex = extract_file(tmp_path / name)
        assert _lines(ex, "income") == _lines(txt, "income"), name
        assert _lines(ex, "expenditure") == _lines(txt, "expenditure"), name
        assert ex.get("income.grand_total") == D("530.80"), name


def test_the_pasted_table_in_traditional_characters_reads_the_same(tmp_path):
    import opencc  # noqa: PLC0415

    pasted = tmp_path / "pasted-traditional.txt"
    pasted.write_text(opencc.OpenCC("s2t").convert(_one_cell_per_line()), encoding="utf-8")
    plain = tmp_path / "pasted.txt"
    plain.write_text(_one_cell_per_line(), encoding="utf-8")
    ex, expected = extract_file(pasted), extract_file(plain)
    assert _lines(ex, "income") == _lines(expected, "income") and ex.get("carryover.closing") == D("6.00")
    assert "項目" in ex.sections["income"].items[0].source.snippet or "預算" in ex.sections["income"].items[0].source.snippet


def test_the_table_s_lines_restated_more_precisely_in_prose_are_the_same_lines():
    ex = _with_prose("本年收入合计522.30万元，其中：一般公共预算财政拨款收入512.301万元，政府性基金预算财政拨款收入0.00万元，"
                     "上级补助收入9.998万元，事业收入0.00万元。")
    assert ex.conflicts == []
