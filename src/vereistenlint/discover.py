"""Paths to the files to check, in a stable order, each once: the one place where paths are
handled (the command line's paths, the configuration's include/exclude and profile globs,
paths relative to the repository, display paths and the key that identifies a file)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from wcmatch import glob

from . import profiles
from .config import CANDIDATES_TEXT, Config
from .errors import UsageError
from .paths import display_path, relative_to

#: Overview pages of a folder, not requirements: skipped unless the configuration makes them
#: ordinary pages (see `skipped`).
SKIPPED_NAMES = frozenset({"index.md"})
GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB

#: a file to check: its path and the name it is reported under
Target = tuple[Path, str]


#: why a named path gave no file to check (keys of the locale's [ui] table)
NO_MARKDOWN = "unmatched.no_markdown"
NOT_INCLUDED = "unmatched.not_included"


def select_files(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | None,
    everything: list[Target] | None = None,
) -> list[Target]:
    """The files named on the command line (or, without paths, the repository's), filtered
    by the configuration's include and exclude."""
    return select(paths, config, everything)[0]


def select(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | None,
    everything: list[Target] | None = None,
) -> tuple[list[Target], tuple[tuple[str, str], ...]]:
    """The files to check, and the named paths that gave none with the reason, so that a
    typo or a path outside the configuration is said, not passed as "0 files, all fine"."""
    if not paths:
        if config is None or not config.include:
            raise UsageError(
                f"no paths given, and no configuration with 'include' was found ({CANDIDATES_TEXT})"
            )
        return (everything if everything is not None else repo_files(config)), ()
    files: list[Target] = []
    seen: set[str] = set()
    unmatched: list[tuple[str, str]] = []
    for raw in paths:
        found = discover([raw], config)
        kept = [(p, d) for p, d in found if config is None or included(p, config)]
        if not kept:
            unmatched.append((os.fspath(raw), NOT_INCLUDED if found else NO_MARKDOWN))
        for path, display in kept:
            key = file_key(path)
            if key not in seen:
                seen.add(key)
                files.append((path, display))
    return files, tuple(unmatched)


def discover(
    paths: Iterable[str | os.PathLike[str]], config: Config | None = None
) -> list[Target]:
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
            if skipped(file, config):
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
        if not skipped(path, config) and included(path, config):
            found.append((path, display_path(path)))
    return found


def skipped(path: Path, config: Config | None) -> bool:
    """An overview page (index.md) is not content and is skipped, unless the configuration
    makes it an ordinary page: the first profile glob that matches it names a page profile
    (the Algoritmekader preset does, so that a conflict left in an index page is found)."""
    if path.name not in SKIPPED_NAMES:
        return False
    rel = relative_to_root(path, config) if config is not None and config.profiles else None
    if config is None or rel is None:
        return True
    name = next((name for pattern, name in config.profiles if matches(rel, pattern)), None)
    profile = profiles.all_profiles().get(name) if name is not None else None
    return profile is None or not profile.is_page


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
