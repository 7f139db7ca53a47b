"""Paths on the command line to the files to check, in a stable order, each once."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import UsageError
from .repo import file_key

#: Overview pages of a folder, not requirements.
SKIPPED_NAMES = frozenset({"index.md"})


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """(path, display name) for every file to check; a path that does not exist is a usage error."""
    found: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for raw in paths:
        if not os.fspath(raw):  # Path("") is ".": an empty variable would check this folder
            raise UsageError("an empty path was given")
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"path does not exist: {raw}")
        candidates = walk_markdown(path) if path.is_dir() else iter([path])
        for file in candidates:
            if file.name in SKIPPED_NAMES:
                continue
            key = file_key(file)
            if key in seen:
                continue
            seen.add(key)
            found.append((file, file.as_posix()))
    return found


def walk_markdown(root: Path) -> Iterator[Path]:
    """Markdown files under a folder, sorted, without following symbolic links (no loops)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".md"):
                yield Path(dirpath) / name
