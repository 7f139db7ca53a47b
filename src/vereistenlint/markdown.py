"""The one Markdown parser of the package, built to read a page the way the website renders it.

The site (mkdocs.yml) enables ``admonition``, ``pymdownx.details`` and ``pymdownx.tabbed``:
``!!! type "title"``, ``??? type "title"``, ``???+ ...`` and ``=== "title"`` open containers whose
content is indented by four spaces or a tab. A plain CommonMark parser reads that content as a
code block, so nothing inside would ever be checked.

Admonitions and collapsible blocks are parsed by mdit-py-plugins' ``admon`` plugin, but only
after their opener has passed Python-Markdown's own test: the plugin also takes openers that the
website shows as literal text (a space before ``!!!``, a quoted title where the type belongs,
two spaces after the marker), and it closes a block at two blank lines where Python-Markdown
keeps reading indented text into it. Content tabs get a small block rule of their own with
pymdownx.tabbed's semantics. Openers that look meant but are refused are recorded in the
environment (``env["rejected"]``), so the container rules can say why a box did not appear.
"""

from __future__ import annotations

import functools
import logging
import re
import types
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore, text_join
from markdown_it.rules_core import inline as inline_rule
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.admon.index import admonition as _mdit_admonition

from . import blockdispatch
from .resources import load_json

TAB_WIDTH = 4  # Python-Markdown's tab_length: content is indented by this much, tabs expand to it
#: blocks whose content Python-Markdown reads more loosely than CommonMark indents it (a list
#: item's content is indented by four there, by the marker's width here); elsewhere an opener
#: must stand at the very start of its block. (``state.parentType`` cannot say which block we
#: are in: markdown-it's setext-heading rule leaves it set to "paragraph" when it fails.)
_LOOSE_BLOCKS = ("list", "blockquote")
_WORD_EXTRA = "-_"


class Rejected(NamedTuple):
    """An opener-like line that the website prints literally."""

    line: int  # 0-based line in the parsed text
    column: int  # 0-based column of the marker
    marker: str
    problem: str  # leading-space, indented, no-type, title-as-type, unrecognised


class Opener(NamedTuple):
    kind: str  # admonition, details or tab
    markup: str  # !!!, ???, ???+, ===, ===+ ...
    classes: tuple[str, ...]  # lower-cased, as the extension puts them on the box
    title: str | None  # None when the extension derives it from the type, or shows none


@cache
def admonition_types() -> frozenset[str]:
    data = load_json("markdown.json")
    return frozenset(data["admonition_types"])


@cache
def expanded_comments() -> tuple[str, ...]:
    return tuple(load_json("markdown.json")["expanded_comments"])


def _is_word(text: str) -> bool:
    return bool(text) and all(ch.isalnum() or ch in _WORD_EXTRA for ch in text)


def _classes(text: str) -> tuple[str, ...] | None:
    """Words separated by spaces (``[\\w-]+(?: +[\\w-]+)*``), or None."""
    words = text.split(" ")
    if not words or not all(w == "" or _is_word(w) for w in words) or not words[0]:
        return None
    if not words[-1]:
        return None
    return tuple(w.lower() for w in words if w)


def parse_opener(text: str) -> Opener | str | None:
    """What Python-Markdown makes of a line that starts with a container marker.

    Returns the opener, a problem name when the line was clearly meant as one but is not
    recognised, or None when the line is not an opener attempt at all. Written as plain
    string work, never a backtracking pattern: each line is read a fixed number of times.
    """
    if text.startswith("==="):
        return _tab_opener(text)
    if text.startswith("!!!"):
        markup, kind = "!!!", "admonition"
    elif text.startswith("???+"):
        markup, kind = "???+", "details"
    elif text.startswith("???"):
        markup, kind = "???", "details"
    else:
        return None
    rest = text[len(markup) :].rstrip(" ")
    quote = rest.find('"')
    if quote < 0:
        head, title = rest, None
    else:
        if len(rest) - quote < 2 or not rest.endswith('"'):
            return "unrecognised"
        head, title = rest[:quote], rest[quote + 1 : -1]
    if not head.strip(" "):
        if title is None:
            return "no-type"
        if kind == "admonition":
            return "title-as-type"
        # a collapsible block may have a title and no type, after at least one space
        return Opener(kind, markup, (), title) if head else "unrecognised"
    lead = head[1:] if head.startswith(" ") else head
    if title is not None:
        if not lead.endswith(" "):
            return "unrecognised"
        lead = lead.rstrip(" ")
    classes = _classes(lead)
    if classes is None:
        return "unrecognised"
    return Opener(kind, markup, classes, title)


