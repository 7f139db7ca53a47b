"""Every file under the site's docs folder, and per page what links need of it.

A one-file check (pre-commit) must know the anchors of every other page. The anchors and links
of each page are kept in `.vereistenlint_cache/site-index.json` beside mkdocs.yml, checked against the
file's size and modification time like the repository index, so only pages that changed are
read. Which files exist is one walk of the docs folder, never cached.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import cache as store
from ..cache import FOLDER
from ..document import Document
from ..files import read_bytes, split_lines
from ..load import _FM_CLOSE, _FM_OPEN
from ..version import __version__
from .mkdocs import SiteConfig
from .outline import Link, Outline, PageOutline, link_target, outline
from .slugs import HeadingIds, heading_ids

CACHE_NAME = "site-index.json"

#: outlines already made in this process, by file and stamp: the library and a language server
#: check file after file, and every check needs every page's anchors
_MEMO: dict[tuple[str, str], tuple[list[int], Outline]] = {}
CACHE_FORMAT = 1


@dataclass
class SiteIndex:
    site: SiteConfig
    ids: HeadingIds
    #: every file under docs_dir, as a path relative to it ("a/b.md")
    files: frozenset[str]
    #: the folders under docs_dir, relative to it ("" is docs_dir itself)
    folders: frozenset[str]
    cache: SiteCache | None = None
    records: dict[str, Outline] = field(default_factory=dict)
    #: pages read anew in this run (not taken from the cache)
    read: set[str] = field(default_factory=set)
    #: pages whose outline failed: an internal error, reported on the page when it is checked
    errors: dict[str, Exception] = field(default_factory=dict)
    _names: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        """File name -> the files of that name, sorted: where a moved file may be now."""
        found: dict[str, list[str]] = {}
        for f in sorted(self.files):
            found.setdefault(posixpath.basename(f), []).append(f)
        return found

    @cached_property
    def by_folder(self) -> dict[str, list[str]]:
        """Folder -> the files directly in it."""
        found: dict[str, list[str]] = {}
        for f in sorted(self.files):
            found.setdefault(posixpath.dirname(f), []).append(f)
        return found

    def names_in(self, folder: str) -> list[str]:
        """The names of the files directly in a folder, sorted."""
        names = self._names.get(folder)
        if names is None:
            names = self._names[folder] = sorted(
                posixpath.basename(f) for f in self.by_folder.get(folder, ())
            )
        return names

    @property
    def pages(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(".md"))

    def rel(self, path: Path) -> str | None:
        """A file's path relative to docs_dir, or None when it lies outside."""
        try:
            rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(self.site.docs_dir))
        except ValueError:
            return None
        return rel.as_posix()

    def outline(self, rel: str) -> Outline:
        """The page's anchors and links: from this run, the cache, or read now."""
        found = self.records.get(rel)
        if found is not None:
            return found
        path = self.site.docs_dir / rel
        cached = self.cache.get(path, rel) if self.cache is not None else None
        if cached is None:
            stamp = store.stamp(path)
            memo_key = (os.path.abspath(path), self.ids.fingerprint)
            memo = _MEMO.get(memo_key)
            if memo is not None and stamp is not None and memo[0] == stamp:
                cached = memo[1]
            else:
                try:
                    cached = outline(load_body(path, rel), self.ids)
                except Exception as exc:  # the net under the link rules (see guard.py)
                    self.errors[rel] = exc
                    cached = Outline((), ())
                self.read.add(rel)
                if stamp is not None:
                    _MEMO[memo_key] = (stamp, cached)
            if self.cache is not None and rel not in self.errors:
                self.cache.put(path, rel, cached)
        self.records[rel] = cached
        return cached

    # -- perf-b hook -----------------------------------------------------------------------
    def prefill(self, outlines: Iterable[PageOutline]) -> None:
        """Outlines the per-file checks made from the pages they read, taken as if read now
        (and kept in the cache, with the stamp taken before each page was read)."""
        fingerprint = self.ids.fingerprint
        for page in outlines:
            if page.fingerprint != fingerprint or page.rel not in self.files:
                continue
            self.records[page.rel] = page.outline
            self.read.add(page.rel)
            if self.cache is not None and page.stamp is not None:
                self.cache.keep(page.rel, page.stamp, page.outline)

    def vanished(self) -> set[str]:
        """Pages the cache knew that are gone now: deleted or renamed since the last run."""
        if self.cache is None:
            return set()
        return {rel for rel in self.cache.entries if rel not in self.files}

    def linking_to(self, targets: set[str]) -> list[str]:
        """Pages with a Markdown link into one of `targets` (paths relative to docs_dir)."""
        found = []
        for page in self.pages:
            folder = posixpath.dirname(page)
            for link in self.outline(page).links:
                if link.kind in ("link", "image") and link_target(folder, link.url) in targets:
                    found.append(page)
                    break
        return found

    def save(self) -> None:
        if self.cache is not None:
            self.cache.save()


