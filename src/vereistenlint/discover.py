"""Paths to the files to check, in a stable order, each once: the one place where paths are
handled (the command line's paths, the configuration's include/exclude and profile globs,
paths relative to the repository, display paths and the key that identifies a file)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from wcmatch import glob

from .config import CANDIDATES_TEXT, Config
from .errors import UsageError
from .paths import display_path, relative_to

#: Overview pages of a folder, not requirements.
SKIPPED_NAMES = frozenset({"index.md"})
GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB

#: a file to check: its path and the name it is reported under
Target = tuple[Path, str]


def select_files(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | None,
    everything: list[Target] | None = None,
) -> list[Target]:
    """The files named on the command line (or, without paths, the repository's), filtered
    by the configuration's include and exclude."""
    if not paths:
        if config is None or not config.include:
            raise UsageError(
                f"no paths given, and no configuration with 'include' was found ({CANDIDATES_TEXT})"
            )
        return everything if everything is not None else repo_files(config)
    files = discover(paths)
    if config is None:
        return files
    return [(p, d) for p, d in files if included(p, config)]


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Target]:
    """(path, display name) for every file to check; a path that does not exist is a usage error."""
    found: list[Target] = []
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


def repo_files(config: Config) -> list[Target]:
    """Every file of the repository: what the configuration includes and does not exclude."""
    found = []
    for path in walk_markdown(config.root):
        if path.name not in SKIPPED_NAMES and included(path, config):
            found.append((path, display_path(path)))
    return found


def walk_markdown(root: Path) -> Iterator[Path]:
    """Markdown files under a folder, sorted, without following symbolic links (no loops)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".md"):
                yield Path(dirpath) / name


def included(path: Path, config: Config) -> bool:
    rel = relative_to_root(path, config)
    if rel is None:
        return True  # outside the configured repository: named explicitly, so checked
    if config.include and not matches(rel, *config.include):
        return False
    return not (config.exclude and matches(rel, *config.exclude))


def relative_to_root(path: Path, config: Config) -> str | None:
    """The path relative to the configuration's folder (POSIX), or None when outside it."""
    return relative_to(path, config.root)


def matches(path: str, *patterns: str) -> bool:
    return _matcher(patterns).match(path)


@cache
def _matcher(patterns: tuple[str, ...]) -> glob.WcMatcher[str]:
    """Globs compiled once per run, not once per file."""
    return glob.compile(list(patterns), flags=GLOB_FLAGS)


def file_key(path: Path) -> str:
    """What identifies a file however it was named: its real path."""
    return os.path.realpath(path)
