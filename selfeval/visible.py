"""Names are text, shown as written but never acting on the screen or the page.

Control characters (ESC, CR, BEL, …) can move a terminal's cursor or erase its lines, so a name holding
them could hide failing rows; bidi controls (U+202E and the like) reverse the tool's own words after them.
Each is shown as a visible mark instead: «U+001B», so an auditor sees that the source holds one.
"""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and C1; bidi embeddings, overrides and isolates; line/paragraph separators.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


def visible(text: str) -> str:
    """The text with every control and bidi-control character replaced by a visible «U+XXXX» mark."""
    if not _HIDDEN.search(text):
        return text
    return _HIDDEN.sub(lambda m: f"«U+{ord(m.group()):04X}»", text)
