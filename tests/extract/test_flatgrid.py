"""Score tables whose grid was flattened: '|' rows with empty cells, broken or glued rows, spaced-out text."""
from __future__ import annotations

from decimal import Decimal as D

from selfeval.extract import extract_lines, to_report
from selfeval.extract.audit import audit_lines
from selfeval.extract.flattokens import tokens
from selfeval.extract.lexicon import classify
from selfeval.extract.reading import RawLine
from selfeval.model import Execution, Funds

HEAD = ["项目名称 | 社区绿道养护项目 | 主管部门 | 某区城管局 | 实施单位 | 某区绿化所",
        "项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分"]
INDICATOR_HEAD = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"


def _lines(*texts: str) -> list[RawLine]:
    return [RawLine(t, f"line {n}") for n, t in enumerate(texts, 1)]


def _project(*texts: str):  # noqa: ANN202 - a model Project
    ex = extract_lines(_lines(*texts), "flat.txt")
    (project,) = to_report(ex)[0].projects
    return project, ex


def _rows(project) -> list[tuple]:  # noqa: ANN001
    return [(r.level1, r.level2, r.name, r.target and r.target.raw, r.actual and r.actual.raw, r.weight, r.score)
            for r in project.indicators]


def test_the_lexicon_tells_headers_levels_and_values_apart():
    assert classify("年初预算 数").field == "initial_budget" and classify("经济效益 指标").cls == "level2"
    assert classify("产出指标(40分)").value == D("40") and classify("服务对象满意度指标等").cls == "level2"
    assert (classify("≧").cls, classify("≧").field) == ("op", ">=") and classify("人次").cls == "unit"
    assert classify("12.50").value == D("12.50") and classify("98%").cls == "pct" and classify("满意度").cls == "text"


def test_split_halves_of_a_header_are_joined():
    toks = tokens(_lines("年度 | 指标值 | 经济效益 | 指标 | 绿道长度"))
    assert [(t.text, t.cls) for t in toks] == [("年度指标值", "head"), ("经济效益指标", "level2"), ("绿道长度", "text")]


def test_clean_rows_with_a_total_row_and_grade():
    project, _ = _project(*HEAD, "年度资金总额 | 40.00 | 40.00 | 38.00 | 10 | 95% | 9.5", INDICATOR_HEAD,
                          "产出指标 | 数量指标 | 养护绿道长度 | ≥12公里 | 12.4公里 | 50 | 50 |",
                          "效益指标 | 社会效益指标 | 市民通行便利度 | 明显提升 | 明显提升 | 30 | 28 |",
                          "满意度指标 | 服务对象满意度指标 | 市民满意度 | ≥90% | 93% | 10 | 10 |",
                          "合计 | 100 | 97.5 | 优")
    assert project.name == "社区绿道养护项目" and project.score == D("97.5") and project.grade == "优秀"
    assert project.funds == Funds(D("40.00"), D("40.00"), D("38.00"))
    assert project.execution == Execution(D("10"), D("9.5"))
    assert _rows(project)[:3] == [
        ("产出指标", "数量指标", "养护绿道长度", "≥12公里", "12.4公里", D("50"), D("50")),
        ("效益指标", "社会效益指标", "市民通行便利度", "明显提升", "明显提升", D("30"), D("28")),  # text targets
        ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "93%", D("10"), D("10"))]
    assert _rows(project)[3][2:] == ("合计", None, None, D("100"), D("97.5"))


def test_empty_cells_and_a_broken_row_are_read_by_their_words():
    project, _ = _project(
        *HEAD, "年度资金总额 | 20.00 | 20.00 | 20.00 | 10 | 100% | 10 |", "|", "| |",
        "绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施",
        "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位",
        "| 产出指标 | 数量指标 | 修剪树木株数 | ≧ | 800 | 株 | 820 | 40 | 40 | |",
        "| | 时效指标 | 完工及时率 | ═ | 100 | % | 100 | 10 | 8 |",  # an empty level-1 cell: the group goes on
        "| 效益指标 | 生态效益 指标 | 绿化覆盖改善 |", "| 有效 |", "| 有效 | 30 | 30 |",  # a row broken over lines
        "| 满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥ | 90 | % | 95% | 10 | 10 |")
    rows = _rows(project)
    assert rows[0] == ("产出指标", "数量指标", "修剪树木株数", "≧800株", "820", D("40"), D("40"))
    assert rows[1] == ("产出指标", "时效指标", "完工及时率", "═100%", "100", D("10"), D("8"))
    assert project.indicators[1].actual.percent  # the 度量单位 % applies to the bare actual
    assert rows[2] == ("效益指标", "生态效益指标", "绿化覆盖改善", "有效", "有效", D("30"), D("30"))
    assert rows[3][2] == "居民满意度" and sum(r[5] for r in rows) + project.execution.weight == D("100")


