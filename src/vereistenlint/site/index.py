"""Every file under the site's docs folder, and per page what links need of it.

A one-file check (pre-commit) must know the anchors of every other page. The anchors and links
of each page are kept in `.vereistenlint_cache/site-index.json` beside mkdocs.yml, checked against the
file's size and modification time like the repository index, so only pages that changed are
read. Which files exist is one walk of the docs folder, never cached.
"""

from __future__ import annotations

import json
import os
import posixpath
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from markdown_it.common.utils import unescapeAll

from .. import cache as store
from ..cache import FOLDER
from ..discover import FolderMemo, folder_mtime, safely
from ..document import Document
from ..files import read_bytes, split_lines
from ..load import _FM_CLOSE, _FM_OPEN
from ..version import __version__
from .mkdocs import SiteConfig
from .outline import Link, Outline, PageOutline, link_target, outline, pack, unpack
from .slugs import HeadingIds, heading_ids

CACHE_NAME = "site-index.json"
#: the docs folder's walk, per folder (`cache.WalkCache`)
WALK_NAME = "site-walk.json"

#: outlines already made in this process, by file and stamp: the library and a language server
#: check file after file, and every check needs every page's anchors
_MEMO: dict[tuple[str, str], tuple[list[int], Outline]] = {}
CACHE_FORMAT = 5


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
    #: outlines of this run still packed as the per-file checks sent them (`outline.pack`),
    #: unpacked when a rule reads one
    packed: dict[str, str] = field(default_factory=dict)
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

    @cached_property
    def pages(self) -> list[str]:
        """The Markdown files, sorted (`files` does not change)."""
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
        held = self.packed.pop(rel, None)
        found = unpack(held) if held is not None else None
        if found is not None:
            self.records[rel] = found
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
        return self.cache.entries.keys() - self.files

    def linking_to(self, targets: set[str]) -> list[str]:
        """Pages with a Markdown link into one of `targets` (paths relative to docs_dir).

        Without the cache, a page whose text cannot spell a link to any of them is not
        outlined at all (`could_link`). With it, a page the cache still holds is passed over
        when its cached outline (JSON, in which the names stand as written when they hold no
        quote, backslash or control character) does not contain their names; every other
        page is outlined, so that the cache holds every page for the next run."""
        names = {posixpath.basename(t) for t in targets}
        if not names:
            return []
        cache = self.cache
        pages = self.pages
        if cache is None:
            known = self.records.keys() | self.packed.keys()
            pages = [p for p in pages if p in known or self._could_link(p, names)]
        elif all(_json_plain(n) for n in names):
            pages = self._not_passed_over(pages, names, cache)
        found = []
        for page in pages:
            folder = posixpath.dirname(page)
            for link in self.outline(page).links:
                if link.kind in ("link", "image") and link_target(folder, link.url) in targets:
                    found.append(page)
                    break
        return found

    def _not_passed_over(self, pages: list[str], names: set[str], cache: SiteCache) -> list[str]:
        """The pages `linking_to` outlines when the cache is there: all but those of which a
        fresh row's outline does not hold the names (and their path neither), found in
        comprehensions (a one-file check looks at every page's row)."""
        docs = os.fspath(self.site.docs_dir)
        infos = store.stats([f"{docs}/{page}" for page in pages])
        prefixes = store.stamp_prefixes(infos, cache.written)
        heads = cache.rows.heads_of(pages)
        # the rows whose outline may hold a name: one search of all the rows' JSON per name
        holding = set().union(*(cache.rows.holding(n) for n in names))
        if len(names) == 1:
            (name,) = names
            kept = [
                not head.startswith(p) or name in page or head.find(name, len(p)) >= 0
                for page, head, p in zip(pages, heads, prefixes, strict=True)
            ]
        else:
            kept = [
                not head.startswith(p) or any(n in page or head.find(n, len(p)) >= 0 for n in names)
                for page, head, p in zip(pages, heads, prefixes, strict=True)
            ]
        records, packed = self.records, self.packed
        return [
            page
            for page, keep in zip(pages, kept, strict=True)
            if keep or page in holding or page in records or page in packed
        ]

    def _could_link(self, page: str, names: set[str]) -> bool:
        try:  # as `files.read_bytes` reads it, without making a Path: every page is read
            path = f"{os.fspath(self.site.docs_dir)}/{page}"
            if not stat.S_ISREG(os.stat(path).st_mode):
                return True
            with open(path, "rb") as f:
                text = f.read().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return True  # the outline says what is wrong with it
        return could_link(page, text, names)

    def save(self) -> None:
        if self.cache is not None:
            self.cache.save()


