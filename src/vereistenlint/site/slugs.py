"""Heading ids exactly as Python-Markdown's toc extension makes them, for the site's settings.

The ids are not re-implemented: the page's headings are handed to Python-Markdown itself,
with the site's toc options, attribute lists and the extensions that change a heading's text,
and the ids are read from what it renders. Python-Markdown then strips the inline markup,
slugifies and numbers repeated headings (``x``, ``x_1``, ...) as it does on the site.

Most headings are plain words, which Python-Markdown renders to themselves: for a page whose
headings are all written with a conservative set of characters (no markup, entities, attribute
lists, HTML or escapes; nothing the configured extensions rewrite) the site's slug function
and toc's own numbering (`toc.unique`) are called directly, which is what the render would do
with the same text, at a fiftieth of its cost. Any other page is rendered.

The slug function configured in mkdocs.yml is a tag (``!!python/name:pymdownx.slugs.slugify``)
that is never resolved: its name is looked up in `SLUGIFIERS`, a table of the slug functions
known here. A name outside the table means the site's ids cannot be known, and anchors are not
judged at all rather than judged wrongly.
"""

from __future__ import annotations

import html
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from types import ModuleType
from typing import Any

import markdown
from markdown.extensions import Extension, toc

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

#: punctuation that no inline pattern of Python-Markdown (and of the heading extensions below)
#: takes, so a heading of these, letters, digits and single spaces renders to its own text
_PLAIN_PUNCTUATION = " .,:;?!-/()'\"%"
#: letters and digits (``[^\W_]`` is `str.isalnum`) and that punctuation; with attr_list, braces
_PLAIN_TEXT = re.compile(f"(?:[^\\W_]|[{re.escape(_PLAIN_PUNCTUATION)}])*")
_PLAIN_ATTR_TEXT = re.compile(f"(?:[^\\W_]|[{re.escape(_PLAIN_PUNCTUATION)}{{}}])*")
#: what an extension rewrites inside such text: the characters it must not contain, and
#: character sequences it must not contain (smarty: quotes, dashes and ellipses)
_EXTENSION_UNSAFE: Mapping[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "smarty": (frozenset("'\""), ("--", "..")),
}
#: extensions whose patterns need a character outside the plain set (or none in a heading
#: alone): attr_list '{', abbr (its words keep their text), footnotes '[^', betterem '*' '_',
#: caret '^', mark '=', tilde '~', keys '+', inlinehilite '`', critic '{', escapeall '\\'.
#: pymdownx.smartsymbols rewrites plain text (fractions, ordinals, arrows): not here, so a site
#: with it always renders.
_PLAIN_SAFE_EXTENSIONS = HEADING_EXTENSIONS - {"pymdownx.smartsymbols"}
#: attr_list's trailing attribute list of a heading (its HEADER_RE), and the attributes that
#: are taken here: words and classes, no ``#id``, no ``key=value``, no ``}`` left over
_PLAIN_ATTRS = re.compile(r" +\{:? *([^} ][^}]*)\} *$")
_PLAIN_ATTR_WORDS = re.compile(r"\.?[A-Za-z][A-Za-z0-9-]*(?: +\.?[A-Za-z][A-Za-z0-9-]*)*")
#: valueless attributes toc reads: an id of None, a toc label of None
_ID_ATTRIBUTES = frozenset({"id", "data-toc-label"})
#: toc numbers repeated ids with a cache of counters since Python-Markdown 3.10; the ids are the
#: same with or without it, passed as that version's own treeprocessor passes it
_UNIQUE_COUNTERS = "counters" in inspect.signature(toc.unique).parameters


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
        plain = self.plain_ids(headings)
        return plain if plain is not None else self.rendered_ids(headings)

    def plain_ids(self, headings: Sequence[tuple[int, str]]) -> list[str] | None:
        """The ids without rendering, when every heading of the page is plain text; else None.

        A page is taken whole or not at all: an explicit id (``{#x}``) on any heading changes
        how toc numbers the others.
        """
        rules = self._plain_rules
        if self.slugify is None or rules is None:
            return None
        names = []
        for _level, text in headings:
            name = _plain_name(text, *rules)
            if name is None:
                return None
            names.append(name)
        used: set[str] = set()
        counters: dict[str, int] = {}
        slugify, separator = self.slugify, self.separator
        if _UNIQUE_COUNTERS:
            return [toc.unique(slugify(name, separator), used, counters) for name in names]
        return [toc.unique(slugify(name, separator), used) for name in names]  # pragma: no cover

    @cached_property
    def _plain_rules(self) -> tuple[frozenset[str], tuple[str, ...], bool] | None:
        """What the configured extensions make of plain text: the characters and sequences a
        heading must not hold, and whether attribute lists are read; None when an extension
        may rewrite plain text (every page is rendered)."""
        chars: set[str] = set()
        sequences: list[str] = []
        for name, options in self.extensions:
            if name not in _PLAIN_SAFE_EXTENSIONS or (name == "abbr" and options):
                return None  # abbr's glossary would wrap words, an attribute list's too
            more, seqs = _EXTENSION_UNSAFE.get(name, (frozenset(), ()))
            chars |= more
            sequences.extend(seqs)
        attr_list = any(name == "attr_list" for name, _ in self.extensions)
        return frozenset(chars), tuple(sequences), attr_list

    def rendered_ids(self, headings: Sequence[tuple[int, str]]) -> list[str]:
        """The ids as Python-Markdown renders them: the reference for every page."""
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


