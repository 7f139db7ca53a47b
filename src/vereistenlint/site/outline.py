"""What one page offers to links and what it links to: its anchors and its links, each link at
the line and column of its destination in the file.

The page is read with the document's markdown-it parser. Admonitions (``!!! note``), collapsible
blocks (``???``, ``???+``) and content tabs (``=== "Tab"``) hold their content indented, which
CommonMark reads as a code block or as the continuation of a paragraph; the site renders it as
Markdown. Their openers are therefore blanked and their content dedented before parsing, line
for line, so every line keeps its number and every column can be mapped back. A page with no
opener is parsed as it is, exactly as its own check parses it: its outline is made from the
document's tokens (`Document.tokens`), which the check has made already. A flattened page is
parsed again, its inline content only where the lines hold a ``[``, ``]`` or ``<``: without
one, an inline token holds no link, image or HTML, which is all the outline reads of them.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

from markdown_it.common.utils import unescapeAll
from markdown_it.rules_core import StateCore, text_join
from markdown_it.token import Token

from ..document import MD, Document
from ..markdown import build
from .slugs import HeadingIds

_OPENER = re.compile(r"^(?:(?:!!!|\?\?\?\+?)[ \t]*[\w-]+|===[!+]?[ \t]+\")")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
#: an inline link's or image's destination: ](<dest>) or ](dest), one level of parentheses
_INLINE_DEST = re.compile(r"\]\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))")
_SPACED_DEST = re.compile(r"\]\(([^()\s\"'<>][^()\"'<>\n]* [^()\"'<>\n]*?)\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(?:<([^<>\n]*)>|(\S+))")
_HTML_LINK = re.compile(r"<(a|img)\b[^>]*?\s(href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_HTML_ID = re.compile(r"<[a-z][^>]*?\s(?:id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_ATTR_ID = re.compile(r"\{:?[ \t]*[^{}\n]*?#([^\s{}#.]+)[^{}\n]*\}")
_FOOTNOTE_DEF = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]+)\]:", re.M)
#: the document's parser without its inline rules (`_parse_flat` runs them where needed)
_BLOCKS = build(inline=False)
#: what an inline token must hold to give the outline a link or an id from its children
_LINK_CHARS = re.compile(r"[\[\]<]")


class Link(NamedTuple):
    """A link written on a page, with its destination as written and where that stands."""

    kind: str  # "link" (Markdown link), "image" (Markdown image) or "html" (<a href>, <img src>)
    url: str  # the destination as the site sees it (backslash escapes and entities resolved)
    line: int  # 1-based line of the destination in the file
    column: int  # 1-based column of the destination's first character
    #: length of the destination as written on that line, 0 when it was not found there
    length: int = 0


class Outline(NamedTuple):
    anchors: tuple[str, ...]
    links: tuple[Link, ...]


def pack(found: Outline) -> str:
    """The outline as one line of JSON, the form the site cache keeps it in: what a worker
    hands back instead of the objects (smaller to send and to keep)."""
    links = [[x.kind, x.url, x.line, x.column, x.length] for x in found.links]
    return json.dumps([list(found.anchors), links], ensure_ascii=False, separators=(",", ":"))


def unpack(text: str) -> Outline | None:
    """`pack`'s outline again; None when the text does not hold one (a damaged cache row)."""
    try:
        anchors, links = json.loads(text)
        return Outline(tuple(str(a) for a in anchors), tuple(Link(*link) for link in links))
    except (TypeError, ValueError, KeyError):
        return None


class PageOutline(NamedTuple):
    """A page's outline as a per-file check made it, for the link stage (small, picklable)."""

    rel: str  # the page, relative to docs_dir
    stamp: list[int] | None  # the file's stamp taken before it was read (cache.stamp)
    outline: Outline
    fingerprint: str  # the heading-id settings it was made with (HeadingIds.fingerprint)


class _Flat(NamedTuple):
    lines: list[str]
    #: characters of container indentation removed from the start of each line
    offsets: list[int]


def flatten(lines: Sequence[str]) -> _Flat:
    """The body with container openers blanked and their content dedented, line for line."""
    out = list(lines)
    offsets = [0] * len(lines)
    _flatten(out, offsets, 0, len(out))
    return _Flat(out, offsets)


