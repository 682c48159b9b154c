"""Tables laid out with spaces (pdftotext -layout, a table copied from a PDF or Word page): read cell by cell."""
from __future__ import annotations

from decimal import Decimal as D

import docx

from selfeval.extract import extract_file, to_report
from selfeval.extract.reading import RawLine, read_lines
from selfeval.model import Execution, Funds

from .conftest import OWN, items

SCORES = OWN / "layout_score_table.txt"
ACCOUNTS = OWN / "layout_final_accounts.txt"


def _params(path):  # noqa: ANN001, ANN202
    return to_report(extract_file(path))[0]


def test_a_score_table_laid_out_with_spaces_gives_its_project_funds_rows_total_and_grade():
    (project,) = _params(SCORES).projects
    # 项目名称 stands two lines above the table, above a line of 主管部门 and 实施单位
    assert project.name == "农村饮水安全维修养护" and project.grade == "优秀" and project.score == D("98.88")
    assert project.funds == Funds(D("120"), D("120"), D("118.5")) and project.execution == Execution(D("10"), D("9.88"))
    rows = [(r.level1, r.level2, r.name, r.weight, r.score) for r in project.indicators]
    # a blank level cell at the start of a row continues the group above it; the weight column comes first here
    assert rows[1] == ("产出指标", "质量指标", "工程验收合格率", D("15"), D("15"))
    assert rows[2] == ("产出指标", "时效指标", "完工及时率", D("10"), D("9"))
    assert rows[-2] == ("满意度指标", "满意度", "群众满意度", D("20"), D("20"))
    assert rows[-1] == ("", "", "合计", D("100"), D("98.88")) and len(rows) == 7


def test_a_two_sided_final_accounts_table_laid_out_with_spaces_gives_both_sides():
    report = _params(ACCOUNTS)
    assert (report.income.total, report.income.grand_total) == (D("860.00"), D("880.00"))
    assert (report.expenditure.total, report.expenditure.grand_total) == (D("860.00"), D("880.00"))
    assert items(report.income) == [("一般公共预算财政拨款收入", D("820.50"), None), ("事业收入", D("30.00"), None),
                                    ("其他收入", D("9.50"), None)]
    # a row whose left half is blank still gives its right half
    assert items(report.expenditure)[-1] == ("社会保障和就业支出", D("139.70"), None)
    assert (report.carryover.opening, report.carryover.closing) == (D("20.00"), D("20.00"))


def test_column_gaps_become_cell_breaks_at_the_same_offsets_and_prose_is_left_alone(tmp_path):
    text = ("主管部门：某县水利局    实施单位：某县农村供水站\n　　我局全年收入  860.00万元。\n甲  乙  丙\n"
            "其中  财政拨款收入  820.50万元。\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    lines = read_lines(path)
    # one gap is a gap in a sentence, not a table; an indented paragraph keeps its indent
    assert [line.text for line in lines[:2]] == text.splitlines()[:2]
    assert lines[2].text == "甲\t 乙\t 丙" and len(lines[2].text) == len("甲  乙  丙")
    assert lines[3].text == text.splitlines()[3]  # a sentence with double spaces, as a PDF copy leaves them


def test_the_layout_and_the_tab_separated_forms_read_the_same(tmp_path):
    tabbed = tmp_path / "tabs.txt"
    tabbed.write_text("\n".join("\t".join(line.split()) if "  " in line else line
                                for line in SCORES.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    assert _params(tabbed).projects == _params(SCORES).projects


def test_a_word_document_whose_paragraphs_are_laid_out_in_columns_reads_as_the_text(tmp_path):
    document = docx.Document()
    for line in SCORES.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(tmp_path / "r.docx"))
    assert _params(tmp_path / "r.docx").projects == _params(SCORES).projects


def test_a_final_accounts_table_whose_cells_single_spaces_part_reads_as_the_laid_out_one():
    # what a PDF table drawn without ruling lines gives, or such a table copied as text
    spaced = _params(OWN / "spaced_final_accounts.txt")
    laid_out = _params(ACCOUNTS)
    assert (spaced.income, spaced.expenditure, spaced.carryover) == (laid_out.income, laid_out.expenditure,
                                                                     laid_out.carryover)


def test_single_spaced_lines_become_cells_only_in_a_run_of_table_rows(tmp_path):
    from selfeval.extract.spacedrows import spaced_rows  # noqa: PLC0415

    lines = [RawLine(t, f"line {n}") for n, t in enumerate((
        "项目 金额 占比", "基本支出 700.00 81.40%", "项目支出 160.00 18.60%", "本年支出合计 860.00 100%",
        "以上为支出情况。", "本年收入合计 860.00", "收入 支出", "其中：基本支出 700.00 81.40%"), 1)]
    texts = [line.text for line in spaced_rows(lines)]
    assert texts[:4] == ["项目\t金额\t占比", "基本支出\t700.00\t81.40%", "项目支出\t160.00\t18.60%", "本年支出合计\t860.00\t100%"]
    assert texts[4:] == ["以上为支出情况。", "本年收入合计 860.00", "收入 支出",  # a row alone, a header alone,
                         "其中：基本支出 700.00 81.40%"]                          # a sentence: text


def test_single_spaced_rows_with_spaces_inside_their_words_read_the_same(tmp_path):
    text = (OWN / "spaced_final_accounts.txt").read_text(encoding="utf-8")
    for word in ("决算数", "款收入", "本年收入合计", "本年支出合计", "年初结转和结余", "收入总计"):
        text = text.replace(word, f"{word[:1]} {word[1:]}")  # 决 算数, 本 年收入合计: as PDF copying leaves them
    path = tmp_path / "spaced.txt"
    path.write_text(text, encoding="utf-8")
    spaced, plain = _params(path), _params(OWN / "spaced_final_accounts.txt")
    assert (spaced.income, spaced.expenditure, spaced.carryover) == (plain.income, plain.expenditure, plain.carryover)
