"""The labelled corpus read again after changes that must not change what is read: the normalisation's proof.

Usage: python bench/metamorphic.py DIR

Each DIR/NAME.txt that has labels is rewritten eight ways (the `# source` line kept), and scored as
bench/corpus.py scores it: spaces put inside every lexicon word (`本年收入 合计`, `得 分`, as PDF copying
does), every character traditional (OpenCC s2t), every digit and % full-width, the punctuation half-width
(，：；（） → ,:;()), the ASCII punctuation full-width (thousands commas kept), and each long line of prose
broken every 37 characters as a PDF's copied text is, amounts printed with thousands commas, and
prose amounts in 元 instead of 万元. It prints, per change, the figures found beside the
plain text's, and the texts whose count moved; it exits 1 when any count moved.
"""
from __future__ import annotations

import re
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Callable

import opencc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's selfeval, not another install
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import score_text, texts  # noqa: E402
from selfeval.extract.lexicon import FUNDS_HEADS, INDICATOR_HEADS, LEVEL1, TOTALS  # noqa: E402

_WORDS = sorted({*INDICATOR_HEADS, *FUNDS_HEADS, *LEVEL1, *TOTALS, "本年收入合计", "本年支出合计", "财政拨款收入",
                 "基本支出", "项目支出", "年初结转和结余", "年末结转和结余", "优秀", "良好"}, key=len, reverse=True)
_WORD = re.compile("|".join(map(re.escape, (w for w in _WORDS if len(w) > 1))))
_S2T = opencc.OpenCC("s2t")
_FULL = {ord(c): ord(c) + 0xFEE0 for c in "0123456789%"}


def spaced(text: str) -> str:
    """A space inside each lexicon word, at its middle."""
    return _WORD.sub(lambda m: m[0][:len(m[0]) // 2] + " " + m[0][len(m[0]) // 2:], text)


_TO_WIDE = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
_HALF = str.maketrans({wide: half for half, wide in _TO_WIDE.items()})
_WIDE = re.compile(r"(?<!\d),|,(?!\d)|[:;()]")  # a comma between digits is a thousands separator: kept
_WRAP = 37  # characters a line of a PDF copied as text holds, about
_PROSE = re.compile(r"[。，,]")


_BARE_NUMBER = re.compile(r"(?<![\d.,])\d{4,}(?=(?:\.\d+)?\s*(?:万元|元|亿元))")


def grouped(text: str) -> str:
    """Amounts of four or more whole digits printed with thousands commas (1085203.63元 → 1,085,203.63元)."""
    return _BARE_NUMBER.sub(lambda m: f"{int(m[0]):,}", text)


_WAN = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*万元")


def in_yuan(text: str) -> str:
    """Amounts printed in 万元 printed in 元 instead, exactly (344.64万元 → 3446400元)."""
    return _WAN.sub(lambda m: f"{Decimal(m[1]).scaleb(4):f}元", text)


def _pieces(line: str) -> list[str]:
    """The line cut every _WRAP characters, never inside a bracket (a mirror site's injected pinyin 務(wù))."""
    out, start = [], 0
    while len(line) - start > _WRAP:
        cut = start + _WRAP
        opened = line.rfind("(", start, cut)
        if opened > line.rfind(")", start, cut):  # inside a bracket: cut after it closes
            cut = max(cut, line.find(")", cut) + 1)
        out.append(line[start:cut])
        start = cut
    return out + [line[start:]]


def wrapped(text: str) -> str:
    """Each long line of prose broken every _WRAP characters, as a PDF's text copied out breaks it (inside words
    and numbers too); lines of table cells (parted by '|' or by spaces, or with few commas) are left as they are."""
    def wrap(line: str) -> str:
        prose = "|" not in line and line.count(" ") < 3 and len(_PROSE.findall(line)) * _WRAP >= len(line)
        return "\n".join(_pieces(line)) if prose else line
    return "\n".join(map(wrap, text.split("\n")))


CHANGES: dict[str, Callable[[str], str]] = {"spaces inside words": spaced, "traditional": _S2T.convert,
                                            "full-width digits": lambda text: text.translate(_FULL),
                                            "half-width punctuation": lambda text: text.translate(_HALF),
                                            "full-width punctuation": lambda text: _WIDE.sub(lambda m: _TO_WIDE[m[0]], text),
                                            "lines wrapped": wrapped, "thousands commas": grouped,
                                            "amounts in yuan": in_yuan}


def _rewrite(src: Path, name: str, change: Callable[[str], str], out: Path) -> Path:
    """The text with the change applied below its `# source` line."""
    first, _, rest = (src / f"{name}.txt").read_text(encoding="utf-8").partition("\n")
    path = out / f"{name}.txt"
    path.write_text(first + "\n" + change(rest), encoding="utf-8")
    return path


def _found(result) -> int:  # noqa: ANN001 - a corpus TextResult
    return sum(1 for s in result.figures if s.status == "found")


def main(argv: list[str] | None = None) -> int:
    """Score the plain corpus and each rewritten copy; print what moved."""
    src = Path((argv or sys.argv[1:])[0])
    corpus = texts(src, None)
    plain = {name: _found(score_text(name, labels, src / f"{name}.txt")) for name, labels in corpus}
    print(f"plain text: {sum(plain.values())} figures found")
    moved_any = False
    with tempfile.TemporaryDirectory() as tmp:
        for title, change in CHANGES.items():
            found = {name: _found(score_text(name, labels, _rewrite(src, name, change, Path(tmp))))
                     for name, labels in corpus}
            moved = {n: (plain[n], found[n]) for n in plain if found[n] != plain[n]}
            moved_any = moved_any or bool(moved)
            print(f"{title}: {sum(found.values())} figures found" + ("" if moved else ", the same in every text"))
            for name, (before, after) in moved.items():
                print(f"    {name}: {before} → {after}")
    return 1 if moved_any else 0


if __name__ == "__main__":
    sys.exit(main())
