"""Issue 18, hostile input sizes: each attack is refused as bad input (exit 2, one message), never a traceback or a hang."""
from __future__ import annotations

import json
import os
import re
import zipfile
from decimal import Decimal

import pytest

import selfeval
from selfeval import InputError
from selfeval.cli import main
from selfeval.discover import discover
from selfeval.excel import join, split, write_workbook
from selfeval.excel.read import read_book
from selfeval.extract.reading import read_lines
from selfeval.money import fmt
from selfeval.safezip import MAX_MEMBER_BYTES, MAX_MEMBERS, MAX_TOTAL_BYTES, refuse_bombs
from selfeval.yamlsafe import MAX_DEPTH, MAX_DIGITS
from tests.conftest import GOOD
from tests.excel.conftest import edit, ref

MINIMAL = (GOOD / "minimal.yaml").read_text(encoding="utf-8")


def _write(tmp_path, text: str, name: str = "attack.yaml"):  # noqa: ANN001, ANN202 - a Path
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(tmp_path, text: str):  # noqa: ANN001, ANN202 - the one Problem
    """The one problem of a params file, and that `check` exits 2 on it."""
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        selfeval.load(path)
    [problem] = caught.value.problems
    assert main(["check", str(path)]) == 2
    return problem


@pytest.mark.parametrize("written", ["1e999999999999999999", "1e999999999", "1e-999999999", "1E+1001"])
def test_amount_with_a_huge_exponent_is_bad_input_not_a_memory_error(tmp_path, written):
    """Repro: `total: 1e999999999999999999` → MemoryError in format(value, "f"); `1e999999999` → 1 GB message."""
    problem = _refused(tmp_path, MINIMAL.replace("total: 100.00", f"total: {written}", 1))
    assert problem.where.startswith("income.total（第 4 行")
    assert "指数超过 1000" in problem.message and len(problem.message) < 200


def test_year_with_a_huge_exponent_is_bad_input_not_a_hang(tmp_path):
    """Repro: `year: 1e999999999` → int() of a 10^999999999 Decimal, which never finished."""
    problem = _refused(tmp_path, MINIMAL.replace("year: 2022", "year: 1e999999999"))
    assert problem.where.startswith("department.year") and "指数超过" in problem.message


@pytest.mark.parametrize("written", ["9" * 5000, "1" * 29, "1" * 20 + "." + "0" * 9, "1" * 40 + "e2"])
def test_number_of_absurd_digit_count_is_bad_input(tmp_path, written):
    """Repro: `year: 999…9` (5000 digits) → ValueError (Python's int-string limit) traceback; 29 digits were summed rounded."""
    problem = _refused(tmp_path, MINIMAL.replace("year: 2022", f"year: {written}"))
    assert problem.where.startswith("department.year")
    assert f"超过 {MAX_DIGITS} 位" in problem.message and len(problem.message) < 200


def test_figures_of_28_digits_still_load_exactly(tmp_path):
    """The digit limit is Decimal's precision: 28 digits are read and kept as written."""
    figure = "1" * 25 + ".00"
    text = MINIMAL.replace("100.00", figure)
    report = selfeval.load(_write(tmp_path, text))
    assert str(report.income.total) == figure


@pytest.mark.parametrize("open_, close", [("[", "]"), ("{a: ", "}")])
def test_yaml_nested_10000_deep_is_bad_input_not_a_recursion_error(tmp_path, open_, close):
    """Repro: `grand_total: [[[…]]]` 10,000 deep → RecursionError while showing the value (exit 1, the findings code)."""
    deep = open_ * 10_000 + close * 10_000
    text = MINIMAL.replace("total: 100.00\n", f"total: 100.00\n  grand_total: {deep}\n", 1)
    problem = _refused(tmp_path, text)
    assert problem.where.startswith("income.grand_total") and f"嵌套超过 {MAX_DEPTH} 层" in problem.message


def test_params_nesting_as_deep_as_the_schema_still_loads():
    """Every bundled example nests within the limit."""
    assert selfeval.load(GOOD / "minimal.yaml").income.total == Decimal("100.00")


@pytest.mark.parametrize("value", [Decimal("1E+999999999999999999"), Decimal("-1E-999999999")])
def test_fmt_of_a_huge_exponent_prints_the_exponent_not_a_gigabyte(value):
    """Repro: money.fmt(Decimal("1e999999999999999999")) → MemoryError (a figure from any reader, not only YAML)."""
    assert fmt(value) == str(value)


def test_fmt_still_writes_moderate_exponents_out():
    """1E+2 and 1E-7 print as the figures they are."""
    assert (fmt(Decimal("1E+2")), fmt(Decimal("1E-7"))) == ("100", "0.0000001")


