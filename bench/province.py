"""Benchmark at province scale: verify an output folder of N departments, and open and sort its index page.

Usage: python bench/province.py [N]   (default 10,000; goals: verify under 10 s, index opens and sorts by any
column in under 1 s in Chromium)

The folder is built from one real batch of two bundled departments: each of the N departments gets that
batch's executed notebook, HTML and PDF (hard links, so the disk holds one copy but verify still reads and
hashes every file: about 0.7 MB a department, from the page cache), its own status record, and one index.html
and manifest for all, written by the batch's own code. Run by hand; it prints its figures.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selfeval import index  # noqa: E402
from selfeval.evidence import verify, write_manifest  # noqa: E402
from selfeval.pdf import LAUNCH_ARGS, find_chromium  # noqa: E402

# a frame after the work: the figures include Chromium's layout and paint, not just the script
NEXT_FRAME = "new Promise(done => requestAnimationFrame(() => setTimeout(done)))"


def seed_batch(folder: Path) -> Path:
    """A real batch of two bundled departments, to copy from."""
    out = folder / "seed"
    subprocess.run([sys.executable, "-m", "selfeval", "batch", str(ROOT / "params" / "luquan-cac-2022.yaml"),
                    str(ROOT / "params" / "sample-agri-2023.yaml"), "--out", str(out), "--workers", "2"],
                   check=True, capture_output=True)
    return out


def build(seed: Path, out: Path, n: int) -> None:
    """N departments' outputs and status records, then the index and the manifest."""
    record = json.loads(next((seed / "status").glob("luquan*.json")).read_text(encoding="utf-8"))
    (out / "status").mkdir(parents=True)
    records = []
    for i in range(n):
        code = f"dept-{i:05d}"
        outputs = {}
        for kind, name in record["outputs"].items():
            target = out / f"{code}.{kind}"
            os.link(seed / name, target)
            outputs[kind] = target.name
        mine = {**record, "id": code, "code": code, "name": f"示例部门{i:05d}", "outputs": outputs,
                "failing": {"error": i % 7, "warning": i % 5, "info": i % 3}, "income_total": f"{100 + i}.{i % 100:02d}"}
        (out / "status" / f"{code}.json").write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
        records.append(mine)
    index.write(out, records)
    write_manifest(out, [], {"tool": "selfeval", "departments": []})


def time_verify(out: Path) -> float:
    """Seconds for selfeval's verify of the whole folder (it must pass)."""
    start = time.perf_counter()
    result = verify(out)
    elapsed = time.perf_counter() - start
    assert result.ok, "verify failed on the built folder"
    return elapsed


def time_index(out: Path) -> tuple[float, list[float]]:
    """Seconds to open index.html, and to sort by each column, in Debian's Chromium."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        page = browser.new_page()
        start = time.perf_counter()
        page.goto((out / "index.html").as_uri(), wait_until="load")
        page.evaluate(NEXT_FRAME)  # laid out and painted, not just parsed
        opened = time.perf_counter() - start
        sorts = []
        for col in range(len(index.COLUMNS)):
            sorts.append(page.evaluate(
                """async col => { const t = performance.now();
                                  document.querySelectorAll('#departments th button')[col].click();
                                  await %s;
                                  return (performance.now() - t) / 1000; }""" % NEXT_FRAME, col))
        rows = page.locator("#departments tbody tr:not(.spacer)").count()
        assert 0 < rows < 500, f"{rows} rows in the document: the page is not windowed"
        browser.close()
    return opened, sorts


def main() -> None:
    """Build the folder, then print verify's time and the index page's open and sort times."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        seed = seed_batch(Path(tmp))
        out = Path(tmp) / "out"
        start = time.perf_counter()
        build(seed, out, n)
        built = time.perf_counter() - start
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        verified = time_verify(out)
        opened, sorts = time_index(out)
    print(f"departments:                 {n} ({size / 1e9:.2f} GB hashed; folder built in {built:.1f} s)")
    print(f"selfeval verify:             {verified:.2f} s (goal: under 10 s)")
    print(f"index.html opened:           {opened:.2f} s (goal: under 1 s)")
    print(f"index.html sort, slowest:    {max(sorts):.2f} s over {len(sorts)} columns (goal: under 1 s); "
          + " ".join(f"{s:.2f}" for s in sorts))


if __name__ == "__main__":
    main()
