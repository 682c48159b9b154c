"""`selfeval lab`: JupyterLab on 127.0.0.1 with a token, opened on a working copy of the audit notebook."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from . import resources

AUDIT_NOTEBOOK = resources.notebook("audit.ipynb")
SETTINGS = (
    # Keep widget state in the notebook when it is saved, so a saved audit shows its last view.
    ("@jupyter-widgets/jupyterlab-manager", "plugin.jupyterlab-settings", {"saveState": True}),
    # Auditors often work offline: do not offer to fetch news.
    ("@jupyterlab/apputils-extension", "notification.jupyterlab-settings", {"fetchNews": "false"}),
)


def free_port() -> int:
    """A TCP port on loopback that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(workdir: Path) -> Path:
    """The working copy of the audit notebook in `workdir` (an existing one is the user's: kept)."""
    workdir.mkdir(parents=True, exist_ok=True)
    notebook = workdir / "audit.ipynb"
    if not notebook.exists():
        shutil.copyfile(AUDIT_NOTEBOOK, notebook)
    for folder, name, settings in SETTINGS:
        target = workdir / ".selfeval-lab-settings" / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(json.dumps(settings), encoding="utf-8")
    return notebook


def command(workdir: Path, port: int) -> list[str]:
    """The jupyter lab command line: loopback only, no browser of its own; the token is not on it (see start)."""
    args = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", f"--port={port}", "--no-browser",
            f"--ServerApp.root_dir={workdir}",
            "--ServerApp.port_retries=0", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
            "jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return args


def start(params_dir: Path, workdir: Path, out_dir: Path, port: int | None = None,
          token: str | None = None, log: TextIO | None = None,
          reviewer: str | None = None) -> tuple[subprocess.Popen, str]:
    """Start JupyterLab; returns the process and the URL (with token) of the audit notebook."""
    prepare(workdir)
    port = port or free_port()
    token = token or secrets.token_hex(24)
    # The token goes in the environment, which only its owner can read (/proc/PID/environ is 0400),
    # never on the command line, which `ps` shows every user.
    env = {**os.environ, "SELFEVAL_PARAMS_DIR": str(params_dir.resolve()), "SELFEVAL_OUT_DIR": str(out_dir.resolve()),
           "JUPYTERLAB_SETTINGS_DIR": str((workdir / ".selfeval-lab-settings").resolve()), "JUPYTER_TOKEN": token}
    if reviewer:
        env["SELFEVAL_REVIEWER"] = reviewer  # the panel's notes are signed with it
    # Its own process group (session), so stopping it stops its kernels too, not just the server.
    # The server's log goes to `log` (a file), or to the user's terminal; never to an unread pipe.
    process = subprocess.Popen(command(workdir.resolve(), port), env=env, stdout=log, stderr=log,
                               start_new_session=True)
    return process, f"http://127.0.0.1:{port}/lab/tree/audit.ipynb?token={token}"


def stop(process: subprocess.Popen, grace: float = 20) -> int:
    """Stop JupyterLab and everything it started (kernels included): SIGTERM to its group, then SIGKILL."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return process.wait()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    try:  # kernels may outlive the server by a moment; nothing of the group is left running
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return process.wait()


def serve(process: subprocess.Popen) -> int:
    """Wait for JupyterLab; on SIGINT, SIGTERM or SIGHUP stop its whole process group and return 0."""
    def _stop(signum: int, frame: object) -> None:  # noqa: ARG001 - the signal handler's signature
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        return process.wait()
    except KeyboardInterrupt:
        stop(process)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
