"""`selfeval lab` as a process: the token stays off every command line, and a signal to selfeval stops
JupyterLab and its kernels with it (none left re-parented to PID 1, still listening)."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from selfeval import lab

from .conftest import ROOT


def _processes() -> list[tuple[int, list[str]]]:
    """(pid, the fields of /proc/PID/stat after the command name) of every process still readable."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found.append((int(entry.name), (entry / "stat").read_text().rsplit(")", 1)[1].split()))
            except OSError:
                continue
    return found


def _session_members(sid: int) -> list[int]:
    """PIDs whose session id is `sid` (JupyterLab's own session holds the server and its kernels)."""
    return [pid for pid, fields in _processes() if int(fields[3]) == sid and fields[0] != "Z"]


def _cmdlines() -> list[str]:
    lines = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                lines.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
            except OSError:
                continue
    return lines


def _wait_for_url(process: subprocess.Popen, seconds: float = 90) -> str:
    deadline, seen = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        assert process.poll() is None, "selfeval lab exited during start-up"
        line = process.stdout.readline()
        seen += line
        found = re.search(r"http://127\.0\.0\.1:\d+/\S+", line)
        if found:
            return found.group()
    raise AssertionError(f"no URL printed: {seen}")


def _api(url: str, path: str, method: str = "GET") -> object:
    base, token = url.split("/lab/")[0], url.rsplit("token=", 1)[1]
    request = urllib.request.Request(base + path, method=method, headers={"Authorization": f"token {token}"},
                                     data=b"{}" if method == "POST" else None)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read() or b"null")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_stopping_selfeval_lab_by_its_pid_stops_jupyterlab_and_its_kernels(tmp_path, sig):
    process = subprocess.Popen([sys.executable, "-m", "selfeval", "lab", str(ROOT / "params"), "--dir",
                                str(tmp_path / "work"), "--out", str(tmp_path / "out")], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = _wait_for_url(process)
        token = url.rsplit("token=", 1)[1]
        kernel = _api(url, "/api/kernels", "POST")
        assert kernel["id"]
        servers = _session_members_of_children(process.pid)
        assert servers, "JupyterLab is not running in a session of its own"
        assert not any(token in line for line in _cmdlines()), "the token is visible on a command line"
        os.kill(process.pid, sig)
        assert process.wait(timeout=60) == 0
        deadline = time.monotonic() + 10
        while _session_members(servers[0]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session_members(servers[0]) == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _session_members_of_children(parent: int) -> list[int]:
    """Session ids led by children of `parent` (the JupyterLab server started by selfeval lab)."""
    return [pid for pid, fields in _processes() if int(fields[1]) == parent and int(fields[3]) == pid]


def test_the_command_line_carries_no_token(tmp_path):
    args = lab.command(tmp_path, 8888)
    assert not any("token" in a.lower() for a in args)
