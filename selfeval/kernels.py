"""The kernel manager for report notebooks: private Unix sockets, quiet, clients ready as soon as the kernel has
answered, and kernels forked from a warm zygote.

A kernel is a new Python process that imports ipykernel and the report's modules before its first cell:
0.8 s of CPU for every department. A zygote is one process that has made those imports once; each kernel
it forks then starts as `python -m ipykernel_launcher` would, with the command line, environment and working
folder jupyter_client gives it, so it has run nothing of the notebook and its outputs are those of a kernel
started for it.
"""
from __future__ import annotations

import asyncio
import importlib
import importlib.util
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.client import KernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type, default

LAUNCHER = ["-m", "ipykernel_launcher"]
_PR_SET_CHILD_SUBREAPER = 36
SERVE = "from selfeval.kernels import serve; serve()"
# What a kernel imports on its way to its first cell, IPKernelApp.initialize's imports (its debugger's debugpy
# above all, 0.25 s) included: imported once in the zygote. Modules only; each kernel makes its own objects.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "ipykernel.zmqshell",
           "IPython.core.history", "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.oinspect",
           "IPython.extensions.storemagic", "sqlite3", "tornado.platform.asyncio", "faulthandler", "runpy")


class _IOPub(AsyncZMQSocketChannel):
    """IOPub that, once the kernel has gone idle after the kernel_info request `awaited`, waits no more."""

    awaited: str | None = None
    settled = False

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        """The next message; Empty at once when none is queued and the kernel has settled."""
        msg = await super().get_msg(0 if self.settled else timeout)
        if (self.awaited and msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
                and msg["parent_header"].get("msg_id") == self.awaited):
            self.settled = True
        return msg


class ReadyClient(AsyncKernelClient):
    """jupyter_client's client, ready once the kernel has answered: when it waits for the kernel it flushes
    IOPub up to the kernel's idle status after its kernel_info request, where jupyter_client waited until
    0.2 s passed without a message (0.2 s of every department). Later messages are left for nbclient."""

    iopub_channel_class = Type(_IOPub)
    _readying = False

    def kernel_info(self) -> str:
        """Request kernel info; while waiting for the kernel, the request IOPub settles on."""
        msg_id = super().kernel_info()
        if self._readying:
            self.iopub_channel.awaited, self.iopub_channel.settled = msg_id, False
        return msg_id

    async def wait_for_ready(self, timeout: float | None = None) -> None:  # type: ignore[override]
        """Until the kernel answers kernel_info, its IOPub connected and flushed."""
        self._readying = True
        try:
            await KernelClient._async_wait_for_ready(self, timeout)  # noqa: SLF001
        finally:
            self._readying = False
            self.iopub_channel.awaited, self.iopub_channel.settled = None, False


class IPCKernelManager(AsyncKernelManager):
    """A kernel on Unix sockets: no TCP ports to race for when workers start kernels at once
    (papermill issue 511), and no warning about unencrypted TCP; its clients are ReadyClients."""

    @default("client_factory")
    def _client_factory_default(self) -> type:
        return ReadyClient

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    async def start_kernel(self, **kw: object) -> None:
        """Start the kernel with its own log output (not the notebook's) out of the user's terminal."""
        kw.setdefault("stderr", subprocess.DEVNULL)
        kw.setdefault("stdout", subprocess.DEVNULL)
        await super().start_kernel(**kw)

    @default("ip")
    def _ip_default(self) -> str:
        # jupyter_client's default is "kernel-ipc" in the working folder: shared by every kernel
        # started there, so parallel kernels would answer each other's messages.
        return os.path.join(tempfile.gettempdir(), f"selfeval-{uuid.uuid4().hex}-ipc")

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        """Until the kernel process has exited, woken by its exit: a killed kernel is gone in milliseconds,
        and jupyter_client's poll every 0.1 s made each department wait out a poll."""
        try:
            fd = os.pidfd_open(getattr(self.provisioner, "process", None).pid)  # type: ignore[union-attr]
        except (AttributeError, OSError):  # no process, not Linux, or already gone
            await super()._async_wait(pollinterval)
            return
        loop, exited = asyncio.get_running_loop(), asyncio.Event()
        loop.add_reader(fd, exited.set)  # a pidfd is readable once its process has exited
        try:
            await exited.wait()
        finally:
            loop.remove_reader(fd)
            os.close(fd)


class ForkedProcess:
    """A kernel forked by a zygote and adopted by this process, with the Popen methods a provisioner calls."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """None while the kernel runs, else its exit status (collected here: it is this process's child)."""
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """The exit status, once the kernel has exited (TimeoutExpired after `timeout` seconds)."""
        if self.poll() is None:
            fd = os.pidfd_open(self.pid)
            try:
                select.select([fd], [], [], timeout)
            finally:
                os.close(fd)
        if self.poll() is None:
            raise subprocess.TimeoutExpired("kernel", timeout or 0)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        """Signal the kernel unless it has exited, as Popen does (not collected yet, its pid is not reused)."""
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        """SIGKILL the kernel."""
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """SIGTERM the kernel."""
        self.send_signal(signal.SIGTERM)


def _adopt_orphans() -> None:
    """Become the parent of this process's descendants when their own parent exits (PR_SET_CHILD_SUBREAPER).

    The zygote forks each kernel through a go-between that exits at once, so the kernel becomes this process's
    child, as a kernel it started would be: its parent is the worker it runs for (ipykernel watches that
    parent), its pid is not reused before this process collects it.
    """
    import ctypes  # noqa: PLC0415

    if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1) != 0:
        raise OSError(ctypes.get_errno(), "cannot adopt forked kernels")


