"""The narrative: pure Markdown from the data and the findings, no kernel. Figures come from the params data."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

import selfeval
from selfeval import narrative
from selfeval.model import Department, LineItem, Report, Section
from selfeval.tables import SEVERITY_ZH
from tests.conftest import LUQUAN, PARAMS, make_report, project, section


@pytest.fixture(scope="module")
def seed() -> Report:
    return selfeval.load(LUQUAN)


@pytest.fixture(scope="module")
def seed_findings(seed: Report) -> list[selfeval.Finding]:
    return selfeval.run_checks(seed)


@pytest.fixture(scope="module")
def seed_text(seed: Report, seed_findings: list[selfeval.Finding]) -> str:
    return narrative.render(seed, seed_findings)


def stated(sec: Section, unit: str) -> str:
    """A section's lines in the seed report's form: 名称X万元，占Y%；… 。"""
    return "；".join(f"{item.name}{item.amount}{unit}，占{item.share}%" for item in sec.items) + "。"


def paragraphs(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if block.strip()]


# ---- figures, in the seed report's form ----

def test_seed_income_and_expenditure_in_the_reports_own_words(seed_text: str):
    # literally as the seed report prints them
    assert "收入合计344.64万元，其中：财政拨款收入344.64万元，占100%；事业收入0万元，占0%" in seed_text
    assert "基本支出280.75万元，占81.46%；项目支出63.89万元，占18.54%" in seed_text


@pytest.mark.parametrize("key", ["income", "expenditure"])
def test_every_line_figure_and_share_is_stated_in_order(seed: Report, seed_text: str, key: str):
    sec: Section = getattr(seed, key)
    unit = seed.department.unit
    assert len(sec.items) >= 2 and all(item.share is not None for item in sec.items)
    label = {"income": "收入", "expenditure": "支出"}[key]
    sentence = f"本部门{seed.department.year}年度{label}合计{sec.total}{unit}，其中：{stated(sec, unit)}"
    assert sentence in seed_text.splitlines(), f"no line reads {sentence!r}"
    for item in sec.items:  # each one on its own, too, so a failure names the line
        assert f"{item.name}{item.amount}{unit}，占{item.share}%" in seed_text


def test_a_line_without_a_share_states_its_amount_only():
    report = make_report(income=section("100.00", [("财政拨款收入", "60.00", "60.00"), ("其他收入", "40.00")]))
    text = narrative.render_section("finance", report, selfeval.run_checks(report))
    assert "财政拨款收入60.00万元，占60.00%；其他收入40.00万元。" in text
    assert "其他收入40.00万元，占" not in text


def test_the_unit_is_the_reports_own():
    report = make_report(unit="元", income=section("100.00", [("财政拨款收入", "100.00", "100")]))
    text = narrative.render_section("finance", report, selfeval.run_checks(report))
    assert "收入合计100.00元，其中：财政拨款收入100.00元，占100%。" in text
    assert "万元" not in text


# ---- failing checks become remarks in the prose ----

def test_duplicated_lines_are_remarked_in_the_finance_section(seed: Report, seed_findings):
    finance = narrative.render_section("finance", seed, seed_findings)
    dup = [f for f in seed_findings if f.check == "DUP-001" and f.status == "fail"]
    assert len(dup) == 2
    for f in dup:
        assert f"> **复核提示（{SEVERITY_ZH[f.severity]}，DUP-001）**：{f.message}" in finance.splitlines()
    assert "本年收入中“经营收入”列示了2次（第3项、第5项）" in finance
    assert "本年收入中“其他收入”列示了2次（第4项、第7项）" in finance


def test_claims_without_evidence_are_remarked_in_the_conclusion(seed: Report, seed_findings):
    conclusion = narrative.render_section("conclusion", seed, seed_findings)
    clm = [f for f in seed_findings if f.check == "CLM-002" and f.status == "fail"]
    assert len(clm) == 2
    for f in clm:
        assert f"> **复核提示（{SEVERITY_ZH[f.severity]}，CLM-002）**：{f.message}" in conclusion.splitlines()
    assert conclusion.count("有声明、无依据") == 2
    assert "报告自评结论：共6个项目，绩效评价均得分≥90分，评价等级为优秀。" in conclusion


def test_every_failing_finding_is_listed_among_the_issues(seed: Report, seed_findings):
    issues = narrative.render_section("issues", seed, seed_findings)
    failing = [f for f in seed_findings if f.status == "fail"]
    assert len(failing) == 4
    for n, f in enumerate(failing, start=1):
        line = next((ln for ln in issues.splitlines() if ln.startswith(f"{n}. ")), None)
        assert line is not None and f.check in line and f"【{SEVERITY_ZH[f.severity]}】" in line, issues


def test_a_clean_report_has_no_remarks():
    report = make_report()
    findings = selfeval.run_checks(report)
    assert not [f for f in findings if f.status == "fail"]
    text = narrative.render(report, findings)
    assert "复核提示" not in text
    assert "复核未发现数据不一致问题。" in text


def test_passing_findings_are_not_remarked(seed: Report, seed_findings):
    # the same report with only its passing findings says nothing of DUP-001 or CLM-002
    passing = [f for f in seed_findings if f.status != "fail"]
    text = narrative.render(seed, passing)
    assert "复核提示" not in text and "DUP-001" not in text and "CLM-002" not in text


# ---- layout: one line per paragraph ----

@pytest.mark.parametrize("params", PARAMS, ids=lambda p: p.stem)
def test_each_paragraph_is_one_line(params):
    report = selfeval.load(params)
    text = narrative.render(report, selfeval.run_checks(report))
    assert text.endswith("\n") and "\n\n\n" not in text
    for block in paragraphs(text):
        lines = block.strip("\n").split("\n")
        if len(lines) > 1:  # only a list may run over several lines, one item per line
            assert all(re.match(r"\d+\. ", ln) for ln in lines), f"a paragraph broken over lines:\n{block}"
    for name in narrative.SECTIONS:
        assert narrative.render_section(name, report, selfeval.run_checks(report)).startswith("## ")


def test_seed_sentences_are_never_broken(seed_text: str):
    for start in ("单位名称：", "人员情况：", "本部门2022年度收入合计", "本部门2022年度支出合计", "复核结论："):
        line = next((ln for ln in seed_text.splitlines() if ln.startswith(start)), None)
        assert line is not None, start
        assert line.endswith("。"), f"{start}… does not end its paragraph on the same line: {line!r}"


def test_unknown_section_is_refused(seed: Report, seed_findings):
    with pytest.raises(ValueError, match="unknown narrative section"):
        narrative.render_section("appendix", seed, seed_findings)


# ---- injection: data never becomes HTML or Markdown ----

SCRIPT = "<script>alert(1)</script>"
MARKDOWN = "*a*_b_[x](http://e)"


@pytest.fixture(scope="module")
def hostile() -> tuple[Report, list[selfeval.Finding]]:
    base = make_report(income=section("100.00", [("财政拨款收入", "100.00", "100"), (MARKDOWN, "0", "0"),
                                                 (MARKDOWN, "0", "0")]))
    report = dataclasses.replace(base, department=Department(name=SCRIPT, code="inject", year=2022))
    return report, selfeval.run_checks(report)


def test_department_name_is_html_escaped(hostile):
    text = narrative.render(*hostile)
    assert SCRIPT not in text and "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_markdown_specials_in_data_are_escaped(hostile):
    text = narrative.render(*hostile)
    assert MARKDOWN not in text
    assert r"\*a\*\_b\_\[x\](http\://e)0万元，占0%" in text
    # the DUP-001 remark quotes the name: escaped there as well
    dup = [f for f in hostile[1] if f.check == "DUP-001" and f.status == "fail"]
    assert dup and MARKDOWN in dup[0].message
    remark = next(ln for ln in text.splitlines() if ln.startswith("> **复核提示") and "DUP-001" in ln)
    assert r"\*a\*\_b\_\[x\](http\://e)" in remark


def test_escaped_narrative_renders_to_harmless_html(hostile):
    from nbconvert.filters import markdown2html  # what the report's HTML is made with

    html = markdown2html(narrative.render(*hostile))
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>" not in html and "<strong>a" not in html
    assert "*a*_b_[x]" in html  # the name's specials shown as they are


def test_a_url_in_data_does_not_become_a_link(hostile):
    # Bare URLs are auto-linked by the Markdown renderer: a name holding http://… must stay text, and the
    # sentence after it must not be swallowed into the link (nor show its backslash escapes).
    from nbconvert.filters import markdown2html

    html = markdown2html(narrative.render(*hostile))
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("#") for h in hrefs), f"links made from data: {[h for h in hrefs if h[:1] != '#']}"
    assert "*a*_b_[x](http://e)0万元，占0%；*a*_b_[x](http://e)0万元，占0%。" in html


def test_each_conclusion_paragraph_renders_as_its_own_paragraph():
    from nbconvert.filters import markdown2html

    report = make_report(projects=[project("甲项目", score="95"), project("乙项目", score="91")])
    conclusion = narrative.render_section("conclusion", report, selfeval.run_checks(report))
    paras = re.findall(r"<p>(.*?)</p>", markdown2html(conclusion), flags=re.S)
    scored = [p for p in paras if p.startswith("按得分复核")]
    assert len(scored) == 1 and "复核结论" not in scored[0], f"two paragraphs run together: {scored}"
    assert any(p.startswith("复核结论：") for p in paras)


def test_a_pipe_in_a_name_is_escaped():
    item = LineItem(name="a|b", amount=Decimal("1.50"), share=None)
    report = make_report(income=Section(total=item.amount, items=(item,)))
    text = narrative.render_section("finance", report, selfeval.run_checks(report))
    assert r"a\|b1.50万元。" in text  # a pipe would start a Markdown table cell


def test_department_overall_score_grade_and_min_grade_claim_in_the_conclusion_as_written():
    from selfeval.model import Claims  # noqa: PLC0415

    report = make_report(projects=[project("甲", score="85", grade="较好")], claims=Claims(min_grade="较好"))
    dept = dataclasses.replace(report.department, score=Decimal("92.6"), grade="好")
    report = dataclasses.replace(report, department=dept, grading="好较好一般差")
    text = narrative.render_section("conclusion", report, selfeval.run_checks(report))
    assert "部门整体自评：得分92.6分，评价等级为好。" in text
    assert "评价等级均为较好及以上" in text and "甲85分，较好" in text and "优秀" not in text


def test_an_issue_names_its_place_in_the_reports_terms_not_a_key_path(seed: Report, seed_findings):
    issues = narrative.render_section("issues", seed, seed_findings)
    places = re.findall(r"（位置：([^）]*)）", issues)
    assert places and not any(re.search(r"[a-z_]+\.[a-z_]+|\[\d+\]", p) for p in places), places


def test_a_table_that_prints_scores_without_weights_states_its_groups_scores_alone():
    from selfeval.model import Execution, Indicator  # noqa: PLC0415

    rows = (Indicator("里程", None, Decimal("40"), level1="产出指标"), Indicator("通行", None, Decimal("45"), level1="效益指标"))
    table = dataclasses.replace(project("村道项目", score="95"), execution=Execution(Decimal("10"), Decimal("10")),
                                indicators=rows)
    text = narrative.render_section("performance", make_report(projects=[table]), [])
    assert "（预算执行10分/10分，产出指标40分，效益指标45分）" in text, text
