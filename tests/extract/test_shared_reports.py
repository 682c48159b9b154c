"""Acceptance on the real published texts in ../shared/reports and the seed report.

Extracted totals and lines (name, amount, share) must equal the hand-read figures of each
*.expected.yaml; the failing findings must be exactly the text's real problems under the rounding
rule (a 0.01 gap between rounded figures is within rounding).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from selfeval import load
from selfeval.extract import extract_file, to_report
from selfeval.extract.audit import audit_file
from selfeval.extract.document import normalise
from selfeval.extract.finance import CARRYOVER
from selfeval.yamlsafe import read_yaml

from .conftest import REPORTS, ROOT, SEED, items

NAMES = ["03_xuchang_hehushuixi_2022", "08_daying_wenguanglv_2022_juesuan",
         "13_urumqi_zhengwufuwu_2023_juesuan_traditional", "17_yinchuan_liuzhong_project_table_2021_ocr",
         "24_dyrmt_project_table_tail_weights_only", "27_template_placeholders_shenong_zhenghe"]
# The failing findings that are the real problems of each text, as (check, where).
PROBLEMS = {
    "03_xuchang_hehushuixi_2022": {("TXT-005", "line 3"), ("TXT-006", "line 3")},   # 46.00 vs 46.25; 优秀 without score
    "08_daying_wenguanglv_2022_juesuan": {("BAL-001", "income.total / expenditure.total"),  # 4125.49 vs 4143.91
                                          ("TXT-003", "line 4")},                           # 38.28% should be 38.29%
    "13_urumqi_zhengwufuwu_2023_juesuan_traditional": set(),  # 434.71 vs 434.72 is within rounding
    # 自评得分98: the rows read give 64 and the rows left unread weigh 30 (数量, 成本, the cut-off 满意度), at most 94
    "17_yinchuan_liuzhong_project_table_2021_ocr": {("TXT-008", "line 3")},
    "24_dyrmt_project_table_tail_weights_only": set(),
    "27_template_placeholders_shenong_zhenghe": set(),
}
DEPARTMENTS = {"03_xuchang_hehushuixi_2022": "许昌市河湖水系水源调度中心",
               "13_urumqi_zhengwufuwu_2023_juesuan_traditional": "乌鲁木齐市政务服务中心"}


def test_every_shared_report_is_covered():
    assert sorted(p.stem for p in REPORTS.glob("*.txt")) == NAMES


def _share(item: dict) -> Decimal | None:
    percent = item.get("percent")
    return None if percent is None else Decimal(str(percent).rstrip("%"))


def _check_section(ex, key: str, expected: object) -> None:  # noqa: ANN001
    if not isinstance(expected, dict):  # "none stated": nothing may be invented
        assert key not in ex.sections and ex.get(f"{key}.total") is None and ex.get(f"{key}.grand_total") is None
        return
    for field in ("total", "grand_total"):
        if field in expected:
            assert ex.get(f"{key}.{field}") == expected[field]["amount"]
    lines = []
    for item in expected.get("items", []):
        name = normalise(item["name"])[0]
        if name in CARRYOVER:
            assert ex.get(f"carryover.{CARRYOVER[name]}") == item["amount"], name
        elif name.endswith("合计"):
            assert ex.get(f"{key}.total") == item["amount"], name
        else:
            lines.append((name, item["amount"], _share(item)))
    got = items(ex.sections[key]) if key in ex.sections else []
    assert got == lines
    assert [str(a) for _, a, _ in got] == [str(a) for _, a, _ in lines]  # decimals as printed


@pytest.mark.parametrize("name", NAMES)
def test_extracted_figures_equal_the_hand_read_ones(name):
    expected = read_yaml(REPORTS / f"{name}.expected.yaml")
    ex = extract_file(REPORTS / f"{name}.txt")
    _check_section(ex, "income", expected.get("income"))
    _check_section(ex, "expenditure", expected.get("expenditure"))
    totals = expected.get("totals") or {}
    for key in ("income", "expenditure"):
        if f"{key}_grand_total" in totals:
            assert ex.get(f"{key}.grand_total") == totals[f"{key}_grand_total"]
    year = expected.get("year")
    assert ex.get("department.year") == (year if isinstance(year, int) else None)
    assert ex.get("department.name") == DEPARTMENTS.get(name)


def test_a_budget_is_kept_apart_from_the_final_accounts_and_summed():
    ex = extract_file(REPORTS / f"{NAMES[0]}.txt")
    budget = next(st for st in ex.budgets if st.kind == "budget")
    expected = read_yaml(REPORTS / f"{NAMES[0]}.expected.yaml")["budget"]
    assert budget.total == expected["total"]["amount"]
    assert [(i.name, i.amount) for i in budget.items] == [(i["name"], i["amount"]) for i in expected["items"]]
    assert any("a budget, not 本年支出" in text for text in ex.not_extracted)


@pytest.mark.parametrize("name, project", [
    ("03_xuchang_hehushuixi_2022", {"name": "河湖水系闸坝工程运行维修经费", "budget": Decimal("46.00")}),
    ("17_yinchuan_liuzhong_project_table_2021_ocr",
     {"name": "初中公用经费", "score": Decimal("98"), "budget": Decimal("64.8"), "spent": Decimal("64.8")}),
])
def test_projects_are_read_with_the_foundation_keys(name, project):
    ex = extract_file(REPORTS / f"{name}.txt")
    assert [{k: v[0] for k, v in p.items()} for p in ex.projects] == [project]


def test_a_weights_total_is_not_a_score_and_a_template_yields_nothing():
    weights = extract_file(REPORTS / f"{NAMES[4]}.txt")
    assert weights.projects == [] and not weights.found_anything
    assert any("合计100" in text and "not read as a score" in text for text in weights.not_extracted)
    template = extract_file(REPORTS / f"{NAMES[5]}.txt")
    assert not template.found_anything and template.values == {}
    assert any("nothing found" in n and "placeholders" in n for n in template.notes)


@pytest.mark.parametrize("name", NAMES)
def test_the_failing_findings_are_the_real_problems(name):
    audit = audit_file(REPORTS / f"{name}.txt")
    failing = {(f.check, f.where) for f in audit.findings if f.status == "fail"}
    assert failing == PROBLEMS[name]
    assert all(f.check in ("BAL-001",) or s is not None for f, s in zip(audit.findings, audit.sources)
               if f.status == "fail")


def test_the_ocr_table_total_is_shown_impossible_with_its_arithmetic():
    audit = audit_file(REPORTS / f"{NAMES[3]}.txt")
    [finding] = [f for f in audit.findings if f.check == "TXT-008"]
    assert (finding.severity, finding.expected, finding.actual) == ("error", "≤94", "98")
    assert "可读出的12行得分合计64分" in finding.message and "服务对象满意度指标10分" in finding.message
    assert "最多可得94分" in finding.message


def test_a_gap_of_one_cent_between_rounded_figures_is_only_info():
    audit = audit_file(REPORTS / f"{NAMES[2]}.txt")
    bal2 = [f for f in audit.findings if f.check == "BAL-002"]
    assert len(bal2) == 2 and all(f.status == "pass" and f.severity == "info" for f in bal2)
    assert {f.difference for f in bal2} == {"0.01"}


def test_templates_and_weight_tails_are_checked_for_nothing():
    for name in NAMES[4:]:
        audit = audit_file(REPORTS / f"{name}.txt")
        assert not any(f.status == "fail" for f in audit.findings)
        assert not any(f.check[:3] in ("SUM", "SHR", "BAL", "PRJ", "GRD", "CLM") for f in audit.findings)


# ---- the seed report against the hand-written params/luquan-cac-2022.yaml ----

def test_the_seed_extracts_to_the_figures_of_its_params_file():
    want = load(ROOT / "params" / "luquan-cac-2022.yaml")
    got, missing = to_report(extract_file(SEED))
    assert missing == []
    for field in ("name", "short_name", "year", "unit"):
        assert getattr(got.department, field) == getattr(want.department, field)
    for key in ("income", "expenditure"):
        g, w = getattr(got, key), getattr(want, key)
        assert (g.total, g.grand_total) == (w.total, w.grand_total)
        assert items(g) == items(w)
        assert [str(a) for _, a, _ in items(g)] == [str(a) for _, a, _ in items(w)]
    assert [p.name for p in got.projects] == [p.name for p in want.projects]
    assert got.claims == want.claims
    assert got.staff == want.staff


def test_the_seed_findings_are_its_duplicates_unevidenced_claims_and_mixed_numbering():
    audit = audit_file(SEED)
    failing = sorted((f.check, f.where) for f in audit.findings if f.status == "fail")
    assert failing == [("CLM-002", "claims.grade"), ("CLM-002", "claims.min_score"),
                       ("DUP-001", "income.items[2], income.items[4]"),
                       ("DUP-001", "income.items[3], income.items[6]"),
                       ("TXT-001", "line 18"), ("TXT-001", "line 26"), ("TXT-001", "line 32"), ("TXT-001", "line 46")]
    sources = {f.where: s for f, s in zip(audit.findings, audit.sources) if f.status == "fail"}
    assert sources["income.items[2], income.items[4]"].snippet == "经营收入0万元，占0%"
    assert sources["line 18"].snippet.startswith("（2）")
