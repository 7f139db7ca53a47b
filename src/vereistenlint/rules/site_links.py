"""Links between the site's pages, resolved as MkDocs resolves them.

A Markdown link to a ``.md`` file is resolved against the linking page's folder inside
``docs_dir`` and rewritten by MkDocs to the target's URL; any other relative link is left as
written, so the browser resolves it against the page's URL (``a/b.md`` is served at ``a/b/``).
A link that works only that way (``../map/``) is fragile; a link to a page or file that does not
exist, or to an anchor the page does not define, is broken on the site while MkDocs builds on.
Links written with template syntax (``{{ ... }}``) and links into pages that plugins generate
are never guessed at.
"""

from __future__ import annotations

import bisect
import difflib
import posixpath
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from ..diagnostics import Severity
from ..findings import Edit, Finding, Fix, finding, term
from ..site.outline import Link, link_target
from .base import Fixability, Rule

if TYPE_CHECKING:
    from ..site.index import SiteIndex

E, W = Severity.ERROR, Severity.WARNING

MISSING_PAGE = "VL601"
OUTSIDE_DOCS = "VL602"
MISSING_ANCHOR = "VL603"
MISSING_ASSET = "VL604"
SITE_URL_LINK = "VL605"
ROOT_RELATIVE_LINK = "VL606"
FOLDER_LINK = "VL607"
NAV_MISSING = "VL608"

RULES = (
    Rule(MISSING_PAGE, "missing-page", E, Fixability.UNSAFE),
    Rule(OUTSIDE_DOCS, "link-outside-docs", E),
    Rule(MISSING_ANCHOR, "missing-anchor", E, Fixability.UNSAFE),
    Rule(MISSING_ASSET, "missing-asset", E, Fixability.UNSAFE),
    Rule(SITE_URL_LINK, "absolute-site-link", W, Fixability.UNSAFE),
    Rule(ROOT_RELATIVE_LINK, "root-relative-link", W, Fixability.UNSAFE),
    Rule(FOLDER_LINK, "folder-link", W, Fixability.UNSAFE),
    Rule(NAV_MISSING, "nav-missing-page", E),
)
CODES = frozenset(r.code for r in RULES)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_TEMPLATE = ("{{", "{%", "{#")


def page_url(site_rel: str, directory_urls: bool) -> str:
    """The URL path (relative to the site's root) MkDocs serves a page at."""
    stem, _ = posixpath.splitext(site_rel)
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    if directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def check_page(index: SiteIndex, rel: str, only: set[str] | None = None) -> list[Finding]:
    """The link findings of one page; `only`: judge only the links into these files."""
    folder = posixpath.dirname(rel)
    found: list[Finding] = []
    for link in index.outline(rel).links:
        if only is None or link_target(folder, link.url) in only:
            found.extend(_check_link(index, rel, link))
    return found


def link_findings(index: SiteIndex, rel: str, link: Link) -> list[Finding]:
    """One link's findings, as `check_page` collects them link by link (the per-file checks
    judge a page's links where they parsed it, see `site.pages`)."""
    return list(_check_link(index, rel, link))


def _check_link(index: SiteIndex, rel: str, link: Link) -> Iterator[Finding]:
    url = link.url.strip()
    if not url or any(t in url for t in _TEMPLATE):
        return
    site = index.site
    base = _site_base(site.site_url)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if base is not None and _same_site(url, site.site_url or ""):
            yield from _absolute(index, rel, link, url[len(base[0]) :], SITE_URL_LINK)
        return
    if _SCHEME.match(url):  # mailto:, tel:, javascript:, ...
        return
    if url.startswith("/"):
        path = url
        if base is not None and base[1] and path.startswith(base[1]):
            path = path[len(base[1]) :]
        yield from _absolute(index, rel, link, path.lstrip("/"), ROOT_RELATIVE_LINK)
        return
    path, _, fragment = url.partition("#")
    path = path.split("?", 1)[0]
    folder = posixpath.dirname(rel)
    if not path:
        if fragment and link.kind in ("link", "html"):
            yield from _anchor(index, rel, rel, fragment, link)
        return
    if link.kind.startswith("html"):
        yield from _by_url(index, rel, link, path, fragment)
        return
    target = posixpath.normpath(posixpath.join(folder, path))
    if target == ".." or target.startswith("../"):
        yield finding(OUTSIDE_DOCS, link.line, link.column, "links.outside", url=url)
        return
    if target in index.files:
        if fragment and target.endswith(".md"):
            yield from _anchor(index, rel, target, fragment, link)
        return
    reached = _url_target(index, rel, path)
    if reached is not None:
        suggestion = _relative(rel, reached) + (f"#{fragment}" if fragment else "")
        yield finding(
            FOLDER_LINK,
            link.line,
            link.column,
            "links.folder",
            url=url,
            page=reached,
            suggestion=suggestion,
            fix=_replace(link, suggestion),
        )
        if fragment and reached.endswith(".md"):
            yield from _anchor(index, rel, reached, fragment, link)
        return
    yield from _missing(index, rel, link, target, path, fragment)


