"""The lines that findings point at, read from disk once per file and report.

The text report shows the offending line and the SARIF report hashes it for fingerprints.
Both must see the line the findings counted, so the file is decoded and split as the
loader does it (UTF-8 with an optional BOM; `files.split_lines`: CRLF, CR and LF break).
A file that cannot be read or decoded simply has no lines: its findings already say why.
Nor has a file over the default size limit (file-too-large): reading and splitting it would
cost what the limit saves.
"""

from __future__ import annotations

from pathlib import Path

from ..files import DEFAULT_MAX_FILE_SIZE, read_bytes, split_lines


class SourceLines:
    """A per-report cache: files change between runs, so nothing outlives one report."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def line(self, path: str, number: int) -> str | None:
        """Line `number` (1-based) of the file at `path`, or None when there is no such line."""
        if path not in self._files:
            self._files[path] = _read(Path(path))
        lines = self._files[path]
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]


def _read(path: Path) -> list[str] | None:
    try:
        raw = read_bytes(path, DEFAULT_MAX_FILE_SIZE)  # a larger one is not parsed either
    except OSError:
        return None
    if b"\x00" in raw:
        return None
    try:
        return split_lines(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None
