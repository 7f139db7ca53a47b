"""Git conflict markers left in a page: a merge that was committed half-resolved.

The website renders `<<<<<<< branch`, `=======` and `>>>>>>> main` as text (a `=======`
right under text can even turn that text into a heading), and both sides of the conflict appear. It
applies to every page, content or not.

Only a `<<<<<<<` opens a block: `=======` on its own is a valid Markdown heading underline,
so it counts only between an opening and a closing marker. Code is masked first, so a page
that shows a conflict inside a code block is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Severity
from ..document import Document
from ..findings import Edit, Finding, Fix, finding
from .base import Check, Context, Fixability, Registered, Rule, codes

CONFLICT_MARKER = "VL120"

RULES = (
    Rule(CONFLICT_MARKER, "conflict-marker", Severity.ERROR, Fixability.SAFE, every_page=True),
)

_OURS = re.compile(r"<{7}(?:[ \t].*)?\Z")
_BASE = re.compile(r"\|{7}(?:[ \t].*)?\Z")
_SEPARATOR = re.compile(r"={7}[ \t]*\Z")
_THEIRS = re.compile(r">{7}(?:[ \t].*)?\Z")
#: what a line matching any of the four patterns starts with
_FIRST = ("<", "|", "=", ">")


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    lines = doc.code_free_lines
    start: int | None = None
    base: int | None = None
    separator: int | None = None
    for i, line in enumerate(lines):
        if not line.startswith(_FIRST):
            continue  # the common case: each pattern below matches at a marker character only
        if _OURS.match(line):
            if start is not None:
                yield _unclosed(start)
            start, base, separator = i, None, None
        elif start is None:
            if _THEIRS.match(line):
                yield finding(CONFLICT_MARKER, i + 1, 1, "conflict.stray", marker=">>>>>>>")
        elif _BASE.match(line) and separator is None:
            base = i
        elif _SEPARATOR.match(line) and separator is None:
            separator = i
        elif _THEIRS.match(line):
            if separator is None:
                yield _unclosed(start)
            else:
                yield _block(doc, start, base, separator, i)
            start = None
    if start is not None:
        yield _unclosed(start)


def _unclosed(start: int) -> Finding:
    return finding(CONFLICT_MARKER, start + 1, 1, "conflict.unclosed")


def _block(doc: Document, start: int, base: int | None, separator: int, end: int) -> Finding:
    """One finding per block; when both sides hold the same text, keeping one loses nothing."""
    ours = doc.lines[start + 1 : base if base is not None else separator]
    theirs = doc.lines[separator + 1 : end]
    fix = None
    # --fix writes only a file whose front matter parsed (a page may have none: no fix then)
    fm = doc.front_matter
    if ours == theirs and fm is not None and fm.parsed is not None:
        if end + 1 < len(doc.lines):
            edit = Edit(start, 0, end + 1, 0, "".join(line + "\n" for line in ours))
        else:  # the block ends the file: keep its last line break as it was
            edit = Edit(start, 0, end, len(doc.lines[end]), "\n".join(ours))
        fix = Fix((edit,))
    return finding(
        CONFLICT_MARKER,
        start + 1,
        1,
        "conflict.same" if ours == theirs else "conflict.block",
        separator=separator + 1,
        end=end + 1,
        fix=fix,
    )


CHECKS: tuple[Registered[Check], ...] = (Registered(check, codes(RULES)),)
