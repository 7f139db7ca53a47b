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
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .discover import file_key
from .paths import relative_to
from .repo import Entry, Reference
from .version import __version__

FOLDER = ".vereistenlint_cache"
FORMAT = 2
#: files modified this close to the cache's writing are read again, whatever their stamp says
RACY_NS = 2_000_000_000


class IndexCache:
    def __init__(self, root: Path, fingerprint: str) -> None:
        self.path = root / FOLDER / "index.json"
        self.root = root
        self.fingerprint = f"{FORMAT}:{__version__}:{fingerprint}"
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        #: when the cache was written: a file changed shortly before then may have changed
        #: again within the same clock tick, unseen by its time stamp (git's "racy" files)
        self.written = 0
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("fingerprint") == self.fingerprint:
                self.entries = dict(data["files"])
                self.written = int(data["written"])

    def get(self, path: Path, display: str) -> Entry | None:
        stamp = _stamp(path)
        item = self.entries.get(self._name(path))
        if stamp is None or item is None or item.get("stamp") != stamp:
            return None
        if stamp[1] >= self.written - RACY_NS:
            return None
        fields = dict(item["entry"])
        fields["references"] = tuple(Reference(**r) for r in fields["references"])
        return Entry(**fields, key=file_key(path), display=display)

    def put(self, path: Path, entry: Entry) -> None:
        stamp = _stamp(path)
        if stamp is None:
            return
        fields = asdict(entry)
        for transient in ("key", "display"):
            fields.pop(transient)
        self.entries[self._name(path)] = {"stamp": stamp, "entry": fields}
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

    def _name(self, path: Path) -> str:
        return relative_to(path, self.root) or os.path.abspath(path)


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]
