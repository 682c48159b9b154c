"""Charts of income and expenditure structure, with Chinese labels in a CJK font.

A batch worker draws each department's chart ahead, in its own long-lived process, and the department's
kernel takes that PNG instead of importing matplotlib (half a second of every kernel) and drawing it
again. The kernel takes it only when it was drawn from the same figures, so its report is unchanged.
"""
from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .model import Section
from .money import fmt
from .visible import visible

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "WenQuanYi Zen Hei", "SimHei"]
AHEAD_ENV = "SELFEVAL_CHART_AHEAD"  # the PNG drawn ahead; its file name carries the key of its figures


def use_cjk_font() -> str | None:
    """Point matplotlib at an installed CJK font; returns its name, or None (with a warning) if none is."""
    import matplotlib  # noqa: PLC0415 - imported only where a chart is drawn
    from matplotlib import font_manager  # noqa: PLC0415

    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in CJK_FONTS if name in installed), None)
    if found is None:
        warnings.warn("no CJK font found (install fonts-noto-cjk): Chinese labels will not render", stacklevel=2)
        return None
    matplotlib.rcParams["font.sans-serif"] = [found, "DejaVu Sans"]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212
    return found


def _bars(ax, section: Section, title: str, unit: str) -> None:  # noqa: ANN001 - a matplotlib Axes
    items = list(section.items)
    # an ESC draws as tofu and a U+202E hides what follows: each shown as its «U+XXXX» mark, as in the tables
    names = [f"{i + 1}. {visible(item.name)}" for i, item in enumerate(items)]
    # Floats only to place the bars; every label is the Decimal's printed text.
    values = [float(item.amount) for item in items]
    bars = ax.barh(names, values, color="#4878a8")
    ax.invert_yaxis()
    for bar, item in zip(bars, items):
        share = f"（{fmt(item.share)}%）" if item.share is not None else ""
        ax.annotate(f"{fmt(item.amount)}{share}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_title(f"{title}（合计{fmt(section.total)}{unit}）", fontsize=10)
    ax.set_xlabel(unit, fontsize=8)
    ax.tick_params(labelsize=8)
    ax.set_xlim(0, max(values + [0.0]) * 1.45 or 1)
    ax.spines[["top", "right"]].set_visible(False)


def _draw(income: Section, expenditure: Section, unit: str) -> bytes:
    """The two bar charts as one PNG, drawn here."""
    import matplotlib  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    use_cjk_font()
    # Names are text: "$x$" or "美元$账户$余额" must draw as written, never as mathtext (which fails the
    # chart on an unbalanced "$" and changes the font between two).
    matplotlib.rcParams["text.parse_math"] = False
    rows = max(len(income.items), len(expenditure.items), 1)
    fig = Figure(figsize=(10, 1.0 + 0.32 * rows), dpi=110)
    left, right = fig.subplots(1, 2)
    _bars(left, income, "本年收入结构", unit)
    _bars(right, expenditure, "本年支出结构", unit)
    fig.tight_layout(w_pad=2)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue()


def chart_key(income: Section, expenditure: Section, unit: str) -> str:
    """Everything a chart is drawn from, hashed: the same key, the same PNG."""
    parts = [unit] + [repr((s.total, [(i.name, i.amount, i.share) for i in s.items])) for s in (income, expenditure)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _prefix(key: str) -> str:
    return f"selfeval-chart-{key}-"


def structure_charts(income: Section, expenditure: Section, unit: str) -> bytes:
    """One PNG with two bar charts side by side: income lines and expenditure lines, amounts and shares as printed.

    Built on a bare Figure, not pyplot, so it works the same under any backend and leaks no state. The PNG
    drawn ahead for these figures (see drawn_ahead) is taken when there is one.
    """
    ahead = os.environ.get(AHEAD_ENV)
    if ahead and Path(ahead).name.startswith(_prefix(chart_key(income, expenditure, unit))):
        try:
            return Path(ahead).read_bytes()
        except OSError:
            pass  # gone: drawn here as without it
    return _draw(income, expenditure, unit)


@contextmanager
def drawn_ahead(income: Section, expenditure: Section, unit: str) -> Iterator[None]:
    """Within the block, kernels this process starts take this chart drawn here instead of drawing it.

    Nothing is drawn ahead when drawing warns (no CJK font, a missing glyph) or fails: the kernel draws the
    chart then, and its report shows the warning, or the department fails on that cell, as it always did.
    """
    png: bytes | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            png = _draw(income, expenditure, unit)
        except Exception:  # noqa: BLE001, S110 - the kernel's own drawing then fails the department, naming the cell
            pass
    if png is None or caught:
        yield
        return
    fd, name = tempfile.mkstemp(prefix=_prefix(chart_key(income, expenditure, unit)), suffix=".png")
    with os.fdopen(fd, "wb") as handle:
        handle.write(png)
    os.environ[AHEAD_ENV] = name  # a kernel inherits this process's environment
    try:
        yield
    finally:
        os.environ.pop(AHEAD_ENV, None)
        os.unlink(name)
