"""The most a score table can give, read from OCR'd text whose cells are glued together.

An OCR'd 项目支出绩效自评表 comes out as one run of text: '项目决策(10分)项目目标完整性4一目标明确…4'. Its section
headers ('项目决策(10分)', '数量指标(10分)') state weights; between them, rows print a weight, text, and a score.
A section is read only when its numbers pair up unambiguously as (weight, score) with every score within its
weight and the weights adding up to the header's; otherwise none of its scores is used and its whole weight counts
as "could be earned". A score that is OCR noise ('IO') leaves its row's weight in the same place. Never a guess:
the result is an upper bound the stated total cannot exceed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

TOP = re.compile(r"(?:[项顼]目)?(?P<name>决策|管理|过程|产出|效益)\((?P<w>\d+(?:\.\d+)?)分\)")
SUB = re.compile(r"(?P<name>[\u4e00-\u9fff]{0,8}?指标)\((?P<w>\d+(?:\.\d+)?)分\)")
TOP_ORDER = ("决策", "管理", "产出", "效益")
_PAGE_MARK = re.compile(r"^\s*\d{1,2}、")           # the host site's page numbers: '2、预算执行率…'
_LABEL = re.compile(r"指标[0-9A-Za-z][:：]?")        # '指标1:', '指标2:' and the OCR'd '指标L'
_RUN = re.compile(r"[0-9A-Za-z.]+")
_UNIT = re.compile(r"\s*[年月日天人万元%个次件台名户家所场期]")
# A weight whose glued value OCR spoilt at once ('3M.8万元' for 3 | 14.8万元): its digits, then a letter.
_LEAD = re.compile(r"(\d{1,2})[A-Za-z]")
_DIGIT_LIKE = set("IlOo")                            # OCR's stand-ins for 1 and 0: such a token is an unread number
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Row:
    """One row of a sound section: the words before its weight, the weight, the words up to its score, the score."""

    name: str
    weight: Decimal
    middle: str
    score: Decimal | None  # None: OCR noise where the score is printed


@dataclass
class Section:
    """A header's weight and what its rows gave: the scores read, and the weight whose score is unknown."""

    name: str
    weight: Decimal
    read: list[tuple[Decimal, Decimal]] = field(default_factory=list)   # (weight, score) pairs read
    unknown: Decimal = Decimal(0)                                       # weight with no readable score
    rows: list[Row] = field(default_factory=list)                       # every row, when the section is sound
    parent: str = ""                                                    # the top header a sub-header sits under
    start: int = 0                                                      # where the header is in the table's text

    @property
    def scores(self) -> Decimal:
        """The sum of the scores read."""
        return sum((s for _, s in self.read), Decimal(0))


def table_text(lines: list[str]) -> str:
    """The lines joined as one run of text, without the host site's page marks."""
    return "".join(_PAGE_MARK.sub("", line) for line in lines)


def _glued(text: str, start: int) -> tuple[int, Decimal] | None:
    """At a digit run: a weight glued to a value printed twice ('102370人2370人' = 10, 2370人, 2370人).

    The repeat fixes where the weight ends; read only when exactly one split (a 1- or 2-digit weight) repeats, or
    when of two splits only one leaves the row its score right after the repeat ('335万元35万元3' = 3 | 35万元 |
    35万元 | 3, not 33 | 5万元3 | 5万元3).
    """
    found = []
    for k in (1, 2):
        m = re.compile(rf"(\d{{{k}}})(\d[\d.]*[^\d.\s][^\s]*?)\2").match(text, start)
        if m is not None and not m[2].startswith("0"):
            found.append((m.end(), Decimal(m[1])))
    scored = [f for f in found if text[f[0]:f[0] + 1].isdigit() or text[f[0]:f[0] + 1] in _DIGIT_LIKE]
    return found[0] if len(found) == 1 else scored[0] if len(scored) == 1 else None


Token = tuple[str, Decimal | None, int, int, int]  # kind, value, where it starts, where its number ends, its end


