"""Paths on the command line to the files to check, in a stable order, each once.

The walk is iterative (a repository of 1,100 nested folders would pass Python's recursion
limit in `os.walk`), follows no symbolic links (no loops), and does not skip a folder it
cannot read in silence: such a folder is handed on like a file, and `load` reports it
(unreadable-folder), so that a run never calls clean what it has not seen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .errors import UsageError
from .repo import file_key

#: Overview pages of a folder, not requirements.
SKIPPED_NAMES = frozenset({"index.md"})


def discover(
    paths: Iterable[str | os.PathLike[str]], unreadable: list[Path] | None = None
) -> list[tuple[Path, str]]:
    """(path, display name) for every file to check; a path that does not exist is a usage error.

    Folders that cannot be read are appended to `unreadable` when it is given, else listed
    among the files.
    """
    found: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for raw in paths:
        if not os.fspath(raw):  # Path("") is ".": an empty variable would check this folder
            raise UsageError("an empty path was given")
        path = Path(raw)
        try:
            exists = path.exists() or path.is_symlink()
        except OSError as exc:  # a name too long for the file system, for one
            raise UsageError(f"path cannot be used: {raw}: {exc.strerror or exc}") from None
        if not exists:
            raise UsageError(f"path does not exist: {raw}")
        candidates = walk_markdown(path, unreadable) if path.is_dir() else iter([path])
        for file in candidates:
            if file.name in SKIPPED_NAMES:
                continue
            key = file_key(file)
            if key in seen:
                continue
            seen.add(key)
            found.append((file, file.as_posix()))
    return found


def walk_markdown(root: Path, unreadable: list[Path] | None = None) -> Iterator[Path]:
    """Markdown files under a folder, sorted, without following symbolic links (no loops);
    a folder that cannot be listed goes to `unreadable`, or is yielded when that is None.

    As in `os.walk`, a link to a folder counts as a folder (it is neither a file nor
    entered), and a link that leads nowhere counts as a file (its reader says why)."""
    stack = [os.fspath(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(_Listed.of(e) for e in entries)
        except OSError:
            if unreadable is None:
                yield Path(folder)
            else:
                unreadable.append(Path(folder))
            continue
        for entry in listed:
            if not entry.folder and entry.name.endswith(".md"):
                yield Path(entry.path)
        enter = [e.path for e in listed if e.folder and not e.link and not e.name.startswith(".")]
        stack.extend(reversed(enter))


class _Listed(NamedTuple):
    """One directory entry; sorts by name."""

    name: str
    folder: bool
    link: bool
    path: str

    @classmethod
    def of(cls, entry: os.DirEntry[str]) -> _Listed:
        return cls(entry.name, _safely(entry.is_dir), _safely(entry.is_symlink), entry.path)


def _safely(test: Callable[[], bool]) -> bool:
    try:
        return test()
    except OSError:
        return False
