"""Paths relative to a folder, and how a file is shown: the one copy of these helpers, for the
stages (the repository root of the configuration, the cache) and the reporters (GitHub's
workspace, SARIF's %SRCROOT%) alike."""

from __future__ import annotations

import os
from pathlib import Path


def relative_to(path: str | os.PathLike[str], base: str | os.PathLike[str]) -> str | None:
    """`path` as a POSIX path relative to `base`, or None when it lies outside `base`
    (decided on the absolute paths as written: symbolic links are not resolved).

    A string comparison, not `os.path.relpath`: it runs for every file and glob of a run."""
    target = os.path.abspath(path)
    root = os.path.abspath(base)
    if os.path.normcase(target) == os.path.normcase(root):
        return "."
    prefix = root if root.endswith(os.sep) else root + os.sep
    if not os.path.normcase(target).startswith(os.path.normcase(prefix)):
        return None
    return target[len(prefix) :].replace(os.sep, "/")


def display_path(path: Path) -> str:
    """How a file found without being named is shown: relative to the current folder."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()
