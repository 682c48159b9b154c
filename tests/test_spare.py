"""A kernel started ahead: the notebook runs in it as in a fresh kernel, and none is left behind."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

from selfeval.kernels import ForkedProcess, IPCKernelManager, ReadyClient
from selfeval.run import NOTEBOOK, execute
from selfeval.spare import ARGUMENTS, KERNEL, SpareKernel, _handing
from tests.conftest import LUQUAN
from tests.test_batch import selfeval, variants

PROBE = ("import sys, os\n"
         "print(sorted(k for k in dir() if not k.startswith('_')), os.getcwd(), get_ipython().execution_count)")


def probe(manager_class: type) -> tuple[str, int]:
    """What a first cell sees of its kernel: its names, working folder and execution count."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    NotebookClient(nb, kernel_name="python3", kernel_manager_class=manager_class, shutdown_kernel="immediate").execute()
    return nb.cells[0].outputs[0]["text"], nb.cells[0].execution_count


def kernels_in(folder: Path) -> list[int]:
    """Processes working in `folder` (a spare kernel works in its batch's output folder)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and int(entry) != os.getpid() and os.readlink(f"/proc/{entry}/cwd") == str(folder):
                found.append(int(entry))
        except OSError:
            continue
    return found


def gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not [p for p in pids if os.path.exists(f"/proc/{p}") and "Z" not in Path(f"/proc/{p}/stat").read_text()]:
            return True
        time.sleep(0.1)
    return False


def test_a_first_cell_sees_a_spare_kernel_as_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fresh = probe(IPCKernelManager)
    spare = SpareKernel()
    spare.start(str(tmp_path))
    pids = kernels_in(tmp_path)
    assert len(pids) == 1
    assert probe(spare.manager_class(str(tmp_path))) == fresh  # same names, folder and count
    assert gone(pids), "nbclient did not stop the kernel it was handed"


def test_a_spare_kernel_has_the_report_modules_loaded_and_its_narrative_compiled():
    spare = SpareKernel()
    spare.start(os.getcwd())
    code = ("import sys; from selfeval import narrative\n"
            "print([m in sys.modules for m in ('selfeval.display', 'selfeval.crossview', 'selfeval.provenance')],"
            " len(narrative._environment().cache or ()) >= len(narrative.SECTIONS))")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, kernel_name="python3", kernel_manager_class=spare.manager_class(os.getcwd()),
                   shutdown_kernel="immediate").execute()
    assert nb.cells[0].outputs[0]["text"] == "[True, True, True] True\n"


def test_a_spare_for_another_folder_or_dead_is_stopped_and_not_handed(tmp_path):
    spare = SpareKernel()
    spare.start(str(tmp_path))
    pids = kernels_in(tmp_path)
    assert spare.manager_class("/") is None
    assert gone(pids)
    spare.start(str(tmp_path))
    (pid,) = kernels_in(tmp_path)
    os.kill(pid, signal.SIGKILL)
    assert gone([pid])
    assert spare.manager_class(str(tmp_path)) is None


def test_execute_with_a_spare_gives_the_same_notebook_and_leaves_one_waiting(tmp_path):
    plain = execute(LUQUAN, tmp_path / "plain" / "luquan.ipynb")
    spare = SpareKernel()
    try:
        first = execute(LUQUAN, tmp_path / "a" / "luquan.ipynb", spare=spare)  # none waiting: a fresh kernel
        second = execute(LUQUAN, tmp_path / "a" / "luquan.ipynb", spare=spare)  # the one started by the first
        waiting = kernels_in(NOTEBOOK.parent.resolve())  # params outside the output folder: the notebook's
        assert len(waiting) == 1, waiting
    finally:
        spare.close()
    assert gone(waiting)

    def outputs(nb: nbformat.NotebookNode) -> list:
        return [(c.execution_count, c.outputs) for c in nb.cells if c.cell_type == "code"]
    assert outputs(first) == outputs(second) == outputs(plain)


@pytest.mark.timeout(300)
def test_a_batch_leaves_no_kernel_behind(tmp_path):
    src = variants(tmp_path, "sample-water-2023.yaml", "water", 3)
    out = tmp_path / "out"
    proc = selfeval("batch", str(src), "--out", str(out), "--workers", "2", "--formats", "ipynb,html", timeout=300)
    assert proc.returncode == 0, proc.stderr
    # stopped by its worker on the way out, not a second later by ipykernel noticing its parent gone
    assert gone(kernels_in(out.resolve()), 0.3), "a worker's spare kernel outlived the batch"


SEEN = ("import sys, os, signal, json\n"
        "print(json.dumps({'path': sys.path, 'argv': [a for a in sys.argv if not a.endswith('.json')],\n"
        " 'cwd': os.getcwd(), 'env': dict(os.environ), 'modules': sorted(sys.modules), 'flags': str(sys.flags),\n"
        " 'session': os.getsid(0) == os.getpid(), 'parent': os.getppid(),\n"
        " 'signals': {int(s): str(signal.getsignal(s)) for s in signal.valid_signals()\n"
        "             if s not in (signal.SIGKILL, signal.SIGSTOP)}, 'stdin': os.readlink('/proc/self/fd/0')[:5]}))")


def seen(manager_class: type, cwd: Path) -> dict:
    """What a first cell sees of its process (the connection file's name, always new, left out)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SEEN)])
    NotebookClient(nb, kernel_name="python3", kernel_manager_class=manager_class, shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return json.loads(nb.cells[0].outputs[0]["text"])


def test_a_forked_kernel_is_the_process_a_started_kernel_is(tmp_path):
    started = IPCKernelManager(kernel_name=KERNEL)
    run_sync(started.start_kernel)(cwd=str(tmp_path), extra_arguments=ARGUMENTS)
    spare = SpareKernel()
    try:
        spare.start(str(tmp_path))
        assert isinstance(spare._km.provisioner.process, ForkedProcess)  # noqa: SLF001
        forked = seen(spare.manager_class(str(tmp_path)), tmp_path)
        assert forked == seen(_handing(started), tmp_path)  # path, argv, folder, environment, modules, signals
        assert forked["stdin"] == "pipe:" and forked["session"] and forked["parent"] == os.getpid()
    finally:
        spare.close()


def test_without_its_zygote_a_spare_kernel_is_started_as_before(tmp_path):
    spare = SpareKernel()
    spare.start(str(tmp_path))
    zygote = spare._zygote  # noqa: SLF001
    spare.manager_class("/")  # stops the waiting kernel
    os.kill(zygote._proc.pid, signal.SIGKILL)  # noqa: SLF001
    zygote._proc.wait()  # noqa: SLF001
    spare.start(str(tmp_path))
    try:
        assert isinstance(spare._km.provisioner.process, subprocess.Popen)  # noqa: SLF001
        assert probe(spare.manager_class(str(tmp_path)))[1] == 1
    finally:
        spare.close()


def test_closing_a_spare_stops_its_zygote(tmp_path):
    spare = SpareKernel()
    spare.start(str(tmp_path))
    zygote = spare._zygote._proc  # noqa: SLF001
    spare.close()
    assert zygote.poll() is not None


def test_a_client_is_ready_once_its_kernel_has_answered_and_then_waits_as_before():
    km = IPCKernelManager(kernel_name=KERNEL)
    run_sync(km.start_kernel)()
    kc = km.client()
    try:
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=60)
        assert isinstance(kc, ReadyClient) and not kc.iopub_channel.settled  # later reads wait their timeout
        msg_id = kc.execute("print('after ready')")
        seen_out = []
        while True:
            msg = run_sync(kc.iopub_channel.get_msg)(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue  # nothing of the kernel_info exchange is left to mistake for this cell's
            if msg["msg_type"] == "stream":
                seen_out.append(msg["content"]["text"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        assert seen_out == ["after ready\n"]
    finally:
        kc.stop_channels()
        run_sync(km.shutdown_kernel)(now=True)