def test_glued_cells_in_one_row_and_spaced_text_lines():
    # every cell of the table on few lines, parted by spaces as a web page copies them
    project, _ = _project("项目名称 乡村文化广场建设", "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
                          "(万元) 年度资金总额 60 60 54 10 90% 9",
                          "绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分", "指标值 完成值",
                          "产出指标 数量指标 指标1:建成广场个数 3个 3个 30 30 指标2:配套器材套数 12套 12套 20 18",
                          "效益指标 社会效益指标 群众文化活动场次 ≥24场 30场 30 30 满意度指标 服务对象满意度指标 "
                          "村民满意度 ≥90% 96% 10 10")
    assert project.funds == Funds(D("60"), D("60"), D("54")) and project.execution == Execution(D("10"), D("9"))
    assert [(r[2], r[5], r[6]) for r in _rows(project)] == [
        ("指标1:建成广场个数", D("30"), D("30")), ("指标2:配套器材套数", D("20"), D("18")),
        ("群众文化活动场次", D("30"), D("30")), ("村民满意度", D("10"), D("10"))]


def test_funds_with_two_of_three_amounts_are_placed_by_the_rate():
    project, _ = _project(*HEAD[:1], "项目资金 (元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
                          "年度资金总额 | 250000 | 200000 | 10 | 80% | 8", INDICATOR_HEAD,
                          "产出指标 | 数量指标 | 养护面积 | 5万平方米 | 5万平方米 | 90 | 85")
    # 200000 ÷ 250000 = 80%: the two amounts are 全年预算数 and 全年执行数, in 元
    assert project.funds == Funds(None, D("25.0000"), D("20.0000"))
    assert project.execution == Execution(D("10"), D("8"))


def test_amounts_that_the_rate_cannot_place_are_left_out():
    project, ex = _project(*HEAD, "年度资金总额 | 30.00 | 30.00 | 10 | 10", INDICATOR_HEAD,
                           "产出指标 | 数量指标 | 养护面积 | 5公顷 | 5公顷 | 90 | 85")
    assert project.funds is None and any("不能唯一地对应到表头各列" in t for t in ex.not_extracted)


def test_a_row_whose_numbers_can_be_read_two_ways_is_left_out():
    project, ex = _project(*HEAD, "年度资金总额 | 10.00 | 10.00 | 10.00 | 10 | 100% | 10", INDICATOR_HEAD,
                           "产出指标 | 数量指标 | 巡查次数 | ≥50次 | 60次 | 40 | 40",
                           "| 质量指标 | 巡查覆盖率 | ≥95% | 30 | 20 |",   # 30 actual or 分值? both fit
                           "| 效益指标 | 社会效益指标 | 投诉下降率 | ≥10% | 12% | 30 |")
    assert [r[2] for r in _rows(project)] == ["巡查次数"]
    assert sum("不能唯一地对应" in t for t in ex.not_extracted) == 2


def test_one_doubtful_row_is_settled_by_the_weights_adding_up_to_100():
    project, _ = _project(*HEAD, "年度资金总额 | 10.00 | 10.00 | 10.00 | 10 | 100% | 10", INDICATOR_HEAD,
                          "产出指标 | 数量指标 | 巡查次数 | ≥50次 | 60次 | 50 | 50",
                          "效益指标 | 社会效益指标 | 投诉下降率 | ≥10% | 12% | 30 | 30",
                          "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 90 | 92 | 10")  # 10 is 分值: 10+50+30+10
    assert _rows(project)[-1] == ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90", "92", D("10"), None)


def test_the_checks_run_on_a_flattened_table():
    lines = _lines(*HEAD, "年度资金总额 | 40.00 | 40.00 | 40.00 | 10 | 100% | 10", INDICATOR_HEAD,
                   "产出指标 | 数量指标 | 养护绿道长度 | ≥12公里 | 12公里 | 50 | 45",
                   "效益指标 | 社会效益指标 | 市民通行便利度 | 明显提升 | 明显提升 | 30 | 30",
                   "满意度指标 | 服务对象满意度指标 | 市民满意度 | ≥90% | 93% | 10 | 10", "合计 | 100 | 98")
    failing = {f.check for f in audit_lines(lines, "flat.txt").findings if f.status == "fail"}
    assert {"SCR-006", "SCR-004"} <= failing  # 12 ≥ 12 met yet 45 of 50; rows give 95, not 98


