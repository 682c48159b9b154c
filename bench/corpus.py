"""Score the report reader on labelled real texts: figures found, wrong figures, problems found, false errors.

Usage: python bench/corpus.py DIR [--no-targets] [--only TEXT] [--format txt|pdf|docx|html --rendered DIR]
       [--json FILE] [-v]

Every DIR/NAME.txt with a NAME.labels.yaml beside it is extracted and audited with the library's own
functions (as `selfeval audit` does) and scored by the rules of DIR/README.md:
- a labelled figure (amount, share, score, weight, funds figure, execution score, grade, claim) is found when
  the extracted params hold it under the matching key with the same value: amounts exactly after conversion
  to 万元, the rest as numbers; items and indicators matched by name (spaces, brackets and traditional /
  simplified differences ignored, one name may contain the other). Another value there is *wrong*;
- a labelled problem is found when a failing error or warning of a check speaking for its kind is reported;
- a false error is a failing error of a kind the labels do not list; a crashed check counts as one.
Exits 1 below the targets (figures >= 95 %, 0 wrong, every problem found, 0 false errors, no crash) unless
--no-targets is given. With --format, NAME.<format> from --rendered (bench/render_corpus.py) is read instead.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selfeval.errors import InputError  # noqa: E402
from selfeval.extract.audit import Audit, audit_file  # noqa: E402
from selfeval.extract.pipeline import to_report  # noqa: E402

# README's problem kinds → the check ids that speak for them
SPEAKS = {"sum": ("SUM", "BAL-002", "PRJ-003", "TXT-004"), "share": ("SHR",), "balance": ("BAL",), "grade": ("GRD",),
          "count": ("TXT-002",), "claim": ("CLM", "TXT-005", "TXT-006"), "duplicate": ("DUP", "TXT-007"),
          "yoy": ("TXT-003",), "numbering": ("TXT-001",), "weights": ("SCR-001", "SCR-002"),
          "score_sum": ("SCR-004", "SCR-009"), "score_over_weight": ("SCR-003",), "execution": ("SCR-005", "PRJ-001"),
          "target_met_not_scored": ("SCR-006",), "stated_score_impossible": ("SCR-008", "TXT-008")}
TARGET_FIGURES = Decimal("0.95")
_NAME_NOISE = re.compile(r"[\s()（）\[\]【】《》“”\"'·]")
_T2S = None


def simplified(text: str) -> str:
    """Text in simplified characters (OpenCC t2s), built once."""
    global _T2S  # noqa: PLW0603 - one converter for the whole run
    if _T2S is None:
        import opencc  # noqa: PLC0415

        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text)


def same_name(a: str, b: str) -> bool:
    """Names match ignoring spaces, brackets and script; one may contain the other."""
    x, y = (_NAME_NOISE.sub("", simplified(str(n))) for n in (a, b))
    return bool(x and y) and (x in y or y in x)


def number(text: object) -> Decimal | None:
    """A labelled number as Decimal ("23,866.88", "98%"); None when it is not one."""
    if text is None:
        return None
    try:
        return Decimal(str(text).replace(",", "").replace("%", "").strip())
    except InvalidOperation:
        return None


@dataclass
class Score:
    """One text's result."""

    name: str
    found: int = 0
    labelled: int = 0
    wrong: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)   # kind → [found, labelled]
    misses: list[str] = field(default_factory=list)
    problems_found: int = 0
    problems: int = 0
    false_errors: list[str] = field(default_factory=list)
    status: str = ""

    def figure(self, kind: str, label: str, want: Decimal | str | None, got: object) -> None:
        """Score one labelled figure against what was extracted (None: not extracted)."""
        if want is None:
            return
        self.labelled += 1
        tally = self.kinds.setdefault(kind, [0, 0])
        tally[1] += 1
        if got is None:
            self.misses.append(f"missed {label} = {want}")
        elif (number(got) == want) if isinstance(want, Decimal) else same_name(str(got), want):
            self.found += 1
            tally[0] += 1
        else:
            self.wrong += 1
            self.misses.append(f"WRONG  {label} = {want}, read {got}")


def _amount(text: object, unit: str) -> Decimal | None:
    value = number(text)
    if value is None:
        return None
    return value.scaleb(-4) if unit == "元" else value.scaleb(4) if unit == "亿元" else value


