"""The Markdown parser's fast paths give exactly what the slow ones give.

- `Document` parses block tokens only and an inline token's children on demand
  (`Parsed.children`): the tokens, children included, equal the full parser's.
- `may_break_links` lets the link rules skip that inline parse: where it says no, the full
  parse holds no bracket in its text and no link or image without a usable address (what
  the rules of rules/links.py and rules/text.py look for).
- The container rules test a line for a marker before anything else, the list and
  blockquote rules are passed a silent call without noting the block, and markdown-it's
  block rules are copies that do not log: the tokens and the refused openers equal those
  of the rules without these shortcuts.

Checked on every Markdown file of the fixtures, of ../shared/corpus where it exists, of a
generated repository (benchmarks/generate.py) and on generated text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from vereistenlint import markdown
from vereistenlint.load import load

from .conftest import sample_pages


def _bodies_of(paths: Iterator[Path]) -> list[str]:
    found = []
    for path in paths:
        doc = load(path, path.name)
        if doc.readable:
            found.append("\n".join(doc.lines[doc.body_start :]))
    return found


@pytest.fixture(scope="module")
def bodies(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    paths = sample_pages(tmp_path_factory, 14)
    return _bodies_of(iter(paths))


#: Markdown that exercises links, references, entities, escapes, autolinks, HTML, code,
#: containers, lists and blockquotes, for the generated text
_PIECES = [
    "[a](b)", "[a]", "[a]: /x", "![i](s)", "](", "%5D(", "[", "]", "<", ">", "&#91;",
    "&rsqb;", "&amp;", "\\[", "\\", "<https://x>", "<a href='x'>", "<!-- c -->", "`c`",
    "**b**", "_e_", "text", " ", "\n", "\n\n", "    ", "\t", "- ", "1. ", "> ", "# ", "## ",
    "!!! note", '!!! tip "T"', '??? "x"', "???+ info", '=== "Tab"', "===", "|a|b|\n|-|-|",
    "```", "~~~", "---", "***", "(", ")", "http://x.y", "é",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _tree(tokens: list[Token]) -> list[dict[str, Any]]:
    return [t.as_dict() for t in tokens]


def _lazy(text: str) -> list[Token]:
    parsed = markdown.parse(text)
    for tok in parsed.tokens:
        if tok.type == "inline":
            assert not tok.children  # nothing parsed it before it was asked for
            parsed.children(tok)
    return parsed.tokens


def _same_as_full(text: str) -> None:
    env: dict[str, Any] = {}
    full = markdown.PARSER.parse(text, env)
    assert _tree(_lazy(text)) == _tree(full)


def test_lazy_children_equal_the_full_parse(bodies: list[str]) -> None:
    assert len(bodies) > 300
    for text in bodies:
        _same_as_full(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_lazy_children_equal_the_full_parse_on_generated_text(text: str) -> None:
    _same_as_full(text)


def test_children_are_parsed_once() -> None:
    parsed = markdown.parse("[a](b) and *c*\n")
    inline = next(t for t in parsed.tokens if t.type == "inline")
    first = parsed.children(inline)
    assert [c.type for c in first][:3] == ["link_open", "text", "link_close"]
    assert parsed.children(inline) is first


def _harmless(children: list[Token]) -> bool:
    """What `may_break_links` promises, in the terms of the rules that rely on it."""
    for child in children:
        if child.type == "text" and ("[" in child.content or "]" in child.content):
            return False
        if child.type in ("link_open", "image"):
            address = str(child.attrs.get("href", child.attrs.get("src", "")))
            if not address.strip() or "](" in address or "%5D(" in address:
                return False
    return True


def _check_prefilter(text: str) -> tuple[int, int]:
    skipped = linked = 0
    for tok in markdown.PARSER.parse(text, {}):
        if tok.type == "inline" and not markdown.may_break_links(tok.content):
            skipped += 1
            linked += any(c.type in ("link_open", "image") for c in tok.children or [])
            assert _harmless(tok.children or []), tok.content
    return skipped, linked


def test_prefilter_skips_only_harmless_inline_content(bodies: list[str]) -> None:
    counts = [_check_prefilter(text) for text in bodies]
    assert sum(s for s, _ in counts) > 1000  # it does skip, links included
    assert sum(linked for _, linked in counts) > 500


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_prefilter_on_generated_text(text: str) -> None:
    _check_prefilter(text)


_ADDRESSES = ["u", "/a/b.md#c", "https://x.y/z?q=1", "javascript:x", "data:x", "Data:x", "a:b"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, *_ADDRESSES, "[a](", ")", "![", "*", "_"]), max_size=12))
def test_prefilter_on_generated_links(pieces: list[str]) -> None:
    _check_prefilter("".join(pieces))


@pytest.mark.parametrize(
    "content",
    [
        "&#91;x&#93;",
        "&lsqb;",
        "<https://a%5D(b>",
        "\\[x\\]",
        "[x]",
        "![i]()",
        "[a](javascript:x)",
        "[a](data:text/html,x)",
        "[a](b c)",
        "[a] (b)",
    ],
)
def test_prefilter_keeps_every_way_to_a_broken_link(content: str) -> None:
    assert markdown.may_break_links(content)
    assert not _harmless(markdown.PARSER.parse(content, {})[1].children or [])


@pytest.mark.parametrize("content", ["plain text", "[a](b)", "see ![i](p.png) and [l](https://x)"])
def test_prefilter_lets_plain_text_and_good_links_pass(content: str) -> None:
    assert not markdown.may_break_links(content)


# -- the container rules without their shortcuts ---------------------------------------


def _noting(kind: str, rule: Any) -> Any:
    """The block-noting wrapper as it was: every call, silent or not, is noted."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        blocks = state.env.setdefault("blocks", [])
        blocks.append(kind)
        try:
            return bool(rule(state, start, end, silent))
        finally:
            blocks.pop()

    return wrapped


