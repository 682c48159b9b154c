"""Project score tables (项目支出绩效自评表): read cell by cell from .docx tables, '|' rows and tab rows."""
from __future__ import annotations

from decimal import Decimal as D

import docx
import pytest

from selfeval.extract import extract_file, extract_lines, to_report
from selfeval.extract.audit import audit_file
from selfeval.extract.reading import RawLine
from selfeval.model import Execution, Funds

from .conftest import OWN


def _rows(project):  # noqa: ANN001, ANN202 - a model Project
    return [(r.level1, r.level2, r.name, r.target and r.target.shown, r.actual and r.actual.shown, r.unit, r.weight,
             r.score) for r in project.indicators]


def _failing(path) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((f.check, f.where) for f in audit_file(path).findings if f.status == "fail")


def _text(*lines: str):  # noqa: ANN202
    return extract_lines([RawLine(t, f"line {n}") for n, t in enumerate(lines, 1)], "inline.txt")


def test_pipe_rows_give_funds_execution_indicators_total_and_the_stated_score():
    ex = extract_file(OWN / "score_table_pipes.txt")
    (project,), _ = to_report(ex)[0].projects, None
    assert project.name == "网络舆情监测服务项目" and project.score == D("98") and project.grade == "优秀"
    assert project.funds == Funds(D("20.00"), D("20.00"), D("19.80")) and project.budget is None
    assert project.execution == Execution(D("10"), D("9.9"))
    rows = _rows(project)
    assert rows[0] == ("产出指标", "数量指标", "舆情信息推送条数", "≥8000条", "8350条", "条", D("20"), D("18"))
    # an empty level cell continues the merged group above it
    assert rows[1][:3] == ("产出指标", "数量指标", "专题报告期数") and rows[2][:3] == ("产出指标", "质量指标", "信息准确率")
    assert rows[4][3:5] == ("有效提升", "明显提升") and rows[-1] == (
        "", "", "合计", None, None, "", D("100"), D("96.9"))
    assert len(rows) == 7  # the 成本指标 row lost its cells: left out, and said so
    assert any("单条监测成本控制" in t and "各格无法对应到列" in t for t in ex.not_extracted)


def test_pipe_table_defects_are_found_by_the_score_checks():
    assert _failing(OWN / "score_table_pipes.txt") == [
        ("SCR-004", "projects[0].score"),                # 98 stated, rows give 95.9
        ("SCR-006", "projects[0].indicators[0].score"),  # 8350 ≥ 8000 met, yet 18 of 20
        ("SCR-009", "projects[0].indicators[6].score")]  # the 合计 row's 96.9 is not the rows' 95.9


def test_tab_rows_are_read_and_a_missed_target_with_full_marks_is_found():
    project = to_report(extract_file(OWN / "score_table_tabs.txt"))[0].projects[0]
    assert (project.name, project.score, project.grade) == ("耕地质量监测项目", D("100"), "优秀")
    assert project.funds == Funds(D("50.00"), D("48.00"), D("48.00"))
    assert _rows(project)[1] == ("产出指标", "质量指标", "样品检测合格率", "≥98%", "96%", "", D("25"), D("25"))
    assert _failing(OWN / "score_table_tabs.txt") == [("SCR-006", "projects[0].indicators[1].score")]


def test_tab_lines_that_are_not_a_score_table_are_read_as_text():
    ex = _text("本年收入合计\t100.00万元", "其中：财政拨款收入100.00万元，占100%。")
    assert ex.projects == [] and ex.get("income.total") == D("100.00")


def test_a_row_that_lost_cells_is_read_by_its_words_or_left_out_never_shifted():
    ex = _text("项目名称 | 道路保洁项目", "一级指标 | 二级指标 | 三级指标 | 分值 | 得分",
               "产出指标 | 数量指标 | 保洁面积 | 50 | 48", "效益指标 | 道路整洁 | 30 | 30", "满意度指标 | 群众满意度 | 10")
    project = to_report(ex)[0].projects[0]
    # 道路整洁 is no level-2 name, so it is the row's indicator; a lone 10 may be 分值 or 得分: left out
    assert [(r.level1, r.level2, r.name, r.weight, r.score) for r in project.indicators] == [
        ("产出指标", "数量指标", "保洁面积", D("50"), D("48")), ("效益指标", "", "道路整洁", D("30"), D("30"))]
    assert any("群众满意度" in t and "不能唯一地对应" in t for t in ex.not_extracted)


