"""The line reader (yamlfast) gives libyaml's data for every file it reads, and leaves every other file to libyaml."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from yaml._yaml import CParser

from selfeval import yamlfast, yamlsafe
from selfeval.yamlfast import UNSURE, read_plain
from selfeval.yamlsafe import _build, _Refused, _TooLarge, plain, read_yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("params/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")])
TEXTS = [p.read_bytes().decode("utf-8", "replace") for p in FILES]
# Text that trips a YAML reader: indicators, spacing, quotes, words, numbers, breaks and characters libyaml refuses.
PIECES = [" ", "  ", ":", ": ", "#", " #", "-", "- ", "{", "}", ",", "\n", "\n  ", "\n- ", "'", '"', "''", '"a"',
          "'b, c'", "\xa0", "\u3000", "~", "null", "true", "1", "0.5", "1e3", ".", ": x", "x:", "&a", "*a", "!!str ",
          "\t", "\r", "\r\n", "---", "...", "%", "@", "?", "|", ">", "[", "]", "\\", "\x85", "\u2028", "\ufeff",
          "\U0001f600", "\x00", "\x7f", "key: v\n", "  key: v\n", "- a\n", "k:\n  - x\n", "k:\n- x\n"]
KEYS = ["a", "b", "name", "amount", "x_1", "null", "True", "n", "on", "_k", "a-b"]
VALUES = ["1", "0", "-1", "1.50", "-.5", "344.64", "abc", "中文 名称", "a,b", "a, b", "a:b", "a: b", "x:", "~", "null",
          "true", "yes", "'q'", "'q, r'", '"d: e"', "''", "'it''s'", "1e3", "1_000", ".inf", "0x10", "007", "-x",
          "- x", "a #c", "a#c", "a  b", "\u3000x", "x\xa0", "{}", "{a: 1}", "{a: 1, b: x}", "{a: '1,2'}", "12:30",
          "%x", "a}", "+1", "+", ".", "-", "1.", "1.2.3", "9" * 29, "1" * 30]


def libyaml(text: str) -> str:
    """What the libyaml route reads, as its repr (types, Decimal places and key order all count), or ERROR."""
    try:
        return repr(_build(CParser(text).get_event))
    except (_Refused, yaml.YAMLError):
        return "ERROR"


def agrees(text: str) -> bool:
    """Whether the line reader leaves the text to libyaml, or reads exactly libyaml's data."""
    data = read_plain(text, plain, _TooLarge)
    return data is UNSURE or repr(data) == libyaml(text)


def mutant(rng: random.Random) -> str:
    """A bundled or test file with a few pieces inserted, a few characters cut, or a line's indentation changed."""
    text = rng.choice(TEXTS)
    for _ in range(rng.choice((1, 1, 2, 3))):
        pos, op = rng.randrange(len(text) + 1), rng.random()
        if op < 0.5:
            text = text[:pos] + rng.choice(PIECES) + text[pos:]
        elif op < 0.8:
            text = text[:pos] + text[pos + rng.randrange(1, 4):]
        else:
            lines = text.split("\n")
            k, by = rng.randrange(len(lines)), rng.choice((-2, -1, 1, 2))
            lines[k] = " " * by + lines[k] if by > 0 else lines[k].removeprefix(" " * -by)
            text = "\n".join(lines)
    return text


def _mapping(rng: random.Random, indent: int, depth: int) -> list[str]:
    lines = []
    for key in rng.sample(KEYS, rng.randint(1, 4)) if rng.random() < 0.9 else [rng.choice(KEYS)] * 2:
        pad, kind = " " * indent, rng.random()
        if kind < 0.5 or depth > 3:
            lines.append(f"{pad}{key}:{rng.choice((' ', '  '))}{rng.choice(VALUES)}{rng.choice(('', ' # c'))}")
        elif kind < 0.65:
            lines += [f"{pad}{key}:", *_mapping(rng, indent + rng.choice((1, 2, 4)), depth + 1)]
        elif kind < 0.8:
            lines += [f"{pad}{key}:", *_sequence(rng, indent + rng.choice((0, 0, 2)), depth + 1)]
        else:
            pairs = ", ".join(f"{k}: {rng.choice(VALUES)}" for k in rng.sample(KEYS, rng.randint(0, 3)))
            lines.append(f"{pad}{key}: {{{pairs}}}")
        if rng.random() < 0.1:
            lines.append(rng.choice(("", "# comment", "   ", " " * (indent + 1) + "# x")))
    return lines


