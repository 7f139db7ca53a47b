"""The repository index: an entry for every file, checked or not, for the repository-wide rules.
Entries of files that are not being checked come from the cache where it still holds."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from . import guard, parallel
from .choose import BY_CONTENT, choose_profile, profile_by_path
from .config import Config, max_file_size
from .discover import RepoFile, Target, walk_repo
from .load import load
from .repo import Entry, RepoIndex, entry_for

if TYPE_CHECKING:
    from .cache import Rows


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
    missing = rest
    if store is not None:
        held, fields, missing = store.split(rest)
        if held:
            _, _, profiles, stems, ids, _ = zip(*fields, strict=True)
            rows = repeat(store.rows)
            makes = map(partial, repeat(_from_cached), held, rows, repeat(forced), repeat(config))
            repo.add_pending_many([f.key for f in held], stems, profiles, ids, list(makes))
    if store is None:  # what is read now is not kept: read only what a rule needs
        missing = defer(repo, missing, forced, config)
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


#: An id that no YAML spelling other than itself can give, when no backslash is written
#: (see `defer`)
_PLAIN_ID = re.compile(r"[A-Za-z0-9:._/+-]+")
#: Checked files' ids past which `defer` reads every other file (each file is searched for
#: every id: the work grows with both)
MAX_SCREENED = 16


def defer(
    repo: RepoIndex, files: list[RepoFile], forced: str | None, config: Config
) -> list[RepoFile]:
    """Of files that are not being checked, leave pending (`RepoIndex.add_pending`: read and
    parsed only when a rule asks for the entry, by the path the others take) those whose
    profile and stem follow from the path and whose id cannot be one of the ids the index
    holds (the checked files'); the rest is returned, to be read now.

    Which profile a file is checked against follows from its path when the configuration's
    globs or --profile decide it (`profile_by_path`). Its id is part of an entry only under a
    profile with an id scheme that is not a page's (`entry_for`), and the repository rules
    only ask for the files that share a checked file's id. A file cannot have such an id S
    when its bytes hold neither S nor a backslash, and S is made of letters, digits and
    ``:._/+-`` only: YAML writes a string other than as itself only with escapes (a
    backslash), by joining lines (which puts a space or a line break in the value) or by
    doubling a single quote; a tag, an alias or a merge key copies text that is there.
    Bytes that are not UTF-8 make no id at all. `tests/test_fast_paths_index.py` checks
    this against the parser."""
    checked = {e.id for e in repo.entries.values() if e.id is not None}
    needles = id_needles(checked) if len(checked) <= MAX_SCREENED else None
    if needles is not None:
        repo.screen(frozenset(checked))
    limit = max_file_size(config)
    rest = []
    for file in files:
        profile = profile_by_path(forced, config, file.rel)
        if profile is BY_CONTENT:
            rest.append(file)
            continue
        name = profile.name if profile is not None else None
        make = partial(_index_walked, file, forced, config)
        if profile is not None and (profile.id is None or profile.is_page):
            repo.add_pending(file.key, path_stem(file.full), name, "null", make)
        elif needles is None or may_spell(_head(file.full, limit), needles):
            rest.append(file)
        else:
            repo.add_pending(file.key, path_stem(file.full), name, None, make)
    return rest


def _index_walked(file: RepoFile, forced: str | None, config: Config) -> Entry:
    return _index_known(file.path, file.display, forced, config, file.rel, file.key)


def path_stem(path: str) -> str:
    """`Path(path).stem` of an absolute, normalised path (as the walk gives), without making
    a `Path`: the name without its last suffix, where a suffix is a dot that neither starts
    nor ends the name and what follows it."""
    if os.sep != "/":  # Windows: either slash, and drive names
        return Path(path).stem
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _head(path: str, limit: int) -> bytes:
    """The bytes of a regular file (as `files.read_bytes` reads them); a backslash for any
    other file or one that cannot be read, which `may_spell` takes for a file to read now."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return b"\\"
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return b"\\"


def id_needles(ids: Iterable[str]) -> list[bytes] | None:
    """What `may_spell` looks for, or None when one of the ids is not plain (see `defer`)."""
    ids = list(ids)
    if not all(_PLAIN_ID.fullmatch(i) for i in ids):
        return None
    return [i.encode("ascii") for i in ids] + [b"\\"]


def may_spell(raw: bytes, needles: list[bytes]) -> bool:
    """False only when a file of these bytes cannot have one of the ids as its id."""
    return any(n in raw for n in needles)


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


def _from_cached(file: RepoFile, rows: Rows, forced: str | None, config: Config) -> Entry:
    """`_from_row` of the JSON row that ends the file's row in the cache."""
    row = rows.get(file.rel)
    fields = row.split("\t", 5) if row is not None else []
    return _from_row(file, fields[5] if len(fields) == 6 else "", forced, config)


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