def _missing(
    index: SiteIndex, rel: str, link: Link, target: str, path: str, fragment: str
) -> Iterator[Finding]:
    is_page = target.endswith(".md") or (not posixpath.splitext(target)[1] and link.kind == "link")
    code = MISSING_PAGE if is_page and link.kind == "link" else MISSING_ASSET
    candidates = _candidates(index, target)
    # one candidate is certain only when every name of its folder was compared
    complete = _compared_all(index, target)
    if target in index.folders or path.endswith("/"):
        inside = posixpath.join(target, "index.md") if target != "." else "index.md"
        if inside in index.files:
            candidates, complete = [inside], True
    key = "links.missing_page" if code == MISSING_PAGE else "links.missing_asset"
    url = link.url
    if not candidates:
        yield finding(code, link.line, link.column, key, url=url, target=target)
        return
    suggestion = _relative(rel, candidates[0]) + (f"#{fragment}" if fragment else "")
    fix = _replace(link, suggestion) if len(candidates) == 1 and complete else None
    yield finding(
        code,
        link.line,
        link.column,
        key + "_moved",
        url=url,
        target=target,
        candidates=", ".join(candidates[:3]),
        fix=fix,
    )


def _candidates(index: SiteIndex, target: str) -> list[str]:
    """Files that the target may have become: the same file name elsewhere, or the nearest
    name in the same folder."""
    name = posixpath.basename(target)
    same = index.by_name.get(name, [])
    if same:
        return list(same)
    folder = posixpath.dirname(target)
    names = index.names_in(folder)
    close = difflib.get_close_matches(name, _nearby(names, name), n=3, cutoff=0.8)
    return [posixpath.join(folder, c) if folder else c for c in close]


#: how many names on either side of a missing name, in alphabetical order, are compared with it:
#: a folder of thousands of files costs no more per broken link than one of a few hundred
NEARBY = 100


def _compared_all(index: SiteIndex, target: str) -> bool:
    """Whether `_candidates` compared the target with every name of its folder."""
    if index.by_name.get(posixpath.basename(target)):
        return True
    return len(index.names_in(posixpath.dirname(target))) <= 2 * NEARBY


def _nearby(names: list[str], name: str) -> list[str]:
    """The sorted names around where `name` would stand: a renamed file mostly keeps its start,
    and every name of a folder of up to 2 * NEARBY files is compared."""
    if len(names) <= 2 * NEARBY:
        return names
    at = bisect.bisect_left(names, name)
    return names[max(0, at - NEARBY) : at + NEARBY]


def _anchor(
    index: SiteIndex, rel: str, target: str, fragment: str, link: Link
) -> Iterator[Finding]:
    if index.ids.slugify is None:
        return  # the site's slug function is not known here: its ids cannot be judged
    anchor = unquote(fragment)
    anchors = index.outline(target).anchors
    if anchor in anchors:
        return
    # a heading that was extended keeps the old id as its start ("x" -> "x-ontwikkelfase")
    longer = [a for a in anchors if a.startswith(anchor + index.ids.separator)]
    close = longer or difflib.get_close_matches(anchor, list(anchors), n=3, cutoff=0.6)
    shown = target if target != rel else term("where.this_page")
    if not close:
        yield finding(
            MISSING_ANCHOR, link.line, link.column, "links.anchor", anchor=anchor, page=shown
        )
        return
    certain = longer or difflib.get_close_matches(anchor, list(anchors), n=2, cutoff=0.8)
    fix = None
    if len(certain) == 1 and len(close) == 1:
        written = link.url
        fix = _replace(link, written[: written.index("#") + 1] + certain[0])
    yield finding(
        MISSING_ANCHOR,
        link.line,
        link.column,
        "links.anchor_moved",
        anchor=anchor,
        page=shown,
        candidates=", ".join(f"#{c}" for c in close),
        fix=fix,
    )


