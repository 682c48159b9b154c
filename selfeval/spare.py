"""A kernel started ahead in a batch worker: it boots while the department before it is exported and printed.

Starting a kernel is a second of a department spent waiting on a new Python process; a worker starts the
next department's kernel as soon as this department's notebook has run, so the two overlap. The kernel is
one nbclient would have started: the same kernel spec, working folder, environment and history setting,
and it has run nothing of the notebook when its department's first cell arrives. It is forked by the
worker's zygote (selfeval.kernels), which has made a kernel's imports once for all its kernels. While it
waits it runs warm(), binding no name: the notebook's own imports then find the modules loaded and the
templates compiled, and its outputs are the same.
"""
from __future__ import annotations

from typing import Callable

from jupyter_core.utils import run_sync

from .kernels import ForkedKernelManager, IPCKernelManager, Zygote

KERNEL = "python3"
# What nbclient passes to an IPython kernel it starts (its ipython_hist_file default), then the preload.
ARGUMENTS = ["--HistoryManager.hist_file=:memory:",
             "--IPKernelApp.exec_lines=import selfeval.spare as _selfeval_spare; _selfeval_spare.warm(); del _selfeval_spare"]


def warm() -> None:
    """In a waiting kernel: import what the bundled notebook's cells import and compile its narrative."""
    from . import crossview, display, narrative, provenance  # noqa: F401, PLC0415 - loaded for the notebook

    narrative.compile_templates()


def _stop(km: IPCKernelManager) -> None:
    """Kill a kernel and remove its files; one already gone is no error."""
    try:
        run_sync(km.shutdown_kernel)(now=True)
    except RuntimeError:
        pass  # "No kernel is running!": it died on its own
    run_sync(km.cleanup_resources)()


class SpareKernel:
    """At most one kernel waiting, started in a given working folder, forked by this process's zygote."""

    def __init__(self) -> None:
        self._km: IPCKernelManager | None = None
        self._cwd = ""
        self._zygote: Zygote | None = None  # started with the first kernel

    def start(self, cwd: str) -> None:
        """Start a kernel working in `cwd`, unless one already waits there; never raises.

        A kernel that cannot be started now is none waiting: nbclient then starts the department's own
        and its error names the department, as without a spare.
        """
        if self._km is not None:
            if self._cwd == cwd:
                return
            self._drop()
        km = ForkedKernelManager(kernel_name=KERNEL)
        km.zygote = self._zygote_now()
        try:
            run_sync(km.start_kernel)(cwd=cwd, extra_arguments=ARGUMENTS)
        except Exception:  # noqa: BLE001 - see above
            return
        self._km, self._cwd = km, cwd

    def _zygote_now(self) -> Zygote | None:
        """This spare's zygote, started with its first kernel; None where there can be none (kernels then start
        as nbclient starts them)."""
        if self._zygote is None:
            try:
                self._zygote = Zygote()
            except OSError:
                return None
        return self._zygote

    def manager_class(self, cwd: str) -> type[IPCKernelManager] | None:
        """A kernel manager class for nbclient that hands it the waiting kernel, if it works in `cwd` and lives.

        nbclient makes its kernel manager from a class and starts a kernel only when the manager has none;
        it then stops the kernel after the last cell as it stops its own. None when no kernel can be taken.
        """
        km, self._km = self._km, None
        if km is None:
            return None
        if self._cwd != cwd or not run_sync(km.is_alive)():
            _stop(km)
            return None
        return _handing(km)

    def _drop(self) -> None:
        """Stop the waiting kernel, if any."""
        km, self._km = self._km, None
        if km is not None:
            _stop(km)

    def close(self) -> None:
        """Stop the waiting kernel, if any, and the zygote."""
        self._drop()
        zygote, self._zygote = self._zygote, None
        if zygote is not None:
            zygote.close()


def _handing(km: IPCKernelManager) -> type[IPCKernelManager]:
    """A subclass whose construction returns `km` itself (not an instance of it, so __init__ is not run again)."""
    new: Callable[..., IPCKernelManager] = lambda cls, *args, **kw: km  # noqa: E731, ARG005
    return type("SpareKernelManager", (IPCKernelManager,), {"__new__": new})
