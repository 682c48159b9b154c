"""Year-on-year changes stated beside any figure, counts of 内设机构, and a 总计 kept without its 本年合计."""
from __future__ import annotations

from decimal import Decimal

from selfeval.extract.audit import audit_lines
from selfeval.extract.pipeline import extract_lines, to_report
from selfeval.extract.reading import RawLine

TITLE = "某县示例中心2021年度单位决算说明"


def _lines(*texts: str) -> list[RawLine]:
    return [RawLine(t, f"line {n}") for n, t in enumerate((TITLE, *texts), 1)]


def _txt003(*texts: str) -> list[tuple[str, str, str]]:
    audit = audit_lines(_lines(*texts), "x.txt")
    return [(f.status, f.expected, f.actual) for f in audit.findings if f.check == "TXT-003"]


def test_a_change_beside_its_own_figure_is_recomputed_from_that_figure():
    # prior = 512.40 - 40.40 = 472.00; 40.40 / 472.00 = 8.56%
    assert _txt003("一般公共预算财政拨款支出512.40万元，与2020年相比增加40.40万元，增长8.56%。") == [
        ("pass", "8.56", "8.56")]


def test_a_rate_divided_by_this_years_figure_fails():
    # 30.00 / 330.00 = 9.09% is the rate over this year's figure; over the prior 300.00 it is 10.00%
    assert _txt003("商品和服务支出330.00万元，较上年增加30.00万元，增长9.09%。") == [("fail", "10.00", "9.09")]


def test_a_decrease_is_recomputed_over_the_larger_prior():
    # prior = 90.00 + 10.00 = 100.00; 10.00 / 100.00 = 10.00%
    assert _txt003("公用经费90.00万元，比上年减少10.00万元，下降10.00%。") == [("pass", "10.00", "10.00")]


def test_a_count_of_internal_bodies_against_the_names_listed():
    audit = audit_lines(_lines("本中心设4个内设机构，分别为：综合科、业务科、财务科。"), "x.txt")
    [count] = [f for f in audit.findings if f.check == "TXT-002"]
    assert (count.status, count.expected, count.actual) == ("fail", "4", "3")


def test_a_grand_total_without_this_years_total_is_kept():
    report, missing = to_report(extract_lines(_lines("2021年度收入总计820.50万元，支出总计820.50万元。"), "x.txt"))
    assert (report.income.grand_total, report.expenditure.grand_total) == (Decimal("820.50"), Decimal("820.50"))
    assert report.income.total is None and any(m.startswith("income") for m in missing)


def test_a_count_in_chinese_numerals_is_read_with_cn2an():
    ex = extract_lines(_lines("本单位纳入自评的共六个项目，分别为：甲项目、乙项目、丙项目、丁项目、戊项目、己项目。"), "x.txt")
    assert ex.get("claims.project_count") == 6
    audit = audit_lines(_lines("本中心设十二个内设机构，分别为：综合科、业务科。"), "x.txt")
    [count] = [f for f in audit.findings if f.check == "TXT-002"]
    assert (count.status, count.expected, count.actual) == ("fail", "12", "2")


def test_every_single_project_is_not_a_count_of_one():
    ex = extract_lines(_lines("对每一个项目都开展了绩效自评，第三个科室负责汇总，一个项目也没有遗漏。"), "x.txt")
    assert ex.get("claims.project_count") is None and ex.counts == []


def test_a_departments_own_score_and_grade_are_read_and_checked():
    texts = ("本年收入合计100.00万元，其中：财政拨款收入100.00万元，占100%。",
             "本年支出合计100.00万元，其中：基本支出100.00万元，占100%。",
             "经综合评价，部门整体自评得分88.5分，整体绩效自评等级为优。")
    report, _ = to_report(extract_lines(_lines(*texts), "x.txt"))
    assert (report.department.score, report.department.grade) == (Decimal("88.5"), "优")  # the word as printed
    audit = audit_lines(_lines(*texts), "x.txt")
    failing = {f.check for f in audit.findings if f.status == "fail"}
    assert "GRD-004" in failing and "GRD-003" not in failing  # 88.5 earns 良好, not 优


def test_a_grade_stated_right_after_the_departments_score_is_its_grade():
    for sentence, grade in (("部门整体支出绩效自评得分为92.6分，评价等级为“优”。", "优"),
                            ("单位整体支出绩效自评综合得分85分，自评结果为良好。", "良好")):
        ex = extract_lines(_lines(sentence), "x.txt")
        assert ex.get("department.grade") == grade, sentence
    assert extract_lines(_lines("部门整体自评得分92.6分。项目评价等级为良。"), "x.txt").get("department.grade") is None


def test_a_share_between_the_figure_and_its_change_belongs_to_the_figure():
    # prior = 850.00 + 54.40 = 904.40; 54.40 / 904.40 = 6.02%, printed 6.00%
    assert _txt003("(一)文化旅游体育与传媒支出850.00万元，占支出总预算78.33%，同比减少54.40万元，下降6.00%。") == [
        ("fail", "6.02", "6.00")]