def _sequence(rng: random.Random, indent: int, depth: int) -> list[str]:
    lines = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.4:
            lines.append(f"{' ' * indent}- {rng.choice(VALUES)}")
        elif kind < 0.7 and depth <= 3:
            inner = _mapping(rng, indent + 2, depth + 1)
            lines += [f"{' ' * indent}- {inner[0][indent + 2:]}", *inner[1:]]
        else:
            pairs = ", ".join(f"{k}: {rng.choice(VALUES)}" for k in rng.sample(KEYS, rng.randint(1, 3)))
            lines.append(f"{' ' * indent}- {{{pairs}}}")
    return lines


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_of_the_repository_reads_alike(path: Path) -> None:
    assert agrees(path.read_bytes().decode("utf-8", "replace"))


def test_the_seed_shaped_params_files_are_read_by_the_line_reader() -> None:
    for name in ("luquan-cac-2022", "sample-agri-2023", "sample-culture-2023"):
        text = (ROOT / "params" / f"{name}.yaml").read_text(encoding="utf-8")
        assert read_plain(text, plain, _TooLarge) is not UNSURE, name


@pytest.mark.parametrize("text", [
    "a: 'x, y'\nb: \"p: q\"\nc: ''", "a:\n- {b: 1}\n- c\nd: 2", "a:\n  - b: 1\n    c: {d: x}\n  - e", "a: x # c\n# d",
    "a:\n  b:\n    c: -1.50", "a: {}", "a: 中文，逗号\nb: \u3000x\u3000"])
def test_what_the_line_reader_reads(text: str) -> None:
    data = read_plain(text, plain, _TooLarge)
    assert data is not UNSURE and repr(data) == libyaml(text)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x", "a: 1\na: 2", "a: {b: 1, b: 2}", "a: 1\n  b", "a: b: c", "a: [1]", "a: !!str 1", "a: |\n  x",
    "a: 'it''s'", 'a: "x\\ny"', "a:\tb", "a: 1\r\nb: 2", "true: 1", "a: {b: 1,}", "a: 1\n---\nb: 2", "- a",
    "a: " + "1" * 30, "a:\n    b: 1\n  c: 2", "a: x\u2028y", "a: x#y"])
def test_what_it_leaves_to_libyaml(text: str) -> None:
    assert read_plain(text, plain, _TooLarge) is UNSURE


def test_mutated_files_read_alike() -> None:
    rng = random.Random(17)
    assert all(agrees(mutant(rng)) for _ in range(1500))


def test_generated_documents_read_alike() -> None:
    rng = random.Random(17)
    texts = ["\n".join(_mapping(rng, 0, 0)) for _ in range(1500)]
    assert all(map(agrees, texts))
    assert sum(read_plain(t, plain, _TooLarge) is not UNSURE for t in texts) > 100  # the reader is exercised


def test_scalars_are_resolved_where_yamlsafe_would_resolve_them() -> None:
    assert yamlfast._RESOLVED == yamlsafe._NUMERIC_START | yamlsafe._WORD_START


def test_a_refused_file_is_refused_by_libyaml_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("department:\n  code: a\n  code: b\n", encoding="utf-8")
    with pytest.raises(yamlsafe.InputError) as caught:
        read_yaml(path)
    assert "第 3 行" in str(caught.value) and "出现了两次" in str(caught.value)