# ---- zip bombs: refused by the sizes the zip directory states, before a member is inflated ----

def _zip(path, members: dict[str, bytes]):  # noqa: ANN001, ANN202 - the Path
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _docx_bomb(path):  # noqa: ANN001, ANN202 - the Path
    """A Word package whose document.xml inflates past the limit (a few dozen KB on disk)."""
    body = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (MAX_MEMBER_BYTES // 30)
    return _zip(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><w:body>" + body})


def test_docx_zip_bomb_is_refused_before_reading(tmp_path):
    """Repro: a 531 KB .docx whose document.xml inflates to gigabytes → 178 s, 4.6 GB, then refused."""
    bomb = _docx_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < MAX_MEMBER_BYTES // 100  # the compressed size passed the old cap
    with pytest.raises(InputError) as caught:
        read_lines(bomb)
    [problem] = caught.value.problems
    assert (problem.file, problem.where) == (str(bomb), "word/document.xml") and "压缩炸弹" in problem.message


def test_xlsx_with_millions_of_shared_strings_is_refused_before_reading(tmp_path):
    """Repro: an 842 KB .xlsx with 20 M shared strings → 210 s, 1.9 GB in openpyxl."""
    strings = b"<si><t>a</t></si>" * (MAX_MEMBER_BYTES // 16)
    bomb = _zip(tmp_path / "bomb.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/sharedStrings.xml": b"<sst>" + strings})
    read = read_book(bomb)
    [error] = read.errors
    [problem] = error.problems
    assert problem.where == "xl/sharedStrings.xml" and "压缩炸弹" in problem.message
    assert main(["check", str(bomb)]) == 2


def test_zip_of_too_many_members_is_refused(tmp_path):
    """Repro: a .docx of 10,001 empty parts: python-docx walks every one."""
    bomb = _zip(tmp_path / "many.docx", {f"word/p{i}.xml": b"" for i in range(MAX_MEMBERS + 1)})
    with pytest.raises(InputError) as caught:
        read_lines(bomb)
    assert "个部件" in str(caught.value)


def test_zip_that_unpacks_past_the_total_limit_is_refused(tmp_path):
    """Many parts, each under the part limit, together past the total one."""
    part = b"0" * (MAX_MEMBER_BYTES - 1)
    bomb = _zip(tmp_path / "wide.xlsx", {f"xl/media/i{i}.bin": part for i in range(MAX_TOTAL_BYTES // MAX_MEMBER_BYTES + 1)})
    with pytest.raises(InputError) as caught:
        refuse_bombs(bomb)
    assert "解压后共有" in str(caught.value)


# ---- links, FIFOs and names: refused and named, never read, hung on or quoted ----

SECRET = "root:x:0:0:secret-first-line"


def _folder_of_traps(tmp_path):  # noqa: ANN001, ANN202 - the folder
    """params/ with one good file, a link to a file outside, a dangling, a looping and a FIFO link, a FIFO."""
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET + "\n", encoding="utf-8")
    folder = tmp_path / "params"
    folder.mkdir()
    (folder / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "passwd.yaml").symlink_to(outside)
    (folder / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "fifolink.yaml").symlink_to(folder / "fifo.yaml")
    return folder


TRAPS = ("passwd.yaml", "dangling.yaml", "loop.yaml", "fifo.yaml", "fifolink.yaml")


def test_symlink_to_a_file_outside_is_refused_not_quoted(tmp_path, capsys):
    """Repro: params/passwd.yaml → /etc/passwd quoted its first line on stderr ("expected a mapping, got 'root:x…'")."""
    folder = _folder_of_traps(tmp_path)
    assert main(["check", str(folder / "passwd.yaml"), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert SECRET not in out + err
    assert f"{folder / 'passwd.yaml'}: 是符号链接（指向 {tmp_path / 'outside.txt'}），未读取" in err


def test_dangling_looping_and_fifo_links_in_a_folder_are_each_counted_as_bad_input(tmp_path, capsys):
    """Repro: dangling, looping and FIFO links in params/ were dropped silently (in no count)."""
    folder = _folder_of_traps(tmp_path)
    assert main(["check", str(folder), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    for name in TRAPS:
        assert f"{folder / name}: " in err
    assert "成环" in err and "不存在" in err and "命名管道（FIFO）" in err
    statuses = [e["status"] for e in json.loads(out)["departments"]]
    assert statuses.count("complete") == 1 and len(statuses) == 1 + len(TRAPS)


def test_fifo_named_to_check_is_refused_not_hung_on(tmp_path, capsys):
    """Repro: `mkfifo f.yaml; selfeval check f.yaml` blocked in open() forever; so did selfeval.load(f.yaml)."""
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    assert main(["check", str(fifo)]) == 2
    assert f"{fifo}: 不是普通文件而是命名管道（FIFO），未读取" in capsys.readouterr().err
    with pytest.raises(InputError):
        selfeval.load(fifo)


def test_fifo_named_as_a_workbook_is_refused_not_hung_on(tmp_path):
    """Repro: `mkfifo d.xlsx; selfeval check d.xlsx` blocked in openpyxl's open() forever."""
    fifo = tmp_path / "d.xlsx"
    os.mkfifo(fifo)
    [error] = read_book(fifo).errors
    assert "命名管道" in str(error)


def test_batch_discovery_leaves_links_and_fifos_out(tmp_path):
    """Repro: batch copied the target of params/passwd.yaml into inputs/ and hung on a FIFO named to it."""
    folder = _folder_of_traps(tmp_path)
    assert discover([folder]) == [folder / "good.yaml"]
    assert discover([folder / "fifo.yaml", folder / "passwd.yaml"]) == []


def test_params_file_name_not_utf8_is_bad_input_not_a_unicode_error(tmp_path, capsys):
    """Repro: a params file named b'bad\\xff.yaml' → UnicodeEncodeError printing its name."""
    name = os.fsdecode(b"bad\xff.yaml")
    (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert f"{tmp_path}/bad\\xff.yaml: 文件名不是 UTF-8 编码" in err
    json.dumps(json.loads(out), ensure_ascii=False).encode("utf-8")  # what stdout carries is printable


def test_params_file_name_with_a_terminal_escape_is_refused_and_shown(tmp_path, capsys):
    """Repro: a params file named "a\\x1b[2K.yaml" had its name printed raw in the table heading (erasing the line)."""
    (tmp_path / "a\x1b[2K.yaml").write_text(MINIMAL, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and f"{tmp_path}/a«U+001B»[2K.yaml: 文件名不是 UTF-8 编码或含控制字符" in err


# ---- names that look like numbers stay text through split and join ----

NUMBERLIKE = """\
department: {name: "1e3", code: test-dept, year: 2022}
income:
  total: 100.00
  items:
    - {name: "2e1", amount: 100.00}
expenditure:
  total: 100.00
  items:
    - {name: "2E+1", amount: 100.00}
projects:
  - name: "1e3"
    indicators:
      - {name: "12", target: "2e1", weight: 10}
"""


def test_names_that_look_like_numbers_survive_split_and_join_as_text(tmp_path):
    """Repro: a workbook name 1e3 passes `check` but `split` writes `name: 1e3`, read back as 1000 (2e1 as 2E+1)."""
    folder = tmp_path / "params"
    folder.mkdir()
    original = selfeval.load(_write(folder, NUMBERLIKE, "n.yaml"))
    workbook, errors = join([folder], tmp_path / "departments.xlsx")
    assert errors == []
    [written] = split(workbook, tmp_path / "split")
    back = selfeval.load(written)
    names = [back.department.name, back.income.items[0].name, back.expenditure.items[0].name,
             back.projects[0].name, back.projects[0].indicators[0].name]
    assert names == ["1e3", "2e1", "2E+1", "1e3", "12"]
    assert back.projects[0].indicators[0].target == original.projects[0].indicators[0].target


def test_workbook_year_of_5000_digits_is_bad_input_not_a_value_error(tmp_path):
    """Repro: a 部门 sheet whose 年度 cell holds the text 999…9 (5000 digits) → int() ValueError traceback."""
    workbook = write_workbook([selfeval.load(GOOD / "minimal.yaml")], tmp_path / "departments.xlsx")
    edit(workbook, {ref("部门", "department.year"): "9" * 5000})
    [error] = read_book(workbook).errors
    [problem] = error.problems
    assert problem.where == ref("部门", "department.year") and len(problem.message) < 200


def test_file_named_through_a_looping_link_is_bad_input_not_a_runtime_error(tmp_path, capsys):
    """Repro: `selfeval check loop/x.yaml` with loop → loop: Path.resolve() raised RuntimeError("Symlink loop")."""
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert main(["check", str(tmp_path / "loop" / "x.yaml")]) == 2
    assert f"{tmp_path / 'loop' / 'x.yaml'}: " in capsys.readouterr().err


def test_a_small_negative_exponent_is_refused_like_a_large_one(tmp_path):
    """Repro: `total: 1e-5` was read as 0.00001 (PyYAML's float form), while `1e3` was refused as an exponent form."""
    text = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "x.yaml"
    for written in ("1e-5", "2.5E-3"):
        path.write_text(re.sub(r"(total: )[0-9.]+", rf"\g<1>{written}", text, count=1), encoding="utf-8")
        with pytest.raises(InputError, match="不接受指数形式"):
            selfeval.load(path)


def test_a_name_written_like_an_exponent_in_yaml_stays_a_name(tmp_path):
    """Repro: `name: 1e3` in a params file was read as the number 1000 (a float form), not the text written."""
    text = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "x.yaml"
    path.write_text(re.sub(r"name: [^,}\n]+", "name: 2E+1", text, count=1), encoding="utf-8")
    assert selfeval.load(path).department.name == "2E+1"


def test_a_fifo_or_symlink_named_to_batch_is_a_failed_row_not_a_hang_or_a_quote(tmp_path):
    """Repro: `batch p/fifo.yaml p/passwd.yaml` hung on the FIFO; a link named alone was followed."""
    outside = tmp_path / "outside.txt"
    outside.write_text("root:x:0:0:secret\n", encoding="utf-8")
    folder = tmp_path / "p"
    folder.mkdir()
    os.mkfifo(folder / "fifo.yaml")
    (folder / "passwd.yaml").symlink_to(outside)
    out = tmp_path / "out"
    code = main(["batch", str(folder / "fifo.yaml"), str(folder / "passwd.yaml"), "--out", str(out)])
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "status").glob("*.json")]
    assert code == 3 and sorted(r["status"] for r in records) == ["failed", "failed"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "root:x" not in page and "命名管道" in page and "符号链接" in page


def test_a_control_character_in_a_name_is_shown_as_a_mark_on_the_index(tmp_path):
    """Repro: index.html printed a department name's U+202E raw, reversing the page's own text after it."""
    text = (GOOD / "minimal.yaml").read_text(encoding="utf-8").replace("name: 测试单位", "name: 测试\u202e单位")
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "x.yaml").write_text(text, encoding="utf-8")
    main(["batch", str(tmp_path / "p"), "--out", str(tmp_path / "out"), "--formats", "ipynb"])
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "\u202e" not in page and "U+202E" in page


def test_a_previous_ledger_that_is_a_zip_bomb_is_refused_before_reading(tmp_path):
    """Repro: `ledger --previous bomb.xlsx` handed the file to openpyxl unchecked (the zip check was on other readers)."""
    from selfeval.ledger import read_ledger  # noqa: PLC0415

    strings = b"<si><t>a</t></si>" * (MAX_MEMBER_BYTES // 16)
    bomb = _zip(tmp_path / "bomb.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/sharedStrings.xml": b"<sst>" + strings})
    with pytest.raises(InputError, match="压缩炸弹"):
        read_ledger(bomb)


def test_an_escape_in_a_report_does_not_fail_the_audit_workbook(tmp_path):
    """Repro: `audit -o x` with ESC in a report's department name wrote the CSV, then failed writing the xlsx."""
    report = tmp_path / "r.txt"
    report.write_text("单位名称：示例\x1b[2K单位\n本年收入合计100.00万元，其中：财政拨款收入100.00万元。\n", encoding="utf-8")
    code = main(["audit", str(report), "-o", str(tmp_path / "f")])
    assert code in (0, 4) and (tmp_path / "f.xlsx").is_file() and (tmp_path / "f.csv").is_file()


@pytest.mark.parametrize("sidecar, said", [('{"format": "selfeval-sources/1", "document": ', "不是有效的 JSON（第1行第46列）"),
                                           ("[1, 2]", "不是来源文件（应为 JSON 对象）")])
def test_a_broken_sources_file_beside_a_params_file_is_named_once_without_a_traceback(tmp_path, capsys, sidecar, said):
    from selfeval.inputs import stage  # noqa: PLC0415
    from selfeval.widgets import AuditPanel  # noqa: PLC0415

    params = _write(tmp_path, MINIMAL, "dept.yaml")
    broken = _write(tmp_path, sidecar, "dept.sources.json")
    _write(tmp_path, MINIMAL.replace("test-dept", "other-dept"), "other.yaml")
    assert main(["check", str(params)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}: 来源文件{said}" in err and "Traceback" not in err
    staged = stage([params, tmp_path / "other.yaml"], tmp_path / "out")
    assert [p.name for p in staged.params] == ["other.yaml"]  # the others still run
    assert said in staged.failed[params]["reason"]
    assert any(said in p for p in AuditPanel(tmp_path, tmp_path / "exports").problems)