def _tab_opener(text: str) -> Opener | str | None:
    rest = text[3:]
    special = ""
    for candidate in ("+!", "!+", "+", "!"):
        if rest.startswith(candidate):
            special = candidate
            break
    rest = rest[len(special) :]
    if rest[:1] not in (" ", '"') or rest.strip(" =") == "":
        return None  # a setext underline or a rule of '=' signs, not a tab
    body = rest.rstrip(" ")
    stripped = body.lstrip(" ")
    if (
        len(stripped) < 2
        or not stripped.startswith('"')
        or not stripped.endswith('"')
        or stripped == body  # no space between the marker and the title
    ):
        return "unrecognised"
    return Opener("tab", "===" + special, (), stripped[1:-1])


def visual_indent(line: str) -> int:
    """The indentation of a line as Python-Markdown sees it: tabs expand to the next stop of 4."""
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += TAB_WIDTH - width % TAB_WIDTH
        else:
            break
    return width


# -- block rules ------------------------------------------------------------------------


def _record(state: StateBlock, line: int, marker: str, problem: str) -> None:
    rejected: dict[int, Rejected] = state.env.setdefault("rejected", {})
    if line not in rejected:
        column = state.tShift[line]
        rejected[line] = Rejected(line, column, marker, problem)


def _line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _check_opener(state: StateBlock, line: int) -> Opener | None:
    """The opener on this line if the website takes it; near misses are recorded."""
    text = _line_text(state, line)
    if text[:3] not in ("!!!", "???", "==="):
        return None
    opener = parse_opener(text)
    if opener is None:
        return None
    offset = state.sCount[line] - state.blkIndent
    strict = _strict(state)
    if isinstance(opener, str):
        if offset < TAB_WIDTH:
            _record(state, line, text[:3], opener)
        return None
    if strict and offset >= TAB_WIDTH:
        if offset < 2 * TAB_WIDTH:
            _record(state, line, opener.markup, "indented")
        return None
    if strict and offset > 0:
        _record(state, line, opener.markup, "leading-space")
        return None
    if offset >= TAB_WIDTH:
        return None
    return opener


def _strict(state: StateBlock) -> bool:
    blocks: list[str] = state.env.get("blocks", [])
    return not blocks or blocks[-1] not in _LOOSE_BLOCKS


def _inside(kind: str, rule: Any) -> Any:
    """A block rule that notes, while it reads its content, which kind of block we are in.

    A silent call (does a block start here?) reads no content, so it is passed straight on:
    the list and blockquote rules answer it before they tokenize anything.
    """

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if silent:
            return bool(rule(state, start, end, silent))
        blocks = state.env.setdefault("blocks", [])
        blocks.append(kind)
        try:
            return bool(rule(state, start, end, silent))
        finally:
            blocks.pop()

    wrapped.silent_rule = rule  # type: ignore[attr-defined]  # what a silent call amounts to
    return wrapped


def _body_end(state: StateBlock, start: int, end: int, indent: int) -> int:
    """One past the last line indented under an opener; blank lines never end a body."""
    last = start
    line = start + 1
    while line < end:
        if state.isEmpty(line):
            line += 1
            continue
        if state.sCount[line] < indent:
            break
        last = line
        line += 1
    return last + 1


#: What every opener starts with, tested first in each rule (most lines start with none; a
#: helper called per line would cost more than the test). markdown-it has turned every line
#: break into "\n", so a line shorter than a marker cannot match one by running on.
_MARKERS = ("!!!", "???", "===")


