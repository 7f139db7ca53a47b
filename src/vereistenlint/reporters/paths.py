"""Finding paths relative to a base folder, for consumers that resolve them themselves.

GitHub resolves an annotation's file against the repository checkout, and a SARIF viewer
resolves a relative URI against its base (``%SRCROOT%``). The engine's display paths are
as the user typed them, relative to the current folder or absolute, so they are rebased.
"""

from __future__ import annotations

import os
from pathlib import Path


def relative_to(display: str, base: Path) -> str | None:
    """`display` as a POSIX path relative to `base`, or None when it lies outside `base`."""
    target = os.path.abspath(display)
    root = os.path.abspath(base)
    try:
        common = os.path.commonpath([target, root])
    except ValueError:  # different drives on Windows
        return None
    if common != root:
        return None
    return Path(os.path.relpath(target, root)).as_posix()