def _flatten(lines: list[str], offsets: list[int], start: int, end: int) -> None:
    fence: str | None = None
    i = start
    while i < end:
        line = lines[i]
        m = _FENCE.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            i += 1
            continue
        if fence is not None or not _OPENER.match(line):
            i += 1
            continue
        lines[i] = ""
        j = i + 1
        while j < end:
            body = lines[j]
            if not body.strip():
                lines[j] = ""
            elif body.startswith("\t"):
                lines[j], offsets[j] = body[1:], offsets[j] + 1
            elif body.startswith("    "):
                lines[j], offsets[j] = body[4:], offsets[j] + 4
            else:
                break
            j += 1
        _flatten(lines, offsets, i + 1, j)
        i = j


def outline(doc: Document, ids: HeadingIds, *, reference: bool = False) -> Outline:
    """The anchors and links of one page; `reference`: without the fast paths (the page parsed
    on its own, every heading rendered), what the tests compare them with."""
    if not doc.readable:
        return Outline((), ())
    first = doc.body_start
    body = doc.lines[first:]
    flat = flatten(body)
    # nothing blanked: the text is the document's body, and the parser is the document's
    if reference:
        tokens = MD.parse("\n".join(flat.lines))
    else:
        tokens = _own_tokens(doc, flat) if flat.lines == body else _parse_flat(flat)
    headings: list[tuple[int, str]] = []
    anchors: list[str] = []
    links: list[Link] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map is not None:
            headings.append(_heading(tokens, i, flat.lines))
        elif tok.type == "inline" and tok.map is not None:
            if reference or "{" in tok.content:
                anchors.extend(_ATTR_ID.findall(_no_code(tok.content)))
            if reference or _may_link(flat.lines, tok.map):
                links.extend(_inline_links(tok, flat, first))
        elif tok.type == "html_block" and tok.map is not None:
            anchors.extend(_html_ids(tok.content))
            links.extend(_html_links(tok.content, tok.map[0], flat, first))
    anchors.extend(_html_ids_inline(tokens))
    for label in _FOOTNOTE_DEF.findall("\n".join(flat.lines)):
        anchors.extend((f"fn:{label}", f"fnref:{label}"))
    made = ids.rendered_ids(headings) if reference else ids.ids(headings)
    heading_ids = [h for h in made if h]
    return Outline(tuple(dict.fromkeys([*heading_ids, *anchors])), tuple(links))


def _heading(tokens: list[Token], i: int, lines: list[str]) -> tuple[int, str]:
    """(level, text) of the heading that opens at token `i`, as `HeadingIds.ids` takes it."""
    tok = tokens[i]
    assert tok.map is not None
    raw = lines[tok.map[0]]
    # an ATX heading as written, from its '#'s on: a list item's or quote's marker
    # before it is not part of it ("-   ## Kop" in a grid of cards)
    atx = tok.markup.startswith("#") and "#" in raw
    return int(tok.tag[1]), raw[raw.index("#") :] if atx else tokens[i + 1].content


def headings(doc: Document) -> list[tuple[int, str]]:
    """The headings of a page as `outline` hands them to `HeadingIds.ids` (for the tests)."""
    flat = flatten(doc.lines[doc.body_start :])
    tokens = MD.parse("\n".join(flat.lines))
    return [
        _heading(tokens, i, flat.lines)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.map is not None
    ]


def _own_tokens(doc: Document, flat: _Flat) -> list[Token]:
    """The document's own tokens, with the children of the inline tokens that may hold a link
    or inline HTML parsed (the document parses an inline token's children on demand)."""
    tokens = doc.tokens
    for tok in tokens:
        if tok.type == "inline" and (tok.map is None or _may_link(flat.lines, tok.map)):
            doc.children(tok)
    return tokens


def _parse_flat(flat: _Flat) -> list[Token]:
    """The flattened body's tokens as the document's parser makes them, with the children of
    the inline tokens whose lines hold no ``[``, ``]`` or ``<`` left out (see the docstring).

    The inline rules read nothing but the token's content and the reference definitions the
    block rules collected, so each token is parsed on its own as the core rule parses it,
    followed by the core rule that joins text (the only other one the parser runs)."""
    env: dict[str, object] = {}
    tokens = _BLOCKS.parse("\n".join(flat.lines), env)
    lines = flat.lines
    wanted = [
        tok
        for tok in tokens
        if tok.type == "inline" and (tok.map is None or _may_link(lines, tok.map))
    ]
    for tok in wanted:
        if tok.children is None:
            tok.children = []
        _BLOCKS.inline.parse(tok.content, _BLOCKS, env, tok.children)
    state = StateCore("", _BLOCKS, env)
    state.tokens = wanted
    text_join(state)
    return tokens


def _may_link(lines: list[str], where: list[int]) -> bool:
    """Whether an inline token's lines hold a character that every link, image and piece of
    inline HTML needs: its content is taken from those lines, so without one its children
    give the outline nothing."""
    return any(_LINK_CHARS.search(line) for line in lines[where[0] : where[1]])