def _marker_test_checked(rule: Any) -> Any:
    """The container rule, with its first test checked against the slow one on every line:
    the start of the line's own text (as `_check_opener` takes it) is a marker."""

    def wrapped(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        line = state.src[pos : state.eMarks[start]]
        assert state.src.startswith(markdown._MARKERS, pos) == (line[:3] in markdown._MARKERS)
        return bool(rule(state, start, end, silent))

    return wrapped


@cache
def _slow_parser() -> MarkdownIt:
    md = markdown.build(inline=False, quiet=False, dispatch=False)
    for r in md.block.ruler.__rules__:
        if r.name in markdown._LOOSE_BLOCKS:
            cells = r.fn.__closure__ or ()
            inner = next(c.cell_contents for c in cells if callable(c.cell_contents))
            r.fn = _noting(r.name, inner)  # the list or blockquote rule, noted as it was
        elif r.name in ("admonition", "content_tab", "indented_opener"):
            r.fn = _marker_test_checked(r.fn)
    md.block.ruler.__cache__ = None
    return md


def test_quiet_rules_are_copies_that_do_not_log() -> None:
    quiet = {r.name: r.fn for r in markdown.build().block.ruler.__rules__}
    loud = {r.name: r.fn for r in markdown.build(quiet=False).block.ruler.__rules__}
    assert quiet["paragraph"] is not loud["paragraph"]
    assert quiet["paragraph"].__code__ is loud["paragraph"].__code__
    assert quiet["paragraph"].__globals__["LOGGER"] is markdown._NO_DEBUG


def test_debug_logging_keeps_the_original_rules(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="markdown_it"):
        markdown.build().parse("text\n")
    assert any("entering paragraph" in r.getMessage() for r in caplog.records)


def _same_as_slow(text: str) -> None:
    fast, slow = markdown.parse(text), markdown.parse(text, _slow_parser())
    assert _tree(fast.tokens) == _tree(slow.tokens)
    assert fast.rejected == slow.rejected


def test_container_shortcuts_change_nothing(bodies: list[str]) -> None:
    for text in bodies:
        _same_as_slow(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_container_shortcuts_on_generated_text(text: str) -> None:
    _same_as_slow(text)
