"""Charts of income and expenditure structure, with Chinese labels in a CJK font."""
from __future__ import annotations

import io
import warnings

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from .model import Section
from .money import fmt
from .visible import visible

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "WenQuanYi Zen Hei", "SimHei"]


def use_cjk_font() -> str | None:
    """Point matplotlib at an installed CJK font; returns its name, or None (with a warning) if none is."""
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


def structure_charts(income: Section, expenditure: Section, unit: str) -> bytes:
    """One PNG with two bar charts side by side: income lines and expenditure lines, amounts and shares as printed.

    Built on a bare Figure, not pyplot, so it works the same under any backend and leaks no state.
    """
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
