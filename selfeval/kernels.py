"""The kernel manager for report notebooks: private Unix sockets, and quiet."""
from __future__ import annotations

import os
import subprocess
import tempfile
import uuid

from jupyter_client.manager import AsyncKernelManager
from traitlets import default


class IPCKernelManager(AsyncKernelManager):
    """A kernel on Unix sockets: no TCP ports to race for when workers start kernels at once
    (papermill issue 511), and no warning about unencrypted TCP."""

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