def _find(items: object, name: str) -> object | None:
    return next((i for i in items or () if same_name(i.name, name)), None)  # type: ignore[attr-defined]


def score_sections(s: Score, labels: dict, report: object, unit: str) -> None:
    """本年收入 / 本年支出 totals, 总计, lines with shares, and carry-over."""
    for side in ("income", "expenditure"):
        want, got = labels.get(side) or {}, getattr(report, side)
        for key in ("total", "grand_total"):
            s.figure("amounts", f"{side}.{key}", _amount(want.get(key), unit), getattr(got, key))
        for row in want.get("items") or []:
            name, amount, share = (list(row) + [None, None])[:3]
            item = _find(got.items, name)
            s.figure("amounts", f"{side}: {name}", _amount(amount, unit), item and item.amount)
            s.figure("shares", f"{side}: {name} 占比", number(share), item and item.share)
    co = getattr(report, "carryover", None)
    for key, value in (labels.get("carryover") or {}).items():
        s.figure("amounts", f"carryover.{key}", _amount(value, unit), getattr(co, key, None) if co else None)


def score_projects(s: Score, labels: dict, report: object, unit: str) -> None:
    """Projects: prose amounts, funds, execution row, indicators, the 合计 row, stated score and grade."""
    for want in labels.get("projects") or []:
        name = str(want.get("name") or "")
        got = _find(report.projects, name) if name else None  # type: ignore[attr-defined]
        tag = f"project {name[:16]}"
        for key in ("budget", "spent"):
            s.figure("amounts", f"{tag}.{key}", _amount(want.get(key), unit), getattr(got, key, None))
        for key, value in (want.get("funds") or {}).items():
            s.figure("funds", f"{tag}.funds.{key}", _amount(value, unit), getattr(getattr(got, "funds", None), key, None))
        execution = getattr(got, "execution", None)
        for key in ("weight", "score"):
            s.figure("scores", f"{tag}.execution.{key}", number((want.get("execution") or {}).get(key)),
                     getattr(execution, key, None))
        rows = [i for i in getattr(got, "indicators", ()) or () if not i.is_total]
        for row in want.get("indicators") or []:
            found = _find(rows, str(row.get("name") or ""))
            for key, kind in (("weight", "weights"), ("score", "scores")):
                s.figure(kind, f"{tag} {str(row.get('name'))[:12]}.{key}", number(row.get(key)), getattr(found, key, None))
        total = next((i for i in getattr(got, "indicators", ()) or () if i.is_total), None)
        for key, kind in (("weight", "weights"), ("score", "scores")):
            s.figure(kind, f"{tag} 合计.{key}", number((want.get("total") or {}).get(key)), getattr(total, key, None))
        s.figure("scores", f"{tag}.score", number(want.get("score")), getattr(got, "score", None))
        s.figure("grades", f"{tag}.grade", want.get("grade"), getattr(got, "grade", None))


def score_claims(s: Score, labels: dict, audit: Audit) -> None:
    """Claims the schema holds (project_count, min_score, grade) and a department's own score."""
    claims = labels.get("claims") or {}
    for key in ("project_count", "min_score"):
        s.figure("claims", f"claims.{key}", number(claims.get(key)), audit.extraction.get(f"claims.{key}"))
    s.figure("claims", "claims.grade", claims.get("grade"), audit.extraction.get("claims.grade"))
    s.figure("scores", "department_score", number(labels.get("department_score")),
             audit.extraction.get("department.score"))


def score_problems(s: Score, labels: dict, audit: Audit | None) -> None:
    """Labelled problems found, and failing errors of kinds the labels do not list."""
    kinds = [p["kind"] for p in labels.get("problems") or []]
    s.problems = len(kinds)
    failing = [f for f in (audit.findings if audit else []) if f.status == "fail"]
    for kind in kinds:
        if any(f.check.startswith(SPEAKS.get(kind, ("?",))) and f.severity in ("error", "warning") for f in failing):
            s.problems_found += 1
        else:
            s.misses.append(f"problem missed: {kind}")
    allowed = tuple(c for k in kinds for c in SPEAKS.get(k, ()))
    for f in failing:
        crashed = "检查程序自身出错" in f.message
        if f.severity == "error" and (crashed or not (allowed and f.check.startswith(allowed))):
            s.false_errors.append(f"{f.check} {f.where}: {f.message[:60]}")


