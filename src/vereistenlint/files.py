"""Reading a file and numbering its lines as an editor does: one copy, shared by the loader,
the fixes and the reporters that show or hash a line."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .findings import term

#: CRLF, CR and LF are line breaks, nothing else is
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: CRLF, CR and LF are breaks, nothing else is."""
    # without a CR the pattern splits at LF only, as str.split does seven times faster
    lines = text.split("\n") if "\r" not in text else LINE_BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


#: Bytes above which a file is not parsed (max-file-size in the configuration): a page is a
#: few kilobytes, and a 100 MB file would take a minute and gigabytes to parse.
DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024


class FileTooLarge(OSError):
    """A file over the size limit; an OSError, so that every reader that skips unreadable
    files skips it too."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(0, f"{size} bytes, over the limit of {limit}")
        self.size = size
        self.limit = limit


def read_bytes(path: Path, max_size: int | None = None) -> bytes:
    """The bytes of a regular file; OSError for anything else (FileTooLarge over `max_size`).

    A FIFO or a device named ``*.md`` (or a symlink to one) would block or never end when
    read, so it is refused before it is opened.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError(0, term("reason.not_regular"))
    if max_size is not None and info.st_size > max_size:
        raise FileTooLarge(info.st_size, max_size)
    raw = path.read_bytes()
    if max_size is not None and len(raw) > max_size:  # it grew since the stat
        raise FileTooLarge(len(raw), max_size)
    return raw


def folder_problem(path: Path) -> str | None:
    """Why a folder cannot be listed, or None when it can."""
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except OSError as exc:
        return exc.strerror or exc.__class__.__name__
    return None
