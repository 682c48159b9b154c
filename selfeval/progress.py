"""Progress of a batch on stderr: a tqdm bar in a terminal, plain log lines elsewhere (CI, logs)."""
from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Counts departments done, failed and remaining, with an ETA from the ones actually run."""

    def __init__(self, total: int, stream: TextIO | None = None, bar: bool | None = None):
        self.total = total
        self.stream = stream or sys.stderr
        self.done = self.failed = self.ran = 0
        self.started = time.monotonic()
        use_bar = self.stream.isatty() if bar is None else bar
        self._bar = tqdm(total=total, file=self.stream, unit="dept", dynamic_ncols=True) if use_bar else None

    @property
    def remaining(self) -> int:
        """Departments not yet finished."""
        return self.total - self.done

    def eta(self) -> float | None:
        """Seconds left at the pace so far, or None before the first department has run."""
        if not self.ran:
            return None
        return (time.monotonic() - self.started) / self.ran * self.remaining

    def update(self, record: dict, skipped: bool = False) -> None:
        """Count one finished department and show it."""
        self.done += 1
        self.failed += record["status"] == "failed"
        self.ran += not skipped
        counts = f"done {self.done}, failed {self.failed}, remaining {self.remaining}"
        if self._bar is not None:
            self._bar.set_postfix_str(counts, refresh=False)
            self._bar.update(1)
            return
        eta = self.eta()
        eta_text = f", ETA {eta:.0f}s" if eta is not None else ""
        state = "skipped (already done)" if skipped else record["status"]
        reason = f": {record['reason'].splitlines()[0]}" if record["status"] == "failed" and record["reason"] else ""
        print(f"[{self.done}/{self.total}] {record['id']}: {state}{reason} — {counts}{eta_text}",
              file=self.stream, flush=True)

    def close(self) -> None:
        """Finish the bar, or print the totals."""
        if self._bar is not None:
            self._bar.close()
        elapsed = time.monotonic() - self.started
        print(f"{self.done} departments in {elapsed:.1f}s: {self.done - self.failed} completed, "
              f"{self.failed} failed", file=self.stream, flush=True)