def test_funds_without_a_unit_and_scores_that_are_not_numbers_are_left_out():
    ex = _text("项目名称 | 示例项目", "项目资金 | 年初预算数 | 全年预算数 | 全年执行数", "年度资金总额 | 10 | 10 | 9",
               "一级指标 | 二级指标 | 三级指标 | 分值 | 得分", "产出指标 | 数量指标 | 培训人次 | 20 | 良")
    project = to_report(ex)[0].projects[0]
    assert project.funds is None and project.indicators[0].score is None
    assert any("没有注明单位（万元／元）的金额" in t for t in ex.not_extracted)
    assert any("得分“良”不是数字" in t for t in ex.not_extracted)


def _docx(path):  # noqa: ANN001, ANN202
    """A score table as Word draws it: merged name cell, merged level-1 cells, a 合计 row and a 总分 row."""
    document = docx.Document()
    document.add_paragraph("示例街道办事处2023年度项目支出绩效自评表")
    rows = [["项目名称", "社区养老服务项目", "", "", "", "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "得分"],
            ["", "年度资金总额", "80.00", "100.00", "95.00", "10", "9.5"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "服务老人人次", "≥5000人次", "5200人次", "30", "30"],
            ["", "质量指标", "服务投诉率", "≤1%", "1.5%", "20", "20"],
            ["效益指标", "社会效益", "老人生活质量", "明显改善", "明显改善", "30", "28"],
            ["满意度指标", "服务对象满意度", "老人满意度", "≥90%", "96%", "10", "10"],
            ["合计", "", "", "", "", "100", "97.5"]]
    table = document.add_table(rows=len(rows), cols=7)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(0, 1).merge(table.cell(0, 6))          # the name spans the row
    table.cell(1, 0).merge(table.cell(2, 0))          # 项目资金（万元） spans two rows
    table.cell(4, 0).merge(table.cell(5, 0))          # 产出指标 spans its two rows
    table.cell(1, 0).text = "项目资金（万元）"
    table.cell(4, 0).text = "产出指标"
    document.save(str(path))
    return path


def test_docx_table_with_merged_cells_is_read_by_grid_column(tmp_path):
    path = _docx(tmp_path / "score.docx")
    ex = extract_file(path)
    project = to_report(ex)[0].projects[0]
    assert project.name == "社区养老服务项目" and project.score == D("97.5")
    assert project.funds == Funds(D("80.00"), D("100.00"), D("95.00"))
    assert project.execution == Execution(D("10"), D("9.5"))
    assert _rows(project)[:2] == [
        ("产出指标", "数量指标", "服务老人人次", "≥5000人次", "5200人次", "人次", D("30"), D("30")),
        ("产出指标", "质量指标", "服务投诉率", "≤1%", "1.5%", "", D("20"), D("20"))]
    assert [f for f in ex.not_extracted if "无法对应到列" in f] == []
    assert _failing(path) == [("SCR-006", "projects[0].indicators[1].score"),  # 1.5% > 1% missed, full marks
                              ("SCR-006", "projects[0].indicators[2].score")]  # 明显改善 / 明显改善, 28 of 30 (warning)
    where = {f.where: s for f, s in zip(audit_file(path).findings, audit_file(path).sources) if s is not None}
    assert where["projects[0].indicators[1].score"].where == "table 1, row 6"


def test_glued_indicator_rows_of_an_ocr_table_are_listed_as_not_read():
    ex = _text("项目名称校舍维修经费主管部门示例局自评得分91一级指标二级指标三级指标分值指标值实际值得分产出指标数量指标维修面积20≥500平方米520平方米20")
    assert ex.projects[0]["name"][0] == "校舍维修经费" and "indicators" not in ex.projects[0]
    assert any("指标行印出时没有分格" in t for t in ex.not_extracted)


def test_extracted_tables_round_trip_through_the_params_file(tmp_path):
    import dataclasses  # noqa: PLC0415

    from selfeval.dump import dumps  # noqa: PLC0415
    from selfeval.loader import load  # noqa: PLC0415
    from selfeval.model import Section  # noqa: PLC0415

    for name in ("score_table_pipes.txt", "score_table_tabs.txt", "score_tables.txt"):
        report = to_report(extract_file(OWN / name))[0]
        report = dataclasses.replace(report, income=Section(D("1")), expenditure=Section(D("1")))
        path = tmp_path / f"{name}.yaml"
        path.write_text(dumps(report), encoding="utf-8")
        assert load(path).projects == report.projects


_ROWS = [("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", "20", "20"),
         ("", "质量指标", "合格率", "≥95%", "96%", "20", "18"),
         ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "20", "20")]


