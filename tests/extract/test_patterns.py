"""Each supported pattern, on small reports written for the tests (tests/data/reports/)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from selfeval.extract import extract_file, extract_lines, to_report
from selfeval.extract.reading import RawLine
from selfeval.model import Funds

from .conftest import OWN, items, run_cli


def _text(*lines: str):  # noqa: ANN202
    return extract_lines([RawLine(t, f"line {n}") for n, t in enumerate(lines, 1)], "inline.txt")


def test_yuan_thousands_full_width_digits_and_execution_rates_that_are_not_shares():
    ex = extract_file(OWN / "sentences_yuan.txt")
    report, missing = to_report(ex)
    assert missing == [] and report.department.name == "示例市档案馆" and report.department.year == 2023
    assert report.income.total == D("1200") and str(report.income.total) == "1200.000000"
    assert items(report.income) == [("财政拨款收入", D("1080"), D("90.00")), ("事业收入", D("120"), D("10.00"))]
    # 执行率98.50% sits between 基本支出 and its share; the 人员经费/公用经费 breakdown is not a line
    assert items(report.expenditure) == [("基本支出", D("800"), D("66.67")), ("项目支出", D("400"), D("33.33"))]
    assert any("以元列示的金额已换算为万元" in n for n in ex.notes)


def test_pdf_copy_spaces_in_numbers_wrapped_lines_and_yi_yuan():
    report, missing = to_report(extract_file(OWN / "pdf_wrapped.txt"))
    assert missing == [] and report.department.name == "示例县林业局"
    assert report.income.total == D("12500")
    assert items(report.income) == [("财政拨款收入", D("12000"), D("96")), ("其他收入", D("500.00"), D("4"))]
    assert items(report.expenditure) == [("基本支出", D("4500.00"), D("36")), ("项目支出", D("8000.00"), D("64"))]


def test_two_totals_in_one_clause_and_year_on_year_pairs():
    ex = extract_file(OWN / "pair_totals.txt")
    assert ex.get("income.grand_total") == D("600.00") and ex.get("expenditure.grand_total") == D("600.00")
    assert ex.get("income.total") == D("580.00") and ex.get("expenditure.total") == D("590.00")
    assert [(c.subject, c.direction, c.amount, c.rate) for c in ex.changes] == [
        ("income", 1, D("100.00"), D("20.00")), ("expenditure", 1, D("100.00"), D("20.00"))]


def test_pipe_tables_for_income_expenditure_and_projects():
    ex = extract_file(OWN / "tables.md")
    report, missing = to_report(ex)
    assert missing == []
    assert report.income.total == D("1000.00") and report.expenditure.total == D("1000.00")
    assert items(report.income) == [("财政拨款收入", D("820.50"), D("82.05")), ("事业收入", D("179.50"), D("17.95"))]
    assert items(report.expenditure) == [("基本支出", D("700.00"), D("70.00")), ("项目支出", D("300.00"), D("30.00"))]
    assert [(p.name, p.budget, p.spent, p.score, p.grade) for p in report.projects] == [
        ("基本公共卫生服务项目", D("200.00"), D("198.00"), D("93"), "优秀"),
        ("家庭医生签约项目", D("100.00"), D("102.00"), D("85.5"), "良好")]
    assert report.claims.project_count == 2
    assert ex.sections["income"].items[0].source.where == "line 11"


def test_score_table_total_is_a_score_only_with_a_score_column():
    ex = extract_file(OWN / "score_tables.txt")
    scored, weights_only = to_report(ex)[0].projects
    assert (scored.name, scored.score, scored.execution.score) == ("农村饮水安全维修养护项目", D("96"), D("10"))
    assert [(r.name, r.weight, r.score) for r in scored.indicators][-1] == ("合计", D("100"), D("96"))
    assert weights_only.name == "河道巡查经费" and weights_only.score is None
    assert [r.score for r in weights_only.indicators] == [None] * 4
    assert any("合计行的100是分值合计" in t and "不作为得分读取" in t for t in ex.not_extracted)


def test_ocr_table_with_glued_figures_read_only_when_one_reading_fits():
    ex = extract_file(OWN / "ocr_table.txt")
    assert [{k: v[0] for k, v in p.items()} for p in ex.projects] == [
        {"name": "校舍维修经费", "score": D("91"), "grade": "优秀",
         "funds": Funds(initial_budget=D("50.00"), full_year_budget=D("50.00"), executed=D("45.00"))}]
    ambiguous = _text("项目名称道路养护全年执行数(B)执行率(B/A)1.11.11.1100%")
    assert "budget" not in ambiguous.projects[0]
    assert any("均未采用" in t for t in ambiguous.not_extracted)


def test_a_glued_money_block_with_its_initial_budget_gives_all_three_amounts():
    ex = _text("项目名称村道硬化工程主管部门某镇人民政府年初预算数调整预算数(A)全年执行数(B)执行率(B/A)30.532.531.296%")
    (project,) = to_report(ex)[0].projects
    assert project.funds == Funds(initial_budget=D("30.5"), full_year_budget=D("32.5"), executed=D("31.2"))
    assert project.budget is None and project.spent is None  # one form only, as the loader wants
    two = _text("项目名称村道硬化工程主管部门某镇人民政府调整预算数(A)全年执行数(B)执行率(B/A)32.531.296%")
    assert {k: v[0] for k, v in two.projects[0].items() if k != "name"} == {"budget": D("32.5"), "spent": D("31.2")}


def test_template_placeholders_extract_nothing():
    ex = extract_file(OWN / "template.txt")
    assert not ex.found_anything and ex.placeholders >= 10
    assert ex.values == {} and ex.projects == []


def test_defects_are_read_as_printed_for_the_checks_to_find():
    ex = extract_file(OWN / "defects.txt")
    assert ex.get("income.total") == D("300.00")  # the first statement wins …
    assert [(c.key, c.second) for c in ex.conflicts] == [("income.total", D("310.00"))]  # … the second is a conflict
    assert [c.listed for c in ex.counts] == [("人工增雨作业项目", "气象预警发布项目")]
    assert ex.grade_statements[0][0] == "优秀" and not ex.scores_stated


def test_section_totals_of_other_tables_are_not_taken_for_the_department_totals():
    ex = _text("财政拨款收入合计200.00万元，其中：一般公共预算财政拨款收入200.00万元。",
               "项目支出合计80.00万元。")
    assert ex.get("income.total") is None and ex.get("expenditure.total") is None


def test_share_wordings_and_a_line_without_unit_stop_the_list():
    ex = _text("本年收入合计50.00万元，其中：财政拨款收入40.00万元（占总收入的80.00%），其他收入10.00万元，占比为20.00%。")
    assert items(ex.sections["income"]) == [("财政拨款收入", D("40.00"), D("80.00")), ("其他收入", D("10.00"), D("20.00"))]
    cut = _text("本年支出合计50.00万元，其中：基本支出50.00，占100%。")
    assert "expenditure" not in cut.sections and cut.get("expenditure.total") == D("50.00")


def test_a_list_introduced_by_bao_kuo_or_fen_bie_wei_is_the_total_s_lines():
    for word in ("包括：", "主要包括", "分别为："):
        report, _ = to_report(_text("示例县文化馆2024年度部门决算说明。",
                                    f"本年收入合计100.00万元，{word}财政拨款收入90.00万元、事业收入10.00万元。",
                                    "本年支出合计100.00万元，其中：基本支出70.00万元，项目支出30.00万元。"))
        assert items(report.income) == [("财政拨款收入", D("90.00"), None), ("事业收入", D("10.00"), None)], word


LINES = [("财政拨款收入", D("1200.00"), D("93.28")), ("其他收入", D("86.40"), D("6.72"))]


@pytest.mark.parametrize("sentence", [
    "2023年收入合计1286.40万元，其中：财政拨款收入1200.00万元，比重为93.28%；其他收入86.40万元，比重为6.72%。",
    "一、收入决算情况：本年收入合计1286.40万元，主要为财政拨款收入1200.00万元（占93.28%）和其他收入86.40万元（占6.72%）。",
    "本年收入1286.40万元，其中：财政拨款收入1200.00万元，占93.28%；其他收入86.40万元，占6.72%。",
    "1、收入:1286.40万元。其中:财政拨款收入1200.00万元,占93.28%;其他收入86.40万元,占6.72%。",
    "本年收入合计1286.40万元，财政拨款收入1200.00万元，占93.28%；其他收入86.40万元，占6.72%。",
    "本年度收入1286.40万元，较上年增加86.40万元，增长7.20%，其中：财政拨款收入1200.00万元，占93.28%；"
    "其他收入86.40万元，占6.72%。",
    "本年收入合计1286.40万元，较上年增加86.40万元，增长7.20%，主要原因是人员增加。其中：财政拨款收入1200.00万元，"
    "占93.28%；其他收入86.40万元，占6.72%。",
    "本年收入合计1286.40万元，具体为：财政拨款收入1200.00万元，占93.28%；其他收入86.40万元，占6.72%。",
    "本年收入合计为1286.40万元，其中：财政拨款收入为1200.00万元，占总收入的93.28%；其他收入为86.40万元，"
    "占总收入的6.72%。",
    "本年收入合计1286.40万元，其中：财政拨款收入1200.00万元，所占比重为93.28%；其他收入86.40万元，所占比重为6.72%。",
])
def test_usual_variants_of_the_income_sentence(sentence):
    ex = _text("某县示例局2023年度部门决算说明", sentence)
    assert ex.get("income.total") == D("1286.40")
    assert [(i.name, i.amount, i.share) for i in ex.sections["income"].items] == LINES


def test_a_bare_this_year_figure_without_its_lines_is_not_the_total():
    ex = _text("某县示例局2023年度部门决算说明", "一般公共预算收入总计1085.31万元，本年支出1070.67万元，年末结转和结余30.65万元。")
    assert ex.get("expenditure.total") is None


def test_two_totals_in_a_row_are_not_each_other_s_lines():
    ex = _text("某县示例局2023年度部门决算说明", "本年收入合计100.00万元，本年支出合计90.00万元，其中：基本支出90.00万元。")
    assert ex.get("income.total") == D("100.00") and ex.get("expenditure.total") == D("90.00")
    assert "income" not in ex.sections


@pytest.mark.parametrize("aside", ["（其中：人员经费800.00万元，公用经费100.00万元）", "（人员经费800.00万元、公用经费100.00万元）"])
def test_a_share_printed_after_a_line_s_own_breakdown_in_brackets(aside):
    ex = _text("某县示例局2023年度部门决算说明", f"本年支出合计1286.40万元，其中：基本支出900.00万元{aside}，占69.96%；"
               "项目支出386.40万元，占30.04%。")
    assert [(i.name, i.amount, i.share) for i in ex.sections["expenditure"].items] == [
        ("基本支出", D("900.00"), D("69.96")), ("项目支出", D("386.40"), D("30.04"))]


PROJECT = ("食品安全抽检项目", D("120.00"), D("118.60"), D("96.3"))


@pytest.mark.parametrize("sentence, grade", [
    ("1.食品安全抽检项目，预算120.00万元，执行118.60万元，自评得分96.3分，评价等级为优秀；", "优秀"),
    ("（一）食品安全抽检项目。该项目预算资金120.00万元，实际支出118.60万元，预算执行率98.83%，自评得分96.3分，评价等级为“优秀”。",
     "优秀"),
    ("食品安全抽检项目预算数为120.00万元，执行数为118.60万元，自评得分为96.3分，自评等级为优。", "优"),
    ("2、食品安全抽检项目，全年预算数120.00万元，全年执行数118.60万元，执行率98.83%，绩效自评得分96.3分，自评结果为优秀。", "优秀"),
    ("（1）食品安全抽检项目：项目资金120.00万元，已支付118.60万元，自评分96.3分，评价结果“优”。", "优"),
    ("2.项目名称：食品安全抽检项目，预算金额120.00万元，实际支出118.60万元，执行率98.83%，自评得分96.3分，等级为优。", "优"),
    ("4、食品安全抽检项目。预算安排120.00万元，支出118.60万元，绩效自评得分96.3分，自评等级“优秀”。", "优秀"),
    ("（一）食品安全抽检项目。该项目预算120.00万元，实际支出118.60万元。经自评，该项目得分96.3分，评价等级为优秀。", "优秀"),
])
def test_usual_variants_of_a_project_sentence(sentence, grade):
    ex = _text("某县市场监管局2023年度部门整体支出绩效自评报告。", sentence)
    [p] = ex.projects
    assert (p["name"][0], p["budget"][0], p["spent"][0], p["score"][0], p["grade"][0]) == (*PROJECT, grade)


def test_an_initial_and_a_full_year_budget_in_a_project_sentence_are_its_money_block():
    ex = _text("某县农业农村局2022年度部门整体支出绩效自评报告。",
               "1.高标准农田建设项目，年初预算800.00万元，全年预算850.00万元，实际支出820.50万元，自评得分92分。")
    [p] = to_report(ex)[0].projects
    assert (p.funds, p.budget, p.spent) == (Funds(D("800.00"), D("850.00"), D("820.50")), None, None)


def test_an_initial_budget_alone_is_the_project_s_budget():
    ex = _text("某县2022年度部门整体支出绩效自评报告。", "1.农机购置补贴项目，年初预算300.00万元，实际支出280.00万元，自评得分88分。")
    [p] = to_report(ex)[0].projects
    assert (p.funds, p.budget, p.spent) == (None, D("300.00"), D("280.00"))


def test_a_name_run_straight_into_its_budget_is_a_project_only_when_scored():
    assert _text("某县2023年度部门决算说明。", "本年度部门预算项目预算数为300.00万元，执行数为290.00万元。").projects == []


@pytest.mark.parametrize("line", ["单位名称：示例县档案馆", "部门（单位）名称 | 示例县档案馆 | ||||", "部门名称:示例县档案馆"])
def test_the_department_s_name_in_the_usual_fields(line):
    assert _text("部门整体支出绩效自评表", line).get("department.name") == "示例县档案馆"


def test_a_figure_restated_in_yuan_agrees_under_the_rounding_rule_and_is_no_conflict():
    ex = _text("某县示例局2023年度部门决算说明。", "本年收入合计1286.40万元。", "(单位：元)", "项目 | 金额",
               "财政拨款收入 | 12,864,012.34", "本年收入合计 | 12,864,012.34")
    assert ex.conflicts == [] and ex.get("income.total") == D("1286.40")


def test_a_figure_restated_with_another_value_is_a_conflict():
    ex = _text("某县示例局2023年度部门决算说明。", "本年收入合计1286.40万元。", "(单位：元)", "项目 | 金额",
               "财政拨款收入 | 12,874,012.34", "本年收入合计 | 12,874,012.34")
    assert [c.key for c in ex.conflicts] == ["income.total"]


def test_grand_totals_first_then_this_years_lines_named_by_their_total():
    report, missing = to_report(extract_file(OWN / "whole_report_grand_first.txt"))
    assert missing == []
    assert (report.income.grand_total, report.income.total) == (D("1331.52"), D("1286.40"))
    assert (report.expenditure.grand_total, report.expenditure.total) == (D("1331.52"), D("1319.52"))
    assert items(report.income)[0] == ("财政拨款收入", D("1200.00"), D("93.28"))  # 本年收入中，财政拨款收入…
    assert [i.name for i in report.expenditure.items] == ["基本支出", "项目支出"]
    assert report.department.score == D("95.2") and [p.name for p in report.projects] == ["食品安全抽检项目", "特种设备检验项目"]


def test_one_figure_for_both_totals_and_one_change_for_both():
    ex = _text("某县统计局2023年度部门决算说明", "2023年度收、支总计均为1,331.52万元。与2022年度相比，收、支总计各增加100.00万元，增长8.12%。",
               "2023年度财政拨款收、支总计均为1,200.00万元。与2022年度相比，财政拨款收、支总计各增加50.00万元，增长4.35%。")
    assert ex.get("income.grand_total") == ex.get("expenditure.grand_total") == D("1331.52")
    assert [(c.subject, c.amount, c.rate) for c in ex.changes if c.subject == "both"] == [("both", D("100.00"), D("8.12"))]


@pytest.mark.parametrize("opening, closing", [("年初结转结余", "年末结转结余"), ("期初结转和结余", "期末结转和结余")])
def test_other_names_of_the_carry_over(opening, closing):
    ex = _text("某县统计局2023年度部门决算说明。", f"{opening}45.12万元，{closing}12.00万元。")
    assert (ex.get("carryover.opening"), ex.get("carryover.closing")) == (D("45.12"), D("12.00"))


def test_a_share_of_the_grand_total_is_not_checked_against_the_year_s_total():
    ex = _text("某县统计局2023年度部门决算说明。", "本年收入合计500.00万元，其中：财政拨款收入450.00万元，占收入总计的75.00%；"
               "其他收入50.00万元，占本年收入的10.00%。")
    assert [(i.name, i.share) for i in ex.sections["income"].items] == [("财政拨款收入", None), ("其他收入", D("10.00"))]
    assert any("是占收入总计的比例" in n for n in ex.not_extracted)


@pytest.mark.parametrize("sentence, shares", [
    ("本年支出合计1319.52万元，其中：基本支出、项目支出分别为900.00万元和419.52万元。", (None, None)),
    ("本年支出合计1319.52万元，其中基本支出和项目支出分别为900.00、419.52万元，分别占68.21%和31.79%。",
     (D("68.21"), D("31.79"))),
])
def test_names_and_their_figures_in_two_lists(sentence, shares):
    ex = _text("某县统计局2023年度部门决算说明。", sentence)
    assert [(i.name, i.amount, i.share) for i in ex.sections["expenditure"].items] == [
        ("基本支出", D("900.00"), shares[0]), ("项目支出", D("419.52"), shares[1])]


def test_two_totals_named_together_with_their_figures_after():
    ex = _text("某县统计局2023年度部门决算说明。", "2023年度本年收入合计、本年支出合计分别为1286.40万元、1319.52万元。")
    assert (ex.get("income.total"), ex.get("expenditure.total")) == (D("1286.40"), D("1319.52"))


def test_lists_of_unequal_length_pair_off_nothing():
    ex = _text("某县统计局2023年度部门决算说明。", "本年支出合计1319.52万元，其中：基本支出、项目支出分别为900.00万元。")
    assert "expenditure" not in ex.sections


@pytest.mark.parametrize("head, row", [
    ("序号 | 项目名称 | 全年预算数 | 全年执行数 | 得分 | 等级", "1 | 食品安全抽检项目 | 220.00 | 218.60 | 96.3 | 优秀"),
    ("项目名称 | 预算金额(万元) | 实际支出(万元) | 自评分 | 自评结果", "食品安全抽检项目 | 220.00 | 218.60 | 96.3 | 优秀"),
])
def test_a_table_of_projects_with_a_number_column_or_other_headers(head, row):
    ex = _text("某县市场监管局2023年度项目支出绩效自评情况。", "（单位：万元）", head, row)
    [p] = ex.projects
    assert (p["name"][0], p["budget"][0], p["spent"][0], p["score"][0], p["grade"][0]) == (
        "食品安全抽检项目", D("220.00"), D("218.60"), D("96.3"), "优秀")


BUDGET_TITLE = "示例县文化馆2025年单位预算说明"


def test_a_budget_documents_income_and_expenditure_budgets_are_its_totals():
    ex = _text(BUDGET_TITLE, "2025年收入预算1085.20万元，其中：一般公共预算拨款收入1085.20万元，占100.00%。",
               "2025年支出预算1085.20万元，其中：基本支出1037.10万元，占95.57%；项目支出48.10万元，占4.43%。")
    assert (ex.get("income.total"), ex.get("expenditure.total")) == (D("1085.20"), D("1085.20"))
    assert [(i.name, i.share) for i in ex.sections["expenditure"].items] == [("基本支出", D("95.57")),
                                                                             ("项目支出", D("4.43"))]
    both = _text(BUDGET_TITLE, "2025年收支总预算1085.20万元。")
    assert (both.get("income.total"), both.get("expenditure.total")) == (D("1085.20"), D("1085.20"))


def test_budgets_are_not_totals_outside_a_budget_document_nor_one_kind_of_moneys():
    final = _text("示例县文化馆2024年度部门决算说明", "2024年支出预算1085.20万元，其中：基本支出1037.10万元，项目支出48.10万元。")
    assert final.get("expenditure.total") is None  # a 决算's 支出预算 is the budget it is measured against
    assert _text(BUDGET_TITLE, "2025年财政拨款收支总预算1085.20万元。").get("income.total") is None


def test_a_title_s_name_stops_before_guan_yu_and_a_dated_table_cell_is_no_title():
    assert _text("某县人民政府关于2021年决算情况的报告").get("department.name") == "某县人民政府"
    assert _text("项目支出绩效自评表 时效指标 完成时间 2022年12月 2022年11月").get("department.name") is None


def test_a_government_s_own_revenue_before_jia_shang_is_its_year_s_total_and_the_transfers_are_no_lines():
    ex = _text("某县人民政府关于2023年决算情况的报告",
               "2023年全县一般公共预算本级收入52000万元，增长2.10%，加上：上年结转1200万元、上级补助收入86000万元，"
               "收入总计139200万元。全县一般公共预算本级支出120500万元，下降3.20%，加上：上解支出8700万元、"
               "年终结余10000万元，支出总计139200万元。")
    report, _ = to_report(ex)
    assert (report.income.total, report.income.grand_total) == (D(52000), D(139200))
    assert (report.expenditure.total, report.expenditure.grand_total) == (D(120500), D(139200))
    assert report.income.items == () and report.carryover is None  # 上年结转 is a transfer here, not a line
    assert _text("本级收入52000万元，上年结转1200万元。").get("income.total") is None  # no 加上: no such statement


def test_a_year_s_total_named_quan_nian_with_its_lines_after_it():
    ex = _text("某县农业农村局2022年度部门整体支出绩效自评报告。",
               "2022年度我局全年收入共计3,456.78万元，其中财政拨款收入3,000.00万元、其他收入456.78万元。"
               "全年支出共计3,400.00万元，其中基本支出2,100.00万元、项目支出1,300.00万元。")
    report = to_report(ex)[0]
    assert (report.income.total, report.expenditure.total) == (D("3456.78"), D("3400.00"))
    assert [i.name for i in report.expenditure.items] == ["基本支出", "项目支出"]


@pytest.mark.parametrize("sentence", [
    "2022年度我单位收入1,000.00万元，其中：财政拨款收入900.00万元，其他收入100.00万元。",
    "2022年收入决算1,000.00万元，其中：财政拨款收入900.00万元，其他收入100.00万元。",
    "2022年度收入决算数为1,000.00万元，包括财政拨款收入900.00万元和其他收入100.00万元。",
    "2022年度部门决算收入1,000.00万元，其中财政拨款收入900.00万元，其他收入100.00万元。",
    "本年度收入共1000.00万元，其中财政拨款收入900.00万元，其他收入100.00万元。",
])
def test_a_bare_income_named_by_its_year_or_department_with_its_lines_is_the_year_s_total(sentence):
    report = to_report(_text("某县示例局2022年度部门决算说明", sentence))[0]
    assert report.income.total == D("1000") and items(report.income) == [
        ("财政拨款收入", D("900"), None), ("其他收入", D("100"), None)]


def test_a_kind_of_money_with_its_lines_is_not_the_year_s_total():
    ex = _text("某县示例局2022年度部门决算说明", "2022年度一般公共服务支出500.00万元，其中：行政运行支出400.00万元，一般行政管理事务支出100.00万元。")
    assert ex.get("expenditure.total") is None


def test_a_bare_total_of_another_year_printed_in_its_label_is_that_year_s():
    ex = _text("某县示例局2022年度部门决算说明", "2022年度本年支出合计900.00万元，其中：基本支出800.00万元，项目支出100.00万元。",
               "2021年支出共计880.00万元，其中：基本支出800.00万元，项目支出80.00万元。")
    assert ex.get("expenditure.total") == D("900.00")
    assert any("2021年" in s and "其他年度" in s for s in ex.not_extracted)


@pytest.mark.parametrize("sentence", [
    "本年支出1,000.00万元，基本支出800.00万元（人员经费700.00万元、公用经费100.00万元），项目支出200.00万元。",
    "本年支出合计1,000.00万元，按支出性质分：基本支出800.00万元，项目支出200.00万元。",
    "本年支出合计1,000.00万元，按经济分类：基本支出800.00万元，项目支出200.00万元。",
])
def test_lines_after_a_bare_comma_or_a_by_nature_phrase(sentence):
    report = to_report(_text("某县示例局2022年度部门决算说明", sentence))[0]
    assert report.expenditure.total == D("1000") and items(report.expenditure) == [
        ("基本支出", D("800"), None), ("项目支出", D("200"), None)]


def test_a_sentence_s_execution_rate_of_100_is_never_split_into_a_budget_and_a_spend():
    ex = _text("某县2023年度部门整体支出绩效自评报告。", "项目名称：城乡环卫一体化项目，执行率100%，自评得分95分。")
    [p] = ex.projects
    assert "budget" not in p and "spent" not in p and p["score"][0] == D("95")


@pytest.mark.parametrize("sentence, score, grade", [
    ("本部门2022年度整体支出绩效自评总分为91.00分，等级评定为优秀。", "91.00", "优秀"),
    ("自评结论：2022年度部门整体支出绩效评价得分98分，评定等级为优。", "98", "优"),
    ("经综合评价，2022年度部门整体支出绩效自评得分为92.5分，自评等级为优秀。", "92.5", "优秀"),
])
def test_a_department_s_overall_score_and_grade_in_usual_words(sentence, score, grade):
    ex = _text("某县示例局2022年度部门整体支出绩效自评报告", sentence)
    assert (ex.get("department.score"), ex.get("department.grade")) == (D(score), grade)


def test_a_title_s_name_stops_before_the_verb_that_publishes_it():
    ex = _text("近日，示例省交通运输厅公布2024年度部门决算。", "本年收入合计100.00万元。")
    assert (ex.get("department.name"), ex.get("department.year")) == ("示例省交通运输厅", 2024)


def test_the_other_side_s_statement_after_a_semicolon_is_not_a_line_of_this_one():
    ex = _text("某县示例局2022年度部门决算说明", "2022年度收入总计1,050.00万元，其中本年收入1,000.00万元，年初结转和结余50.00万元；"
               "支出总计1,050.00万元，其中本年支出980.00万元，年末结转和结余70.00万元。")
    assert (ex.get("expenditure.grand_total"), ex.get("expenditure.total")) == (D("1050.00"), D("980.00"))
    assert (ex.get("carryover.opening"), ex.get("carryover.closing")) == (D("50.00"), D("70.00"))


def test_last_year_s_carry_over_named_shang_nian_is_the_opening_term():
    ex = _text("某县示例局2022年度部门决算说明", "收入总计1050.00万元，包括：本年收入合计1000.00万元，上年结转结余50.00万元。")
    assert ex.get("carryover.opening") == D("50.00")


def test_a_government_s_shang_nian_jie_zhuan_among_its_transfers_is_no_carry_over():
    ex = _text("示例县人民政府关于2021年决算情况的报告", "2021年全县一般公共预算本级收入2000万元，增长3.00%，加上：上年结转50万元、"
               "上级补助收入900万元，收入总计2950万元。")
    assert ex.get("carryover.opening") is None and ex.get("income.grand_total") == D("2950")


@pytest.mark.parametrize("sentence", [
    "2023年度本部门政府采购支出总额300.00万元，其中：政府采购货物支出100.00万元、政府采购服务支出200.00万元。",
    "2023年度机关运行经费支出合计150.00万元，其中：办公费100.00万元，差旅费50.00万元。",
])
def test_a_total_of_one_kind_of_spending_is_not_the_year_s(sentence):
    ex = _text("某县自然资源局2023年度部门决算说明", "2023年度本年支出合计2,280.00万元，其中：基本支出1,500.00万元，项目支出780.00万元。",
               sentence)
    assert ex.get("expenditure.total") == D("2280.00") and ex.conflicts == []


def test_a_title_line_is_not_joined_to_the_sentence_below_it():
    ex = _text("某县示例局2023年度部门决算说明", "支出合计100.00万元，其中：基本支出60.00万元，项目支出40.00万元。")
    assert ex.get("expenditure.total") == D("100.00")


def test_a_part_heading_above_a_year_line_is_no_department_name():
    ex = _text("第一部分 概况", "第二部分", "2018年度部门决算报表(见附表)", "本年收入合计100.00万元。")
    assert ex.get("department.name") is None and ex.get("department.year") == 2018


@pytest.mark.parametrize("line", ["主管部门 | 某县文化和旅游局 | 实施单位 | 某县文物管理所 |",
                                  "项目实施单位：某县文物管理所 主管部门：某县文化和旅游局",
                                  "实施单位 某县文物管理所全年预算数全年执行数分值"])
def test_a_project_table_s_implementing_unit_is_its_department_when_no_other_name_is_given(line):
    ex = _text("2022年度项目支出绩效自评表", "项目名称 | 文物保护经费", line)
    assert ex.get("department.name") == "某县文物管理所"


def test_a_named_department_is_kept_over_the_implementing_unit():
    ex = _text("单位名称：某县文化和旅游局", "项目名称 | 文物保护经费 | 实施单位 | 某县文物管理所")
    assert ex.get("department.name") == "某县文化和旅游局"


def test_projects_stated_one_to_a_line_with_their_score_straight_after_the_name(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("我局2022年度共对4个项目开展了绩效自评。其中：\n（1）乡村振兴衔接资金项目自评得分96分；\n"
                    "（2）农业技术推广项目综合得分95.2分，评价等级优秀；\n（3）动物防疫补助项目：自评分91分，等级：优秀。\n"
                    "所有项目得分均为90分以上。各项目得分为90分。本项目得分为88分。我局项目自评得分95分。\n",
                    encoding="utf-8")
    projects = to_report(extract_file(path))[0].projects
    assert [(p.name, p.score, p.grade) for p in projects] == [
        ("乡村振兴衔接资金项目", D("96"), None), ("农业技术推广项目", D("95.2"), "优秀"), ("动物防疫补助项目", D("91"), "优秀")]


def test_a_project_report_s_money_sentence_and_its_later_score_sentence_make_one_project(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("某县示例局2022年度项目支出绩效自评报告\n一、项目基本情况\n"
                    "城乡环境综合整治项目年初预算150.00万元，全年预算调整为160.00万元，全年执行155.20万元。\n"
                    "二、项目绩效自评结果\n经自评，该项目综合得分为94.5分，评价等级为“优秀”。\n"
                    "本年度我单位项目预算100万元，执行90万元。\n", encoding="utf-8")
    (project,) = to_report(extract_file(path))[0].projects  # the department's own 项目 sentence names none
    assert project.name == "城乡环境综合整治项目" and project.funds == Funds(D("150.00"), D("160.00"), D("155.20"))
    assert (project.score, project.grade) == (D("94.5"), "优秀")


def test_a_later_score_sentence_is_left_alone_when_the_report_names_several_projects(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("1.道路养护项目，预算10万元，执行10万元。\n2.河道清淤项目，预算20万元，执行18万元。\n"
                    "经自评，该项目得分为90分。\n", encoding="utf-8")
    assert [p.score for p in to_report(extract_file(path))[0].projects] == [None, None]


def test_a_table_titled_by_one_kind_of_money_gives_no_department_total(capsys):
    path = OWN / "kind_of_money_table.txt"
    ex = extract_file(path)
    report = to_report(ex)[0]
    # the 财政拨款 table's 合计 (790.00 年初预算, 820.50 决算) is not the department's 本年支出合计
    assert report.expenditure.total == D("860.00") and [i.name for i in report.expenditure.items] == ["基本支出", "项目支出"]
    assert any("一般公共预算财政拨款支出决算表" in t and "一类资金" in t for t in ex.not_extracted)
    code, out, _ = run_cli(capsys, "audit", path)
    assert code == 0 and not [line for line in out.splitlines() if "不通过" in line and line.startswith("TXT-007")]


def test_a_table_s_year_figures_are_its_final_column_not_the_initial_budget_beside_it(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("支出决算表\n单位：万元\n项目 | 年初预算数 | 决算数\n基本支出 | 650.00 | 700.00\n"
                    "项目支出 | 150.00 | 160.00\n本年支出合计 | 800.00 | 860.00\n", encoding="utf-8")
    expenditure = to_report(extract_file(path))[0].expenditure
    assert expenditure.total == D("860.00") and items(expenditure) == [("基本支出", D("700.00"), None),
                                                                     ("项目支出", D("160.00"), None)]


def test_the_fiscal_grants_two_sided_table_after_the_whole_one_gives_none_of_its_totals(capsys):
    path = OWN / "kind_of_money_two_sided.txt"
    report = to_report(extract_file(path))[0]
    assert (report.income.total, report.income.grand_total) == (D("860.00"), D("880.50"))
    assert (report.expenditure.total, report.carryover.closing) == (D("860.50"), D("20.00"))
    assert [i.amount for i in report.expenditure.items] == [D("610.20"), D("240.30"), D("10.00")]
    code, out, _ = run_cli(capsys, "audit", path)
    assert code == 0 and "财政拨款收入支出决算总表”是财政拨款这一类资金的表" in out


def test_a_two_sided_budget_table_is_never_a_table_of_projects():
    ex = extract_file(OWN / "budget_tables.txt")
    report = to_report(ex)[0]
    assert report.projects == () and report.income.total == report.expenditure.grand_total == D("1085.20")
    assert any("财政拨款收支预算总表" in t for t in ex.not_extracted)


def test_short_carry_over_words_under_a_department_s_grand_totals_are_its_carry_over(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("某区示例所2023年度部门决算说明\n2023年度收入总计1250.36万元，其中：本年收入1150.36万元，"
                    "上年结转100.00万元。支出总计1250.36万元，其中：本年支出1180.20万元，年末结转70.16万元。\n"
                    "本年收入合计1150.36万元，其中：财政拨款收入1150.36万元，上年结转20.00万元。\n", encoding="utf-8")
    report = to_report(extract_file(path))[0]
    assert (report.carryover.opening, report.carryover.closing) == (D("100.00"), D("70.16"))
    # under 本年收入合计 the same word is no line of it, and no carry-over either
    assert items(report.income) == [("财政拨款收入", D("1150.36"), None)]


@pytest.mark.parametrize("heads", ["上年决算数 | 本年决算数", "2022年决算数 | 2023年决算数", "去年同期 | 决算数"])
def test_a_table_s_figures_are_the_report_year_s_column_not_last_year_s_beside_it(tmp_path, capsys, heads):
    path = tmp_path / "r.txt"
    path.write_text("某县示例局2023年度部门决算说明\n本年支出合计860.00万元，其中：基本支出700.00万元，项目支出160.00万元。\n"
                    f"收支对比表\n单位：万元\n项目 | {heads} | 增减率\n本年支出合计 | 790.00 | 860.00 | 8.86%\n"
                    "基本支出 | 650.00 | 700.00 | 7.69%\n项目支出 | 140.00 | 160.00 | 14.29%\n", encoding="utf-8")
    expenditure = to_report(extract_file(path))[0].expenditure
    assert expenditure.total == D("860.00") and [i.amount for i in expenditure.items] == [D("700.00"), D("160.00")]
    _, out, _ = run_cli(capsys, "audit", path)
    # last year's column beside this year's is no second, different statement (TXT-007)
    assert not [line for line in out.splitlines() if "不通过" in line and line.startswith("TXT-007")]


@pytest.mark.parametrize("total_row", ["| 本年支出合计 | 860.00", "本年支出合计 | | 860.00"])
def test_a_table_with_subject_codes_gives_its_class_rows_only(tmp_path, total_row):
    path = tmp_path / "r.txt"
    path.write_text((OWN / "coded_table.txt").read_text(encoding="utf-8").replace("| 本年支出合计 | 860.00", total_row),
                    encoding="utf-8")
    expenditure = to_report(extract_file(path))[0].expenditure
    # 20199 / 2019999 break 201 down again: only the 3-digit 类 rows are lines of the total
    assert expenditure.total == D("860.00")
    assert items(expenditure) == [("一般公共服务支出", D("610.20"), None), ("卫生健康支出", D("249.80"), None)]


def test_a_functional_table_listing_its_subclasses_without_codes_is_checked_by_its_classes():
    ex = extract_file(OWN / "nested_classes.txt")
    expenditure = to_report(ex)[0].expenditure
    assert items(expenditure) == [("一般公共服务支出", D("610.20"), None), ("卫生健康支出", D("249.80"), None)]
    assert any("其他一般公共服务支出、其他卫生健康支出不是功能分类的类" in n for n in ex.notes)


def test_a_functional_table_whose_classes_do_not_add_up_keeps_every_row_for_the_sum_check(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text((OWN / "nested_classes.txt").read_text(encoding="utf-8").replace("卫生健康支出 | 249.80",
                                                                                    "卫生健康支出 | 239.80"), encoding="utf-8")
    assert len(to_report(extract_file(path))[0].expenditure.items) == 4  # no subset makes 860: SUM-001 judges all


def test_a_header_cell_after_项目名称_is_no_project_name_and_a_name_starting_like_one_still_is():
    from selfeval.extract.projects import PROJECT_NAME  # noqa: PLC0415

    def named(text: str) -> str | None:
        m = PROJECT_NAME.search(text)
        return m["name"] if m else None
    assert named("序号 | 项目名称 | 预算数(万元) | 执行数(万元)") is None and named("项目名称 | 得分") is None
    assert named("项目名称 | 预算绩效管理项目 | 主管部门 | 某局") == "预算绩效管理项目"


@pytest.mark.parametrize("named", ["收入决算数为", "收入总额", "部门收入决算数为"])
def test_a_bare_total_named_so_by_the_year_needs_no_lines_after_it(tmp_path, named):
    path = tmp_path / "r.txt"
    path.write_text(f"某县示例局2023年度部门决算说明\n（一）收入情况：2023年度{named}860.00万元，比上年增加60.00万元。\n"
                    "（二）一般公共服务支出610.20万元，卫生健康支出249.80万元。\n", encoding="utf-8")
    report = to_report(extract_file(path))[0]
    assert report.income.total == D("860.00") and report.expenditure.total is None  # a kind of money stays out
