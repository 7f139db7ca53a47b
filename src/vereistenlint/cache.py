"""A cache of the repository index, so that pre-commit's few changed files do not cost a parse
of every other file of the repository on every commit.

Only what the repository-wide rules need is kept per file (its profile, id, the requirements
it names, with their positions), keyed by the file's path relative to the configuration's
folder and checked against its size and modification time. The cache lives in
`.vereistenlint_cache/` beside the configuration, with a `.gitignore` of its own; it is data
only (lines of tab-separated text and JSON), written atomically, and any problem reading or
writing it just means the files are read again: the cache can never change a finding.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator, KeysView, Sequence
from dataclasses import astuple, fields
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any

from .discover import RepoFile
from .repo import Entry, Reference
from .version import __version__

FOLDER = ".vereistenlint_cache"
FORMAT = 7
#: An entry is kept as one row: the fields of `Entry` in order without the two that name the
#: file (the references as rows of `Reference`'s fields). Rows load several times faster than
#: objects with named fields; the layout is part of the cache's fingerprint, so a field added
#: to either class makes an old cache be read anew, not misread.
_TRANSIENT = ("key", "display")
_FIELDS = tuple(f for f in Entry._fields if f not in _TRANSIENT)
_REFERENCES = _FIELDS.index("references")
LAYOUT = ",".join(_FIELDS) + ";" + ",".join(f.name for f in fields(Reference))
#: the fields that name the file come first in `Entry`, so a row is its positional arguments
_POSITIONAL = Entry._fields[:2] == _TRANSIENT
#: files modified this close to the cache's writing are read again, whatever their stamp says
RACY_NS = 2_000_000_000

_UNSEEN: Any = object()
#: files' stats taken during one run (`one_run`): the repository index and the site index
#: look at the same files, and each file is stat-ed once
_RUN: dict[str, os.stat_result | None] | None = None


@contextlib.contextmanager
def one_run() -> Iterator[None]:
    """Within the block, a file's stamp is taken once (the first look is the one both caches
    trust: taken before the file is read, it can only make a file be read again)."""
    global _RUN
    outer, _RUN = _RUN, {} if _RUN is None else _RUN
    try:
        yield
    finally:
        _RUN = outer


def stamp(path: str | os.PathLike[str]) -> list[int] | None:
    """A file's size and modification time, as a cache keeps them; None when it is gone."""
    st = _stat(os.fspath(path))
    return None if st is None else [st.st_size, st.st_mtime_ns]


def _stat(name: str) -> os.stat_result | None:
    memo = _RUN
    if memo is not None:
        known = memo.get(name, _UNSEEN)
        if known is not _UNSEEN:
            return known  # type: ignore[no-any-return]
    try:
        found: os.stat_result | None = os.stat(name)
    except OSError:
        found = None
    if memo is not None:
        memo[name] = found
    return found


def stats(paths: Sequence[str]) -> list[os.stat_result | None]:
    """The stats `stamp` takes of many files (within `one_run`, those taken already stand and
    the new ones are remembered), in one pass that makes no Python call per file."""
    memo = _RUN
    if memo:
        found: list[Any] = list(map(memo.get, paths, repeat(_UNSEEN)))
        if _UNSEEN in found:
            found = [_stat(p) if f is _UNSEEN else f for p, f in zip(paths, found, strict=True)]
        return found
    try:
        found = list(map(os.stat, paths))
    except OSError:  # one is gone: each on its own, as `stamp` does
        return [_stat(p) for p in paths]
    if memo is not None:
        memo.update(zip(paths, found, strict=True))
    return found


def stamp_prefixes(infos: Iterable[os.stat_result | None], written: int) -> list[str]:
    """`row_prefix` of the stamp of each stat that vouches for its file in a cache written at
    `written` (see `fresh_row`), else a line break, with which no row starts (a row holds
    none)."""
    limit = written - RACY_NS
    return [
        f"{s.st_size}\t{s.st_mtime_ns}\t" if s is not None and s.st_mtime_ns < limit else "\n"
        for s in infos
    ]