@pytest.mark.parametrize("head", ["年度指标值 | 实际完成值 | 分值 | 得分", "指标值 | 实际值 | 权重 | 自评得分",
                                  "预期目标 | 实际完成 | 指标分值 | 评分", "计划目标值 | 完成指标值 | 标准分值 | 实得分"])
def test_the_usual_names_of_the_indicator_columns(head):
    lines = ["示例县2023年度项目支出绩效自评表", "项目名称 | 农技推广项目", f"一级指标 | 二级指标 | 三级指标 | {head}",
             *(" | ".join(r) for r in _ROWS), "合计 | | | | | 60 | 58"]
    project = to_report(_text(*lines))[0].projects[0]
    assert [(i.name, i.target.shown, i.weight, i.score) for i in project.indicators if not i.is_total] == [
        (r[2], r[3], D(r[5]), D(r[6])) for r in _ROWS]


PARTS = OWN / "dept_table_parts.txt"


def test_a_department_table_s_basic_and_project_rows_are_scored_apart_even_when_a_row_is_broken():
    ex = extract_file(PARTS)
    names = [p["name"][0] for p in ex.projects]
    assert names == ["部门整体支出", "基本支出", "项目支出"]
    basic = ex.projects[1]
    assert basic["funds"][0] == Funds(initial_budget=D("1000.00"), executed=D("900.00"))  # its 分值/得分 on the next line
    assert basic["execution"][0] == Execution(D("10"), D("10"))


def test_the_basic_row_earns_its_rate_on_the_initial_budget_and_only_its_execution_is_checked():
    failing = _failing(PARTS)
    # 900.00 / 1000.00 = 90% of 10 points is 9, printed 10; the whole table's own rows are not a table of theirs
    assert ("SCR-005", "projects[1].execution.score") in failing
    assert not any(check in ("SCR-001", "SCR-002", "PRJ-001") and "projects[1]" in where for check, where in failing)
    assert ("SCR-005", "projects[2].execution.score") not in failing  # 280 / 200 is above 100%: full marks


def test_the_department_table_as_a_word_grid_gives_the_same_parts(tmp_path):
    rows = [["部门（单位）名称", "示例县青山镇人民政府", "", "", "", "", ""],
            ["部门（单位）总体资金（万元）", "资金来源", "年初预算数（A）", "全年执行数（B）", "分值（10分）", "得分", "得分计算方法"],
            ["", "年度资金总额", "1200.00", "1180.00", "10", "10", "执行率*该指标分值"],
            ["", "基本支出", "1000.00", "900.00", "10", "10", ""],
            ["", "项目支出", "200.00", "280.00", "10", "10", ""]]
    document = docx.Document()
    document.add_paragraph("部门整体支出绩效自评表")
    table = document.add_table(rows=len(rows), cols=7)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(2, 0).merge(table.cell(4, 0))
    document.save(tmp_path / "dept.docx")
    ex = extract_file(tmp_path / "dept.docx")
    assert [(p["name"][0], p["funds"][0].executed, p["execution"][0].score) for p in ex.projects] == [
        ("部门整体支出", D("1180.00"), D("10")), ("基本支出", D("900.00"), D("10")), ("项目支出", D("280.00"), D("10"))]