def test_weight_before_target_and_the_execution_row_among_the_indicators():
    project, _ = _project("项目名称 | 校园安保服务", "一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 | 得分",
                          "项目管理 | 预算执行率 | 10 | 100% | 96% | 9", "产出指标 | 数量指标 | 安保人员 | 60 | 8人 | 8人 | 60",
                          "| 质量指标 | 安全事故 | 30 | 0起 | 0起 | 30 |")
    assert project.execution == Execution(D("10"), D("9"))
    assert [(r[2], r[3], r[4], r[5], r[6]) for r in _rows(project)] == [
        ("安保人员", "8人", "8人", D("60"), D("60")), ("安全事故", "0起", "0起", D("30"), D("30"))]


def test_two_tables_one_after_the_other_are_two_projects():
    first = ["项目名称 | 甲项目", INDICATOR_HEAD, "产出指标 | 数量指标 | 甲指标 | 5次 | 5次 | 90 | 90"]
    second = ["项目名称 | 乙项目", INDICATOR_HEAD, "产出指标 | 数量指标 | 乙指标 | 6次 | 6次 | 90 | 80"]
    ex = extract_lines(_lines(*first, *second), "flat.txt")
    projects = to_report(ex)[0].projects
    assert [(p.name, [(r.name, r.score) for r in p.indicators]) for p in projects] == [
        ("甲项目", [("甲指标", D("90"))]), ("乙项目", [("乙指标", D("80"))])]


def test_funds_printed_as_label_and_amount_pairs():
    project, _ = _project("一、基本情况 项目名称: 助残服务补贴 金额单位: 万元",
                          "二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况",
                          "预算数 8.40 到位数 8.40 执行数 7.98")
    assert project.name == "助残服务补贴" and project.funds == Funds(None, D("8.40"), D("7.98"))


def test_a_deviation_note_after_a_row_is_not_taken_for_the_next_row():
    project, _ = _project("项目名称 | 社区培训项目", INDICATOR_HEAD,
                          "产出指标 | 数量指标 | 培训人次 | ≥100人次 | 90人次 | 50 | 45 | 受天气影响减少两期 |",
                          "| | 培训合格率 | ≥95% | 96% | 40 | 40 |", "| 满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | 95% | 10 | 10")
    assert [(r[2], r[5], r[6]) for r in _rows(project)] == [
        ("培训人次", D("50"), D("45")), ("培训合格率", D("40"), D("40")), ("学员满意度", D("10"), D("10"))]


def test_a_header_with_a_column_the_lexicon_does_not_know_places_no_row():
    project, ex = _project("项目名称 | 敬老补贴 | 金额单位:万元", "年度资金总额 | 预算数 | 5.00 | 执行数 | 5.00",
                           "一级指标 | 二级指标 | 三级指标 | 指标分值 | 预期指标值 | 单项完成情况 | 自评得分",
                           "产出指标 | 数量指标 | 发放人数 | 40 | 20人 | 完成 | 40")
    assert project.funds == Funds(None, D("5.00"), D("5.00")) and project.indicators == ()
    assert any("无法确定各行的位置" in t for t in ex.not_extracted)


