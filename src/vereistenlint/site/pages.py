"""What a per-file check needs to make its page's outline where it has parsed the page: in the
process (a worker) that checked it, so that the link stage reads and tokenizes no checked page
again (see `stage.pages` and `Outcome.page`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from .index import SiteCache
from .mkdocs import SiteConfig
from .outline import PageOutline, outline
from .slugs import HeadingIds


@dataclass(frozen=True)
class Pages:
    """Which files are pages of the site and how their headings get ids: what a per-file check
    needs to make a page's outline from the document it has parsed, in the process (a worker)
    that parsed it, so that the link stage need not read and tokenize the page again."""

    docs_dir: str  # absolute, as os.path.abspath gives it
    ids: HeadingIds
    #: page -> the stamp under which the site cache holds its outline: not made again
    known: Mapping[str, list[int]] = field(default_factory=dict)
    #: for the link stage, never sent to a worker: the site cache `known` was read from, and
    #: the site (its mkdocs.yml is read once)
    cache: SiteCache | None = field(default=None, compare=False, repr=False)
    site: SiteConfig | None = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "cache": None, "site": None}

    def rel(self, path: Path) -> str | None:
        """As `SiteIndex.rel`: the path relative to docs_dir, None when it lies outside."""
        full = os.path.abspath(path)
        prefix = self.docs_dir if self.docs_dir.endswith(os.sep) else self.docs_dir + os.sep
        if not full.startswith(prefix):
            return None
        return full[len(prefix) :].replace(os.sep, "/")

    def outline(self, path: Path, stamp: list[int] | None, doc: Document) -> PageOutline | None:
        """The outline of a readable page of the site; None for any other file, and for a page
        whose outline failed (the link stage reads it again and reports the error)."""
        rel = self.rel(path) if doc.readable else None
        if rel is None or not rel.endswith(".md"):
            return None
        if stamp is not None and self.known.get(rel) == stamp:
            return None  # the link stage takes it from the cache
        try:
            made = outline(doc, self.ids)
        except Exception:  # the stage's own read says what failed, on the page (see guard.py)
            return None
        return PageOutline(rel, stamp, made, self.ids.fingerprint)
