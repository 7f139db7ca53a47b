"""Reading a file and numbering its lines as an editor does: one copy, shared by the loader,
the fixes and the reporters that show or hash a line."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from .findings import term

#: CRLF, CR and LF are line breaks, nothing else is
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: CRLF, CR and LF are breaks, nothing else is."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; OSError for anything else.

    A FIFO or a device named ``*.md`` (or a symlink to one) would block or never end when
    read, so it is refused before it is opened.
    """
    if not stat.S_ISREG(path.stat().st_mode):
        raise OSError(0, term("reason.not_regular"))
    return path.read_bytes()
