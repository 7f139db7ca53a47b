"""Paths to the files to check, in a stable order, each once: the one place where paths are
handled (the command line's paths, the configuration's include/exclude and profile globs,
paths relative to the repository, display paths and the key that identifies a file)."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

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


class RepoFile(NamedTuple):
    """A file of the repository as one walk finds it, with every name it goes by computed once
    from that walk (no `realpath`, `abspath` or `relpath` per file: in a 10,000-file repo they
    cost more than everything else a one-file check does)."""

    full: str  # absolute path
    rel: str  # POSIX path relative to the configuration's folder: the cache's key
    display: str  # how it is reported: relative to the current folder
    key: str  # what identifies it however it is named (`file_key`)

    @property
    def path(self) -> Path:
        return Path(self.full)

    @property
    def target(self) -> Target:
        return (Path(self.full), self.display)


def repo_files(config: Config) -> list[Target]:
    """Every file of the repository: what the configuration includes and does not exclude."""
    return [f.target for f in walk_repo(config)]


def walk_repo(config: Config) -> list[RepoFile]:
    """Every file of the repository, in the order of `walk_markdown`, with its names.

    One walk with relative names; per file a glob test and string joins. Only a file that is
    itself a symbolic link has its real path looked up (folder links are not followed, so a
    file's folder is the real root's folder of the same relative name).
    """
    root = os.path.abspath(config.root)
    real_root = os.path.realpath(root)
    here = os.getcwd()
    prefix = os.path.relpath(root, here) if os.sep == "/" else None  # Windows: the slow way
    # inside the repository (a prefix of '..'), a display path may not climb out and back in
    simple = prefix is not None and not prefix.startswith("..")
    include, exclude = config.include, config.exclude
    found: list[RepoFile] = []
    for rel, full, is_link in _walk(root, ""):
        if rel.rpartition("/")[2] in SKIPPED_NAMES:
            continue
        if include and not matches(rel, *include):
            continue
        if exclude and matches(rel, *exclude):
            continue
        if simple:
            display = rel if prefix == "." else posixpath.join(prefix, rel)  # type: ignore[arg-type]
        else:
            display = display_path(Path(full))
        key = os.path.realpath(full) if is_link or not simple else posixpath.join(real_root, rel)
        found.append(RepoFile(full, rel, display, key))
    return found


def _walk(folder: str, rel: str) -> Iterator[tuple[str, str, bool]]:
    """(relative path, absolute path, is a symbolic link) of each Markdown file under `folder`,
    as `walk_markdown` orders them: a folder's files, then its subfolders, sorted by name."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return
    files: list[tuple[str, bool]] = []
    folders: list[str] = []
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not name.startswith(".") and not entry.is_symlink():
                folders.append(name)
        elif name.endswith(".md"):
            files.append((name, entry.is_symlink()))
    for name, is_link in sorted(files):
        yield (f"{rel}/{name}" if rel else name), f"{folder}/{name}", is_link
    for name in sorted(folders):
        yield from _walk(f"{folder}/{name}", f"{rel}/{name}" if rel else name)


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
    return _matcher(patterns).fullmatch(path) is not None


@cache
def _matcher(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """Globs compiled once per run into one regular expression: wcmatch's own translation,
    tested the way wcmatch tests a path that is not looked up on disk (a full match of any
    pattern), without its per-call set-up, which cost more than the match itself."""
    positive, negative = glob.translate(list(patterns), flags=GLOB_FLAGS)
    assert not negative  # GLOB_FLAGS has no NEGATE: no pattern excludes
    return re.compile("|".join(f"(?:{p})" for p in positive))


def file_key(path: Path) -> str:
    """What identifies a file however it was named: its real path."""
    return os.path.realpath(path)