def test_a_target_in_words_keeps_its_unit_and_comparison_in_a_flattened_table():
    line = ("示例县项目支出绩效自评表 (2023年度) 项目名称 农技推广项目 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "产出指标 数量指标 培训人次 不低于500人次 520人次 30 30 质量指标 合格率 95%以上 96% 20 18 合计 50 48")
    rows = [i for p in _text(line).projects for i in p["indicators"][0] if not i.is_total]
    assert [(i.unit, i.comparison, i.target.value) for i in rows] == [("人次", ">=", D("500")), ("", ">=", D("95"))]


def test_a_docx_table_of_scores_without_a_weight_column_keeps_its_scores_and_no_weights(tmp_path):
    document = docx.Document()
    document.add_paragraph("示例镇2023年度项目支出绩效自评表")
    rows = [["项目名称", "农田灌渠修缮项目", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
            ["产出指标", "数量指标", "修缮灌渠长度", "≥8公里", "8.5公里", "25"],
            ["", "时效指标", "完工时间", "10月底前", "10月20日", ""],
            ["效益指标", "经济效益", "受益农田面积", "≥3000亩", "3100亩", "28.5"]]
    table = document.add_table(rows=len(rows), cols=6)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(tmp_path / "scores.docx"))
    ex = extract_file(tmp_path / "scores.docx")
    project = to_report(ex)[0].projects[0]
    assert [(i.name, i.weight, i.score) for i in project.indicators] == [
        ("修缮灌渠长度", None, D("25")), ("受益农田面积", None, D("28.5"))]
    assert any("完工时间" in t and "未读取" in t for t in ex.not_extracted)  # no 得分: left out, said so


def test_a_score_column_headed_shi_ji_de_fen_is_the_score():
    ex = _text("项目名称 | 社区绿道养护项目 | 主管部门 | 某区城管局",
               "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 实际得分",
               "产出指标 | 数量指标 | 养护绿道长度 | ≥12公里 | 12.4公里 | 90 | 88", "合计 | 90 | 88")
    (project,) = to_report(ex)[0].projects
    assert [(i.name, i.weight, i.score) for i in project.indicators][0] == ("养护绿道长度", D("90"), D("88"))


def test_a_whole_department_score_table_is_read_as_the_department_s_with_its_score_and_grade():
    report = to_report(extract_file(OWN / "dept_score_table.txt"))[0]
    (project,) = report.projects
    # no 项目名称: the title names the table 部门整体支出, as the flattened-table reader names it
    assert project.name == "部门整体支出" and project.execution == Execution(D("10"), D("9.5"))
    assert [r.name for r in project.indicators][:2] == ["预算编制科学性", "绩效目标合理性"]
    assert project.indicators[-1].score == D("95.5") and project.grade == "优秀"
    # the sentence under the table gives the grade; the table's score and grade are the department's own
    assert (report.department.score, report.department.grade) == (D("95.5"), "优秀")


def test_a_department_score_stated_otherwise_than_its_table_is_a_conflict(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text((OWN / "dept_score_table.txt").read_text(encoding="utf-8") + "\n部门整体自评得分97分。\n",
                    encoding="utf-8")
    # 96 would agree with 95.5 (it may be 95.5 rounded); 97 cannot
    assert ("TXT-007", "line 10") in _failing(path)


def test_a_deviation_reason_ending_a_row_is_no_indicator_and_a_row_without_cells_is_still_noted(tmp_path):
    ex = extract_file(OWN / "score_table_reasons.txt")
    (project,) = to_report(ex)[0].projects
    assert [r.name for r in project.indicators][2:4] == ["按期完工率", "道路通行条件改善"]
    assert not ex.not_extracted
    lines = (OWN / "score_table_reasons.txt").read_text(encoding="utf-8").splitlines()
    lines.insert(11, "| | | 施工安全事故数 | | | | | |")
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert any("施工安全事故数" in t for t in extract_file(path).not_extracted)


def test_a_merged_group_cell_repeating_a_row_s_name_is_no_indicator_of_its_own():
    ex = extract_file(OWN / "score_table_merged_names.txt")
    (project,) = to_report(ex)[0].projects
    # 预算执行 | 预算执行率 | 预算执行率 | 10 | … : one execution row, and nothing said of the cells before it
    assert project.execution == Execution(D("10"), D("9.6")) and len(project.indicators) == 5
    assert not [t for t in ex.not_extracted if "预算执行" in t]


def test_a_row_left_out_leaves_the_table_s_sums_unchecked_when_the_weights_read_are_short_of_100(tmp_path):
    lines = (OWN / "score_table_reasons.txt").read_text(encoding="utf-8").splitlines()
    # the 质量指标 row's cells glued into one: left out, and its 15 points with it
    lines[9] = "| | 质量指标 | 验收合格率 | 100% 15 15 | | | |"
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    findings = {f.check: f for f in audit_file(path).findings if f.check in ("SCR-001", "SCR-004", "SCR-008")}
    assert {c: f.status for c, f in findings.items()} == {"SCR-001": "unchecked", "SCR-004": "unchecked",
                                                           "SCR-008": "unchecked"}
    assert "评分表有行未能读出" in findings["SCR-001"].message
    # with the weights read making 100, a row left out carried none: the sums are still checked (see the pipe table)
    assert ("SCR-004", "projects[0].score") in _failing(OWN / "score_table_pipes.txt")


def test_an_unnamed_indicator_table_after_a_list_of_projects_is_given_to_none_of_them(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("序号 | 项目名称 | 预算数（万元） | 执行数（万元） | 自评得分\n1 | 城乡环境综合整治项目 | 160.00 | 155.20 | 94.5\n"
                    "2 | 农村饮水安全项目 | 80.00 | 80.00 | 96\n\n一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
                    "产出指标 | 数量指标 | 维修道路面积 | ≥5万平方米 | 5.2万平方米 | 20 | 20\n", encoding="utf-8")
    ex = extract_file(path)
    assert [p.indicators for p in to_report(ex)[0].projects] == [(), ()]
    assert any("没有项目名称" in t for t in ex.not_extracted)
