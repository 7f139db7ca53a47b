"""What a per-file check needs to make its page's outline and judge its links where it has
parsed the page: in the process (a worker) that checked it, so that the link stage reads and
tokenizes no checked page again, and does little more than gather (see `stage.pages` and
`Outcome.page`).

A page's links are judged against the site as it is known before the checks start (every
file and folder of the docs folder); a link into an anchor of another page needs that page's
anchors, which a worker knows only from the site cache, where it still vouches for the page.
Such a link is handed back unjudged (`JudgedPage.later`), and the link stage judges it where
every page's outline is at hand. Whatever else goes wrong while judging leaves the page to the
link stage (its outline handed back, `PageOutline`), which reports it as it always did.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .. import cache as store
from ..document import Document
from ..findings import Finding
from ..rules import site_links as links
from ..rules.reliability import INTERNAL_ERROR
from .index import SiteCache, SiteIndex
from .mkdocs import SiteConfig
from .outline import Link, Outline, PageOutline, outline, pack, unpack
from .slugs import HeadingIds


class JudgedPage(NamedTuple):
    """A page whose links a per-file check judged: what the link stage needs of it (small,
    picklable, no objects of the outline)."""

    rel: str  # the page, relative to docs_dir
    #: the file's stamp taken before it was read (cache.stamp), for the site cache: None
    #: when `packed` is
    stamp: list[int] | None
    #: the outline (`outline.pack`); None when the site cache holds it as it is
    packed: str | None
    #: the findings of its links (enabled codes and internal errors), those of `later` left out
    found: tuple[Finding, ...]
    #: links into anchors of pages not known where it was judged: (where their findings
    #: stand in `found`, the link), in order
    later: tuple[tuple[int, Link], ...] = ()


class Later(Exception):
    """A page's anchors that the process judging a link does not know."""


class PageView(SiteIndex):
    """The site as the per-file checks see it while one page's links are judged: the files
    and folders found before the checks, the page's own outline, and other pages' anchors
    where the site cache vouches for them (`Later` for the rest). The link rules read no
    more of another page than its anchors."""

    page: str = ""
    current: Outline | None = None
    #: the site cache read before the checks (None: no other page's anchors are known)
    targets: SiteCache | None = None

    def outline(self, rel: str) -> Outline:
        if rel == self.page and self.current is not None:
            return self.current
        anchors = self._anchors(rel)
        if anchors is None:
            raise Later(rel)
        return Outline(anchors, ())

    def _anchors(self, rel: str) -> tuple[str, ...] | None:
        held = self.targets
        if held is None:
            return None
        text = held.payload(os.path.join(self.site.docs_dir, rel), rel)
        if text is None:
            return None
        try:
            anchors = json.loads(text)[0]
            return tuple(str(a) for a in anchors)
        except (TypeError, ValueError, KeyError, IndexError):
            return None


@dataclass(frozen=True)
class Pages:
    """Which files are pages of the site and how their headings get ids: what a per-file check
    needs to make a page's outline from the document it has parsed, in the process (a worker)
    that parsed it, so that the link stage need not read and tokenize the page again."""

    docs_dir: str  # absolute, as os.path.abspath gives it
    ids: HeadingIds
    #: page -> the stamp under which the site cache holds its outline: not made again (made
    #: from `cache` only for a spawned worker, which gets no cache: see `__getstate__`)
    known: Mapping[str, list[int]] = field(default_factory=dict)
    #: for the link stage, never sent to a worker: the site cache `known` was read from, and
    #: the site (its mkdocs.yml is read once)
    cache: SiteCache | None = field(default=None, compare=False, repr=False)
    site: SiteConfig | None = field(default=None, compare=False, repr=False)
    #: the site as the checks judge links against (a forked worker inherits it; never sent)
    view: PageView | None = field(default=None, compare=False, repr=False)
    #: the docs folder as walked before the checks, for the link stage (never sent)
    index: SiteIndex | None = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        known = self.cache.fresh_stamps() if self.cache is not None else self.known
        gone = {"cache": None, "site": None, "view": None, "index": None}
        return {**self.__dict__, "known": known, **gone}

    def cached(self, rel: str, stamp: list[int] | None) -> bool:
        """Whether the site cache holds the page's outline under this stamp."""
        if stamp is None:
            return False
        held = self.cache
        if held is None:
            return self.known.get(rel) == stamp
        return store.fresh_row(held.rows.get(rel), stamp, held.written) is not None

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
        if self.cached(rel, stamp):
            return None  # the link stage takes it from the cache
        try:
            made = outline(doc, self.ids)
        except Exception:  # the stage's own read says what failed, on the page (see guard.py)
            return None
        return PageOutline(rel, stamp, made, self.ids.fingerprint)

    def judge(
        self, path: Path, stamp: list[int] | None, doc: Document, enabled: frozenset[str]
    ) -> JudgedPage | PageOutline | None:
        """A page's outline and the findings of its links (see the module's docstring); as
        `outline` where the site is not at hand here (a spawned worker)."""
        view = self.view
        if view is None:
            return self.outline(path, stamp, doc)
        rel = self.rel(path) if doc.readable else None
        if rel is None or not rel.endswith(".md") or rel not in view.files:
            return None  # not a page the link stage judges
        packed: str | None = None
        held = self.cache
        text = store.fresh_row(held.rows.get(rel), stamp, held.written) if held else None
        if text is not None or self.cached(rel, stamp):
            made = unpack(text) if text is not None else None
            if made is None:
                return None  # the link stage takes it from the cache, or reads it
        else:
            try:
                made = outline(doc, self.ids)
            except Exception:  # the stage's own read says what failed (see `outline`)
                return None
            packed = pack(made)
        codes = enabled | {INTERNAL_ERROR}
        found: list[Finding] = []
        later: list[tuple[int, Link]] = []
        view.page, view.current = rel, made
        try:
            for link in made.links:
                try:
                    got = links.link_findings(view, rel, link)
                except Later:
                    later.append((len(found), link))
                    continue
                found.extend(f for f in got if f.code in codes)
        except Exception:  # the link stage judges the page again and reports what failed
            return PageOutline(rel, stamp, made, self.ids.fingerprint) if packed else None
        finally:
            view.current = None
        kept = stamp if packed is not None else None
        return JudgedPage(rel, kept, packed, tuple(found), tuple(later))


def judged_findings(index: SiteIndex, page: JudgedPage, enabled: frozenset[str]) -> list[Finding]:
    """A judged page's link findings with those of its `later` links put in their places,
    judged now that every page's outline is at hand (as `check_page` would give them)."""
    found = list(page.found)
    codes = enabled | {INTERNAL_ERROR}
    shift = 0
    for at, link in page.later:
        got = [f for f in links.link_findings(index, page.rel, link) if f.code in codes]
        found[at + shift : at + shift] = got
        shift += len(got)
    return found


__all__ = ["JudgedPage", "Later", "PageView", "Pages", "judged_findings"]