def spans(text: str) -> list[Token]:
    """The tokens of label-free text with their places (see tokens)."""
    out: list[Token] = []
    pos = 0
    while (m := _RUN.search(text, pos)) is not None:
        run = m[0].strip(".")
        lead = m.start() + len(m[0]) - len(m[0].lstrip("."))
        pos = m.end()
        if not run:
            continue
        if run[0].isdigit() and (glued := _glued(text, lead)) is not None:
            out.append(("W", glued[1], lead, lead + len(str(glued[1])), glued[0]))
            pos = glued[0]
        elif re.fullmatch(r"\d+(?:\.\d+)?", run):
            if not _UNIT.match(text, lead + len(run)):  # a number with a unit is a target or an actual value
                out.append(("N", Decimal(run), lead, lead + len(run), lead + len(run)))
        elif any(c.isdigit() for c in run) or set(run) <= _DIGIT_LIKE:
            out.append(("G", None, m.start(), m.end(), m.end()))
    return out


def tokens(text: str) -> list[tuple[str, Decimal | None]]:
    """('W', weight) for a glued weight, ('N', n) for a bare number, ('G', None) for an unreadable number."""
    return [(kind, value) for kind, value, *_ in spans(_LABEL.sub("", text))]


def _unread_weight(text: str, token: Token) -> Decimal | None:
    """The weight an unreadable run starts with, when OCR spoilt only the value glued after it ('3M.8万元' → 3)."""
    m = _LEAD.match(text, token[2])
    return Decimal(m[1]) if m is not None else None


def _pair(text: str, found: list[Token]) -> list[Row] | None:
    """The tokens as (weight, score) rows, at most one weight read before OCR noise; None when they do not pair."""
    rows: list[Row] = []
    weight: Token | None = None
    guessed = False  # one weight read from the digits before OCR noise: the header's sum can still confirm it
    done = 0  # where the last row ended: the next row's words start there
    for token in found:
        if weight is None and token[0] in ("W", "N"):
            weight = token
        elif weight is None and token[0] == "G" and not guessed and _unread_weight(text, token) is not None:
            weight, guessed = ("W", _unread_weight(text, token), token[2], token[3], token[4]), True
        elif weight is not None and token[0] in ("N", "G"):
            rows.append(Row(text[done:weight[2]].strip(), weight[1], text[weight[3]:token[2]].strip(), token[1]))
            weight, done = None, token[4]
        else:  # an unreadable weight, or a weight where a score belongs
            return None
    return rows if weight is None else None


def read_rows(section: Section, text: str) -> bool:
    """Pair the section's numbers as (weight, score); on any doubt, its whole weight is unknown.

    A weight read from the digits before OCR noise counts only when the header's weight leaves exactly it for that
    row. False when a section of no weight holds numbers: the headers then do not describe the rows.
    """
    text = _LABEL.sub("", text)
    found = spans(text)
    if section.weight == 0:
        return not found
    rows = _pair(text, found) or []
    sound = (rows and sum(r.weight for r in rows) == section.weight
             and all(r.score is None or Decimal(0) <= r.score <= r.weight for r in rows))
    if not sound:
        section.unknown = section.weight
        return True
    section.rows = rows
    section.read = [(r.weight, r.score) for r in rows if r.score is not None]
    section.unknown = sum((r.weight for r in rows if r.score is None), Decimal(0))
    return True


def sections(text: str) -> list[Section] | None:
    """The table's sections with their rows read, or None when the text has no whole set of top headers.

    Top headers (项目决策 … 项目效益) must each appear once, in order, adding up to 100; sub-headers inside a top
    section must not exceed it. The rows before a top section's first sub-header carry what is left of its weight.
    """
    tops = list(TOP.finditer(text))
    # 过程 is the national framework's word for the part regions call 管理
    named = [m["name"].replace("过程", "管理") for m in tops]
    if named != list(TOP_ORDER) or sum(Decimal(m["w"]) for m in tops) != _HUNDRED:
        return None
    found: list[Section] = []
    for i, top in enumerate(tops):
        end = tops[i + 1].start() if i + 1 < len(tops) else len(text)
        subs = list(SUB.finditer(text, top.end(), end))
        rest = Decimal(top["w"]) - sum((Decimal(s["w"]) for s in subs), Decimal(0))
        if rest < 0:
            return None
        name = f"项目{top['name']}"
        parts = [(Section(name, rest, start=top.start()), top.end(), subs[0].start() if subs else end)]
        parts += [(Section(s["name"], Decimal(s["w"]), parent=name, start=s.start()), s.end(),
                   subs[j + 1].start() if j + 1 < len(subs) else end) for j, s in enumerate(subs)]
        for section, a, b in parts:
            if not read_rows(section, text[a:b]):
                return None
            found.append(section)
    return found
