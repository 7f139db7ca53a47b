"""The label expressions of ``uitzondering:``, parsed exactly as the website can evaluate them.

`docs/javascripts/filtering.js` (``evaluateLabelExpression``) rewrites every run of
``["']?[A-Za-z0-9_-]+["']?`` into ``hasLabel('...')`` and hands the rest to JavaScript. What
then evaluates is a boolean expression of labels with ``&&``, ``||``, ``!`` and parentheses;
anything else (a lone ``&``, ``and``, two labels side by side, an unclosed parenthesis) throws,
the error is swallowed and the requirement silently never matches. This parser accepts that
grammar and nothing more::

    expr := and ("||" and)*      and := not ("&&" not)*      not := "!" not | "(" expr ")" | LABEL
"""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(
    r"""(?P<space>\s+)|(?P<label>["']?[A-Za-z0-9_-]+["']?)|(?P<op>&&|\|\||!|\(|\))|(?P<bad>.)""",
    re.DOTALL,
)


class Label(NamedTuple):
    name: str
    #: 0-based offset of the label's first character in the expression (quote excluded)
    offset: int


class ExpressionError(ValueError):
    def __init__(self, offset: int, found: str) -> None:
        super().__init__(f"unexpected {found!r} at {offset}")
        self.offset = offset
        self.found = found


def parse(text: str) -> list[Label]:
    """The labels of a valid expression, in order; ExpressionError where it stops being one."""
    tokens: list[tuple[str, str, int]] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "bad"
        if kind == "space":
            continue
        if kind == "bad":
            raise ExpressionError(m.start(), m.group())
        tokens.append((kind, m.group(), m.start()))
    parser = _Parser(tokens, len(text))
    labels = parser.expr()
    if parser.pos < len(tokens):
        _, value, offset = tokens[parser.pos]
        raise ExpressionError(offset, value)
    return labels


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, int]], end: int) -> None:
        self.tokens = tokens
        self.pos = 0
        self.end = end

    def _peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def _fail(self) -> ExpressionError:
        if self.pos < len(self.tokens):
            _, value, offset = self.tokens[self.pos]
            return ExpressionError(offset, value)
        return ExpressionError(self.end, "")

    def expr(self) -> list[Label]:
        labels = self.conjunction()
        while self._peek() == "||":
            self.pos += 1
            labels += self.conjunction()
        return labels

    def conjunction(self) -> list[Label]:
        labels = self.negation()
        while self._peek() == "&&":
            self.pos += 1
            labels += self.negation()
        return labels

    def negation(self) -> list[Label]:
        if self.pos >= len(self.tokens):
            raise self._fail()
        kind, value, offset = self.tokens[self.pos]
        if value == "!":
            self.pos += 1
            return self.negation()
        if value == "(":
            self.pos += 1
            labels = self.expr()
            if self._peek() != ")":
                raise self._fail()
            self.pos += 1
            return labels
        if kind == "label":
            self.pos += 1
            lead = 1 if value[0] in "\"'" else 0
            return [Label(value.strip("\"'"), offset + lead)]
        raise self._fail()
