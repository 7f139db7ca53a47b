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


class IndexCache:
    def __init__(self, root: Path, fingerprint: str) -> None:
        self.path = root / FOLDER / "index.json"
        self.root = root
        self.fingerprint = f"{FORMAT}:{__version__}:{LAYOUT}:{fingerprint}"
        self.entries: dict[str, list[Any]] = {}
        self.dirty = False
        #: when the cache was written: a file changed shortly before then may have changed
        #: again within the same clock tick, unseen by its time stamp (git's "racy" files)
        self.written = 0
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("fingerprint") == self.fingerprint:
                self.entries = dict(data["files"])
                self.written = int(data["written"])

    def get(self, file: RepoFile) -> Entry | None:
        row = self.entries.get(file.rel)
        if row is None:
            return None
        stamp = _stamp(file.full)
        if stamp is None or row[0] != stamp[0] or row[1] != stamp[1]:
            return None
        if stamp[1] >= self.written - RACY_NS:
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
        stamp = _stamp(file.full)
        if stamp is None:
            return
        values = [getattr(entry, name) for name in _FIELDS]
        values[_REFERENCES] = [astuple(r) for r in entry.references]
        self.entries[file.rel] = [*stamp, *values]
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        with contextlib.suppress(OSError):
            folder = self.path.parent
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# made by vereistenlint: nothing here belongs in git\n*\n")
            tmp = folder / f"index.{os.getpid()}.tmp"
            written = time.time_ns()
            payload = {"fingerprint": self.fingerprint, "written": written, "files": self.entries}
            tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)


def _stamp(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]