def _absolute(index: SiteIndex, rel: str, link: Link, path: str, code: str) -> Iterator[Finding]:
    """A link by the site's own address: find the page it names, and say how to write it."""
    target_path, _, fragment = path.partition("#")
    target_path = target_path.split("?", 1)[0]
    reached = _site_path(index, target_path)
    key = "links.site_url" if code == SITE_URL_LINK else "links.root_relative"
    if reached is None:
        yield finding(code, link.line, link.column, key + "_unknown", url=link.url)
        return
    suggestion = _relative(rel, reached) + (f"#{fragment}" if fragment else "")
    yield finding(
        code,
        link.line,
        link.column,
        key,
        url=link.url,
        suggestion=suggestion,
        fix=_replace(link, suggestion),
    )
    if fragment and reached.endswith(".md"):
        yield from _anchor(index, rel, reached, fragment, link)


def _by_url(index: SiteIndex, rel: str, link: Link, path: str, fragment: str) -> Iterator[Finding]:
    """A raw HTML link: the browser resolves it against the page's URL."""
    reached = _url_target(index, rel, path)
    if reached is None:
        code = MISSING_ASSET if link.kind == "html-image" else MISSING_PAGE
        where = posixpath.normpath(posixpath.join(_url_folder(index, rel), path))
        yield finding(
            code, link.line, link.column, "links.html_missing", url=link.url, url_path=where
        )
        return
    if fragment and reached.endswith(".md"):
        yield from _anchor(index, rel, reached, fragment, link)


def _url_folder(index: SiteIndex, rel: str) -> str:
    url = page_url(rel, index.site.use_directory_urls)
    return url if url.endswith("/") or not url else posixpath.dirname(url)


def _url_target(index: SiteIndex, rel: str, path: str) -> str | None:
    """The file a relative URL reaches in the built site, resolved as the browser does."""
    folder = _url_folder(index, rel).rstrip("/")
    joined = (
        posixpath.normpath(posixpath.join(folder, path)) if folder else posixpath.normpath(path)
    )
    if joined == ".." or joined.startswith("../"):
        return None
    return _site_path(index, "" if joined == "." else joined, trailing=path.endswith("/"))


def _site_path(index: SiteIndex, path: str, trailing: bool = False) -> str | None:
    """The page or file served at a URL path relative to the site's root."""
    path = path.strip("/")
    if path in index.files and not path.endswith(".md"):
        return path
    for page in (
        f"{path}/index.md" if path else "index.md",
        f"{path}/README.md" if path else "README.md",
        f"{path}.md",
        path[: -len(".html")] + ".md" if path.endswith(".html") else "",
        path if path.endswith(".md") else "",
    ):
        if page and page in index.files:
            return page
    return None


def _site_base(site_url: str | None) -> tuple[str, str] | None:
    """(site_url with a final slash, its path with a final slash)."""
    if not site_url:
        return None
    url = site_url if site_url.endswith("/") else site_url + "/"
    return url, urlsplit(url).path or "/"


def _same_site(url: str, site_url: str) -> bool:
    base = site_url if site_url.endswith("/") else site_url + "/"
    plain = urlsplit(url)
    site = urlsplit(base)
    return (
        plain.netloc.lower() == site.netloc.lower()
        and (plain.path + "/").startswith(site.path)
        and plain.scheme in ("http", "https")
    )


def _relative(rel: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(rel) or ".")


def _replace(link: Link, new: str) -> Fix | None:
    """An edit that writes `new` where the link's destination stands, when it stands there
    exactly as the site reads it (no escapes)."""
    if not link.length or link.length != len(link.url):
        return None
    line, col = link.line - 1, link.column - 1
    return Fix((Edit(line, col, line, col + link.length, new),), safe=False)


def check_nav(index: SiteIndex) -> Iterator[Finding]:
    """Pages named in mkdocs.yml's nav that do not exist."""
    nav = index.site.nav or ()
    for item in nav:
        target = item.target.strip()
        if (
            not target
            or target.startswith("...")
            or _SCHEME.match(target)
            or target.startswith("/")
            or any(t in target for t in _TEMPLATE)
        ):
            continue
        path = posixpath.normpath(target)
        if path in index.files or (path in index.folders):
            continue
        candidates = _candidates(index, path)
        if candidates:
            yield finding(
                NAV_MISSING,
                item.line,
                item.column,
                "links.nav_moved",
                target=target,
                candidates=", ".join(candidates[:3]),
            )
        else:
            yield finding(NAV_MISSING, item.line, item.column, "links.nav", target=target)