def _json_plain(text: str) -> bool:
    """Whether JSON writes the text as it is (with ensure_ascii off)."""
    return '"' not in text and "\\" not in text and all(c >= " " for c in text)


#: what can spell a character of a link's destination without writing it: a backslash escape
#: or an entity (markdown-it's unescapeAll), or percent-encoding (the link's URL is unquoted)
_ESCAPES = ("\\", "&", "%")


def could_link(page: str, text: str, names: set[str]) -> bool:
    """Whether the page (its path relative to docs_dir and its text) can hold a Markdown link
    that `link_target` resolves to a file with one of these names: False only when it cannot.

    The target's name is the last part of the normalised path, so it is a part of the link's
    destination as the site reads it (or of the page's own folder, for "." and the like). That
    destination is the text as written with its escapes, entities and percent-encoding undone;
    so a page with none of those must contain the name as written, and any other page must
    contain it once they are undone in the whole text. (No escape can straddle the start or
    end of a destination: it is delimited by "(", "<", a space, ")" or ">", none of which can
    continue or end an escape, an entity or a percent sign's two digits.)"""
    if any(n in text or n in page for n in names):
        return True
    if not any(e in text for e in _ESCAPES):
        return False
    decoded = unquote(unescapeAll(text))
    return any(n in decoded for n in names)


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
    """`read`: the site cache as `stage.pages` read it already, taken when it is the cache of
    these settings, so a full check reads it once."""
    memo = store.WalkCache(site.root, os.fspath(site.docs_dir), WALK_NAME) if use_cache else None
    files, folders = walk_docs(os.fspath(site.docs_dir), memo)
    if memo is not None:
        memo.save()
    ids = heading_ids(site)
    cache = None
    if use_cache:
        same = read is not None and read.path == site.root / FOLDER / CACHE_NAME
        same = same and read is not None and read.fingerprint == SiteCache.stamped(ids.fingerprint)
        cache = read if same and read is not None else SiteCache(site.root, ids.fingerprint)
    return SiteIndex(site, ids, frozenset(files), frozenset(folders), cache)


def walk_docs(docs: str, memo: FolderMemo | None = None) -> tuple[set[str], set[str]]:
    """Every file and folder under docs_dir (relative to it; "" is docs_dir itself), as
    ``os.walk`` finds them (names starting with a dot left out, links to folders counted as
    folders and not entered, folders that cannot be listed left out), with string joins
    instead of a `relpath` per folder. With `memo`, a folder whose modification time is the
    one remembered is not listed again (see `discover.walk_repo`; a folder holding a
    symbolic link is never remembered)."""
    files: set[str] = set()
    folders: set[str] = {""}
    stack = [(docs, "")]
    while stack:
        folder, rel = stack.pop()
        mtime = folder_mtime(folder) if memo is not None else None
        held = memo.get(rel, mtime) if memo is not None and mtime is not None else None
        if held is not None:
            folders.add(rel)
            names, entered = held
            files.update(f"{rel}/{n}" if rel else n for n in names)
            stack.extend((os.path.join(folder, n), f"{rel}/{n}" if rel else n) for n in entered)
            continue
        try:
            with os.scandir(folder) as listed:
                entries = list(listed)
        except OSError:
            continue
        folders.add(rel)
        kept: list[str] = []
        enter: list[str] = []
        linked = False
        for entry in entries:
            name = entry.name
            if memo is not None:
                linked = linked or safely(entry.is_symlink)
            if name.startswith("."):
                continue
            path = f"{rel}/{name}" if rel else name
            if not safely(entry.is_dir):
                files.add(path)
                kept.append(name)
            elif not safely(entry.is_symlink):
                stack.append((entry.path, path))
                enter.append(name)
        if memo is not None and mtime is not None and not linked:
            memo.put(rel, mtime, kept, enter)
    return files, folders


