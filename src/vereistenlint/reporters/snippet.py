"""A source line as a terminal shows it, and where a column lands on screen.

Columns count characters, but a terminal shows a tab as several cells, East Asian wide
characters as two and combining marks as none. To put a caret under the right character
the line is printed with tabs expanded to fixed stops and the caret's offset is counted in
the same cells. Control characters are replaced by visible symbols so that a file cannot
move the cursor or recolour the terminal, and bidirectional controls so that it cannot
reorder what is shown.
"""

from __future__ import annotations

import unicodedata

#: Tab stops every 4 cells, the width the content repo's indented tables assume.
TAB_WIDTH = 4

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def visible_line(line: str, column: int) -> tuple[str, int]:
    """The line as printed and the number of cells before `column` (1-based) on screen.

    A column past the end of the line lands that many cells after the last character.
    """
    shown: list[str] = []
    cells = 0
    caret: int | None = None
    for index, char in enumerate(line):
        if index == column - 1:
            caret = cells
        if char == "\t":
            pad = TAB_WIDTH - cells % TAB_WIDTH
            shown.append(" " * pad)
            cells += pad
            continue
        glyph = _glyph(char)
        shown.append(glyph)
        cells += _cells(glyph)
    if caret is None:
        caret = cells + max(0, column - 1 - len(line))
    return "".join(shown), caret


def _glyph(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: U+2400 NUL ... U+241F US
    if code == 0x7F:
        return "\u2421"  # SYMBOL FOR DELETE
    if 0x80 <= code < 0xA0 or char in _BIDI_CONTROLS:
        return "\ufffd"
    return char


def _cells(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