def load_body(path: Path, display: str) -> Document:
    """A page's lines and where its body starts; the front matter is skipped, never parsed
    (links need the body only, and an untrusted page's YAML is composed once, by its own check)."""
    try:
        text = read_bytes(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Document(path=path, display=display, readable=False)
    if "\x00" in text:
        return Document(path=path, display=display, readable=False)
    lines = split_lines(text)
    body_start = 0
    if lines and _FM_OPEN.match(lines[0]):
        close = next((i for i, x in enumerate(lines) if i and _FM_CLOSE.match(x)), None)
        body_start = len(lines) if close is None else close + 1
    return Document(path=path, display=display, text=text, lines=lines, body_start=body_start)


def build(site: SiteConfig, *, use_cache: bool = False, read: SiteCache | None = None) -> SiteIndex:
    """`read`: (perf-b hook) the site cache as `stage.pages` read it already, taken when it is
    the cache of these settings, so a full check reads it once."""
    files: set[str] = set()
    folders: set[str] = {""}
    docs = site.docs_dir
    for dirpath, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = Path(os.path.relpath(dirpath, docs)).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        folders.add(rel_dir)
        for name in filenames:
            if not name.startswith("."):
                files.add(posixpath.join(rel_dir, name) if rel_dir else name)
    ids = heading_ids(site)
    cache = None
    if use_cache:
        same = read is not None and read.path == site.root / FOLDER / CACHE_NAME
        same = same and read is not None and read.fingerprint == SiteCache.stamped(ids.fingerprint)
        cache = read if same and read is not None else SiteCache(site.root, ids.fingerprint)
    return SiteIndex(site, ids, frozenset(files), frozenset(folders), cache)


class SiteCache:
    """The pages' outlines on disk; any problem with it only means pages are read again."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.path = root / FOLDER / CACHE_NAME
        self.fingerprint = self.stamped(fingerprint)
        self.dirty = False
        self.entries, self.written = store.read(self.path, self.fingerprint, "pages")

    def get(self, path: Path, rel: str) -> Outline | None:
        item = self.entries.get(rel)
        if not isinstance(item, dict) or not store.fresh(
            store.stamp(path), item.get("stamp"), self.written
        ):
            return None
        try:
            return Outline(
                tuple(str(a) for a in item["anchors"]),
                tuple(Link(*link) for link in item["links"]),
            )
        except (TypeError, KeyError):
            return None

    def put(self, path: Path, rel: str, found: Outline) -> None:
        stamp = store.stamp(path)
        if stamp is None:
            return
        links = [[x.kind, x.url, x.line, x.column, x.length] for x in found.links]
        self.entries[rel] = {"stamp": stamp, "anchors": list(found.anchors), "links": links}
        self.dirty = True

    @staticmethod
    def stamped(fingerprint: str) -> str:
        """The cache's fingerprint for heading-id settings: format, version and settings."""
        return f"{CACHE_FORMAT}:{__version__}:{fingerprint}"

    def fresh_stamps(self) -> dict[str, list[int]]:
        """(perf-b hook) Page -> the stamp under which the cache vouches for its outline (the
        racy-file guard of `cache.fresh` applied): a check that finds a page with that stamp
        need not outline it, the cache has it."""
        limit = self.written - store.RACY_NS
        found = {}
        for rel, item in self.entries.items():
            kept = item.get("stamp") if isinstance(item, dict) else None
            if (
                isinstance(kept, list)
                and len(kept) == 2
                and isinstance(kept[1], int)
                and kept[1] < limit
            ):
                found[rel] = kept
        return found

    def keep(self, rel: str, stamp: list[int], found: Outline) -> None:
        """As `put`, with the stamp the file had when it was read; an entry that says the same
        already is left alone, so that an unchanged site does not rewrite the cache."""
        links = [[x.kind, x.url, x.line, x.column, x.length] for x in found.links]
        entry = {"stamp": stamp, "anchors": list(found.anchors), "links": links}
        if self.entries.get(rel) != entry:
            self.entries[rel] = entry
            self.dirty = True

    def forget(self, rels: set[str]) -> None:
        for rel in rels:
            if self.entries.pop(rel, None) is not None:
                self.dirty = True

    def save(self) -> None:
        if self.dirty:
            store.write(self.path, self.fingerprint, "pages", self.entries)