def _admonition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if (
        not state.src.startswith(_MARKERS, state.bMarks[start] + state.tShift[start])
        or state.sCount[start] - state.blkIndent >= 2 * TAB_WIDTH
    ):
        return False
    opener = _check_opener(state, start)
    if opener is None or opener.kind == "tab":
        return False
    if silent:
        return True
    # mdit closes the box at two blank lines; Python-Markdown reads on while text is indented:
    # let those blank lines count as indented while the plugin looks for the end
    indent = state.sCount[start] + TAB_WIDTH
    last = _body_end(state, start, end, indent)
    saved = {}
    for line in range(start + 1, last):
        if state.isEmpty(line) and state.sCount[line] < indent:
            saved[line] = state.sCount[line]
            state.sCount[line] = indent
    first = len(state.tokens)
    blocks = state.env.setdefault("blocks", [])
    blocks.append("admonition")
    try:
        taken = _mdit_admonition(state, start, last, silent)
    finally:
        blocks.pop()
        for line, count in saved.items():
            state.sCount[line] = count
    if taken:
        token = state.tokens[first]
        token.meta = {
            **(token.meta or {}),
            "kind": opener.kind,
            "classes": list(opener.classes),
            "title": opener.title,
            "column": state.tShift[start],
            "indent": indent,
        }
    return taken