class Zygote:
    """A process with ipykernel and the report's modules imported, forking kernels on request."""

    def __init__(self) -> None:
        """Start the zygote; OSError where this process cannot adopt the kernels it forks (not Linux)."""
        _adopt_orphans()
        env = {k: v for k, v in os.environ.items() if k != "PYTHONEXECUTABLE"}  # as jupyter_client's kernel env
        env["JPY_PARENT_PID"] = str(os.getpid())
        # Its own working folder: a kernel works in its department's; "/" is no batch's output folder.
        self._proc = subprocess.Popen([sys.executable, "-c", SERVE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, cwd="/", env=env)

    def can_fork(self, cmd: list[str]) -> bool:
        """Whether `cmd` is the kernel this zygote makes, and it still runs."""
        return cmd[:3] == [sys.executable, *LAUNCHER] and self._proc.poll() is None

    def fork(self, cmd: list[str], env: dict[str, str], cwd: str) -> ForkedProcess:
        """A kernel started as `cmd` would start it in `cwd` with `env`; OSError when the zygote is gone."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps([cmd, env, cwd]).encode("utf-8") + b"\n")
        self._proc.stdin.flush()
        reply = self._proc.stdout.readline()
        if not reply.strip().isdigit():
            raise OSError("the kernel zygote has exited")
        return ForkedProcess(int(reply))

    def close(self) -> None:
        """Stop the zygote (its kernels are stopped by their managers)."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        for pipe in (self._proc.stdin, self._proc.stdout):
            if pipe is not None:
                pipe.close()


class ForkedKernelManager(IPCKernelManager):
    """A kernel manager whose kernel is forked by its `zygote`, or started as usual when that cannot be."""

    zygote: Zygote | None = None

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        """Fork the kernel; the provisioner then watches, signals and waits for it as for one it launched."""
        provisioner, cwd = self.provisioner, str(kw.get("cwd") or os.getcwd())
        env = {**kw["env"], "JPY_PARENT_PID": str(os.getpid())}  # what jupyter_client's launch_kernel adds
        try:
            if self.zygote is None or not self.zygote.can_fork(kernel_cmd):
                raise OSError("no zygote for this kernel")
            process = self.zygote.fork(kernel_cmd, env, cwd)
        except OSError:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        # the kernel leads its own process group, as after launch_kernel's start_new_session
        provisioner.process, provisioner.pid, provisioner.pgid = process, process.pid, process.pid  # type: ignore
        provisioner.cwd = cwd  # type: ignore[union-attr]
        self._reconcile_connection_info(provisioner.connection_info)  # type: ignore[union-attr]


def serve() -> None:
    """The zygote: import what a kernel imports, then fork a kernel for each request read from stdin."""
    if sys.path[0] == "":
        del sys.path[0]  # as ipykernel_launcher does; IPython puts '' back in each kernel
    before = dict(os.environ)
    for name in PRELOAD:  # runpy: as `python -m` has it loaded
        importlib.import_module(name)
    from . import spare  # noqa: PLC0415
    spare.warm()
    # what those imports put in the environment (debugpy's PYDEVD_USE_FRAME_EVAL), as they would in each kernel
    imported = {k: v for k, v in os.environ.items() if before.get(k) != v}
    for line in sys.stdin.buffer:  # the batch worker's end of the pipe closes when it exits: so does this
        cmd, env, cwd = json.loads(line)
        sys.stdout.buffer.write(f"{_fork(cmd, {**env, **imported}, cwd)}\n".encode("ascii"))
        sys.stdout.buffer.flush()


def _fork(cmd: list[str], env: dict[str, str], cwd: str) -> int:
    """The pid of a kernel forked through a go-between, which has exited: the kernel is the worker's by now."""
    read, write = os.pipe()
    between = os.fork()
    if between == 0:
        os.close(read)
        kernel = os.fork()
        if kernel == 0:
            os.close(write)
            _kernel(cmd, env, cwd, between)
        os.write(write, f"{kernel}".encode("ascii"))
        os._exit(0)  # noqa: SLF001 - the go-between runs nothing of the zygote's
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        pid = pipe.read()
    os.waitpid(between, 0)
    return int(pid)


def _kernel(cmd: list[str], env: dict[str, str], cwd: str, between: int) -> None:
    """In a forked child: become the kernel `cmd` starts, as subprocess and ipykernel_launcher would set it up."""
    while os.getppid() == between:  # until adopted by the worker: ipykernel takes its parent as the one to watch
        time.sleep(0.001)
    os.setsid()  # launch_kernel's start_new_session: interrupts and kills reach its whole process group
    # stdin as launch_kernel leaves it, a pipe closed at the other end; stdout and stderr as IPCKernelManager
    # gives them, nothing: never the zygote's pipes
    stdin, closed = os.pipe()
    os.close(closed)
    null = os.open(os.devnull, os.O_RDWR)
    for fd, target in ((0, stdin), (1, null), (2, null)):
        os.dup2(target, fd)
    os.close(stdin)
    os.close(null)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [importlib.util.find_spec("ipykernel_launcher").origin, *cmd[3:]]  # type: ignore[union-attr]
    sys.orig_argv = list(cmd)
    random.seed()  # a fresh process's, not the zygote's state shared by every fork
    from ipykernel import kernelapp  # noqa: PLC0415

    kernelapp.launch_new_instance()
    raise SystemExit(0)  # out of the zygote's loop: the interpreter ends as the launcher's does