def test_a_numbered_line_that_states_a_figure_goes_on_over_the_line_break():
    assert _txt003("(二)社会保障和就业支出类科目 116.40 万元,", "占支出总预算 10.73 %,同比增加 16.40 万元,增长 16.40%。") == [
        ("pass", "16.40", "16.40")]


def test_an_amount_that_falls_while_its_rate_rises_contradicts_itself():
    [(status, expected, actual)] = _txt003("2.商品和服务支出较上年减0.04万元，增0.01%。")
    assert (status, expected, actual) == ("fail", "减少", "增长")


def test_a_bare_change_with_one_direction_says_nothing_checkable():
    assert _txt003("3.对个人和家庭补助支出较上年增加0.11万元，增幅0.01%。") == []


def test_other_words_for_up_and_down():
    # prior = 90.00 + 10.00 = 100.00: 降低10.00%
    assert _txt003("公用经费90.00万元，较上年降低10.00万元，降低率为10.00%。") == [("pass", "10.00", "10.00")]
    assert _txt003("公用经费110.00万元，较上年上升10.00万元，下降10.00%。") == [("fail", "增加", "下降")]


def test_a_bare_change_is_recomputed_from_its_figure_stated_once_elsewhere_for_the_year():
    # prior = 3.60 + 0.40 = 4.00; 0.40 / 4.00 = 10.00%, printed 1.00%
    assert _txt003("2021年“三公”经费决算总额为3.60万元，其中公务接待费1.20万元。",
                   "2021年“三公”经费决算数比2020年决算数减少0.40万元，减幅1.00%。") == [("fail", "10.00", "1.00")]


def test_a_bare_change_stays_bare_when_its_figure_is_stated_only_for_another_year_or_twice():
    other_year = ("2020年“三公”经费决算总额为4.00万元。", "2021年“三公”经费决算数比2020年减少0.40万元，减幅1.00%。")
    twice = ("“三公”经费决算总额为3.60万元。", "“三公”经费决算总额为3.80万元。",
             "2021年“三公”经费决算数比2020年减少0.40万元，减幅1.00%。")
    assert _txt003(*other_year) == [] and _txt003(*twice) == []


BASIC = "2021年基本支出较上年增加20.00万元，增长25.00%。主要变动原因如下："  # prior 20.00 ÷ 25% = 80.00


def test_a_numbered_part_whose_rate_makes_it_larger_than_its_whole_last_year_fails():
    # 0.50 at 0.10% implies a prior of 500.00, above the whole's 80.00: the rate cannot be right
    found = _txt003("（一）基本支出", BASIC, "1.工资福利支出较上年增加19.50万元，增长30.00%。",
                    "2.商品和服务支出较上年增加0.50万元，增长0.10%。")
    assert found == [("fail", "≤80.00", "500.00")]


def test_parts_that_fit_under_their_whole_and_a_change_after_another_heading_are_not_compared():
    assert _txt003("（一）基本支出", BASIC, "1.工资福利支出较上年增加19.50万元，增长30.00%。",
                   "（二）项目支出", "1.业务经费较上年增加0.50万元，增长0.10%。") == []


def _txt009(*texts: str) -> list[tuple[str, str, str]]:
    audit = audit_lines(_lines(*texts), "x.txt")
    return [(f.status, f.expected, f.actual) for f in audit.findings if f.check == "TXT-009"]


def test_a_budget_completion_rate_is_recomputed_from_its_final_figure_and_budget():
    assert _txt009("2021年度一般公共预算财政拨款支出年初预算为500.00万元，支出决算为540.00万元，完成年初预算的108.00%。",
                   "1.一般公共服务（类）支出年初预算为90.00万元，支出决算为100.00万元，完成年初预算的110.00%。") == [
        ("pass", "108.00", "108.00"), ("fail", "111.11", "110.00")]


def test_a_completion_rate_printed_with_one_decimal_is_judged_at_one_decimal():
    # 11708.99 / 10623.33 = 110.2196…%: 110.2% as printed
    assert _txt009("其中：高等教育（项）年初预算为10,623.33万元，支出决算为11,708.99万元，完成年初预算的110.2%。") == [
        ("pass", "110.2", "110.2")]


def test_a_change_opening_the_next_sentence_is_its_figure_s_only_when_that_figure_opens_its_own():
    ex = extract_lines([RawLine("收入总计880.50万元。比上年增加80.50万元，增长10.06%。", "line 1"),
                        RawLine("“三公”经费2.50万元，其中：公务接待费0.50万元，公务用车运行维护费2.00万元。"
                                "比上年减少0.20万元，下降7.41%。", "line 2")], "r.txt")
    # the first sentence states one figure: the change is its; the second lists three: the change is none of them
    assert [(c.current, c.amount, c.rate) for c in ex.changes] == [(Decimal("880.50"), Decimal("80.50"),
                                                                     Decimal("10.06"))]
