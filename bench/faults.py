"""Fault run: `selfeval batch` killed with SIGKILL at random moments, run onto a full disk and with a pool worker
killed; after each, the folder is checked for half-written files, resumed and verified.

Usage: python bench/faults.py [--departments N] [--kills K] [--seed S] [--formats ipynb,html,pdf] [--no-tmpfs]

The disk-full fault uses a small tmpfs (mount -t tmpfs, as root); where mounting is refused, a write wrapper
(a sitecustomize on PYTHONPATH) refuses writes into the folder with ENOSPC after a quota. Prints
"N faults, M departments lost or half-written" and exits 1 unless M is 0. Takes a few minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import write_variants  # noqa: E402 - the sibling benchmark's params generator

ROOT = Path(__file__).resolve().parent.parent
WRAPPER = '''import builtins, errno, io, os
_dir, _left = os.environ["FAULTS_FULL_DIR"], [int(os.environ["FAULTS_FULL_BYTES"])]
_open = io.open
class _Full:
    def __init__(self, handle): self._h = handle
    def __getattr__(self, name): return getattr(self._h, name)
    def __enter__(self): return self
    def __exit__(self, *exc): self._h.close()
    def write(self, data):
        _left[0] -= len(data)
        if _left[0] < 0: raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._h.write(data)
def _wrapped(file, mode="r", *args, **kw):
    handle = _open(file, mode, *args, **kw)
    inside = isinstance(file, (str, os.PathLike)) and os.path.abspath(file).startswith(_dir)
    return _Full(handle) if inside and any(m in mode for m in "wax+") else handle
builtins.open = io.open = _wrapped
'''


def batch(src: Path, out: Path, formats: str, *extra: str, env: dict | None = None) -> subprocess.Popen:
    """Start `selfeval batch` (2 workers) in the background, its output kept beside the folder."""
    log = open(out.with_name(out.name + ".log"), "ab")  # noqa: SIM115 - the child owns it
    return subprocess.Popen([sys.executable, "-m", "selfeval", "batch", str(src), "--out", str(out), "--workers", "2",
                             "--formats", formats, *extra], cwd=ROOT, stdout=log, stderr=log,
                            env={**os.environ, **(env or {})})


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            if int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pids: list[int]) -> list[int]:
    """Those of `pids` still running (not zombies)."""
    running = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.append(pid)
    return running


def half_written(out: Path) -> list[str]:
    """Files under a final name that are not whole: a notebook or record that does not parse, a page cut short."""
    bad = []
    for path in (p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")):
        data = path.read_bytes()
        if path.suffix in (".ipynb", ".json"):
            try:
                json.loads(data)
            except ValueError:
                bad.append(str(path))
        elif path.suffix == ".html" and not data.rstrip().endswith(b"</html>"):
            bad.append(str(path))
        elif path.suffix == ".pdf" and (not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]):
            bad.append(str(path))
    return bad


def lost(out: Path, src: Path, formats: str) -> list[str]:
    """Departments of `src` not completed in `out` with every output asked for."""
    missing = []
    for params in sorted(src.glob("*.yaml")):
        try:
            record = json.loads((out / "status" / f"{params.stem}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            missing.append(params.stem)
            continue
        outputs = record.get("outputs", {})
        if record["status"] == "failed" or sorted(outputs) != sorted(formats.split(",")) or \
                not all((out / name).is_file() for name in outputs.values()):
            missing.append(params.stem)
    return missing


def finish(src: Path, out: Path, formats: str) -> list[str]:
    """Resume until done and verify: the departments lost, and 'verify' when the folder does not verify."""
    batch(src, out, formats, "--resume").wait(timeout=600)
    verified = subprocess.run([sys.executable, "-m", "selfeval", "verify", str(out)], cwd=ROOT,
                              capture_output=True, check=False).returncode == 0
    return lost(out, src, formats) + half_written(out) + ([] if verified else [f"{out}: verify"])


def sigkill(src: Path, out: Path, formats: str, rng: random.Random) -> tuple[bool, list[str]]:
    """Kill the batch process (only it: its workers must die with it) at a random moment; whether it was killed."""
    proc = batch(src, out, formats, "--resume")
    time.sleep(rng.uniform(1, 20))  # from start-up (staging the inputs) to the last departments
    workers = children(proc.pid)
    if proc.poll() is not None:
        return False, []  # finished before the moment came
    done = len(list((out / "status").glob("*.json"))) if (out / "status").is_dir() else 0
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    print(f"SIGKILL of the batch ({len(workers)} child processes), {done} status records", flush=True)
    deadline = time.monotonic() + 10
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return True, half_written(out) + [f"worker {pid} outlived its batch" for pid in alive(workers)]


def killed_worker(src: Path, out: Path, formats: str, rng: random.Random) -> list[str]:
    """Kill one pool worker mid-batch: at most its department may fail; the rest must complete."""
    proc = batch(src, out, formats)
    time.sleep(rng.uniform(3, 8))
    workers = [pid for pid in children(proc.pid) if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    if workers and proc.poll() is None:
        os.kill(rng.choice(workers), signal.SIGKILL)
    proc.wait(timeout=600)
    failed = len(lost(out, src, formats))
    print(f"killed one of {len(workers)} workers: {failed} departments failed", flush=True)
    problems = [f"{out}: {failed} departments failed for one killed worker"] if failed > 1 else []
    return problems + half_written(out) + finish(src, out, formats)


def _mount(where: Path, size: str) -> bool:
    """Mount a tmpfs of this size; False where the machine refuses."""
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, check=False).returncode == 0


def disk_full(src: Path, work: Path, formats: str, tmpfs: bool = True) -> list[str]:
    """The batch onto a disk that fills up part-way: no half-written file, one message; then room, resume, verify."""
    disk = work / "disk"
    disk.mkdir()
    mounted = tmpfs and _mount(disk, "400k")
    out = disk / "out"
    env = {}
    if not mounted:  # the write wrapper: ENOSPC for writes into the folder past a quota, in every process
        site = work / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(WRAPPER, encoding="utf-8")
        env = {"PYTHONPATH": str(site), "FAULTS_FULL_DIR": str(out.resolve()), "FAULTS_FULL_BYTES": "1500000"}
    try:
        proc = batch(src, out, formats, env=env)
        proc.wait(timeout=600)
        log = out.with_name(out.name + ".log").read_text(encoding="utf-8", errors="replace")
        problems = half_written(out) + (["disk full: a traceback"] if "Traceback" in log else [])
        problems += [] if "磁盘空间不足" in log else ["disk full: not said"]
        done = len(list((out / "status").glob("*.json"))) if (out / "status").is_dir() else 0
        print(f"disk full ({'tmpfs' if mounted else 'write wrapper'}): {done} status records, "
              f"{len(problems)} problems before the resume", flush=True)
        if mounted:
            subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        return problems + finish(src, out, formats)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)], check=False)


def main() -> int:
    """Run the faults, print the count and what was lost or half-written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=6)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--formats", default="ipynb,html,pdf")
    parser.add_argument("--no-tmpfs", action="store_true", help="fill the disk with the write wrapper, not a tmpfs")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="selfeval-faults-") as tmp:
        work = Path(tmp)
        src = work / "params"
        src.mkdir()
        write_variants(src, args.departments)
        faults, problems = 0, []
        for _ in range(args.kills):
            killed, found = sigkill(src, work / "killed", args.formats, rng)
            faults += killed
            problems += found
        problems += finish(src, work / "killed", args.formats)
        problems += disk_full(src, work, args.formats, tmpfs=not args.no_tmpfs)
        problems += killed_worker(src, work / "worker", args.formats, rng)
        faults += 2
    for problem in problems:
        print(problem)
    print(f"seed {seed}, {time.monotonic() - started:.0f}s")
    print(f"{faults} faults, {len(problems)} departments lost or half-written")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
