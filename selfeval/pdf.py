"""Print HTML to PDF in Debian's Chromium through playwright, one browser kept open for many pages."""
from __future__ import annotations

import math
import os
import re
import shutil
import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable
from pathlib import Path

CANDIDATES = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser", "google-chrome")
# Chromium as root in a container: no sandbox; and nothing that phones home on a closed network.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-quic"]
_OUTSIDE = re.compile(r"^(https?|wss?|ftp)://")
# A page reused for many documents keeps growing its renderer's caches; a new one after this many prints
# keeps a province-sized batch's memory flat, for one page opening (0.2-0.5 s) per that many departments.
PAGE_PRINTS = 40


class ChromiumNotFound(RuntimeError):
    """No Chromium to print with."""


class BadSetting(ChromiumNotFound):
    """A printing setting from the environment that cannot be used: no PDF is printed, as without Chromium."""


def timeout_seconds() -> float:
    """The seconds a page may take to print: $SELFEVAL_PDF_TIMEOUT (default 60), a positive number, else BadSetting."""
    text = os.environ.get("SELFEVAL_PDF_TIMEOUT", "60")
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:  # nan fails both comparisons
        raise BadSetting(f"SELFEVAL_PDF_TIMEOUT 应为正的秒数（如 60），得到 {text!r}")
    return seconds


def find_chromium() -> str:
    """The Chromium binary: $SELFEVAL_CHROMIUM, else Debian's, else one on PATH."""
    wanted = os.environ.get("SELFEVAL_CHROMIUM")
    for candidate in ([wanted] if wanted else CANDIDATES):
        path = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if path and os.access(path, os.X_OK) and Path(path).is_file():
            return path
    raise ChromiumNotFound("Chromium not found: install it (apt-get install --no-install-recommends chromium)"
                           " or set SELFEVAL_CHROMIUM to its path")


class _Thread:
    """One daemon thread running submitted calls in order. Unlike a ThreadPoolExecutor it still
    takes work while a process shuts down, so the browser can be closed from a finaliser."""

    def __init__(self) -> None:
        self._calls: queue.Queue = queue.Queue()
        threading.Thread(target=self._loop, name="selfeval-pdf", daemon=True).start()

    def _loop(self) -> None:
        while True:
            func, args, future = self._calls.get()
            if func is None:
                return
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(func(*args))
                except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
                    future.set_exception(exc)

    def submit(self, func: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        self._calls.put((func, args, future))
        return future

    def stop(self) -> None:
        self._calls.put((None, (), None))


class Printer:
    """A headless Chromium that prints HTML pages to A4 PDF.

    Playwright's sync API must stay on the thread that started it and refuses to run inside an
    asyncio loop (a Jupyter kernel has one), so every call goes to one worker thread of our own.
    """

    def __init__(self, executable: str | None = None, timeout_s: float | None = None):
        self.executable = executable or find_chromium()
        self.timeout_ms = (timeout_s if timeout_s is not None else timeout_seconds()) * 1000
        self._thread = _Thread()
        self._playwright = self._browser = self._page = None
        self._printed = 0  # by the current page
        self._closed = False
        # The browser starts on the worker thread while the caller gets on with other work
        # (a batch worker runs its first notebook meanwhile); calls queue up behind the start.
        self._started = self._thread.submit(self._start)

    @property
    def version(self) -> str:
        """The browser's version (waits for the start; raises what the start raised)."""
        return self._started.result()

    def _start(self) -> str:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=self.executable, args=LAUNCH_ARGS)
        except Exception:
            self._playwright.stop()
            raise
        return self._browser.version

    def _print(self, html: str) -> bytes:
        self._started.result()  # done by now (same thread, queued first); re-raises a failed start
        # One page, reused: opening a page costs 0.2-0.5 s, about as much as printing one.
        if self._page is not None and self._printed >= PAGE_PRINTS:
            self._page.close()
        if self._page is None or self._page.is_closed():
            self._page, self._printed = self._browser.new_page(), 0
            self._page.set_default_timeout(self.timeout_ms)
            # Reports are self-contained; refuse any outside request rather than wait on it.
            self._page.route(_OUTSIDE, lambda route: route.abort())
        self._printed += 1
        self._page.set_content(html, wait_until="load", timeout=self.timeout_ms)
        return self._page.pdf(format="A4", print_background=True, prefer_css_page_size=True)

    def pdf(self, html: str) -> bytes:
        """The PDF bytes of one HTML document."""
        return self._thread.submit(self._print, html).result()

    def close(self) -> None:
        """Close the browser and the worker thread; closing again does nothing."""
        if self._closed:
            return
        self._closed = True

        def stop() -> None:
            if self._page is not None:
                self._page.close()
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()
        try:
            self._thread.submit(stop).result(timeout=30)
        finally:
            self._thread.stop()

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