class SiteCache:
    """The pages' outlines on disk, one row a page (`cache.Rows`): its stamp, then
    ``[anchors, links]`` as JSON, decoded only for the pages a link rule reads (and searched
    for a page's name as one text, `linking_to`). Any problem with it only means pages are
    read again."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.path = root / FOLDER / CACHE_NAME
        self.fingerprint = self.stamped(fingerprint)
        self.dirty = False
        self.rows, self.written = store.read_rows(self.path, self.fingerprint)

    @property
    def entries(self) -> store.Rows:
        """The pages the cache holds (by path relative to docs_dir)."""
        return self.rows

    def payload(self, path: str | os.PathLike[str], rel: str) -> str | None:
        """The page's outline as JSON text, when the cache still vouches for the page."""
        return store.fresh_row(self.rows.get(rel), store.stamp(path), self.written)

    def get(self, path: Path, rel: str) -> Outline | None:
        text = self.payload(path, rel)
        if text is None:
            return None
        try:
            anchors, links = json.loads(text)
            return Outline(tuple(str(a) for a in anchors), tuple(Link(*link) for link in links))
        except (TypeError, ValueError, KeyError):
            return None

    def put(self, path: Path, rel: str, found: Outline) -> None:
        stamp = store.stamp(path)
        if stamp is None or not store.storable(rel):
            return
        links = [[x.kind, x.url, x.line, x.column, x.length] for x in found.links]
        self.rows[rel] = store.row_prefix(stamp) + store.dumps([list(found.anchors), links])
        self.dirty = True

    @staticmethod
    def stamped(fingerprint: str) -> str:
        """The cache's fingerprint for heading-id settings: format, version and settings."""
        return f"{CACHE_FORMAT}:{__version__}:{fingerprint}"

    def fresh_stamps(self) -> dict[str, list[int]]:
        """Page -> the stamp under which the cache vouches for its outline (the racy-file
        guard of `cache.fresh` applied): a check that finds a page with that stamp need not
        outline it, the cache has it."""
        limit = self.written - store.RACY_NS
        found = {}
        for rel, head in self.rows.heads.items():
            row = head if head.count("\t") >= 2 else self.rows.get(rel) or ""
            size, _, rest = row.partition("\t")
            mtime = rest.partition("\t")[0]
            if size.isdigit() and mtime.isdigit() and int(mtime) < limit:
                found[rel] = [int(size), int(mtime)]
        return found

    def keep(self, rel: str, stamp: list[int], found: Outline) -> None:
        """As `put`, with the stamp the file had when it was read; a row that says the same
        already is left alone, so that an unchanged site does not rewrite the cache."""
        self.keep_packed(rel, stamp, pack(found))

    def keep_packed(self, rel: str, stamp: list[int], packed: str) -> None:
        """As `keep`, with the outline packed already (`outline.pack`)."""
        if not store.storable(rel):
            return
        row = store.row_prefix(stamp) + packed
        if self.rows.get(rel) != row:
            self.rows[rel] = row
            self.dirty = True

    def forget(self, rels: set[str]) -> None:
        for rel in rels:
            if self.rows.pop(rel, None) is not None:
                self.dirty = True

    def save(self) -> None:
        if self.dirty:
            store.write_rows(self.path, self.fingerprint, self.rows)
