"""Bytes on disk to a Document, turning every way a file can be unreadable into a finding.

The front-matter span is located here, in the decoded text, so that line numbers are those
of the file itself whatever blank lines, comments or line endings the front matter holds.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from . import yamlpos
from .document import Document, FrontMatter
from .findings import finding, term

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FM_OPEN = re.compile(r"---[ \t]*\Z")
_FM_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*\Z")

UNREADABLE = "VL001"
NO_FRONT_MATTER = "VL002"
YAML_SYNTAX = "VL003"
DUPLICATE_KEY = "VL004"
FILE_TOO_LARGE = "VL006"
UNREADABLE_FOLDER = "VL009"

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


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: CRLF, CR and LF are breaks, nothing else is."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


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


def load(path: Path, display: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Document:
    doc = Document(path=path, display=display)
    try:
        raw = read_bytes(path, max_size)
    except FileTooLarge as exc:
        doc.readable = False
        doc.parse_findings.append(
            finding(FILE_TOO_LARGE, 1, 1, "read.too_large", size=exc.size, limit=exc.limit)
        )
        return doc
    except OSError as exc:
        doc.readable = False
        if path.is_dir():  # a folder the walk could not enter (see discover.py)
            reason = folder_problem(path) or exc.strerror or exc.__class__.__name__
            doc.parse_findings.append(
                finding(UNREADABLE_FOLDER, 1, 1, "read.folder", reason=reason)
            )
            return doc
        reason = exc.strerror or exc.__class__.__name__
        doc.parse_findings.append(finding(UNREADABLE, 1, 1, "read.oserror", reason=reason))
        return doc
    return load_bytes(doc, raw)


def folder_problem(path: Path) -> str | None:
    """Why a folder cannot be listed, or None when it can."""
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except OSError as exc:
        return exc.strerror or exc.__class__.__name__
    return None


def load_bytes(doc: Document, raw: bytes) -> Document:
    if b"\x00" in raw:
        doc.readable = False
        offset = raw.index(b"\x00")
        line, col = _byte_position(raw, offset)
        doc.parse_findings.append(finding(UNREADABLE, line, col, "read.binary"))
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc.readable = False
        line, col = _byte_position(raw, exc.start)
        byte = f"0x{raw[exc.start]:02X}"
        doc.parse_findings.append(finding(UNREADABLE, line, col, "read.encoding", byte=byte))
        return doc
    doc.text = text
    doc.lines = split_lines(text)
    _split_front_matter(doc)
    return doc


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset, counting breaks as `split_lines` does."""
    before = split_lines(raw[:offset].decode("utf-8", errors="replace") + "\x00")
    return len(before), len(before[-1])


def _split_front_matter(doc: Document) -> None:
    lines = doc.lines
    if not lines or not "".join(lines).strip():
        doc.parse_findings.append(finding(NO_FRONT_MATTER, 1, 1, "front_matter.empty_file"))
        return
    if not _FM_OPEN.match(lines[0]):
        doc.parse_findings.append(finding(NO_FRONT_MATTER, 1, 1, "front_matter.missing"))
        return
    close = next((i for i in range(1, len(lines)) if _FM_CLOSE.match(lines[i])), None)
    if close is None:
        doc.parse_findings.append(finding(NO_FRONT_MATTER, 1, 1, "front_matter.unterminated"))
        doc.body_start = len(lines)
        return
    fm = FrontMatter(open_line=0, close_line=close)
    doc.front_matter = fm
    doc.body_start = close + 1
    source = "\n".join(lines[1:close]) + "\n"
    try:
        fm.parsed = yamlpos.parse(source)
    except yamlpos.YamlTooComplex as exc:
        line, col = exc.node.start_mark.line + fm.first_line, exc.node.start_mark.column + 1
        doc.parse_findings.append(
            finding(YAML_SYNTAX, line, col, "yaml.too_complex", reason=exc.reason)
        )
        return
    except yaml.MarkedYAMLError as exc:
        # an unclosed quote or bracket is reported at the end of the text by PyYAML (for a
        # bracket: on the closing '---', which is not YAML); the editor needs the place
        # where it was opened
        at_end = exc.problem_mark is not None and exc.problem_mark.line >= close - 1
        ended = at_end or "end of stream" in (exc.problem or "")
        unclosed = ended and exc.context_mark is not None
        mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
        line, col = (mark.line + fm.first_line, mark.column + 1) if mark else (fm.first_line, 1)
        problem = exc.problem or exc.context or "syntax error"
        doc.parse_findings.append(finding(YAML_SYNTAX, line, col, "yaml.syntax", problem=problem))
        return
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        doc.parse_findings.append(
            finding(YAML_SYNTAX, fm.first_line, 1, "yaml.syntax", problem=str(exc).splitlines()[0])
        )
        return
    if fm.parsed is None:
        doc.parse_findings.append(finding(NO_FRONT_MATTER, 1, 1, "front_matter.empty"))
        return
    for first, dup in fm.parsed.duplicates:
        line, col = doc.node_position(dup)
        first_line, _ = doc.node_position(first)
        doc.parse_findings.append(
            finding(DUPLICATE_KEY, line, col, "yaml.duplicate_key", key=dup.value, first=first_line)
        )
