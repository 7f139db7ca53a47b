"""Text edits: apply the non-overlapping fixes of one round to a text, and write bytes to a file
without ever leaving it half written."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from .files import LINE_BREAK
from .findings import Edit, Fix


def apply(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """Apply the fixes whose edits overlap no earlier fix; returns the text and how many."""
    starts = _line_starts(text)
    newline = _newline(text)
    taken: list[tuple[int, int]] = []
    edits: list[tuple[int, int, str]] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min(f.edits)):
        if not all(_in_range(text, starts, e) for e in fix.edits):
            continue  # a fix that points outside its lines is a bug; never apply it
        spans = [
            (
                _offset(starts, text, e.line, e.column),
                _offset(starts, text, e.end_line, e.end_column),
                e,
            )
            for e in fix.edits
        ]
        if any(_overlaps(a, b, c, d) for a, b, _ in spans for c, d in taken):
            continue
        for a, b, e in spans:
            taken.append((a, b))
            edits.append((a, b, e.text.replace("\n", newline)))
        applied += 1
    for a, b, new in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
        if a == len(text) and text and not text.endswith(("\n", "\r")) and new:
            new = newline + new
        text = text[:a] + new + text[b:]
    return text, applied


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


def _newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    return "\r\n" if crlf > lf else "\n"


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, keep its mode, then rename over it."""
    import tempfile  # imported when a file is written, not on every check

    mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def encode(text: str, had_bom: bool) -> bytes:
    return (codecs.BOM_UTF8 if had_bom else b"") + text.encode("utf-8")