_NO_ROW: list[str] = []


def fresh(stamp_now: list[int] | None, kept: object, written: int) -> bool:
    """Whether a kept stamp still vouches for the file: the same size and time, and the file
    not changed so close to the cache's writing that a change in the same clock tick could
    hide (git's "racy" files)."""
    return stamp_now is not None and kept == stamp_now and stamp_now[1] < written - RACY_NS


# -- the files on disk ------------------------------------------------------------------------
# A cache file is a header line (JSON: the fingerprint, when it was written and how many rows),
# then two lines per file: its path relative to the cache's folder, then its row's head (its
# stamp and its short fields, each followed by a tab), then a line of the lengths of the rows'
# tails (the JSON after the head's last tab), then the tails, a line each. Only the paths and
# heads are split into lines; the tails stay one text, cut out for the rows asked for and
# searched as one (`Rows.holding`): a 10,000-file repository's 5 MB of outlines are not cut
# into 10,000 strings when one file is checked. A path with a tab or a line break in it is
# never kept (such a file is read every time), so no path can be taken for a row or a row
# for a path.


def storable(rel: str) -> bool:
    return "\t" not in rel and "\n" not in rel and "\r" not in rel


class Rows:
    """A cache file's rows by path (``size<TAB>mtime<TAB>...``), as a dict of text would
    hold them: `get`, setting, `pop`, `keys`, `items`, `in`, `len`; besides, the heads of
    many rows at once (`heads_of`) and the rows whose tail holds a text (`holding`).

    The tails stay the file's bytes, decoded for the rows asked for: a tail that is not UTF-8
    (a damaged file) is no row."""

    def __init__(
        self,
        heads: dict[str, str] | None = None,
        tails: bytes = b"",
        starts: Sequence[int] = (0,),
    ) -> None:
        #: path -> the row up to and with its last tab (all of it for a row put since)
        self.heads = heads if heads is not None else {}
        self._tails = tails
        self._starts = starts  # row i's tail: tails[starts[i] : starts[i + 1] - 1]
        self._order = list(self.heads)
        self._at = dict(zip(self._order, range(len(self._order)), strict=True))
        #: rows set since they were read, whole
        self._set: dict[str, str] = {}

    def get(self, rel: str, default: str | None = None) -> str | None:
        row = self._set.get(rel)
        if row is not None:
            return row
        head = self.heads.get(rel)
        if head is None:
            return default
        i = self._at[rel]
        try:
            return head + self._tails[self._starts[i] : self._starts[i + 1] - 1].decode("utf-8")
        except UnicodeDecodeError:
            return default

    def __setitem__(self, rel: str, row: str) -> None:
        self._set[rel] = row
        self.heads[rel] = _head(row)

    def pop(self, rel: str, default: str | None = None) -> str | None:
        row = self.get(rel)
        if rel not in self.heads:
            return default
        self._set.pop(rel, None)
        del self.heads[rel]
        return row if row is not None else default

    def __contains__(self, rel: object) -> bool:
        return rel in self.heads

    def __len__(self) -> int:
        return len(self.heads)

    def __iter__(self) -> Iterator[str]:
        return iter(self.heads)

    def keys(self) -> KeysView[str]:
        return self.heads.keys()

    def items(self) -> Iterator[tuple[str, str]]:
        """Every row that can be read (a damaged one is left out)."""
        for rel in list(self.heads):
            row = self.get(rel)
            if row is not None:
                yield rel, row

    def heads_of(self, rels: Iterable[str]) -> list[str]:
        """Each path's head ("" when the cache has no row for it)."""
        return list(map(self.heads.get, rels, repeat("")))

    def holding(self, text: str) -> set[str]:
        """The paths whose row's tail holds `text` (and perhaps some others, never fewer)."""
        found = {rel for rel, row in self._set.items() if text in row}
        tails, starts, order = self._tails, self._starts, self._order
        needle = text.encode("utf-8")
        at = tails.find(needle, starts[0])
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if i < len(order):
                found.add(order[i])
            at = tails.find(needle, at + 1)
        return found & self.heads.keys() if found else found


