"""Text edits: apply the non-overlapping fixes of one round to a text, each proved to do what
it means where it touches the front matter, in the file's own line ending.

- Edits of one round do not overlap: an overlapping fix waits for the next round, after the
  file is parsed again; so do two fixes that mean to change one front-matter value.
- Every line a fix writes ends as the file's lines end (LF, CRLF or CR); a text whose lines
  end in more than one way gets no fix at all, since no ending would be its own.
- A fix that edits the front matter is applied only when the edited front matter parses and
  holds exactly what the fix means (`Fix.intent`), every other value as it was
  (`yamledit.verify`): escapes, anchors, aliases and merge keys cannot turn an edit into
  another one.
What is not applied is said as a `Note`.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from typing import NamedTuple

from . import i18n, messages, yamledit
from .document import Document
from .files import LINE_BREAK
from .findings import Edit, Finding, Fix, KeyPath

#: why a fix was not applied (keys of the locale's [ui] table)
MIXED_ENDINGS = "fix.refused.mixed_endings"


class Note(NamedTuple):
    """A fix that was not applied, or a file that was not written, and why."""

    line: int  # 1-based line of the finding; 0 for the whole file
    code: str  # the finding's rule code; "" for the whole file
    reason: str  # a key of the locale's [ui] table
    detail: str = ""
    #: the system refused to write the file (exit code 2)
    failed: bool = False

    def render(self, display: str, lang: str) -> str:
        where = f"{display}:{self.line}" if self.line else display
        what = f"{self.code} " if self.code else ""
        text = i18n.ui(self.reason, lang).format(detail=messages.printable(self.detail))
        return f"{messages.printable(where)}: {what}{i18n.ui('fix.not_applied', lang)}: {text}"


class Round(NamedTuple):
    text: str
    applied: int
    notes: tuple[Note, ...] = ()


def apply(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """Apply the fixes whose edits overlap no earlier fix and that can be proved to do what
    they mean; returns the text and how many were applied."""
    done = apply_round(yamledit.parse(text), text, fixes)
    return done.text, done.applied


def apply_round(
    doc: Document, text: str, fixes: Sequence[Fix], found: Sequence[Finding] = ()
) -> Round:
    """One round over `text` (parsed as `doc`); `found` names the findings the fixes come
    from, for the notes on those not applied."""
    origin = {id(f.fix): f for f in reversed(found) if f.fix is not None}
    newline = newline_style(text)
    if newline is None:
        return Round(text, 0, (Note(0, "", MIXED_ENDINGS),))
    notes = [_note(origin, fix, fix.refusal) for fix in fixes if fix.refusal]
    starts = _line_starts(text)
    fm = doc.front_matter
    body = (fm.close_line + 1, 0) if fm is not None else (0, 0)
    taken: list[tuple[int, int]] = []
    edits: list[tuple[int, int, str]] = []
    intents: list[tuple[KeyPath, object]] = []
    applied = 0
    for fix in sorted((f for f in fixes if f.edits), key=lambda f: min(f.edits)):
        if not all(_in_range(text, starts, e) for e in fix.edits):
            continue  # a fix that points outside its lines is a bug; never apply it
        spans = [
            (
                _offset(starts, text, e.line, e.column),
                _offset(starts, text, e.end_line, e.end_column),
                e.text.replace("\n", newline),
            )
            for e in fix.edits
        ]
        if any(_overlaps(a, b, c, d) for a, b, _ in spans for c, d in taken):
            continue
        if any(yamledit.related(p, q) for p, _ in fix.intent for q, _ in intents):
            continue  # two changes of one value: the second waits for the next round
        if fix.intent or min((e.line, e.column) for e in fix.edits) < body:
            reason = yamledit.verify(doc, _splice(text, [*edits, *spans]), [*intents, *fix.intent])
            if reason is not None:
                notes.append(_note(origin, fix, reason))
                continue
        taken.extend((a, b) for a, b, _ in spans)
        edits.extend(spans)
        intents.extend(fix.intent)
        applied += 1
    return Round(_splice(text, edits), applied, tuple(sorted(set(notes))))


def newline_style(text: str) -> str | None:
    """The one line ending the text uses (LF for a text without any); None when mixed."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    used = [nl for nl, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if len(used) > 1:
        return None
    return used[0] if used else "\n"


def _note(origin: dict[int, Finding], fix: Fix, reason: str) -> Note:
    f = origin.get(id(fix))
    return Note(f.line, f.code, reason) if f is not None else Note(0, "", reason)


def _splice(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """The text with non-overlapping (start, end, new text) edits made, back to front."""
    newline = newline_style(text) or "\n"
    for a, b, new in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
        if a == len(text) and text and not text.endswith(("\n", "\r")) and new:
            new = newline + new
        text = text[:a] + new + text[b:]
    return text


def _in_range(text: str, starts: list[int], edit: Edit) -> bool:
    """Both ends of the edit lie on a line (or at the very end of the text)."""
    for line, column in ((edit.line, edit.column), (edit.end_line, edit.end_column)):
        if line == len(starts) and column == 0:
            continue
        if not 0 <= line < len(starts) or column < 0:
            return False
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        content = text[starts[line] : end].rstrip("\r\n")
        if column > len(content):
            return False
    return (edit.line, edit.column) <= (edit.end_line, edit.end_column)


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    if a == b or c == d:  # insertions clash only when they stand at the same place
        return a == c or (c < a < d) or (a < c < b)
    return a < d and c < b


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    if line >= len(starts):
        return len(text)
    return min(starts[line] + column, len(text))


def encode(text: str, had_bom: bool) -> bytes:
    return (codecs.BOM_UTF8 if had_bom else b"") + text.encode("utf-8")
