"""Score the report reader on the labelled corpus (rules: /work/shared/reports/README.md).

Usage: python bench/corpus.py DIR [--no-targets] [--json FILE] [--only PATTERN] [--format txt|pdf|docx|html]
       [--rendered DIR]. Each DIR/NAME.txt with NAME.labels.yaml (or its copy NAME.<format> in --rendered, made
by bench/render_corpus.py) is audited with `audit_file`, as `selfeval audit` does; figures are looked up in
the params `to_report` makes. Choices the README leaves open: `budget`/`spent` and `funds.full_year_budget`/
`funds.executed` are one figure each (the model's budget_amount / spent_amount); `total.score` is the
project's score; budget figures and claims the params have no key for are missed; execution rates and
other_figures are not scored; an OCR'd "IO" is 10; each labelled problem needs a finding of its own.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import opencc
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's selfeval, not another install

from selfeval.checks.registry import Finding  # noqa: E402
from selfeval.errors import InputError  # noqa: E402
from selfeval.extract.audit import audit_file  # noqa: E402
from selfeval.extract.pipeline import to_report  # noqa: E402
from selfeval.grades import normalize_grade  # noqa: E402
from selfeval.model import Department, Project, Report, Section  # noqa: E402

T2S = opencc.OpenCC("t2s")
TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
KINDS = ("amounts", "shares", "scores", "weights", "funds", "grades", "claims")
CHECKS_FOR = {"sum": ("SUM", "BAL-002", "PRJ-003", "TXT-004"), "share": ("SHR",), "balance": ("BAL",),
              "grade": ("GRD",), "count": ("TXT-002",), "claim": ("CLM", "TXT-005", "TXT-006"),
              "duplicate": ("DUP", "TXT-007"), "yoy": ("TXT-003",), "numbering": ("TXT-001",),
              "weights": ("SCR-001", "SCR-002"), "score_sum": ("SCR-004", "SCR-009"),
              "score_over_weight": ("SCR-003",), "execution": ("SCR-005", "PRJ-001"),
              "target_met_not_scored": ("SCR-006",), "stated_score_impossible": ("SCR-008", "TXT-008")}
CRASH = "检查程序自身出错"  # the message registry._run_one gives a check that raised
TARGET_SHARE = Decimal(95)
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]+\)", re.IGNORECASE)  # 務(wù) on mirror sites
_BRACKETED = re.compile(r"\([^()]*\)")
_BRACKETS = re.compile(r"[()\[\]{}<>【】〔〕《》〈〉「」『』]")
_OCR_DIGITS = str.maketrans("IlO", "110")
_UNIT_SUFFIX = re.compile(r"(亿元|万元|元)$")


@dataclass
class Score:
    """One labelled figure: found, wrong (the key holds another value) or missed."""

    kind: str
    where: str
    printed: str
    status: str
    got: str = ""
    expected: str = ""  # the printed figure as compared (in 万元, canonical grade)


@dataclass
class TextResult:
    """One text's figures, problems and false errors."""

    name: str
    file: str
    figures: list[Score] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)
    false_errors: list[str] = field(default_factory=list)
    input_error: str = ""
    crash: str = ""
    unscored: int = 0  # other_figures and execution rates: the params have no key for them

    def count(self, status: str) -> int:
        """Figures with this status."""
        return sum(1 for s in self.figures if s.status == status)

    @property
    def problems_found(self) -> int:
        """Labelled problems a finding speaks for."""
        return sum(1 for p in self.problems if p["found_by"])


def number(text: Any) -> Decimal | None:
    """A labelled number ("23,866.88", "4.04 %", OCR'd "IO") as a Decimal, or None when it is not one."""
    s = "".join(str(text).split()).replace(",", "").rstrip("%％")
    if set(s) <= set("0123456789.IlO"):  # OCR reads 1 and 0 as I, l and O
        s = s.translate(_OCR_DIGITS)
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def amount(text: Any, factor: Decimal) -> Decimal | None:
    """A labelled amount in 万元 (its own unit suffix, if printed, overrides the text's unit)."""
    s = "".join(str(text).split())
    suffix = _UNIT_SUFFIX.search(s)
    value = number(s[:suffix.start()] if suffix else s)
    return None if value is None else value * (TO_WAN[suffix[1]] if suffix else factor)


def unit_factor(unit: Any) -> Decimal:
    """万元 per printed unit: 萬(wàn)元 → 万元; no unit stated counts as 万元."""
    name = T2S.convert(_BRACKETED.sub("", str(unit or "万元")).strip())
    return TO_WAN.get(name, Decimal(1))


