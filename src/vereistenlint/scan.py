"""Building blocks for checks that stay linear in the length of a line or a file.

A regular expression that fails slowly is tried again from every later start: ``<!--(.*?)-->``
on a line of unclosed ``<!--`` scans to the end of the text from each of them, and a line of
backticks made the code-span pattern cubic. The helpers here give each such search a bound
that makes every attempt either succeed or fail at once, and replace pairwise comparisons
(is this match inside one of those spans?) by a binary search.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence


def closed_prefix(text: str, closer: str) -> int:
    """The length of `text` up to and including the last `closer` (0 when there is none).

    A lazy ``opener(.*?)closer`` search limited to this prefix cannot fail after scanning:
    from every opener there is a closer ahead, and the first one ends the match.
    """
    last = text.rfind(closer)
    return 0 if last < 0 else last + len(closer)


def finditer_closed(pattern: re.Pattern[str], text: str, closer: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that ends in `closer` and cannot match past
    the last `closer`: the same matches, without the quadratic failures after it."""
    return pattern.finditer(text, 0, closed_prefix(text, closer))


def sub_closed(
    pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str, closer: str
) -> str:
    """`pattern.sub(repl, text)` as `finditer_closed` bounds it."""
    end = closed_prefix(text, closer)
    return pattern.sub(repl, text[:end]) + text[end:]


def finditer_pieces(pattern: re.Pattern[str], text: str, closer: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose matches end with `closer` and hold its
    last character nowhere else: each match lies in one piece of the text that ends at such
    a character, so only the pieces that end with `closer` are searched, each on its own
    (an attempt can neither fail after scanning nor scan past its piece)."""
    stop = closer[-1]
    start = 0
    while True:
        end = text.find(stop, start)
        if end < 0:
            return
        if text.endswith(closer, start, end + 1):
            yield from pattern.finditer(text, start, end + 1)
        start = end + 1


class Spans:
    """Sorted, non-overlapping [start, end) spans: which one holds a position, in log time."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]

    def holds(self, position: int) -> bool:
        i = bisect.bisect_right(self._starts, position) - 1
        return i >= 0 and position < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a position with a span."""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none of them."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


_BACKTICKS = re.compile("`+")


def code_spans(line: str) -> list[tuple[int, int]]:
    """Spans of `inline code` in a line: a run of n backticks up to the next run of exactly n
    (CommonMark and Python-Markdown alike); a run with no partner is literal text.

    Linear: each run learns where the next run of its length is in one pass from the right.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    partner: list[int | None] = [None] * len(runs)
    nearest: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        partner[i] = nearest.get(length)
        nearest[length] = i
    spans = []
    i = 0
    while i < len(runs):
        j = partner[i]
        if j is None:
            i += 1
            continue
        spans.append((runs[i][0], runs[j][1]))
        i = j + 1
    return spans


def blank(line: str, spans: Sequence[tuple[int, int]]) -> str:
    """`line` with each of the sorted, non-overlapping spans replaced by spaces."""
    if not spans:
        return line
    parts = []
    pos = 0
    for a, b in spans:
        parts.append(line[pos:a])
        parts.append(" " * (b - a))
        pos = b
    parts.append(line[pos:])
    return "".join(parts)