def _plain_name(
    text: str, unsafe: frozenset[str], sequences: tuple[str, ...], attr_list: bool
) -> str | None:
    """The heading's name as toc reads it from the rendered heading, for a heading that
    renders to its own text; None for any other heading.

    Python-Markdown's hash-header rule keeps the text after the '#'s (with no '#' in the
    text, no closing sequence is stripped); a setext heading is rendered with its lines joined
    (as `rendered_ids` joins them). With attr_list, a trailing list of valueless attributes
    (``{ data-search-exclude }``) is taken off and sets no id.
    """
    if text.startswith("#"):
        rest = text.lstrip("#")
        if len(text) - len(rest) > 6:
            return None  # seven '#'s: the render keeps one of them in the text
    else:
        rest = _one_line(text)
    if not (_PLAIN_ATTR_TEXT if attr_list else _PLAIN_TEXT).fullmatch(rest):
        return None
    if (unsafe and not unsafe.isdisjoint(rest)) or any(s in rest for s in sequences):
        return None
    rest = rest.strip()
    if "{" in rest or "}" in rest:
        m = _PLAIN_ATTRS.search(rest)
        if m is None or not _PLAIN_ATTR_WORDS.fullmatch(m.group(1).strip()):
            return None
        if any(word.lower() in _ID_ATTRIBUTES for word in m.group(1).split()):
            return None
        rest = rest[: m.start()]
        if "{" in rest or "}" in rest:
            return None
    return " ".join(rest.split())  # toc's strip_tags collapses whitespace


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
    """Python-Markdown with the site's heading extensions. Python-Markdown's own extensions are
    made as it makes one it finds by module (``makeExtension(**options)``): handed over by
    name, every installed package's entry points would be scanned for the name first (25 ms,
    once per process). The pymdownx ones are handed over by name."""
    configs = {name: dict(options) for name, options in spec.extensions}
    assert spec.slugify is not None
    configs["toc"] = {"slugify": spec.slugify, "separator": spec.separator}
    own = _own_extensions()
    extensions: list[str | Extension] = [
        own[name].makeExtension(**options) if name in own else name
        for name, options in configs.items()
    ]
    rest = {name: options for name, options in configs.items() if name not in own}
    return markdown.Markdown(extensions=extensions, extension_configs=rest)


@cache
def _own_extensions() -> dict[str, ModuleType]:
    """Python-Markdown's own extensions that a heading's id depends on, by configured name."""
    from markdown.extensions import abbr, attr_list, footnotes, smarty

    return {
        "abbr": abbr,
        "attr_list": attr_list,
        "footnotes": footnotes,
        "smarty": smarty,
        "toc": toc,
    }


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
