"""Bytes on disk to a Document, in one step, recording every way a file can be unreadable as
a `Problem` (the rules of `rules/reading.py` report them).

The front-matter span is located here, in the decoded text, so that line numbers are those
of the file itself whatever blank lines, comments or line endings the front matter holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import yamlpos
from .document import Document, FrontMatter, Problem, ProblemKind
from .files import DEFAULT_MAX_FILE_SIZE, FileTooLarge, folder_problem, read_bytes, split_lines

_FM_OPEN = re.compile(r"---[ \t]*\Z")
_FM_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*\Z")

UNREADABLE = ProblemKind.UNREADABLE
NO_FRONT_MATTER = ProblemKind.NO_FRONT_MATTER
YAML_SYNTAX = ProblemKind.YAML_SYNTAX
DUPLICATE_KEY = ProblemKind.DUPLICATE_KEY
TOO_LARGE = ProblemKind.TOO_LARGE
UNREADABLE_FOLDER = ProblemKind.UNREADABLE_FOLDER


def load(path: Path, display: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Document:
    try:
        raw = read_bytes(path, max_size)
    except FileTooLarge as exc:
        args = _args(size=exc.size, limit=exc.limit)
        return _unreadable(path, display, Problem(TOO_LARGE, 1, 1, "read.too_large", args))
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        if path.is_dir():  # a folder the walk could not enter (see discover.py)
            reason = folder_problem(path) or reason
            problem = Problem(UNREADABLE_FOLDER, 1, 1, "read.folder", _args(reason=reason))
            return _unreadable(path, display, problem)
        return _unreadable(
            path, display, Problem(UNREADABLE, 1, 1, "read.oserror", _args(reason=reason))
        )
    return load_bytes(path, display, raw)


def load_bytes(path: Path, display: str, raw: bytes) -> Document:
    if b"\x00" in raw:
        line, col = _byte_position(raw, raw.index(b"\x00"))
        return _unreadable(path, display, Problem(UNREADABLE, line, col, "read.binary"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        byte = f"0x{raw[exc.start]:02X}"
        problem = Problem(UNREADABLE, line, col, "read.encoding", _args(byte=byte))
        return _unreadable(path, display, problem)
    lines = split_lines(text)
    fm, body_start, problems = _split_front_matter(lines)
    return Document(path, display, text, lines, fm, body_start, tuple(problems))


def _unreadable(path: Path, display: str, problem: Problem) -> Document:
    return Document(path, display, problems=(problem,), readable=False)


def _args(**args: object) -> tuple[tuple[str, object], ...]:
    return tuple(args.items())


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset, counting breaks as `files.split_lines` does."""
    before = split_lines(raw[:offset].decode("utf-8", errors="replace") + "\x00")
    return len(before), len(before[-1])


def _split_front_matter(lines: list[str]) -> tuple[FrontMatter | None, int, list[Problem]]:
    """The front matter, the index of the first body line and the problems met."""
    if not lines or not "".join(lines).strip():
        return None, 0, [Problem(NO_FRONT_MATTER, 1, 1, "front_matter.empty_file")]
    if not _FM_OPEN.match(lines[0]):
        return None, 0, [Problem(NO_FRONT_MATTER, 1, 1, "front_matter.missing")]
    close = next((i for i in range(1, len(lines)) if _FM_CLOSE.match(lines[i])), None)
    if close is None:
        return None, len(lines), [Problem(NO_FRONT_MATTER, 1, 1, "front_matter.unterminated")]
    first_line = FrontMatter(0, close).first_line
    source = "\n".join(lines[1:close]) + "\n"
    try:
        parsed = yamlpos.parse(source)
    except yamlpos.YamlTooComplex as exc:
        line, col = exc.node.start_mark.line + first_line, exc.node.start_mark.column + 1
        problem = Problem(YAML_SYNTAX, line, col, "yaml.too_complex", _args(reason=exc.reason))
        return FrontMatter(0, close), close + 1, [problem]
    except yaml.MarkedYAMLError as exc:
        # an unclosed quote or bracket is reported at the end of the text by PyYAML (for a
        # bracket: on the closing '---', which is not YAML); the editor needs the place
        # where it was opened
        at_end = exc.problem_mark is not None and exc.problem_mark.line >= close - 1
        ended = at_end or "end of stream" in (exc.problem or "")
        unclosed = ended and exc.context_mark is not None
        mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
        line, col = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
        problem_text = exc.problem or exc.context or "syntax error"
        problem = Problem(YAML_SYNTAX, line, col, "yaml.syntax", _args(problem=problem_text))
        return FrontMatter(0, close), close + 1, [problem]
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        message = str(exc).splitlines()[0]
        problem = Problem(YAML_SYNTAX, first_line, 1, "yaml.syntax", _args(problem=message))
        return FrontMatter(0, close), close + 1, [problem]
    fm = FrontMatter(0, close, parsed)
    if parsed is None:
        return fm, close + 1, [Problem(NO_FRONT_MATTER, 1, 1, "front_matter.empty")]
    problems = []
    for first, dup in parsed.duplicates:
        line, col = dup.start_mark.line + first_line, dup.start_mark.column + 1
        args = _args(key=dup.value, first=first.start_mark.line + first_line)
        problems.append(Problem(DUPLICATE_KEY, line, col, "yaml.duplicate_key", args))
    return fm, close + 1, problems