def _head(row: str) -> str:
    """A row up to and with its last tab ("" when it has none)."""
    return row[: row.rfind("\t") + 1]


def read_rows(path: Path, fingerprint: str) -> tuple[Rows, int]:
    """Each file's row by its path, and when the cache was written; nothing when the file is
    missing, damaged or made by another version or layout."""
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError, AttributeError):
        raw = path.read_bytes()
        end = raw.index(b"\n")
        header = json.loads(raw[:end])
        if header.get("fingerprint") == fingerprint:
            count, size = header["rows"], header["heads"]
            base = end + 1 + size  # where the tails start
            lines = raw[end + 1 : base].decode("utf-8").split("\n")
            if len(lines) == 2 * count + 2 and lines.pop() == "":  # else cut short: read anew
                sizes_line = lines.pop()
                sizes = sizes_line.split(",") if count else [] if sizes_line == "" else [""]
                starts = list(accumulate(map(int, sizes), initial=base))
                if len(sizes) == count and starts[-1] == len(raw):
                    heads = dict(zip(lines[0::2], lines[1::2], strict=True))
                    if len(heads) == count:
                        return Rows(heads, raw, starts), int(header["written"])
    return Rows(), 0


def row_prefix(stamp_now: list[int]) -> str:
    return f"{stamp_now[0]}\t{stamp_now[1]}\t"


def fresh_row(row: str | None, stamp_now: list[int] | None, written: int) -> str | None:
    """The fields of a row after its stamp, when the stamp still vouches for the file (see
    `fresh`); else None."""
    if row is None or stamp_now is None or stamp_now[1] >= written - RACY_NS:
        return None
    prefix = row_prefix(stamp_now)
    return row[len(prefix) :] if row.startswith(prefix) else None


def write_rows(path: Path, fingerprint: str, rows: Rows) -> None:
    """Written atomically into the cache folder (with a .gitignore of its own); a folder that
    cannot be written only means the files are read again next time."""
    with contextlib.suppress(OSError):
        folder = path.parent
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# made by vereistenlint: nothing here belongs in git\n*\n")
        tmp = folder / f"{path.stem}.{os.getpid()}.tmp"
        whole = dict(rows.items())
        heads = {rel: _head(row) for rel, row in whole.items()}
        tails = [row[len(heads[rel]) :] for rel, row in whole.items()]
        encoded = [(t + "\n").encode("utf-8") for t in tails]
        lines = [
            *(part for item in heads.items() for part in item),
            ",".join(map(str, map(len, encoded))),
        ]
        section = ("\n".join(lines) + "\n").encode("utf-8")
        header = json.dumps(
            {
                "fingerprint": fingerprint,
                "written": time.time_ns(),
                "rows": len(whole),
                "heads": len(section),
            }
        )
        tmp.write_bytes(b"".join([(header + "\n").encode("utf-8"), section, *encoded]))
        os.replace(tmp, path)


