"""markdown-it's block rules tried by a line's first character: the same rules, in the same
order, fewer calls.

For every line, markdown-it calls each block rule in turn until one takes it, and a paragraph
calls the rules that may interrupt it for each of its further lines: about fifteen calls per
line, most of them answered "no" by a rule that looks at the line's first character (after its
indentation) and finds not its own marker. Those calls are a large part of the block phase.
Here each chain of rules becomes one rule that looks at that character once and tries only
the rules that can take a line starting with it, in their order. The result is the same
because a rule left out is one that returns False for such a line without changing anything.

What each rule needs is known only for the rules named in `_FIRST` (markdown-it's own, checked
by identity, so a copy made by `markdown._quiet` counts as its original) and for the ones the
caller names; any other rule is tried on every line. A line with no character after its
indentation (blank, or the end of the text) is given the whole chain. A silent call of a rule
wrapped to note the block it reads (`markdown._inside`) is the wrapped rule's silent call, so
the chains of silent calls (those other than the main one) call the wrapped rule directly.
The chains are replaced in the ruler's cache only: any change to the rules rebuilds the cache
from the rules as they are, without this.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from markdown_it import MarkdownIt
from markdown_it import rules_block as rb
from markdown_it.rules_block import StateBlock

Rule = Callable[[StateBlock, int, int, bool], bool]

#: the first characters (after the indentation) of the lines each of markdown-it's block rules
#: can take; each returns False on any other line before it changes anything (markdown-it-py
#: 3 and 4: fence needs one of its markers, blockquote '>', hr one of '*-_', list a bullet or an
#: ASCII digit, reference '[', html_block '<', heading '#'). table, code, lheading and paragraph
#: can take a line starting with anything.
_FIRST: dict[Any, str] = {
    rb.fence: "~`",
    rb.blockquote: ">",
    rb.hr: "*-_",
    rb.list_block: "*-+0123456789",
    rb.reference: "[",
    rb.html_block: "<",
    rb.heading: "#",
}


def install(md: MarkdownIt, own: Mapping[Any, str] | None = None) -> None:
    """Replace each compiled chain of `md`'s block rules by one dispatching rule; `own` adds the
    first characters of the caller's rules (which must, like markdown-it's, return False on any
    other line without changing anything)."""
    ruler = md.block.ruler
    ruler.getRules("")  # compiles the chains
    chains = getattr(ruler, "__cache__", None)
    if not isinstance(chains, dict):  # a markdown-it that keeps its chains otherwise: as it is
        return
    known = {**_FIRST, **(own or {})}
    ruler.__cache__ = {
        name: [dispatcher([_silent(fn) if name else fn for fn in rules], known)]
        for name, rules in chains.items()
    }


def _silent(fn: Rule) -> Rule:
    return getattr(fn, "silent_rule", fn)


def first_chars(fn: Rule, known: Mapping[Any, str]) -> str | None:
    """The characters a line must start with for `fn` to take it, None when it may take any."""
    for candidate in (fn, _silent(fn), inspect.unwrap(_silent(fn))):
        if candidate in known:
            return known[candidate]
    return None


def dispatcher(rules: list[Rule], known: Mapping[Any, str]) -> Rule:
    """One rule that tries, in order, the rules of `rules` that can take the line."""
    firsts = [first_chars(fn, known) for fn in rules]
    marks = {ch for chars in firsts if chars for ch in chars}
    by_char = {
        ch: tuple(
            fn for fn, chars in zip(rules, firsts, strict=True) if chars is None or ch in chars
        )
        for ch in marks
    }
    anything = tuple(fn for fn, chars in zip(rules, firsts, strict=True) if chars is None)
    every = tuple(rules)

    def rule(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[line] + state.tShift[line]
        tried = by_char.get(state.src[pos], anything) if pos < state.eMarks[line] else every
        for fn in tried:  # noqa: SIM110 - a loop: any() over a generator costs a frame per line
            if fn(state, line, end, silent):
                return True
        return False

    rule.rules = every  # type: ignore[attr-defined]  # for the tests
    return rule