def grade(word: Any) -> str:
    """A grade word in canonical form (优 → 优秀, 優秀 → 优秀)."""
    text = T2S.convert(str(word)).strip()
    return normalize_grade(text) or text


def name_forms(name: str) -> tuple[str, str]:
    """A name without spaces, pinyin residue, width and script differences: brackets dropped, then their text too."""
    s = T2S.convert(_PINYIN.sub("", "".join(unicodedata.normalize("NFKC", name).split())))
    return _BRACKETS.sub("", s), _BRACKETS.sub("", _BRACKETED.sub("", s))


def _contains(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= 2 and (a in b or b in a)


def matches(name: Any, candidates: list[tuple[str, Any]]) -> list[Any]:
    """The candidates whose name is the label's (ignoring form), else the closest containing it or contained in it."""
    if not name:
        return []
    want = name_forms(str(name))
    forms = [(name_forms(n), obj) for n, obj in candidates]
    same = [obj for f, obj in forms if set(f) & set(want)]
    if same:
        return same
    near = [(min(abs(len(a) - len(b)) for a in want for b in f if _contains(a, b)), obj) for f, obj in forms
            if any(_contains(a, b) for a in want for b in f)]
    return [obj for gap, obj in near if gap == min(g for g, _ in near)]


def _same(expected: Decimal | str | None, got: Any, printed: str) -> bool:
    if isinstance(got, (int, Decimal)) and not isinstance(got, bool) and isinstance(expected, Decimal):
        return Decimal(got) == expected
    return str(got) == (printed if expected is None else str(expected))


def judge(kind: str, where: str, printed: Any, got: list[Any], factor: Decimal | None = None) -> list[Score]:
    """One labelled figure against the values extracted under its key ([] when the label holds no value).

    Money (a factor given) is compared in 万元, grades in canonical form, the rest as numbers."""
    if printed is None:
        return []
    expected = (amount(printed, factor) if factor is not None else grade(printed) if where.endswith("grade")
                else number(printed))
    values = [g for g in got if g is not None]
    status = "found" if any(_same(expected, g, str(printed)) for g in values) else "wrong" if values else "missed"
    return [Score(kind, where, str(printed), status, ", ".join(dict.fromkeys(map(str, values))),
                  "" if expected is None else str(expected))]


def section_scores(label: dict, section: Section | None, key: str, factor: Decimal) -> list[Score]:
    """income / expenditure / budget: totals and items (items_by_function are looked for among the items)."""
    scores = [s for part in ("total", "grand_total")
              for s in judge("amounts", f"{key}.{part}", label.get(part), [getattr(section, part, None)], factor)]
    extracted = [(i.name, i) for i in section.items] if section else []
    for group in ("items", "items_by_function"):
        for row in label.get(group) or []:
            name, value, share = (list(row) + [None, None, None])[:3]
            hits = matches(name, extracted)
            scores += judge("amounts", f"{key}.{group}[{name}]", value, [h.amount for h in hits], factor)
            scores += judge("shares", f"{key}.{group}[{name}].share", share, [h.share for h in hits])
    return scores


def _money(p: Project, part: str) -> list[Any]:
    """The values a project's money figure may be held under (short form and table form are one figure)."""
    full, executed = getattr(p.funds, "full_year_budget", None), getattr(p.funds, "executed", None)
    pairs = {"budget": [p.budget, full], "spent": [p.spent, executed], "full_year_budget": [full, p.budget],
             "executed": [executed, p.spent]}
    return pairs.get(part, [getattr(p.funds, part, None)])


def _table_scores(label: dict, hits: list[Project], tag: str) -> list[Score]:
    """A project's score-table figures: execution row, indicators, total row."""
    execution, total = label.get("execution") or {}, label.get("total") or {}
    scores = [s for part, kind in (("weight", "weights"), ("score", "scores")) for s in judge(
        kind, f"{tag}.execution.{part}", execution.get(part), [getattr(p.execution, part, None) for p in hits])]
    rows = [(i.name, i) for p in hits for i in p.indicators]
    for row in label.get("indicators") or []:
        found = matches(row.get("name"), rows)
        for part, kind in (("weight", "weights"), ("score", "scores")):
            scores += judge(kind, f"{tag}.indicators[{row.get('name')}].{part}", row.get(part),
                            [getattr(i, part) for i in found])
    totals = [i for p in hits for i in p.indicators if i.is_total]
    scores += judge("weights", f"{tag}.total.weight", total.get("weight"), [i.weight for i in totals])
    return scores + judge("scores", f"{tag}.total.score", total.get("score"),
                          [p.score for p in hits] + [i.score for i in totals])


def project_scores(label: dict, report: Report, factor: Decimal) -> list[Score]:
    """One labelled project: matched by name (an unnamed one by being the only project read)."""
    name, projects = label.get("name"), list(report.projects)
    hits = matches(name, [(p.name, p) for p in projects]) if name else projects[:1] if len(projects) == 1 else []
    tag = f"projects[{str(name)[:20] if name else '?'}]"
    scores = [s for part in ("budget", "spent") for s in
              judge("amounts", f"{tag}.{part}", label.get(part), [v for p in hits for v in _money(p, part)], factor)]
    for part, value in (label.get("funds") or {}).items():
        scores += judge("funds", f"{tag}.funds.{part}", value, [v for p in hits for v in _money(p, part)], factor)
    scores += _table_scores(label, hits, tag)
    scores += judge("scores", f"{tag}.score", label.get("score"), [p.score for p in hits])
    return scores + judge("grades", f"{tag}.grade", label.get("grade"), [p.grade for p in hits])


def figure_scores(labels: dict, report: Report) -> list[Score]:
    """Every labelled figure of one text, judged against the report the extractor made."""
    factor = unit_factor(labels.get("unit"))
    scores = [s for key in ("income", "expenditure", "budget") if labels.get(key)
              for s in section_scores(labels[key], getattr(report, key, None), key, factor)]
    for part, value in (labels.get("carryover") or {}).items():
        scores += judge("amounts", f"carryover.{part}", value, [getattr(report.carryover, part, None)], factor)
    for project in labels.get("projects") or []:
        scores += project_scores(project, report, factor)
    scores += judge("scores", "department_score", labels.get("department_score"), [report.department.score])
    for part, value in (labels.get("claims") or {}).items():
        # a grade claimed for the whole department ("整体绩效自评为优秀"), not for its projects, is kept as the
        # department's grade
        shown = [getattr(report.claims, part, None)]
        if part == "grade" and shown == [None]:
            shown = [report.department.grade]
        scores += judge("claims", f"claims.{part}", value, shown)
    return scores


def speaks(check: str, kind: str) -> bool:
    """Whether a check speaks for a problem kind (README mapping)."""
    return check.startswith(CHECKS_FOR.get(kind, ()))


def _finding_line(f: Finding) -> str:
    return f"{f.check} {f.where or '-'}: {f.message[:70]}"


def problem_scores(problems: list[dict], findings: list[Finding]) -> tuple[list[dict[str, str]], list[str]]:
    """Each labelled problem with the failing error/warning assigned to it (one each), and the false errors."""
    pool = [f for f in findings if f.status == "fail" and f.severity in ("error", "warning") and CRASH not in f.message]
    used: set[int] = set()
    scored = []
    for p in problems:
        i = next((i for i, f in enumerate(pool) if i not in used and speaks(f.check, p["kind"])), None)
        if i is not None:
            used.add(i)
        scored.append({"kind": p["kind"], "where": str(p.get("where", "")),
                       "found_by": _finding_line(pool[i]) if i is not None else ""})
    kinds = {p["kind"] for p in problems}
    false = [_finding_line(f) for f in findings if f.failed_error
             and (CRASH in f.message or not any(speaks(f.check, k) for k in kinds))]
    return scored, false


def score_text(name: str, labels: dict, path: Path) -> TextResult:
    """Extract and audit one file and score it against its labels."""
    result = TextResult(name, str(path))
    findings: list[Finding] = []
    report = Report(Department("", "", 0), Section(total=None), Section(total=None))  # type: ignore[arg-type]
    try:
        audit = audit_file(path)
        report, findings = to_report(audit.extraction)[0], audit.findings
    except InputError as exc:
        result.input_error = "; ".join(p.message for p in exc.problems) or str(exc)
    except Exception as exc:  # noqa: BLE001 - a reader that crashes is a result to report, not a stop
        result.crash = f"{type(exc).__name__}: {exc}"
    result.figures = figure_scores(labels, report)
    result.unscored = len(labels.get("other_figures") or []) + sum(
        1 for p in labels.get("projects") or [] if (p.get("execution") or {}).get("rate") is not None)
    result.problems, result.false_errors = problem_scores(labels.get("problems") or [], findings)
    if any(CRASH in f.message for f in findings):
        result.crash = result.crash or "a check crashed (counted among the false errors)"
    return result


def texts(folder: Path, only: str | None) -> list[tuple[str, dict]]:
    """The labelled texts of a folder: (stem, labels), optionally those whose name matches PATTERN."""
    pattern = only if only is None or any(c in only for c in "*?[") else f"*{only}*"
    return [(p.stem, yaml.safe_load(p.with_name(f"{p.stem}.labels.yaml").read_text(encoding="utf-8")) or {})
            for p in sorted(folder.glob("*.txt")) if p.with_name(f"{p.stem}.labels.yaml").is_file()
            and (pattern is None or fnmatch.fnmatch(p.name, pattern))]


def pct(part: int, whole: int) -> str:
    """part/whole as 'part/whole (x.x %)'."""
    return f"{part}/{whole} ({Decimal(100 * part) / whole:.1f} %)" if whole else f"{part}/0"


def describe(r: TextResult) -> list[str]:
    """One text's score line and its misses."""
    head = (f"{r.name}: figures {r.count('found')}/{len(r.figures)}, wrong {r.count('wrong')}, "
            f"problems {r.problems_found}/{len(r.problems)}, false errors {len(r.false_errors)}")
    lines = [head] + ([f"    input error: {r.input_error}"] if r.input_error else [])
    lines += [f"    CRASH: {r.crash}"] if r.crash else []
    lines += [f"    wrong   {s.where} = {s.printed}{f' (= {s.expected})' if s.expected != s.printed else ''}, "
              f"extracted {s.got}" for s in r.figures if s.status == "wrong"]
    lines += [f"    missed  {s.where} = {s.printed}" for s in r.figures if s.status == "missed"]
    lines += [f"    problem missed  {p['kind']}: {p['where'][:60]}" for p in r.problems if not p["found_by"]]
    return lines + [f"    false error  {f}" for f in r.false_errors]


def summary(results: list[TextResult]) -> tuple[list[str], bool]:
    """The totals, per-kind counts, and whether every target is met."""
    figs = [s for r in results for s in r.figures]
    found, wrong = sum(r.count("found") for r in results), sum(r.count("wrong") for r in results)
    probs, probs_found = sum(len(r.problems) for r in results), sum(r.problems_found for r in results)
    false, crashes = sum(len(r.false_errors) for r in results), sum(bool(r.crash) for r in results)
    lines = [f"TOTAL {len(results)} texts: figures {pct(found, len(figs))}, wrong {wrong}, problems "
             f"{pct(probs_found, probs)}, false errors {false}, crashes {crashes}, "
             f"input errors {sum(bool(r.input_error) for r in results)}",
             "by kind: " + ", ".join(f"{k} {sum(s.status == 'found' for s in figs if s.kind == k)}/"
                                     f"{sum(s.kind == k for s in figs)}" for k in KINDS),
             f"not scored (no params key): {sum(r.unscored for r in results)} other_figures and execution rates"]
    met = (not figs or Decimal(100 * found) / len(figs) >= TARGET_SHARE) and not wrong and probs_found == probs \
        and not false and not crashes
    return lines, met


def main(argv: list[str] | None = None) -> int:
    """Score the corpus; the exit code says whether the targets are met (with --targets)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path, help="the folder of NAME.txt and NAME.labels.yaml")
    ap.add_argument("--targets", action=argparse.BooleanOptionalAction, default=True,
                    help="exit 1 unless figures >= 95%%, none wrong, every problem found, no false error or crash")
    ap.add_argument("--json", type=Path, help="write the per-text results here")
    ap.add_argument("--only", help="score the texts whose file name matches this glob (or contains this text)")
    ap.add_argument("--format", choices=("txt", "pdf", "docx", "html"), default="txt",
                    help="score the rendered copies NAME.<format> instead of the .txt")
    ap.add_argument("--rendered", type=Path, help="folder of the rendered copies (default: DIR)")
    args = ap.parse_args(argv)
    where = args.rendered or args.dir
    results = [score_text(stem, labels, args.dir / f"{stem}.txt" if args.format == "txt"
                          else where / f"{stem}.{args.format}") for stem, labels in texts(args.dir, args.only)]
    for r in results:
        print("\n".join(describe(r)))
    lines, met = summary(results)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    if args.targets and not met:
        print("targets not met (figures >= 95 %, 0 wrong, all problems found, 0 false errors, 0 crashes)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