def _no_code(text: str) -> str:
    """Code spans blanked, same length: what stands in code is never a link or an id."""
    if "`" not in text:
        return text
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _html_ids(text: str) -> Iterator[str]:
    for m in _HTML_ID.finditer(text):
        yield m.group(1) if m.group(1) is not None else m.group(2)


def _html_ids_inline(tokens: list[Token]) -> Iterator[str]:
    for tok in tokens:
        for child in tok.children or ():
            if child.type == "html_inline":
                yield from _html_ids(child.content)


@lru_cache(maxsize=4096)  # the same destinations recur on page after page
def _normal(raw: str) -> str:
    return MD.normalizeLink(unescapeAll(raw))


def _inline_links(tok: Token, flat: _Flat, first: int) -> Iterator[Link]:
    assert tok.map is not None
    start, stop = tok.map
    block = _no_code("\n".join(flat.lines[start:stop]))
    candidates = [
        (m.start(1) if m.group(1) is not None else m.start(2), m.group(1) or m.group(2) or "")
        for m in _INLINE_DEST.finditer(block)
    ]
    cursor = 0
    for m in _SPACED_DEST.finditer(block):
        # CommonMark takes no destination with spaces; Python-Markdown, and so the site, does
        if not any(c.type == "text" and m.group(1) in c.content for c in tok.children or ()):
            continue
        line, col = _position(block, m.start(1), start)
        raw = m.group(1)
        kind = "image" if m.start() > 0 and block[m.start() - 1 : m.start()] == "!" else "link"
        yield Link(kind, raw, line + first + 1, col + flat.offsets[line] + 1, len(raw))
    for child in tok.children or ():
        if child.type == "link_open":
            kind, href = "link", str(child.attrs.get("href", ""))
            if child.markup in ("autolink", "linkify"):
                continue
        elif child.type == "image":
            kind, href = "image", str(child.attrs.get("src", ""))
        elif child.type == "html_inline":
            yield from _html_links(child.content, start, flat, first)
            continue
        else:
            continue
        url = unquote(href)
        found = next(
            (k for k in range(cursor, len(candidates)) if _normal(candidates[k][1]) == href),
            None,
        )
        if found is not None:
            cursor = found + 1
            offset, raw = candidates[found]
            line, col = _position(block, offset, start)
            yield Link(kind, url, line + first + 1, col + flat.offsets[line] + 1, len(raw))
            continue
        ref = _definition(flat, href)
        if ref is not None:
            line, col, length = ref
            yield Link(kind, url, line + first + 1, col + flat.offsets[line] + 1, length)
        else:
            text = flat.lines[start]
            col = len(text) - len(text.lstrip())
            yield Link(kind, url, start + first + 1, col + flat.offsets[start] + 1)


def _definition(flat: _Flat, href: str) -> tuple[int, int, int] | None:
    """Where a reference definition with this destination stands: (line index, column, length)."""
    for i, text in enumerate(flat.lines):
        m = _REF_DEF.match(text)
        if m:
            group = 1 if m.group(1) is not None else 2
            if _normal(m.group(group)) == href:
                return i, m.start(group), len(m.group(group))
    return None


def _html_links(text: str, start: int, flat: _Flat, first: int) -> Iterator[Link]:
    """Links in raw HTML: the site leaves them as written, so the browser resolves them."""
    for m in _HTML_LINK.finditer(text):
        group = 3 if m.group(3) is not None else 4
        raw = m.group(group)
        before = text[: m.start(group)]
        line = start + before.count("\n")
        col = len(before) - (before.rfind("\n") + 1)
        where = flat.lines[line] if line < len(flat.lines) else ""
        found = where.find(raw) if raw else -1
        if found >= 0:
            col = found
        kind = "html-image" if m.group(2).lower() == "src" else "html"
        yield Link(kind, unquote(raw), line + first + 1, col + flat.offsets[line] + 1, len(raw))


def _position(block: str, offset: int, start: int) -> tuple[int, int]:
    """(0-based line index into the flattened body, 0-based column) of an offset in a block."""
    before = block[:offset]
    return start + before.count("\n"), offset - (before.rfind("\n") + 1)


def link_target(folder: str, url: str) -> str:
    """The file (relative to docs_dir) a Markdown link written in `folder` names, or ""."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    if not path or path.startswith("/") or ":" in path.split("/", 1)[0]:
        return ""
    return posixpath.normpath(posixpath.join(folder, path))
