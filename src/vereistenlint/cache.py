"""A cache of the repository index, so that pre-commit's few changed files do not cost a parse
of every other file of the repository on every commit.

Only what the repository-wide rules need is kept per file (its profile, id, the requirements
it names, with their positions), keyed by the file's path relative to the configuration's
folder and checked against its size and modification time. The cache lives in
`.vereistenlint_cache/` beside the configuration, with a `.gitignore` of its own; it is data
only (JSON), written atomically, and any problem reading or writing it just means the files
are read again: the cache can never change a finding.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from .discover import RepoFile
from .repo import Entry, Reference
from .version import __version__

FOLDER = ".vereistenlint_cache"
FORMAT = 3
#: An entry is kept as one row: its stamp (size, modification time), then the fields of
#: `Entry` in order without the two that name the file (the references as rows of
#: `Reference`'s fields). Rows load several times faster than objects with named fields
#: (a 10,000-file index was 4 MB of repeated key names); the layout is part of the cache's
#: fingerprint, so a field added to either class makes an old cache be read anew, not misread.
_TRANSIENT = ("key", "display")
_FIELDS = tuple(f.name for f in fields(Entry) if f.name not in _TRANSIENT)
_REFERENCES = _FIELDS.index("references")
LAYOUT = ",".join(_FIELDS) + ";" + ",".join(f.name for f in fields(Reference))
#: the fields that name the file come first in `Entry`, so a row is its positional arguments
_POSITIONAL = tuple(f.name for f in fields(Entry))[:2] == _TRANSIENT
#: files modified this close to the cache's writing are read again, whatever their stamp says
RACY_NS = 2_000_000_000


def stamp(path: str | os.PathLike[str]) -> list[int] | None:
    """A file's size and modification time, as a cache keeps them; None when it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def fresh(stamp_now: list[int] | None, kept: object, written: int) -> bool:
    """Whether a kept stamp still vouches for the file: the same size and time, and the file
    not changed so close to the cache's writing that a change in the same clock tick could
    hide (git's "racy" files)."""
    return stamp_now is not None and kept == stamp_now and stamp_now[1] < written - RACY_NS


def read(path: Path, fingerprint: str, table: str) -> tuple[dict[str, Any], int]:
    """The cache file's `table` and when it was written, or nothing when it is missing,
    damaged or made by another version or layout."""
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("fingerprint") == fingerprint:
            return dict(data[table]), int(data["written"])
    return {}, 0


def write(path: Path, fingerprint: str, table: str, entries: dict[str, Any]) -> None:
    """Written atomically into the cache folder (with a .gitignore of its own); a folder that
    cannot be written only means the files are read again next time."""
    with contextlib.suppress(OSError):
        folder = path.parent
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# made by vereistenlint: nothing here belongs in git\n*\n")
        tmp = folder / f"{path.stem}.{os.getpid()}.tmp"
        payload = {"fingerprint": fingerprint, "written": time.time_ns(), table: entries}
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


class IndexCache:
    def __init__(self, root: Path, fingerprint: str) -> None:
        self.path = root / FOLDER / "index.json"
        self.root = root
        self.fingerprint = f"{FORMAT}:{__version__}:{LAYOUT}:{fingerprint}"
        self.dirty = False
        #: the rows, and when the cache was written (for the racy-file guard of `fresh`)
        self.entries, self.written = read(self.path, self.fingerprint, "files")

    def get(self, file: RepoFile) -> Entry | None:
        row = self.entries.get(file.rel)
        if row is None:
            return None
        if not fresh(stamp(file.full), row[:2], self.written):
            return None
        values = row[2:]
        try:
            values[_REFERENCES] = tuple(Reference(*r) for r in values[_REFERENCES])
            if _POSITIONAL:
                return Entry(file.key, file.display, *values)
            return Entry(
                key=file.key, display=file.display, **dict(zip(_FIELDS, values, strict=True))
            )
        except (TypeError, ValueError, IndexError):  # a damaged row: the file is read again
            return None

    def put(self, file: RepoFile, entry: Entry) -> None:
        now = stamp(file.full)
        if now is None:
            return
        values = [getattr(entry, name) for name in _FIELDS]
        values[_REFERENCES] = [astuple(r) for r in entry.references]
        self.entries[file.rel] = [*now, *values]
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            write(self.path, self.fingerprint, "files", self.entries)
