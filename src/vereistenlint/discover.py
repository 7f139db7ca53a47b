"""Paths to the files to check, in a stable order, each once: the one place where paths are
handled (the command line's paths, the configuration's include/exclude and profile globs,
paths relative to the repository, display paths and the key that identifies a file).

The walk is iterative (a repository of 1,100 nested folders would pass Python's recursion
limit in `os.walk`), follows no symbolic links (no loops), and does not skip a folder it
cannot read in silence: such a folder is handed on like a file, and `load` reports it
(unreadable-folder), so that a run never calls clean what it has not seen."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple, Protocol

from . import globs, profiles
from .config import Config, candidates_text
from .errors import UsageError
from .findings import term
from .paths import display_path, relative_to

#: Overview pages of a folder, not requirements: skipped unless the configuration makes them
#: ordinary pages (see `skipped`).
SKIPPED_NAMES = frozenset({"index.md"})
GLOB_FLAGS = globs.FLAGS

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
            raise UsageError.named("paths.none", names=candidates_text(term("word.or")))
        return (everything if everything is not None else repo_files(config)), ()
    unreadable: list[Path] = []  # folders: each becomes an unreadable-folder finding
    files: list[Target] = []
    seen: set[str] = set()
    unmatched: list[tuple[str, str]] = []
    for raw in paths:
        before = len(unreadable)
        found = discover([raw], unreadable, config)
        kept = [(p, d) for p, d in found if config is None or included(p, config)]
        if not kept and len(unreadable) == before:
            unmatched.append((os.fspath(raw), NOT_INCLUDED if found else NO_MARKDOWN))
        for path, display in kept:
            key = file_key(path)
            if key not in seen:
                seen.add(key)
                files.append((path, display))
    return files + [(p, p.as_posix()) for p in unreadable], tuple(unmatched)


def discover(
    paths: Iterable[str | os.PathLike[str]],
    unreadable: list[Path] | None = None,
    config: Config | None = None,
) -> list[Target]:
    """(path, display name) for every file to check; a path that does not exist is a usage error.

    Folders that cannot be read are appended to `unreadable` when it is given, else listed
    among the files.
    """
    found: list[Target] = []
    seen: set[str] = set()
    for raw in paths:
        if not os.fspath(raw):  # Path("") is ".": an empty variable would check this folder
            raise UsageError.named("paths.empty")
        path = Path(raw)
        try:
            exists = path.exists() or path.is_symlink()
        except OSError as exc:  # a name too long for the file system, for one
            raise UsageError.named(
                "paths.unusable", path=os.fspath(raw), reason=exc.strerror or exc
            ) from None
        if not exists:
            raise UsageError.named("paths.missing", path=os.fspath(raw))
        candidates = walk_markdown(path, unreadable) if path.is_dir() else iter([path])
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
    return [f.target for f in walk_repo(config)]


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

    @classmethod
    def of(cls, target: Target, config: Config) -> RepoFile:
        """The same names for a file found another way, computed the slow way."""
        path, display = target
        full = os.path.abspath(path)
        return cls(full, relative_to(full, config.root) or full, display, file_key(path))


#: a `RepoFile` of a tuple of its four names, made without a Python call
_repo_file: Callable[[tuple[str, str, str, str]], RepoFile] = partial(tuple.__new__, RepoFile)


class FolderMemo(Protocol):
    """What a walk found in a folder, by the folder's path relative to the root and its
    modification time (`cache.WalkCache`): the names of the files it keeps, and of the
    folders it enters."""

    def get(self, rel: str, mtime: int) -> tuple[list[str], list[str]] | None: ...

    def put(self, rel: str, mtime: int, files: list[str], folders: list[str]) -> None: ...


def walk_repo(config: Config, memo: FolderMemo | None = None) -> list[RepoFile]:
    """Every file of the repository, in the order of `repo_files`, with its names.

    One walk with relative names; per file a glob test and string joins. Only a file that is
    itself a symbolic link has its real path looked up (links to folders are not entered, so
    a file's folder is the real root's folder of the same relative name). Folders that cannot
    be listed come last, as in `repo_files`, for `load` to report.

    With `memo`, a folder whose modification time is the one remembered (a file added,
    removed or renamed in it changes that time) is not listed again and its files are not
    matched against the globs again; a folder holding a symbolic link is never remembered
    (what a link leads to can change without its folder's time changing).
    """
    root = os.path.abspath(config.root)
    real_root = os.path.realpath(root)
    prefix = os.path.relpath(root) if os.sep == "/" else None  # Windows: the slow way
    # inside the repository (a prefix of '..'), a display path may not climb out and back in
    simple = prefix is not None and not prefix.startswith("..")
    include = globs.matcher(tuple(config.include)).fullmatch if config.include else None
    exclude = globs.matcher(tuple(config.exclude)).fullmatch if config.exclude else None
    found: list[RepoFile] = []
    unreadable: list[Path] = []
    memo = memo if simple else None
    stack = [(root, "")]
    while stack:
        folder, rel_folder = stack.pop()
        mtime = folder_mtime(folder) if memo is not None else None
        held = memo.get(rel_folder, mtime) if memo is not None and mtime is not None else None
        if held is not None:
            names, folders = held
            # in comprehensions (a folder of the generated repo holds 5,000 files): the
            # names, joined as `os.path.join` joins them on POSIX (`simple`)
            join = folder if folder.endswith("/") else folder + "/"
            rels = [f"{rel_folder}/{n}" for n in names] if rel_folder else list(names)
            displays = rels if prefix == "." else [f"{prefix}/{r}" for r in rels]
            paths = [join + n for n in names]
            keys = [f"{real_root}/{r}" for r in rels]
            found.extend(map(_repo_file, zip(paths, rels, displays, keys, strict=True)))
            stack.extend(
                (os.path.join(folder, n), f"{rel_folder}/{n}" if rel_folder else n)
                for n in reversed(folders)
            )
            continue
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=_name)
        except OSError:
            unreadable.append(Path(folder))
            continue
        enter: list[tuple[str, str]] = []
        kept: list[str] = []
        linked = False
        for entry in listed:
            name = entry.name
            is_folder = safely(entry.is_dir)
            if memo is not None:
                linked = linked or safely(entry.is_symlink)
            if is_folder or not name.endswith(".md"):
                if is_folder and not name.startswith(".") and not safely(entry.is_symlink):
                    enter.append((entry.path, f"{rel_folder}/{name}" if rel_folder else name))
                continue
            if name in SKIPPED_NAMES and skipped(Path(entry.path), config):
                continue
            rel = f"{rel_folder}/{name}" if rel_folder else name
            if include is not None and include(rel) is None:
                continue
            if exclude is not None and exclude(rel) is not None:
                continue
            if simple:
                display = rel if prefix == "." else f"{prefix}/{rel}"
                link = safely(entry.is_symlink)
                key = os.path.realpath(entry.path) if link else f"{real_root}/{rel}"
            else:
                display, key = display_path(Path(entry.path)), file_key(Path(entry.path))
            found.append(RepoFile(entry.path, rel, display, key))
            kept.append(name)
        stack.extend(reversed(enter))
        if memo is not None and mtime is not None and not linked:
            memo.put(rel_folder, mtime, kept, [posixpath.basename(r) for _, r in enter])
    return found + [RepoFile.of((p, display_path(p)), config) for p in unreadable]


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
        return cls(entry.name, safely(entry.is_dir), safely(entry.is_symlink), entry.path)


def folder_mtime(folder: str) -> int | None:
    """A folder's modification time (what a `FolderMemo` is keyed by); None when it is gone."""
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return None


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def safely(test: Callable[[], bool]) -> bool:
    """A `DirEntry` test (is_dir, is_symlink) that says False where the file system fails."""
    try:
        return test()
    except OSError:
        return False


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
    return globs.matches(path, patterns)


def file_key(path: Path) -> str:
    """What identifies a file however it was named: its real path."""
    return os.path.realpath(path)