def _tab(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if (
        not state.src.startswith(_MARKERS, state.bMarks[start] + state.tShift[start])
        or state.sCount[start] - state.blkIndent >= 2 * TAB_WIDTH
    ):
        return False
    opener = _check_opener(state, start)
    if opener is None or opener.kind != "tab":
        return False
    if silent:
        return True
    indent = state.sCount[start] + TAB_WIDTH
    last = _body_end(state, start, end, indent)
    old = (state.parentType, state.lineMax, state.blkIndent)
    state.parentType = "tab"
    state.lineMax = last
    state.blkIndent = indent
    token = state.push("tab_open", "div", 1)
    token.block = True
    token.markup = opener.markup
    token.map = [start, last]
    token.meta = {
        "kind": "tab",
        "classes": [],
        "title": opener.title,
        "column": state.tShift[start],
        "indent": indent,
    }
    blocks = state.env.setdefault("blocks", [])
    blocks.append("tab")
    state.md.block.tokenize(state, start + 1, last)
    blocks.pop()
    token = state.push("tab_close", "div", -1)
    token.block = True
    token.markup = opener.markup
    state.parentType, state.lineMax, state.blkIndent = old
    state.line = last
    return True


def _indented_opener(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Notes an opener indented into a code block (the code rule would take it silently)."""
    if not state.src.startswith(_MARKERS, state.bMarks[start] + state.tShift[start]):
        return False
    offset = state.sCount[start] - state.blkIndent
    if TAB_WIDTH <= offset < 2 * TAB_WIDTH and _strict(state):
        text = _line_text(state, start)
        if text[:3] in ("!!!", "???", "===") and isinstance(parse_opener(text), Opener):
            _record(state, start, text[:3], "indented")
    return False


class _NoDebug:
    """A logger that drops debug records, for `_quiet`."""

    def debug(self, *args: object, **kwargs: object) -> None:
        pass


_NO_DEBUG = _NoDebug()


def _quiet(md: MarkdownIt) -> None:
    """Give this parser copies of markdown-it's block rules that do not log each entry.

    Every block rule logs at debug level each time it is tried, about 330 calls per page
    and a tenth of the block phase; the copies differ from the originals in that name only.
    Nothing is left out when markdown-it's debug log is on: then the originals stay.
    """
    if logging.getLogger("markdown_it").isEnabledFor(logging.DEBUG):
        return
    for rule in md.block.ruler.__rules__:
        fn = rule.fn
        if isinstance(fn, types.FunctionType) and "LOGGER" in fn.__code__.co_names:
            names = {**fn.__globals__, "LOGGER": _NO_DEBUG}
            copy = types.FunctionType(
                fn.__code__, names, fn.__name__, fn.__defaults__, fn.__closure__
            )
            copy.__kwdefaults__ = fn.__kwdefaults__
            rule.fn = functools.update_wrapper(copy, fn)
    md.block.ruler.__cache__ = None  # the rule chains are built again, from the copies


#: the first characters of the lines our block rules look at (`blockdispatch`): each of them
#: notes a refused opener of any kind, so each is given every marker
_OWN_FIRST = {_admonition: "!?=", _tab: "!?=", _indented_opener: "!?="}


def build(*, inline: bool = True, quiet: bool = True, dispatch: bool = True) -> MarkdownIt:
    """CommonMark with raw HTML (the website keeps comments), GitHub tables, and the containers;
    `dispatch`: block rules tried by a line's first character (`blockdispatch`), the same
    tokens in about two thirds of the block phase's time."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    if quiet:
        _quiet(md)
    md.use(admon_plugin)
    alt = ["paragraph", "reference", "blockquote", "list"]
    md.block.ruler.at("admonition", _admonition, {"alt": alt})
    md.block.ruler.before("fence", "content_tab", _tab, {"alt": alt})
    for name in _LOOSE_BLOCKS:
        rule = next(r for r in md.block.ruler.__rules__ if r.name == name)
        md.block.ruler.at(name, _inside(name, rule.fn), {"alt": list(rule.alt)})
    md.block.ruler.before("code", "indented_opener", _indented_opener)
    if not inline:
        md.core.ruler.disable(["inline", "text_join"])
    if dispatch:
        blockdispatch.install(md, _OWN_FIRST)
    return md


#: the full parser: every inline token has its children (the site stage reads them all)
PARSER = build()
#: the same parser without the inline phase, for `Document`: most rules read block tokens
#: only, and the inline phase is about a third of the parse; `Parsed.children` runs it per
#: token where a rule asks
BLOCKS = build(inline=False)


@dataclass(frozen=True)
class Parsed:
    tokens: list[Token]
    rejected: tuple[Rejected, ...]
    #: the labels of the reference definitions ('[label]: address'), normalised as the parser does
    references: frozenset[str] = frozenset()
    #: the environment of the block phase (reference definitions), for `children`
    env: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    parser: MarkdownIt = field(default=PARSER, repr=False, compare=False)
    #: whether the parser left out the inline phase, which `children` then runs
    lazy: bool = False
    #: the inline tokens whose children are parsed (by id: the token list keeps them alive);
    #: not "children is None", since some block rules give a token an empty list to fill
    _done: set[int] = field(default_factory=set, repr=False, compare=False)

    def children(self, inline: Token) -> list[Token]:
        """The inline tokens of an ``inline`` token, parsed on first use.

        Exactly what the full parser's inline phase gives: markdown-it's own two core rules
        (``inline``, then ``text_join``) run over this one token, with the environment of
        the block phase. The inline rules only read that environment, and each token's
        children depend on its own content alone, so one token at a time is the same as all
        at once.
        """
        if self.lazy and id(inline) not in self._done:
            self._done.add(id(inline))
            state = StateCore(inline.content, self.parser, self.env, [inline])
            inline_rule(state)
            text_join(state)
        return inline.children or []


def parse(text: str, parser: MarkdownIt = BLOCKS) -> Parsed:
    env: dict[str, Any] = {}
    tokens = parser.parse(text, env)
    rejected = env.get("rejected", {})
    references = frozenset(env.get("references", {}))
    lazy = "inline" not in parser.core.ruler.get_active_rules()
    found = tuple(rejected[k] for k in sorted(rejected))
    return Parsed(tokens, found, references, env, parser, lazy)


#: What inline content must be free of, once its simple links are taken out, to be sure to
#: parse to text without a bracket and to links and images with a usable address. Left out
#: as the parser could make anything of them: '<' (autolinks, HTML), '&' (an entity can be a
#: bracket), '\\' (escapes) and '`' (code spans); and every bracket not in a simple link.
_SPECIAL = re.compile(r"[\[\]<&\\`]")
#: ``[label](address)`` that markdown-it surely takes as a link: a one-line label without
#: special characters, an address without spaces, brackets, quotes or parentheses, and with
#: a colon only after http(s), since markdown-it refuses javascript:, vbscript:, file: and
#: data: addresses and leaves their brackets as text. A match holds one '[' and one ']', so
#: taking the matches out leaves a special character exactly when the content is not plain
#: text and simple links (each '[' is tried once; the label stops at the next special one).
_SIMPLE_LINK = re.compile(
    r"\[[^\[\]<&\\`\n]*\]"
    r"\((?:https?://[^\s()<>\[\]\\&`\"']+|[^\s()<>\[\]\\&`\"':]+)\)"
)


def may_break_links(content: str) -> bool:
    """False only when the inline content is sure to parse to text without a bracket and to
    links and images whose address is usable: the link rules look for brackets left as text
    and for empty or doubled addresses, and can skip the inline parse of such content (see
    `Parsed.children`)."""
    if _SPECIAL.search(content) is None:
        return False
    return _SPECIAL.search(_SIMPLE_LINK.sub("", content)) is not None


CONTAINER_OPEN = ("admonition_open", "tab_open")
CONTAINER_CLOSE = ("admonition_close", "tab_close")
