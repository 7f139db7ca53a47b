"""Every finding on a place of its file: a line that exists and a column on that line.

Rules compute columns from parser marks, and a mark can disagree with the text: an escape
in a quoted YAML scalar (``"...\\x2E"``) has no character of its own, a node may end on the
next line. An editor or a CI annotation given column 0 or a column past the line's end
shows nothing, or the wrong spot. Positions are put back on their line here, once, for
every rule: a column before the line's start becomes 1, one past its end (after the
last character plus one, where an insertion goes) becomes that end, and a line past the
file's last becomes the last. A file that was never decoded has no lines to hold positions
against; there only 0 is lifted to 1.
"""

from __future__ import annotations

from collections.abc import Sequence

from .findings import Finding


def on_their_lines(findings: list[Finding], lines: Sequence[str]) -> list[Finding]:
    """The findings with each line and column moved onto the text (unchanged where they are)."""
    return [_placed(f, lines) for f in findings]


def _placed(f: Finding, lines: Sequence[str]) -> Finding:
    if not lines:  # not decoded (binary, not UTF-8): the reader counted the raw bytes itself
        line, column = max(1, f.line), max(1, f.column)
    else:
        line = min(max(1, f.line), len(lines))
        column = min(max(1, f.column), len(lines[line - 1]) + 1)
    if (line, column) == (f.line, f.column):
        return f
    return f._replace(line=line, column=column)
