"""Paths relative to a folder, and how a file is shown: the one copy of these helpers, for the
stages (the repository root of the configuration, the cache) and the reporters (GitHub's
workspace, SARIF's %SRCROOT%) alike."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path


def relative_to(path: str | os.PathLike[str], base: str | os.PathLike[str]) -> str | None:
    """`path` as a POSIX path relative to `base`, or None when it lies outside `base`
    (decided on the absolute paths as written: symbolic links are not resolved)."""
    if _plain(target := os.fspath(path)) and _plain(root := os.fspath(base)):
        # the files a walk of the repository finds: decided by string prefix
        if target == root:
            return "."
        prefix = root if root.endswith("/") else root + "/"
        return target[len(prefix) :] if target.startswith(prefix) else None
    target = os.path.abspath(path)
    root = os.path.abspath(base)
    try:
        common = os.path.commonpath([target, root])
    except ValueError:  # different drives on Windows
        return None
    if common != root:
        return None
    return Path(os.path.relpath(target, root)).as_posix()


def _plain(path: str) -> bool:
    """An absolute, normalised POSIX path: one whose relation to another is a string prefix."""
    return os.sep == "/" and path[:1] == "/" and posixpath.normpath(path) == path


def display_path(path: Path) -> str:
    """How a file found without being named is shown: relative to the current folder."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()