def score_text(labels_path: Path, report_path: Path) -> Score:
    """Extract, audit and score one text."""
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {}
    s = Score(report_path.name)
    unit = labels.get("unit") or "万元"
    try:
        audit: Audit | None = audit_file(report_path)
    except InputError as exc:
        audit, s.status = None, f"unreadable: {exc}"
    if audit is not None:
        s.status = audit.status
        report, _ = to_report(audit.extraction)
        score_sections(s, labels, report, unit)
        score_projects(s, labels, report, unit)
        score_claims(s, labels, audit)
    else:  # every labelled figure missed: score against an empty reading
        empty = Score(s.name)
        score_sections(empty, labels, _Empty(), unit)
        score_projects(empty, labels, _Empty(), unit)
        s.labelled, s.kinds, s.misses = empty.labelled, {k: [0, v[1]] for k, v in empty.kinds.items()}, [s.status]
    score_problems(s, labels, audit)
    return s


class _Empty:
    """A reading with nothing in it."""

    income = expenditure = type("S", (), {"total": None, "grand_total": None, "items": ()})()
    carryover = None
    projects = ()


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "—"


def report(scores: list[Score], verbose: bool) -> None:
    """Per-text lines (with misses when verbose), per-kind counts and the summary line."""
    for s in scores:
        print(f"{s.name[:44]:44} figures {s.found:3}/{s.labelled:<3} wrong {s.wrong}  problems "
              f"{s.problems_found}/{s.problems}  false errors {len(s.false_errors)}  [{s.status}]")
        for line in (s.misses + [f"false error: {e}" for e in s.false_errors]) if verbose else s.false_errors:
            print(f"    {line}")
    kinds: dict[str, list[int]] = {}
    for s in scores:
        for k, (f, n) in s.kinds.items():
            kinds.setdefault(k, [0, 0])
            kinds[k][0] += f
            kinds[k][1] += n
    print("by kind: " + ", ".join(f"{k} {f}/{n}" for k, (f, n) in sorted(kinds.items())))
    found, labelled = sum(s.found for s in scores), sum(s.labelled for s in scores)
    print(f"summary: {len(scores)} texts, figures {found}/{labelled} ({_pct(found, labelled)}), wrong "
          f"{sum(s.wrong for s in scores)}, problems {sum(s.problems_found for s in scores)}/"
          f"{sum(s.problems for s in scores)}, false errors {sum(len(s.false_errors) for s in scores)}")


def meets_targets(scores: list[Score]) -> bool:
    """Figures >= 95 %, nothing wrong, every problem found, no false error."""
    found, labelled = sum(s.found for s in scores), sum(s.labelled for s in scores)
    return (labelled == 0 or Decimal(found) / labelled >= TARGET_FIGURES) and not any(
        s.wrong or s.false_errors or s.problems_found < s.problems for s in scores)


def main(argv: list[str] | None = None) -> int:
    """Score every labelled text of a folder; exit 1 below the targets unless --no-targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--no-targets", action="store_true", help="print only; exit 0 whatever the scores")
    parser.add_argument("--only", help="score only texts whose name contains this")
    parser.add_argument("--format", default="txt", choices=("txt", "pdf", "docx", "html"))
    parser.add_argument("--rendered", type=Path, help="folder of rendered copies (bench/render_corpus.py)")
    parser.add_argument("--json", type=Path, help="write the per-text results here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    labels = sorted(p for p in args.dir.glob("*.labels.yaml") if (args.dir / (p.name[:-12] + ".txt")).is_file())
    if args.only:
        labels = [p for p in labels if args.only in p.name]
    source = args.rendered if args.format != "txt" else args.dir
    scores = [score_text(p, source / f"{p.name[:-12]}.{args.format}") for p in labels]
    report(scores, args.verbose)
    if args.json:
        args.json.write_text(json.dumps([s.__dict__ for s in scores], ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if args.no_targets or meets_targets(scores) else 1


if __name__ == "__main__":
    sys.exit(main())