def test_one_cell_a_line_with_a_long_goal_text_inside():
    cells = ["项目名称", "河道保洁项目", "项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
             "年度资金总额", "30.00", "30.00", "27.00", "10", "90%", "9", "年度总体目标",
             "全年完成辖区内主要河道的日常保洁与漂浮物打捞工作，保持河面整洁、水体清澈，群众满意度达到预期目标。",
             "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "产出指标", "数量指标", "保洁河道长度", "≥20公里", "21公里", "90", "88", "总分", "100", "97"]
    project, _ = _project(*cells)
    assert project.funds == Funds(D("30.00"), D("30.00"), D("27.00")) and project.score == D("97")
    assert _rows(project)[0] == ("产出指标", "数量指标", "保洁河道长度", "≥20公里", "21公里", D("90"), D("88"))


def test_a_rate_printed_without_its_percent_sign_confirms_the_amounts():
    project, _ = _project(*HEAD[:1], "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分",
                          "年度资金总额 | 16.00 | 12.00 | 10 | 75.00 | 7.5", INDICATOR_HEAD,
                          "产出指标 | 数量指标 | 养护面积 | 5公顷 | 5公顷 | 90 | 85")
    assert project.funds == Funds(None, D("16.00"), D("12.00"))


def test_a_table_cut_off_before_its_total_row_is_said_to_be():
    _, ex = _project(*HEAD, "年度资金总额 | 10.00 | 10.00 | 10.00 | 10 | 100% | 10", INDICATOR_HEAD,
                     "产出指标 | 数量指标 | 巡查次数 | ≥50次 | 60次 | 30 | 30")
    assert any("没有合计行就结束了" in n and "分值合计为40" in n for n in ex.notes)


def test_a_short_level_two_name_right_after_its_level_one():
    project, _ = _project("项目名称 | 社区培训项目", INDICATOR_HEAD,
                          "满意度指标 | 服务对象满意度 | 学员满意度 | ≥90% | 95% | 10 | 10",
                          "| 服务对象满意度 | ≥90% | 92% | 10 | 9 |")  # not after a level-1 name: an indicator
    assert [(r[1], r[2], r[6]) for r in _rows(project)] == [
        ("服务对象满意度", "学员满意度", D("10")), ("服务对象满意度", "服务对象满意度", D("9"))]


def test_a_flattened_table_of_scores_without_a_weight_column_reads_each_score_and_no_weight():
    project, ex = _project("项目名称 | 村道硬化项目 | ||||",
                           "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | ||",
                           "产出指标 | 数量指标 | 硬化里程 | ≧12公里 | 12.3公里 | 20.0 | ||",
                           "验收合格率 | 100% | 100% | 15.0 | |||",
                           "效益指标 | 社会效益指标 | 群众出行时间缩短 | 明显 | 明显 | ||||",
                           "受益人口 | ≧3000人 | 3200人 | 9.5 | |||")
    assert _rows(project) == [
        ("产出指标", "数量指标", "硬化里程", "≧12公里", "12.3公里", None, D("20.0")),
        ("产出指标", "数量指标", "验收合格率", "100%", "100%", None, D("15.0")),
        ("效益指标", "社会效益指标", "受益人口", "≧3000人", "3200人", None, D("9.5"))]
    assert any("群众出行时间缩短" in t for t in ex.not_extracted)  # no 得分 printed: left out, said so
    first = project.indicators[0]  # ≧ (U+2267) is a comparison like ≥: the unit both values print is the row's
    assert (first.unit, first.target.value, first.target.operator, first.actual.value) == ("公里", D(12), ">=", D("12.3"))


def test_a_flattened_header_that_lost_its_weight_column_among_the_rows_is_not_read_as_scores_only():
    _, ex = _project("项目名称 | 村道硬化项目 | ||||",
                     "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 得分 |",
                     "产出指标 | 数量指标 | 硬化里程 | ≧12公里 | 12.3公里 | 20 | 20 | 分值")
    assert "indicators" not in ex.projects[0]


def test_the_decision_process_output_effect_template_s_level_names_group_its_rows():
    """决策 / 过程 / 产出 / 效益 and their level-2 names (项目立项, 资金管理 …) are levels, never rows or values."""
    assert [classify(w).cls for w in ("项目决策(15分)", "过程", "项目效益(35分)", "资金管理", "组织实施")] == [
        "level1", "level1", "level1", "level2", "level2"]
    project, _ = _project(
        "项目名称 | 老年助餐补贴项目 | 主管部门 | 某区民政局",
        "一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 | 得分",
        "项目决策(15分) | 项目立项 | 申报程序规范性 | 8 | 规范 | 规范 | 8",
        "| 绩效目标 | 目标明确性 | 7 | 明确 | 基本明确 | 5",
        "项目过程(25分) | 资金管理 | 资金使用合规性 | 25 | 合规 | 合规 | 25",
        "项目产出(30分) | 产出数量 | 助餐人次 | 30 | 12000人次 | 12500人次 | 30",
        "项目效益(30分) | 社会效益 | 老人就餐便利度 | 30 | 提高 | 提高 | 27",
        "合计 | | | 100 | | | 95")
    assert _rows(project)[:3] == [
        ("项目决策(15分)", "项目立项", "申报程序规范性", "规范", "规范", D(8), D(8)),
        ("项目决策(15分)", "绩效目标", "目标明确性", "明确", "基本明确", D(7), D(5)),
        ("项目过程(25分)", "资金管理", "资金使用合规性", "合规", "合规", D(25), D(25))]
    assert project.score == D(95)


def test_a_spaced_out_decision_template_table_gives_no_row_another_row_s_figures():
    truth = {"立项依据充分性": (D(5), D(5)), "绩效目标合理性": (D(5), D(4)), "管理制度健全性": (D(10), D(10)),
             "受益学生人数": (D(20), D(20)), "学生营养改善": (D(20), D(18)), "家长满意度": (D(10), D(10))}
    project, _ = _project(
        "项目支出绩效自评表(2022年度) 项目名称 学生营养餐补助项目 主管部门 某县教育局 一级指标 二级指标 三级指标 分值 "
        "指标值(A) 全年实际值(B) 得分 项目决策(10分) 项目立项 立项依据充分性 5 — 依据充分 5 绩效目标 绩效目标合理性 5 — "
        "目标合理 4 项目管理(20分) 组织实施 管理制度健全性 10 — 制度健全 10 项目产出(40分) 数量指标(20分) 受益学生人数 20 "
        "1200人 1200人 20 项目效益(30分) 社会效益指标 学生营养改善 20 明显改善 明显改善 18 服务对象满意度指标(10分) "
        "家长满意度 10 ≥90% 95% 10")
    read = {r.name: (r.weight, r.score) for r in project.indicators}
    assert read and all(truth[name] == figures for name, figures in read.items())
    assert {r.level1 for r in project.indicators} <= {"项目决策(10分)", "项目管理(20分)", "项目产出(40分)", "项目效益(30分)"}


def test_rows_read_from_a_spaced_out_table_are_not_also_listed_as_unread():
    project, ex = _project(
        "项目支出绩效自评表 项目名称 河道保洁项目 主管部门 某镇人民政府 一级指标 二级指标 三级指标 年度指标值 实际完成值 "
        "分值 得分 产出指标 数量指标 保洁河道长度 ≥20公里 21公里 50 50 效益指标 社会效益指标 水面整洁度 明显改善 明显改善 "
        "40 38 总分 90 88")
    assert [(r.name, r.weight, r.score) for r in project.indicators][:2] == [
        ("保洁河道长度", D(50), D(50)), ("水面整洁度", D(40), D(38))]
    assert not any("没有分格" in text for text in ex.not_extracted)


def test_cost_is_a_level_one_name_when_a_level_two_name_follows_it():
    """成本指标 heads 经济成本指标 in the 2021 template; under 产出指标 it is a level-2 name, as before."""
    project, _ = _project(*HEAD, "年度资金总额 | 40.00 | 40.00 | 38.00 | 10 | 95% | 9.5", INDICATOR_HEAD,
                          "产出指标 | 数量指标 | 养护绿道长度 | ≥12公里 | 12.4公里 | 40 | 40 |",
                          "产出指标 | 成本指标 | 每公里养护费用 | ≤3万元 | 2.9万元 | 10 | 10 |",
                          "成本指标 | 经济成本指标 | 人均养护经费 | ≤40元 | 38元 | 20 | 20 |",
                          "满意度指标 | 服务对象满意度指标 | 市民满意度 | ≥90% | 93% | 20 | 20 |",
                          "合计 | 100 | 100")
    levels = [(r.level1, r.level2, r.name) for r in project.indicators if not r.is_total]
    assert levels == [("产出指标", "数量指标", "养护绿道长度"), ("产出指标", "成本指标", "每公里养护费用"),
                      ("成本指标", "经济成本指标", "人均养护经费"), ("满意度指标", "服务对象满意度指标", "市民满意度")]


def test_a_task_list_s_budget_and_spending_columns_above_the_money_block_are_not_its_header():
    project, _ = _project("2022年度部门整体支出绩效自评表", "部门（单位）名称 | 某县司法局",
                          "年度主要任务 | 任务名称 | 主要内容 | 预算数（万元） | 执行数（万元）",
                          "| 法治宣传 | 开展普法活动 | 30.00 | 29.50",
                          "年度部门预算（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
                          "| 年度资金总额 | 480.00 | 500.00 | 490.00 | 10 | 98.00% | 9.8", INDICATOR_HEAD,
                          "产出指标 | 数量指标 | 普法活动场次 | ≥50场 | 56场 | 90 | 88 |", "总分 | | | | | 100 | 97.8 |")
    assert project.funds == Funds(D("480.00"), D("500.00"), D("490.00"))
    assert project.execution == Execution(D("10"), D("9.8"))
