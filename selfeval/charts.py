"""Charts of income and expenditure structure: SVG written here, with Chinese labels drawn by the browser.

Written as text rather than drawn by a plotting library: a kernel imports nothing for it (matplotlib cost
half a second of every department), the page stays small, and every label is the Decimal's printed text.
Layout needs the width of a label before a browser sets it; a wide (CJK) character is taken as one em and
any other as 0.6 em, a little over what the sans-serif CJK fonts draw, so labels never run into the bars.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from .model import Section
from .money import fmt
from .visible import visible

ALT = "本年收入结构与本年支出结构图"
FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
PANEL_W, GAP, ROW_H, BAR_H, TOP, BOTTOM = 400, 20, 22, 14, 34, 30
LABEL_PX, TITLE_PX = 11, 13
NAME_MAX_EM = 14  # a longer name is cut with "…" in the chart (its full text in a tooltip and in the tables)
BAR_COLOR, TEXT_COLOR, AXIS_COLOR = "#4878a8", "#222", "#888"


def text_em(text: str) -> float:
    """A label's width in em, as the layout assumes it."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def _cut(text: str, max_em: float) -> str:
    """text, cut with "…" to fit max_em."""
    if text_em(text) <= max_em:
        return text
    kept = ""
    for ch in text:
        if text_em(kept + ch) > max_em - 1:
            break
        kept += ch
    return kept + "…"


def _value_label(amount: Decimal, share: Decimal | None) -> str:
    return f"{fmt(amount)}（{fmt(share)}%）" if share is not None else fmt(amount)


def _text(x: float, y: float, text: str, size: int = LABEL_PX, anchor: str = "start", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
            f"{escape(text)}</text>")


def _bars(section: Section, title: str, unit: str, left: float, rows: int) -> list[str]:
    """One panel: the title, a bar per line with its name on the left and its amount (share) after it."""
    items = list(section.items)
    names = [f"{i + 1}. {visible(item.name)}" for i, item in enumerate(items)]
    shown = [_cut(name, NAME_MAX_EM) for name in names]
    values = [_value_label(item.amount, item.share) for item in items]
    name_w = max([text_em(s) for s in shown] + [4]) * LABEL_PX + 6
    value_w = max([text_em(v) for v in values] + [0]) * LABEL_PX + 6
    x0, bar_room = left + name_w, max(PANEL_W - name_w - value_w, 40)
    # Floats only to place the bars; a negative line draws no bar (its label still says what it is).
    top = max([float(item.amount) for item in items] + [0.0])
    parts = [_text(left + PANEL_W / 2, 18, f"{title}（合计{fmt(section.total)}{unit}）", TITLE_PX, "middle",
                   ' font-weight="bold"')]
    for i, (item, name, short, value) in enumerate(zip(items, names, shown, values)):
        y = TOP + i * ROW_H
        width = bar_room * max(float(item.amount), 0.0) / top if top > 0 else 0.0
        tip = f"<title>{escape(name)}</title>" if short != name else ""
        parts.append(f'<g>{tip}{_text(x0 - 4, y + BAR_H - 3, short, anchor="end")}'
                     f'<rect x="{x0:.1f}" y="{y}" width="{width:.1f}" height="{BAR_H}" fill="{BAR_COLOR}"/>'
                     f"{_text(x0 + width + 3, y + BAR_H - 3, value)}</g>")
    if not items:
        parts.append(_text(left + PANEL_W / 2, TOP + BAR_H - 3, "（无明细）", anchor="middle"))
    axis_y = TOP + rows * ROW_H
    parts.append(f'<line x1="{x0:.1f}" y1="{TOP - 4}" x2="{x0:.1f}" y2="{axis_y}" stroke="{AXIS_COLOR}"/>')
    parts.append(_text(x0 + bar_room / 2, axis_y + 16, f"单位：{unit}", LABEL_PX - 1, "middle"))
    return parts


def structure_charts(income: Section, expenditure: Section, unit: str) -> str:
    """One SVG with two bar charts side by side: income lines and expenditure lines, amounts and shares as printed."""
    rows = max(len(income.items), len(expenditure.items), 1)
    width, height = 2 * PANEL_W + GAP, TOP + rows * ROW_H + BOTTOM
    body = _bars(income, "本年收入结构", unit, 0, rows) + _bars(expenditure, "本年支出结构", unit, PANEL_W + GAP, rows)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(ALT)} '
            f'font-family="{FONT}" fill="{TEXT_COLOR}"><title>{ALT}</title>{"".join(body)}</svg>')
