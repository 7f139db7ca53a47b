"""The link stage of a check: which pages of the site to judge, and their findings.

It runs after the per-file checks. The pages judged are the checked files that lie in the
site's docs folder, every page under a folder named on the command line (``index.md`` and
ordinary pages too), and, so that a renamed or deleted page or heading fails in the same
commit, the pages that link into a checked file or into a page that vanished since the cache
was written (for those, only the links into the changed files are judged).

The checked pages' links are judged by the per-file checks, where each page was parsed (in
the workers with ``--jobs``, see `pages`): what is left here is gathering their findings,
the links into anchors that the checks could not know (`pages.JudgedPage.later`), the pages
that link into the checked ones, the nav and the site cache; this part runs alone after the
checks, so it is kept small.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import guard
from ..discover import file_key
from ..document import Document
from ..findings import Finding
from ..paths import display_path, relative_to
from ..rules import site_links as links
from ..rules.reliability import INTERNAL_ERROR
from .index import SiteCache, SiteIndex, build
from .mkdocs import SiteConfig, defaults, find_config, load_config
from .outline import PageOutline, outline
from .pages import JudgedPage, Pages, PageView, judged_findings
from .slugs import heading_ids


@dataclass
class LinkFindings:
    #: findings per checked file (by file key)
    by_key: dict[str, list[Finding]] = field(default_factory=dict)
    #: findings in files that were not checked: (path, display, findings)
    others: list[tuple[Path, str, list[Finding]]] = field(default_factory=list)
    index: SiteIndex | None = None


def locate_site(paths: Sequence[str | os.PathLike[str]], root: Path | None) -> SiteConfig:
    """The site of the first path (its mkdocs.yml upwards), else of the configuration's folder or
    the current one; with no mkdocs.yml, MkDocs' defaults (a folder named on the command line
    that has no ``docs/`` inside is taken to be the docs folder itself)."""
    starts = [Path(p) for p in paths] or [root or Path.cwd()]
    for start in starts:
        found = find_config(start)
        if found is not None:
            return load_config(found)
    start = Path(os.path.abspath(starts[0]))
    folder = start if start.is_dir() else start.parent
    site = defaults(folder)
    if not site.docs_dir.is_dir():
        site = SiteConfig(root=folder, config_file=None, docs_dir=folder)
    return site


def _judged_site(
    paths: Sequence[str | os.PathLike[str]],
    enabled: frozenset[str],
    root: Path | None,
    selected: bool,
) -> SiteConfig | None:
    """The site whose links are judged, None when none are.

    Without a mkdocs.yml the link rules run only when they were selected and a folder was
    named: that folder is the docs folder (a copy of a few files or folders of a site would
    otherwise be all broken links)."""
    if not enabled & links.CODES:
        return None
    site = locate_site(paths, root)
    pointed = selected and any(Path(p).is_dir() for p in paths)
    if not site.docs_dir.is_dir() or (site.config_file is None and not pointed):
        return None
    return site


# -- perf-b hook: the per-file checks make the checked pages' outlines (engine.check_file) --
#: checking more files than this, the checks leave alone the pages the cache knows (reading
#: the cache twice costs less than outlining them); fewer are outlined whatever the cache says
CACHE_CONSULTED_FROM = 64


def pages(
    paths: Sequence[str | os.PathLike[str]],
    enabled: frozenset[str],
    *,
    root: Path | None = None,
    selected: bool = False,
    use_cache: bool = False,
    files: int = 0,
) -> Pages | None:
    """What the per-file checks need to make the outlines of the checked pages that `run`
    will judge (with the same arguments): None when it judges no links."""
    site = _judged_site(paths, enabled, root, selected)
    if site is None:
        return None
    ids = heading_ids(site)
    docs = os.path.abspath(site.docs_dir)
    cache = None
    if use_cache and files > CACHE_CONSULTED_FROM:
        cache = SiteCache(site.root, ids.fingerprint)
    index = build(site, use_cache=use_cache, read=cache)
    # the checks judge the links against the files found now (the stage takes this index)
    view = PageView(site, ids, index.files, index.folders)
    view.targets = index.cache
    if cache is None:
        return Pages(docs, ids, site=site, view=view, index=index)
    return Pages(docs, ids, {}, cache, site, view, index)


def run(
    paths: Sequence[str | os.PathLike[str]],
    files: Sequence[tuple[Path, str]],
    enabled: frozenset[str],
    *,
    root: Path | None = None,
    use_cache: bool = False,
    selected: bool = False,
    outlines: Iterable[PageOutline | JudgedPage] = (),
    pages: Pages | None = None,
    keys: Mapping[Path, str] | None = None,
) -> LinkFindings:
    """The link findings of the pages judged (see the module's docstring and `_judged_site`);
    `outlines`: pages' outlines the per-file checks made already, or the pages whose links
    they judged, `pages`: what they were made with (see `pages`; the site cache it read and
    the docs folder it walked are not read again), `keys`: the files' keys (`file_key`),
    where the checks found them already."""
    result = LinkFindings()
    if pages is not None and pages.site is not None:
        site: SiteConfig | None = pages.site  # `pages` judged it with the same arguments
    else:
        site = _judged_site(paths, enabled, root, selected)
    if site is None:
        return result
    if pages is not None and pages.index is not None:
        index = pages.index
    else:
        index = build(site, use_cache=use_cache, read=pages.cache if pages is not None else None)
    judged: dict[str, JudgedPage] = {}
    made: list[PageOutline] = []
    for each in outlines:
        if isinstance(each, JudgedPage):
            judged[each.rel] = each
        else:
            made.append(each)
    index.prefill(made)  # perf-b hook
    _take_judged(index, judged)
    result.index = index
    checked: dict[str, tuple[Path, str]] = {}
    # as `index.rel`, without a Path per file
    docs = os.path.abspath(site.docs_dir)
    prefix = docs if docs.endswith(os.sep) else docs + os.sep
    for path, display in files:
        full = os.path.abspath(path)
        if full.startswith(prefix):
            rel = full[len(prefix) :].replace(os.sep, "/")
            if rel.endswith(".md") and rel in index.files:
                checked[rel] = (path, display)
    for raw in paths:
        folder = Path(raw)
        named = index.rel(folder)
        if named is not None and named in index.files and named.endswith(".md"):
            checked.setdefault(named, (folder, folder.as_posix()))  # index.md named by hand
        elif folder.is_dir():
            for rel in index.pages:
                page = site.docs_dir / rel
                if rel not in checked and relative_to(page, folder) is not None:
                    checked[rel] = (page, display_path(page))
    if not checked and not paths:
        return result
    if keys is None:
        keys = {path: file_key(path) for path, _ in files}  # a realpath each: once per file
    engine_files = set(keys.values())
    for rel, (path, display) in checked.items():
        done = judged.get(rel)
        if done is not None:
            found = _judged(index, done, enabled)
        else:
            found = [f for f in _page_findings(index, rel) if f.code in enabled | {INTERNAL_ERROR}]
        key = keys.get(path) or file_key(path)
        if key in engine_files:
            result.by_key[key] = found
        elif found:  # a page the per-file checks skip (index.md): reported here
            result.others.append((path, display, found))
    gone = index.vanished()
    changed = set(checked) | gone
    # every page checked: no page left whose links into the changed ones must be judged
    every = all(rel in checked for rel in index.files if rel.endswith(".md"))
    others = [] if every else index.linking_to(changed)
    for rel in others:
        if rel in checked:
            continue
        found = [f for f in links.check_page(index, rel, only=changed) if f.code in enabled]
        if found:
            page = site.docs_dir / rel
            result.others.append((page, display_path(page), found))
    if checked and site.config_file is not None:
        nav = [f for f in links.check_nav(index) if f.code in enabled]
        if nav:
            result.others.append((site.config_file, display_path(site.config_file), nav))
    if index.cache is not None:
        index.cache.forget(gone)
    index.save()
    return result


def _take_judged(index: SiteIndex, judged: Mapping[str, JudgedPage]) -> None:
    """The outlines of the pages the checks judged, kept packed (and in the cache), as
    `SiteIndex.prefill` keeps the outlines the checks made."""
    for rel, page in judged.items():
        if page.packed is None or rel not in index.files:
            continue  # the site cache holds it
        index.packed[rel] = page.packed
        index.read.add(rel)
        if index.cache is not None and page.stamp is not None:
            index.cache.keep_packed(rel, page.stamp, page.packed)


def _judged(index: SiteIndex, page: JudgedPage, enabled: frozenset[str]) -> list[Finding]:
    """A page the checks judged, its `later` links judged now; an internal error as in
    `_page_findings`."""
    try:
        found = judged_findings(index, page, enabled)
    except Exception as exc:  # the net under the link rules, as in guard.per_file
        return [guard.internal_error(exc)]
    failed = index.errors.get(page.rel)
    return [guard.internal_error(failed)] if failed is not None else found


def _page_findings(index: SiteIndex, rel: str) -> list[Finding]:
    """A page's link findings, or its internal error: one page never stops the others."""
    try:
        found = links.check_page(index, rel)
    except Exception as exc:  # the net under the link rules, as in guard.per_file
        return [guard.internal_error(exc)]
    failed = index.errors.get(rel)
    return [guard.internal_error(failed)] if failed is not None else found


_INDEXES: dict[str, SiteIndex] = {}


def page_findings(doc: Document, enabled: frozenset[str]) -> list[Finding]:
    """The link findings of a page as it is in memory (for --fix, between rounds)."""
    if not enabled & links.CODES or not doc.readable:
        return []
    site = locate_site([doc.path], None)
    if site.config_file is None:
        return []  # a lone page is not a site
    key = os.path.abspath(site.docs_dir)
    if key not in _INDEXES:
        if not site.docs_dir.is_dir():
            return []
        _INDEXES[key] = build(site)
    index = _INDEXES[key]
    rel = index.rel(doc.path)
    if rel is None or rel not in index.files:
        return []
    index.records[rel] = outline(doc, index.ids)
    return [f for f in links.check_page(index, rel) if f.code in enabled]
