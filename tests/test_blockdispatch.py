"""The block rules tried by a line's first character (`blockdispatch`) give exactly the tokens
and the refused openers of the plain chains of rules.

Two things are checked: the whole parse against the parser without the dispatch, on every
Markdown file of the fixtures, of ../shared/corpus where it exists, of a generated repository
and on generated text; and the claim the dispatch rests on, rule by rule: on a line whose
first character is not one of a rule's, the rule returns False and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from vereistenlint import blockdispatch, markdown
from vereistenlint.load import load

from .conftest import sample_pages


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Whole files (front matter included: more kinds of line) and their bodies."""
    paths = sample_pages(tmp_path_factory, 15)
    found = []
    for path in paths:
        doc = load(path, path.name)
        found.append(path.read_text(encoding="utf-8", errors="replace"))
        if doc.readable:
            found.append("\n".join(doc.lines[doc.body_start :]))
    return found


#: every kind of line start: each rule's markers, near misses, indentation, nesting, lazy lines
_PIECES = [
    "text", "é", " ", "  ", "   ", "    ", "\t", "\n", "\n\n", "- ", "-", "* ", "+ ", "1. ", "1) ",
    "12. ", "0.", "> ", ">", "# ", "#", "###### ", "####### ", "[a]: /x", "[a]", "[^1]: n",
    "<div>", "</div>", "<!-- c -->", "<a href='x'>", "<?x?>", "<![CDATA[x]]>", "```", "~~~",
    "```py", "---", "***", "___", "- - -", "===", "=", "|a|b|\n|-|-|", "| x |", ":-:", "!!! note",
    '!!! tip "T"', '??? "x"', "???+ info", '=== "Tab"', '===+ "T"', " !!! note", "!!!", "???",
    "_e_", "`c`", "\\", "&amp;", "1", "a\n===", "a\n---",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(_PIECES), max_size=50).map("".join)


@cache
def _plain(inline: bool) -> MarkdownIt:
    return markdown.build(inline=inline, dispatch=False)


def _same(text: str) -> None:
    for fast, inline in ((markdown.BLOCKS, False), (markdown.PARSER, True)):
        env_fast: dict[str, Any] = {}
        env_slow: dict[str, Any] = {}
        got = [t.as_dict() for t in fast.parse(text, env_fast)]
        want = [t.as_dict() for t in _plain(inline).parse(text, env_slow)]
        assert got == want
        assert env_fast.get("rejected") == env_slow.get("rejected")
        assert env_fast.get("references") == env_slow.get("references")


def test_the_parsers_dispatch() -> None:
    for md in (markdown.BLOCKS, markdown.PARSER):
        chains = md.block.ruler.__cache__
        assert chains is not None and set(chains) >= {"", "paragraph", "list", "blockquote"}
        assert all(len(rules) == 1 and hasattr(rules[0], "rules") for rules in chains.values())


def test_dispatch_changes_no_token(texts: list[str]) -> None:
    assert len(texts) > 600
    for text in texts:
        _same(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_dispatch_changes_no_token_on_generated_text(text: str) -> None:
    _same(text)


def _rules_with_first_characters() -> list[tuple[str, Callable[..., bool], str]]:
    md = _plain(False)
    known = {**blockdispatch._FIRST, **markdown._OWN_FIRST}
    found = []
    for rule in md.block.ruler.__rules__:
        chars = blockdispatch.first_chars(rule.fn, known)
        if chars is not None:
            found.append((rule.name, rule.fn, chars))
    return found


def test_every_markdown_it_rule_that_can_is_dispatched() -> None:
    names = {name for name, _, _ in _rules_with_first_characters()}
    assert names == {
        "fence", "blockquote", "hr", "list", "reference", "html_block", "heading",
        "admonition", "content_tab", "indented_opener",
    }  # fmt: skip


def _refuses_other_lines(text: str) -> int:
    """Each rule with first characters, called on each line that starts otherwise (at the top
    level and under a list's indentation), silent or not: False, and nothing changed."""
    tried = 0
    md = _plain(False)
    for name, fn, chars in _rules_with_first_characters():
        for blk_indent in (0, 2):
            for silent in (True, False):
                env: dict[str, Any] = {}
                state = StateBlock(text, md, env, [])
                state.blkIndent = blk_indent
                before = (state.line, state.parentType, state.lineMax, list(state.sCount))
                for line in range(state.lineMax):
                    pos = state.bMarks[line] + state.tShift[line]
                    if pos >= state.eMarks[line] or state.src[pos] in chars:
                        continue
                    tried += 1
                    assert not fn(state, line, state.lineMax, silent), (name, line, text)
                    after = (state.line, state.parentType, state.lineMax, list(state.sCount))
                    # the list and blockquote rules leave an empty stack of noted blocks behind
                    # (`markdown._inside`), which reads as no stack at all (`markdown._strict`)
                    noted = {key: value for key, value in env.items() if value}
                    assert after == before and not state.tokens and not noted, (name, line)
    return tried


def test_a_rule_refuses_every_line_it_is_not_given(texts: list[str]) -> None:
    assert sum(_refuses_other_lines(text) for text in texts[:400]) > 10_000


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_a_rule_refuses_every_line_it_is_not_given_on_generated_text(text: str) -> None:
    _refuses_other_lines(text)


def test_a_wrong_table_of_first_characters_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison can fail: with heading said to need an 'x', a heading is a paragraph."""
    from markdown_it import rules_block

    monkeypatch.setitem(blockdispatch._FIRST, rules_block.heading, "x")
    broken = markdown.build(inline=False)
    text = "# Kop\n\ntekst\n"
    assert [t.type for t in broken.parse(text)] != [t.type for t in _plain(False).parse(text)]
    with pytest.raises(AssertionError):
        _refuses_other_lines(text)


def test_a_changed_ruler_goes_back_to_the_plain_chains() -> None:
    md = markdown.build(inline=False)
    md.block.ruler.disable("hr")
    assert not any(hasattr(fn, "rules") for fn in md.block.ruler.getRules(""))
    assert [t.type for t in md.parse("***\n")] == ["paragraph_open", "inline", "paragraph_close"]
