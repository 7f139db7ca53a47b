"""The repository index: an entry for every file, checked or not, for the repository-wide rules.
Entries of files that are not being checked come from the cache where it still holds."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from . import guard, parallel
from .choose import choose_profile
from .config import Config, max_file_size
from .discover import Target, file_key
from .load import load
from .repo import Entry, RepoIndex, entry_for


def add_rest(
    repo: RepoIndex,
    everything: list[Target],
    forced: str | None,
    config: Config,
    *,
    cache: bool,
    jobs: int | None,
) -> None:
    """Entries for the repository's files that are not being checked, from the cache where it
    still holds for the file, else read (and remembered) anew."""
    rest = [(p, d) for p, d in everything if file_key(p) not in repo.entries]
    store = None
    if cache:
        from .cache import IndexCache

        store = IndexCache(config.root, _fingerprint(forced, config))
    missing = []
    for path, display in rest:
        cached = store.get(path, display) if store is not None else None
        if cached is not None:
            repo.add(cached)
        else:
            missing.append((path, display))
    work = partial(index_file, forced=forced, config=config)
    for (path, _), entry in zip(missing, parallel.map_files(work, missing, jobs), strict=True):
        repo.add(entry)
        if store is not None:
            store.put(path, entry)
    if store is not None:
        store.save()


def _fingerprint(forced: str | None, config: Config) -> str:
    """What an entry depends on besides the file itself: how profiles are chosen."""
    return repr((forced, config.profiles))


@guard.per_file(guard.failed_index)
def index_file(path: Path, display: str, forced: str | None, config: Config | None) -> Entry:
    """Only what the repository-wide rules need from a file that is not being checked."""
    doc = load(path, display, max_file_size(config))
    return entry_for(doc, choose_profile(doc, forced, config))
