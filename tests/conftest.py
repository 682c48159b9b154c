"""Shared helpers: build `selfeval.model.Report` objects in code and run single checks on them."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Iterable, Sequence

import selfeval
from selfeval.model import Carryover, Claims, Department, LineItem, Project, Report, Section, Staff

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"
ROOT = TESTS.parent
LUQUAN = ROOT / "params" / "luquan-cac-2022.yaml"

Line = Sequence[str | None]  # (name, amount) or (name, amount, share), figures as printed text


def D(text: str | int | None) -> Decimal | None:
    """A Decimal from printed text (keeps its decimals), or None."""
    return None if text is None else Decimal(str(text))


def section(total: str, lines: Iterable[Line] = (), grand_total: str | None = None) -> Section:
    """A Section from printed figures: section("100.00", [("a", "60.00", "60.00"), ("b", "40.00")])."""
    items = tuple(LineItem(name=line[0], amount=D(line[1]), share=D(line[2]) if len(line) > 2 else None)
                  for line in lines)
    return Section(total=D(total), items=items, grand_total=D(grand_total))


def project(name: str = "项目", budget: str | None = None, spent: str | None = None,
            score: str | None = None, grade: str | None = None) -> Project:
    """A Project from printed figures."""
    return Project(name=name, budget=D(budget), spent=D(spent), score=D(score), grade=grade)


def make_report(*, income: Section | None = None, expenditure: Section | None = None,
                projects: Iterable[Project] = (), claims: Claims | None = None,
                carryover: Carryover | None = None, staff: Staff | None = None,
                unit: str = "万元", code: str = "test-dept") -> Report:
    """A Report whose unspecified parts are minimal and consistent (100.00 in, 100.00 out)."""
    return Report(
        department=Department(name="测试单位", code=code, year=2022, unit=unit),
        income=income if income is not None else section("100.00", [("财政拨款收入", "100.00")]),
        expenditure=expenditure if expenditure is not None else section("100.00", [("基本支出", "100.00")]),
        staff=staff,
        carryover=carryover,
        projects=tuple(projects),
        claims=claims,
        source="<built in code>",
    )


def run(report: Report, check_id: str) -> list[selfeval.Finding]:
    """Findings of one check on one report."""
    findings = selfeval.run_checks(report, ids=[check_id])
    assert findings, f"{check_id} produced no finding at all (not even n/a)"
    assert all(f.check == check_id for f in findings)
    return findings


def only(findings: list[selfeval.Finding], where: str | None = None) -> selfeval.Finding:
    """The single finding (at `where`, if given)."""
    chosen = [f for f in findings if where is None or f.where == where]
    assert len(chosen) == 1, f"expected one finding at {where!r}, got {chosen}"
    return chosen[0]


# ---- added for the run / export tests: subprocesses, HTML inspection and one shared seed run ----

import os  # noqa: E402 - kept beside the helpers that need it
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

import pytest  # noqa: E402

NOTEBOOKS = DATA / "notebooks"
RAISING = NOTEBOOKS / "raising.ipynb"
PARAMS = sorted((ROOT / "params").glob("*.yaml"))
LUQUAN_NAME = "中共石家庄市鹿泉区委网络安全和信息化委员会办公室"
ARTIFACTS = ROOT / "test-artifacts"


def selfeval_cli(*args: object, env: dict[str, str] | None = None,
                 timeout: int = 300) -> subprocess.CompletedProcess:
    """`python -m selfeval ARGS` in a real subprocess from the project root, text captured."""
    return subprocess.run([sys.executable, "-m", "selfeval", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def env_with(**changes: str | None) -> dict[str, str]:
    """os.environ with some variables set (or removed when None)."""
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def listing(folder: Path) -> list[str]:
    """Every name in a folder (hidden ones too), sorted; [] when it does not exist."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# Elements that make a browser fetch something, and the attributes that say what.
RESOURCE_TAGS = {"script", "link", "img", "iframe", "frame", "source", "audio", "video", "track", "embed",
                 "object", "input", "image", "use", "base", "meta"}
