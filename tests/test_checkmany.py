"""Many params files checked in worker processes give what checking each in this process gives, in the same order."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from selfeval.checkmany import POOL_FROM, Checked, check_many, workers_for
from selfeval.checks import run_checks
from selfeval.cli import main
from selfeval.errors import InputError
from selfeval.findings_json import report_entry
from selfeval.loader import load
from tests.conftest import BAD, ROOT

BUNDLED = sorted((ROOT / "params").glob("*.yaml"))


def _copies(folder: Path, count: int) -> list[Path]:
    """`count` files: the bundled departments (each under its own code) and the bad test files, in turn."""
    sources = [*BUNDLED, *sorted(BAD.glob("*.yaml"))]
    paths = []
    for i in range(count):
        source = sources[i % len(sources)]
        path = folder / f"{i:04d}-{source.name}"
        text = source.read_bytes()
        path.write_bytes(text.replace(b"code: ", f"code: n{i}-".encode(), 1) if source in BUNDLED else text)
        paths.append(path)
    return paths


def _plain(outcome: Checked | InputError) -> object:
    return [(p.file, p.where, p.message) for p in outcome.problems] if isinstance(outcome, InputError) else outcome


def test_workers_give_what_one_process_gives(tmp_path: Path) -> None:
    paths = _copies(tmp_path, 260)  # several chunks of 50, good and bad files among them
    alone, shared = check_many(paths), check_many(paths, workers=2)
    assert [_plain(o) for o in shared] == [_plain(o) for o in alone]
    assert sum(isinstance(o, InputError) for o in shared) > 50 and sum(isinstance(o, Checked) for o in shared) > 50
    first = next(o for o in shared if isinstance(o, Checked))
    assert first.findings == run_checks(load(first.source))
    assert type(first.findings[0]).__name__ == "Finding" and first.findings[0].failed_error in (True, False)


def test_a_folder_of_many_files_is_checked_on_every_core_to_the_same_entries(tmp_path: Path, capsys) -> None:
    assert workers_for(POOL_FROM - 1) == 1
    assert workers_for(100 * POOL_FROM) == len(os.sched_getaffinity(0))
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(POOL_FROM):
        shutil.copy(BUNDLED[i % len(BUNDLED)], folder / f"d{i:04d}.yaml")
    assert main(["check", str(folder), "--format", "json"]) in (0, 1)
    entries = json.loads(capsys.readouterr().out)["departments"]
    expected = []
    for path in sorted(folder.glob("*.yaml")):
        report = load(path)
        expected.append(json.loads(json.dumps(report_entry(report, run_checks(report), False), ensure_ascii=False)))
    assert entries == expected
