"""The repository index: an entry for every file, checked or not, for the repository-wide rules.
Entries of files that are not being checked come from the cache where it still holds."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from . import guard, parallel
from .choose import choose_profile
from .config import Config, max_file_size
from .discover import RepoFile, Target, walk_repo
from .load import load
from .repo import Entry, RepoIndex, entry_for


def walk(config: Config, *, cache: bool) -> list[RepoFile]:
    """`discover.walk_repo`, with the folders it found unchanged taken from the cache."""
    if not cache:
        return walk_repo(config)
    from .cache import WalkCache

    memo = WalkCache(config.root, repr((config.include, config.exclude, config.profiles)))
    found = walk_repo(config, memo)
    memo.save()
    return found


def add_rest(
    repo: RepoIndex,
    everything: Sequence[RepoFile | Target],
    forced: str | None,
    config: Config,
    *,
    cache: bool,
    jobs: int | None,
) -> None:
    """Entries for the repository's files that are not being checked, from the cache where it
    still holds for the file, else read (and remembered) anew."""
    files = [f if isinstance(f, RepoFile) else RepoFile.of(f, config) for f in everything]
    known = repo.entries
    rest = [f for f in files if f.key not in known]
    if not rest:
        return  # every file was checked: the index cache holds none of them (nothing to read)
    store = None
    if cache:
        from .cache import IndexCache

        store = IndexCache(config.root, _fingerprint(forced, config))
    held, missing = store.split(rest) if store is not None else ([], rest)
    for file, (profile, stem, ident, row) in held:
        make = partial(_from_row, file, row, forced, config)
        repo.add_pending(file.key, stem, profile or None, ident, make)
    targets = [f.target for f in missing]
    workers = index_workers(jobs, len(targets))
    if workers == 1 and os.sep == "/":
        # in this process the walk's names are at hand: no relative path or real path is
        # computed again per file (in workers, `index_file` computes them)
        found: Iterable[Entry] = (
            _index_known(f.path, f.display, forced, config, f.rel, f.key) for f in missing
        )
    else:
        work = partial(index_file, forced=forced, config=config)
        found = parallel.map_files(work, targets, workers)
    for file, entry in zip(missing, found, strict=True):
        repo.add(entry)
        if store is not None:
            store.put(file, entry)
    if store is not None:
        store.save()


#: Files per worker below which the index is built in this process. An entry costs about
#: 0.2 ms (the front matter only: a check costs 1.2-2.1 ms), a worker 15-27 ms to start and
#: 0.02-0.03 ms per file to bring its result back, so a second worker pays off above about
#: 300 files in all; 300 per worker is twice that, the margin of `parallel.MIN_FILES_PER_WORKER`.
#: (The content repo's one-file check with --no-cache, 250 other files: 0.42 s with two
#: workers, 0.33 s with one.)
INDEX_FILES_PER_WORKER = 300


def index_workers(jobs: int | None, files: int) -> int:
    """How many processes read the entries of `files` files (never more than `jobs`)."""
    wanted = jobs if jobs is not None else parallel.free_cpus()
    return max(1, min(wanted, files // INDEX_FILES_PER_WORKER))


def _fingerprint(forced: str | None, config: Config) -> str:
    """What an entry depends on besides the file itself: how profiles are chosen."""
    return repr((forced, config.profiles))


def _from_row(file: RepoFile, row: str, forced: str | None, config: Config) -> Entry:
    """A cached file's entry, when a rule reads it; a row that cannot be decoded (a damaged
    cache) means the file is read now."""
    from .cache import decode

    entry = decode(file, row)
    return entry if entry is not None else index_file(file.path, file.display, forced, config)


@guard.per_file(guard.failed_index)
def _index_known(
    path: Path, display: str, forced: str | None, config: Config, rel: str, key: str
) -> Entry:
    """`index_file` of a file the walk found, with the names the walk gave it."""
    doc = load(path, display, max_file_size(config))
    return entry_for(doc, choose_profile(doc, forced, config, rel), key)


@guard.per_file(guard.failed_index)
def index_file(path: Path, display: str, forced: str | None, config: Config | None) -> Entry:
    """Only what the repository-wide rules need from a file that is not being checked."""
    doc = load(path, display, max_file_size(config))
    return entry_for(doc, choose_profile(doc, forced, config))