RESOURCE_ATTRS = {"src", "href", "xlink:href", "srcset", "data", "poster", "background", "content"}
OUTSIDE_URL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_OUTSIDE = re.compile(r"""(?:@import\s+|url\(\s*)['"]?\s*(?:https?:)?//[^'")\s;]*""", re.IGNORECASE)


@dataclass
class Page:
    """What an HTML page loads and shows, as parsed by the standard library."""

    html: str
    lang: str | None = None
    resources: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    images: list[str] = field(default_factory=list)                      # every <img src>
    links: list[str] = field(default_factory=list)                       # every <a href>
    css: list[str] = field(default_factory=list)                         # <style> bodies and style=""
    scripts: list[str] = field(default_factory=list)                     # inline <script> bodies
    text: str = ""                                                       # visible text
    params_rows: list[tuple[str, str]] = field(default_factory=list)     # selfeval-params table rows

    def outside_loads(self) -> list[str]:
        """Every reference to an http(s) or protocol-relative URL that a browser would load."""
        found = []
        for tag, attr, value in self.resources:
            if tag == "meta" and attr == "content" and "url=" not in value.lower():
                continue  # only <meta http-equiv=refresh content="0;url=..."> loads anything
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if attr == "srcset" else [value]
            if tag == "meta":
                urls = [value.lower().split("url=", 1)[1]]
            found += [f"<{tag} {attr}={url!r}>" for url in urls if OUTSIDE_URL.match(url)]
        found += [f"CSS: {m.group(0)!r}" for css in self.css for m in CSS_OUTSIDE.finditer(css)]
        return found


class _PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []
        self.text: list[str] = []
        self.params_depth: int | None = None
        self.cell: list[str] | None = None
        self.row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.lang = a.get("lang")
        if tag in RESOURCE_TAGS:
            self.page.resources += [(tag, k, v) for k, v in a.items() if k in RESOURCE_ATTRS]
        if tag == "img":
            self.page.images.append(a.get("src", ""))
        if tag == "a":
            self.page.links.append(a.get("href", ""))
        if "style" in a:
            self.page.css.append(a["style"])
        if tag == "table" and "selfeval-params" in a.get("class", "").split():
            self.params_depth = len(self.stack)
        if self.params_depth is not None and tag in ("th", "td"):
            self.cell = []
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source", "col", "wbr"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.params_depth is not None:
            if tag in ("th", "td") and self.cell is not None:
                self.row.append("".join(self.cell).strip())
                self.cell = None
            elif tag == "tr":
                if len(self.row) == 2:
                    self.page.params_rows.append((self.row[0], self.row[1]))
                self.row = []
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if self.params_depth is not None and tag == "table" and len(self.stack) <= self.params_depth:
            self.params_depth = None

    def handle_data(self, data: str) -> None:
        current = self.stack[-1] if self.stack else ""
        if current == "style":
            self.page.css.append(data)
        elif current == "script":
            self.page.scripts.append(data)
        elif current not in ("title",):
            self.text.append(data)
            if self.cell is not None:
                self.cell.append(data)


def parse_page(html: str) -> Page:
    """Parse an HTML page with html.parser: what it loads, its images, its visible text."""
    page = Page(html)
    parser = _PageParser(page)
    parser.feed(html)
    parser.close()
    page.text = "".join(parser.text).replace("\xa0", " ")
    return page


def squeeze(text: str) -> str:
    """Text with every whitespace character removed (PDF text breaks lines anywhere)."""
    return re.sub(r"\s+", "", text)


@dataclass
class SeedRun:
    """One `selfeval run PARAMS --out OUT` (the seed department unless told) and what it wrote."""

    proc: subprocess.CompletedProcess
    out: Path
    code: str = "luquan-cac"

    def path(self, suffix: str) -> Path:
        return self.out / f"{self.code}.{suffix}"


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> SeedRun:
    """The seed department run once end to end (kernel, nbconvert, Chromium), shared by every module."""
    out = tmp_path_factory.mktemp("seed-run") / "out"
    return SeedRun(selfeval_cli("run", LUQUAN.relative_to(ROOT), "--out", out), out)
