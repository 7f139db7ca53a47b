"""Heading ids exactly as Python-Markdown's toc extension makes them, for the site's settings.

The ids are not re-implemented: the page's headings are handed to Python-Markdown itself,
with the site's toc options, attribute lists and the extensions that change a heading's text,
and the ids are read from what it renders. Python-Markdown then strips the inline markup,
slugifies and numbers repeated headings (``x``, ``x_1``, ...) as it does on the site.

The slug function configured in mkdocs.yml is a tag (``!!python/name:pymdownx.slugs.slugify``)
that is never resolved: its name is looked up in `SLUGIFIERS`, a table of the slug functions
known here. A name outside the table means the site's ids cannot be known, and anchors are not
judged at all rather than judged wrongly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import markdown
from markdown.extensions import toc

from ..records import dataclass
from .mkdocs import Opaque, SiteConfig

Slugify = Callable[[str, str], str]

_PY_NAME = "tag:yaml.org,2002:python/name:"
_PY_APPLY = "tag:yaml.org,2002:python/object/apply:"


def _pymdownx(name: str, **kwds: Any) -> Slugify | None:
    try:
        from pymdownx import slugs
    except ImportError:  # pragma: no cover - a dependency of the package
        return None
    if name == "slugify":
        fn: Slugify = slugs.slugify(**kwds)
        return fn
    found = getattr(slugs, name, None)  # `name` comes from the table below, never from YAML
    return found if callable(found) else None


#: the slug functions whose ids can be reproduced: configured name -> maker(kwds)
SLUGIFIERS: Mapping[str, Callable[..., Slugify | None]] = {
    "markdown.extensions.toc.slugify": lambda **_: toc.slugify,
    "markdown.extensions.toc.slugify_unicode": lambda **_: toc.slugify_unicode,
    "pymdownx.slugs.slugify": lambda **kw: _pymdownx("slugify", **kw),
    "pymdownx.slugs.uslugify": lambda **_: _pymdownx("uslugify"),
    "pymdownx.slugs.uslugify_encoded": lambda **_: _pymdownx("uslugify_encoded"),
    "pymdownx.slugs.uslugify_cased": lambda **_: _pymdownx("uslugify_cased"),
    "pymdownx.slugs.uslugify_cased_encoded": lambda **_: _pymdownx("uslugify_cased_encoded"),
    "pymdownx.slugs.gfm": lambda **_: _pymdownx("gfm"),
    "pymdownx.slugs.gfm_encoded": lambda **_: _pymdownx("gfm_encoded"),
}

#: extensions that change what a heading's text or id is; only these are loaded, by these names
HEADING_EXTENSIONS = frozenset(
    {
        "attr_list",
        "abbr",
        "footnotes",
        "smarty",
        "pymdownx.betterem",
        "pymdownx.caret",
        "pymdownx.mark",
        "pymdownx.tilde",
        "pymdownx.smartsymbols",
        "pymdownx.keys",
        "pymdownx.inlinehilite",
        "pymdownx.critic",
        "pymdownx.escapeall",
    }
)

_HEADING_ID = re.compile(r'<h([1-6])(?:\s[^>]*?)?\sid="([^"]*)"')


@dataclass(frozen=True)
class HeadingIds:
    """How one site turns headings into ids; `None` slugify: the site's ids are unknown."""

    slugify: Slugify | None
    separator: str = "-"
    extensions: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    #: the configured slug function when it is not one known here
    unknown_slugify: str | None = None
    #: the slug function's name and options as configured: what the cache is keyed by
    slug_name: str = "markdown.extensions.toc.slugify"

    @property
    def fingerprint(self) -> str:
        """The same for the same settings in every process (a function's repr is not)."""
        return repr((self.slug_name, self.separator, self.extensions, self.unknown_slugify))

    def ids(self, headings: Sequence[tuple[int, str]]) -> list[str]:
        """The id of each heading of one page, in order: (level, ATX line as written) or
        (level, a setext heading's text)."""
        if self.slugify is None or not headings:
            return []
        md = _renderer(self)
        md.reset()
        source = "\n\n".join(
            text if text.startswith("#") else f"{'#' * level} {_one_line(text)}"
            for level, text in headings
        )
        rendered = md.convert(source)
        found = [html.unescape(m.group(2)) for m in _HEADING_ID.finditer(rendered)]
        if len(found) != len(headings):  # a heading Python-Markdown did not see as one
            return found + [""] * (len(headings) - len(found))
        return found


def _one_line(text: str) -> str:
    """A setext heading's lines, joined as the heading's text."""
    return " ".join(part.strip() for part in text.splitlines())


_RENDERERS: dict[str, markdown.Markdown] = {}


def _renderer(spec: HeadingIds) -> markdown.Markdown:
    """One Python-Markdown per site setting, made once per process."""
    key = spec.fingerprint
    if key not in _RENDERERS:
        _RENDERERS[key] = _make_renderer(spec)
    return _RENDERERS[key]


def _make_renderer(spec: HeadingIds) -> markdown.Markdown:
    configs = {name: dict(options) for name, options in spec.extensions}
    assert spec.slugify is not None
    configs["toc"] = {"slugify": spec.slugify, "separator": spec.separator}
    return markdown.Markdown(extensions=list(configs), extension_configs=configs)


def heading_ids(site: SiteConfig) -> HeadingIds:
    """The site's heading-id settings from its markdown_extensions."""
    options = site.extension("toc") or {}
    separator = options.get("separator", "-")
    if not isinstance(separator, str):
        separator = "-"
    chosen = options.get("slugify")
    slugify: Slugify | None = toc.slugify
    unknown: str | None = None
    slug_name = "markdown.extensions.toc.slugify"
    if chosen is not None:
        slugify, unknown = _configured_slugify(chosen)
        slug_name = repr(chosen)
    extensions: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    for name, _options in site.markdown_extensions:
        short = name.removeprefix("markdown.extensions.")
        if short in HEADING_EXTENSIONS and short not in (n for n, _ in extensions):
            plain = tuple((k, v) for k, v in (site.extension(short) or {}).items() if _plain(v))
            extensions.append((short, plain))
    return HeadingIds(slugify, separator, tuple(extensions), unknown, slug_name)


def _configured_slugify(value: object) -> tuple[Slugify | None, str | None]:
    """A slug function from the table, for a ``!!python/name:`` or ``/object/apply:`` tag."""
    if isinstance(value, Opaque):
        kwds: dict[str, Any] = {}
        if value.tag.startswith(_PY_NAME):
            name = value.tag[len(_PY_NAME) :]
        elif value.tag.startswith(_PY_APPLY):
            name = value.tag[len(_PY_APPLY) :]
            raw = value.value.get("kwds") if isinstance(value.value, dict) else None
            kwds = {k: v for k, v in (raw or {}).items() if isinstance(k, str) and _plain(v)}
        else:
            return None, value.tag
        maker = SLUGIFIERS.get(name)
        if maker is None:
            return None, name
        try:
            made = maker(**kwds)
        except TypeError:
            return None, name
        return made, None if made is not None else name  # None: gone from this pymdownx
    return None, repr(value)


def _plain(value: object) -> bool:
    """A YAML value with no tag anywhere inside it: safe to hand to an extension."""
    if isinstance(value, Opaque):
        return False
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return True
