"""Broken link syntax in one stretch of Markdown text, found in a single pass.

The Markdown parser says *that* a paragraph or cell holds link syntax it could not read (brackets
left as text, a link without an address); this scanner says *where* and *what*. It reads the
text once from left to right with a stack of open brackets and a table of matching parentheses
made beforehand, so no position is ever read twice: linear in the text, whatever it holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

#: what an address in parentheses after '] ' starts with, for "[text] (address)" to be a link
#: that was meant (and not a bracketed remark followed by an aside in parentheses)
_ADDRESS_STARTS = ("http://", "https://", "www.", "mailto:", "/", "./", "../", "#")
_ADDRESS_ENDS = (".md", ".pdf", ".html", ".png", ".jpg", ".jpeg", ".svg", ".gif")
_TEXT_LEAD = " \t-*+|>"


class Problem(NamedTuple):
    kind: str  # empty, space, no-open, image-no-open, unclosed, nested, bare
    offset: int  # where it starts in the scanned text
    label: str = ""


def _matching_parens(text: str) -> dict[int, int]:
    """For each '(' the index of the ')' that closes it (backslash escapes respected)."""
    match: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            match[stack.pop()] = i
        elif ch == "\n":
            stack.clear()  # an address never spans lines
        i += 1
    return match


def looks_like_address(text: str) -> bool:
    text = text.strip()
    return (
        bool(text)
        and not any(c.isspace() for c in text)
        and (text.startswith(_ADDRESS_STARTS) or text.lower().endswith(_ADDRESS_ENDS))
    )


def scan(text: str) -> Iterator[Problem]:
    parens = _matching_parens(text)
    stack: list[int] = []
    run = 0  # where the current run of text begins (after a link, a cell border, a line start)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "|\n":
            run = i + 1
            if ch == "|":
                stack.clear()
        if ch == "[":
            stack.append(i)
        if ch != "]":
            i += 1
            continue
        opened = stack.pop() if stack else None
        after = i + 1
        k = after
        while k < n and text[k] in " \t":
            k += 1
        if k < n and text[k] == "(" and k in parens:
            close = parens[k]
            target = text[k + 1 : close]
            if k > after:  # '[text] (address)'
                if opened is not None and looks_like_address(target):
                    yield Problem("space", opened)
                    i = run = close + 1
                    continue
                i = after
                continue
            if opened is None:
                if looks_like_address(target):  # 'text](address)': a link that lost its '['
                    start = _text_start(text, run, i)
                    kind = "image-no-open" if text.startswith("!", start) else "no-open"
                    yield Problem(kind, start)
            elif not target.strip():
                yield Problem("empty", opened)
            elif "](" in target:
                yield Problem("nested", opened)
            i = run = close + 1
            continue
        if k == after and k < n and text[k] == "(":
            if opened is not None:  # a '(' that nothing on its line closes
                yield Problem("unclosed", opened)
            i = after
            continue
        reference_part = opened is not None and opened > 0 and text[opened - 1] == "]"
        if (
            opened is not None
            and not stack
            and not reference_part
            and not text.startswith(("[", ":"), after)
        ):
            label = text[opened + 1 : i]
            if label.strip() and not label.startswith("^") and label not in (" ", "x", "X"):
                yield Problem("bare", opened, label)
        i = after


def _text_start(text: str, run: int, end: int) -> int:
    """The first character of the text a broken link was written with."""
    pos = run
    while pos < end and text[pos] in _TEXT_LEAD:
        pos += 1
    return pos
