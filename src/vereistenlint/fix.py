"""Apply the fixes that checks attach to their findings, in rounds, and write files safely.

A fix never loses data:
- edits of one round do not overlap (an overlapping fix waits for the next round, after the
  file is parsed again), and rounds repeat until nothing is left to fix;
- a file whose front matter does not parse is left alone;
- every line a fix writes ends as the file's lines end (LF, CRLF or CR); a file whose lines
  end in more than one way is not fixed at all, since no ending would be its own;
- a fix that edits the front matter is applied only when the edited front matter parses and
  holds exactly what the fix means (`Fix.intent`) with every other value as it was
  (`yamledit.verify`): escapes, anchors, aliases and merge keys cannot turn an edit into
  another one;
- the result replaces the file only if the file is still what was read, through symbolic
  links, atomically, with its encoding, BOM and mode (`write.replace`).
What is not applied or not written is said, as a `Note`, in the fix summary.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n, messages, yamledit
from .document import Document
from .findings import Edit, Finding, Fix, KeyPath
from .load import YAML_SYNTAX, load_bytes
from .write import Skipped, Stamp, read_stamped, replace

MAX_ROUNDS = 10
_BREAK = re.compile(r"\r\n|\r|\n")

#: why a fix was not applied (keys of the locale's [ui] table)
MIXED_ENDINGS = "fix.refused.mixed_endings"


@dataclass(frozen=True, order=True)
class Note:
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


@dataclass(frozen=True)
class FixResult:
    path: Path
    display: str
    original: bytes
    fixed: bytes  # equal to original when nothing changed
    applied: int
    #: fixes that were not applied, and why
    notes: tuple[Note, ...] = ()
    #: the file as it was read, to be sure it still is when the result is written
    stamp: Stamp | None = field(default=None, compare=False)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


@dataclass(frozen=True)
class Round:
    text: str
    applied: int
    notes: tuple[Note, ...] = ()


def fixable(doc: Document) -> bool:
    """Only files that were read and whose front matter parsed may be written."""
    fm = doc.front_matter
    return (
        doc.readable
        and fm is not None
        and fm.parsed is not None
        and not any(f.code == YAML_SYNTAX for f in doc.parse_findings)
    )


def chosen_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Fix]:
    fixes: list[Fix] = []
    for f in findings:
        if f.fix is not None and (f.fix.safe or unsafe) and f.fix not in fixes:
            fixes.append(f.fix)
    return fixes


Evaluate = Callable[[Document], list[Finding]]


def fix_document(path: Path, display: str, evaluate: Evaluate, unsafe: bool = False) -> FixResult:
    """Apply fixes to one file in memory, round after round until nothing is left to fix.

    `evaluate` gives a parsed document's findings (with their fixes); it is called again
    after every round, and a round must leave fewer findings or it is undone.
    """
    try:
        raw, stamp = read_stamped(path)
    except OSError:
        return FixResult(path, display, b"", b"", 0)
    doc = load_bytes(Document(path=path, display=display), raw)
    if not fixable(doc):
        return FixResult(path, display, raw, raw, 0, stamp=stamp)
    original = text = doc.text
    applied = 0
    found = evaluate(doc)
    notes: tuple[Note, ...] = ()
    for _ in range(MAX_ROUNDS):
        fixes = chosen_fixes(found, unsafe)
        if not fixes:
            break
        done = apply_round(doc, text, fixes, found)
        notes = done.notes
        new_doc = reload(doc, done.text)
        if done.applied == 0 or done.text == text or not fixable(new_doc):
            break
        remaining = evaluate(new_doc)
        if len(remaining) >= len(found):
            break  # a round must leave fewer findings; one that does not is undone
        text, doc, found, applied = done.text, new_doc, remaining, applied + done.applied
    if text == original:
        return FixResult(path, display, raw, raw, 0, notes, stamp)
    fixed = encode(text, raw.startswith(codecs.BOM_UTF8))
    return FixResult(path, display, raw, fixed, applied, notes, stamp)


def write_back(result: FixResult) -> Note | None:
    """Replace the file with its fixed content; a Note when it was not written."""
    if result.stamp is None or not result.changed:
        return None
    skipped: Skipped | None = replace(result.path, result.fixed, result.stamp)
    if skipped is None:
        return None
    return Note(0, "", skipped.reason, skipped.detail, skipped.failed)


def apply(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """Apply the fixes whose edits overlap no earlier fix and that can be proved to do what
    they mean; returns the text and how many were applied."""
    done = apply_round(load_bytes(Document(path=Path(), display=""), text.encode()), text, fixes)
    return done.text, done.applied


def apply_round(
    doc: Document, text: str, fixes: Sequence[Fix], found: Sequence[Finding] = ()
) -> Round:
    """One round: the fixes whose edits overlap no earlier fix's, and whose edits to the
    front matter are proved (see the module's docstring); `found` names the findings the
    fixes come from, for the notes on those not applied."""
    origin = {id(f.fix): f for f in reversed(found) if f.fix is not None}
    newline = newline_style(text)
    if newline is None:
        return Round(text, 0, (Note(0, "", MIXED_ENDINGS),))
    notes: list[Note] = []
    starts = _line_starts(text)
    fm = doc.front_matter
    body = (fm.close_line + 1, 0) if fm is not None else (0, 0)
    taken: list[tuple[int, int]] = []
    edits: list[tuple[int, int, str]] = []
    intents: list[tuple[KeyPath, object]] = []
    applied = 0
    for fix in fixes:
        if fix.refusal:
            notes.append(_note(origin, fix, fix.refusal))
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


def newline_style(text: str) -> str | None:
    """The one line ending the text uses (LF for a text without any); None when mixed."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    used = [nl for nl, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if len(used) > 1:
        return None
    return used[0] if used else "\n"


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
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    if line >= len(starts):
        return len(text)
    return min(starts[line] + column, len(text))


def unified_diff(result: FixResult) -> str:
    """The change as a unified diff, decoded, with the file's display name."""
    import difflib

    before = result.original.decode("utf-8-sig").splitlines(keepends=True)
    after = result.fixed.decode("utf-8-sig").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"a/{result.display}", f"b/{result.display}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def encode(text: str, had_bom: bool) -> bytes:
    return (codecs.BOM_UTF8 if had_bom else b"") + text.encode("utf-8")


def reload(doc: Document, text: str) -> Document:
    fresh = Document(path=doc.path, display=doc.display)
    return load_bytes(fresh, text.encode("utf-8"))


__all__ = [
    "MAX_ROUNDS",
    "Edit",
    "FixResult",
    "Note",
    "apply",
    "apply_round",
    "chosen_fixes",
    "encode",
    "fix_document",
    "fixable",
    "newline_style",
    "reload",
    "write_back",
]