def dumps(value: object) -> str:
    """One line of JSON (no line break or tab can stand in it unescaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class IndexCache:
    """The repository index's rows: ``size, mtime, profile, stem, id (JSON), row (JSON)``.

    What the repository-wide rules look up for every file (its profile and stem, and its id
    when it is the checked file's) stands in the line as text; the row, with the positions,
    is decoded only for the entries a rule reads (`RepoIndex.add_pending`)."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.path = root / FOLDER / "index.json"
        self.root = root
        self.fingerprint = f"{FORMAT}:{__version__}:{LAYOUT}:{fingerprint}"
        self.dirty = False
        #: the rows, and when the cache was written (for the racy-file guard of `fresh`)
        self.rows, self.written = read_rows(self.path, self.fingerprint)

    def lookup(self, file: RepoFile) -> tuple[str, str, str, str] | None:
        """(profile or "", stem, id as JSON, row as JSON) of a file the cache still holds."""
        fields_ = fresh_row(self.rows.get(file.rel), stamp(file.full), self.written)
        if fields_ is None:
            return None
        parts = fields_.split("\t", 3)
        if len(parts) != 4:
            return None
        profile, stem, ident, row = parts
        return profile, stem, ident, row

    def split(
        self, files: list[RepoFile]
    ) -> tuple[list[RepoFile], list[list[str]], list[RepoFile]]:
        """`lookup` over many files at once (in comprehensions, for 10,000 of them): the files
        the cache holds, their rows split into the stamp's two fields and the four after it,
        and the files it does not hold."""
        prefixes = stamp_prefixes(stats([f.full for f in files]), self.written)
        heads = self.rows.heads_of([f.rel for f in files])
        # a head holds the row's every tab: it splits as the row would, less the JSON row
        parts = [
            head.split("\t", 5) if head.startswith(p) else _NO_ROW
            for head, p in zip(heads, prefixes, strict=True)
        ]
        if min(map(len, parts), default=6) == 6:  # a row splits into 6 parts at most
            return files, parts, []
        held = [f for f, p in zip(files, parts, strict=True) if len(p) == 6]
        missing = [f for f, p in zip(files, parts, strict=True) if len(p) != 6]
        return held, [p for p in parts if len(p) == 6], missing

    def get(self, file: RepoFile) -> Entry | None:
        found = self.lookup(file)
        return None if found is None else decode(file, found[3])

    def put(self, file: RepoFile, entry: Entry) -> None:
        now = stamp(file.full)
        if now is None or not storable(file.rel) or not storable(entry.stem):
            return
        values = [getattr(entry, name) for name in _FIELDS]
        values[_REFERENCES] = [astuple(r) for r in entry.references]
        profile = entry.profile or ""
        row = f"{profile}\t{entry.stem}\t{dumps(entry.id)}\t{dumps(values)}"
        self.rows[file.rel] = row_prefix(now) + row
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            write_rows(self.path, self.fingerprint, self.rows)


def decode(file: RepoFile, row: str) -> Entry | None:
    """The entry a row holds, or None when the row is damaged (the file is read again)."""
    try:
        values = json.loads(row)
        values[_REFERENCES] = tuple(Reference(*r) for r in values[_REFERENCES])
        if _POSITIONAL:
            return Entry(file.key, file.display, *values)
        return Entry(key=file.key, display=file.display, **dict(zip(_FIELDS, values, strict=True)))
    except (TypeError, ValueError, IndexError, KeyError):
        return None


class WalkCache:
    """What the repository walk found per folder (`discover.FolderMemo`): a row per folder,
    ``mtime, [files kept, folders entered]``, trusted while the folder's modification time is
    the same and not within the racy window of the cache's writing."""

    def __init__(self, root: Path, fingerprint: str, name: str = "walk.json") -> None:
        self.path = root / FOLDER / name
        self.fingerprint = f"{FORMAT}:{__version__}:walk:{fingerprint}"
        self.dirty = False
        self.rows, self.written = read_rows(self.path, self.fingerprint)

    def get(self, rel: str, mtime: int) -> tuple[list[str], list[str]] | None:
        row = self.rows.get(rel)
        if row is None or mtime >= self.written - RACY_NS:
            return None
        kept, tab, found = row.partition("\t")
        if not tab or kept != str(mtime):
            return None
        with contextlib.suppress(ValueError, TypeError):
            files, folders = json.loads(found)
            if set(map(type, files)) | set(map(type, folders)) <= {str}:
                return list(files), list(folders)
        return None

    def put(self, rel: str, mtime: int, files: list[str], folders: list[str]) -> None:
        if not storable(rel):
            return
        row = f"{mtime}\t{dumps([files, folders])}"
        # a row kept while its folder was too recent to trust is written again, later: the
        # new time of writing is what makes it trusted
        if self.rows.get(rel) != row or mtime >= self.written - RACY_NS:
            self.rows[rel] = row
            self.dirty = True

    def save(self) -> None:
        """Only into a cache folder that is there already (made by the index or the site
        cache): a run that needs no other cache (every file checked) leaves no folder behind
        where there was none."""
        if self.dirty and self.path.parent.is_dir():
            write_rows(self.path, self.fingerprint, self.rows)
