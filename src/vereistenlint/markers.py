"""The list comments of a page as the website's build hook reads them.

The hook (``src/overrides/hooks/lists.py`` of the content repo) replaces
``<!-- list_maatregelen vereiste/<stem> no-search ... -->`` with a table: it splits the
arguments on whitespace, takes the *first* one as the only filter (``name/value``, exactly one
slash), and reads ``no-<column>``/``add-<column>`` flags anywhere. The comment must stand on
one line. What the markers are, which filters and flags they take, is data: `schemas/lists.json`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from .resources import load_json

#: the marker's name at the start of a comment's text, and the arguments after it
_NAME = re.compile(r"\s*(?P<marker>list_[a-z_]+)", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")


class Argument(NamedTuple):
    text: str
    #: 0-based column of the argument on its line
    column: int
    #: the first argument: the only one the hook reads as a filter
    first: bool

    @property
    def is_filter(self) -> bool:
        return "/" in self.text

    @property
    def name(self) -> str:
        return self.text.partition("/")[0]

    @property
    def value(self) -> str:
        return self.text.partition("/")[2]

    @property
    def value_column(self) -> int:
        return self.column + len(self.name) + 1


class Marker(NamedTuple):
    name: str
    #: 0-based index into the document's lines, and column of the marker's name
    line: int
    column: int
    arguments: tuple[Argument, ...]

    @property
    def spec(self) -> dict[str, Any] | None:
        spec: dict[str, Any] | None = specs().get(self.name)
        return spec


@cache
def specs() -> dict[str, dict[str, Any]]:
    markers: dict[str, dict[str, Any]] = load_json("lists.json")["markers"]
    return markers


@cache
def flag_prefixes() -> tuple[str, ...]:
    return tuple(load_json("lists.json")["flag_prefixes"])


def find(lines: tuple[str, ...] | list[str], start: int = 0) -> Iterator[Marker]:
    """Every one-line list comment from line `start` on (code masked out by the caller).

    A cheap substring test first: most lines hold no list comment at all. Each comment is
    found by looking for its opener and then its first closer, never by a pattern that scans
    to the end of the line from every opener (a line of unclosed openers stays linear)."""
    for i in range(start, len(lines)):
        line = lines[i]
        if "list_" not in line:
            continue
        pos, closer = 0, -1
        while (opener := line.find("<!--", pos)) >= 0:
            if closer < opener + 4:  # the first closer after this opener (kept for the next)
                closer = line.find("-->", opener + 4)
            if closer < 0:
                break  # no later opener on this line is closed either
            m = _NAME.match(line, opener + 4, closer)
            if m is None:
                pos = opener + 1
                continue
            args = [
                Argument(token.group(), token.start(), n == 0)
                for n, token in enumerate(_TOKEN.finditer(line, m.end(), closer))
            ]
            yield Marker(m.group("marker").lower(), i, m.start("marker"), tuple(args))
            pos = closer + 3


def stem_references(
    lines: tuple[str, ...] | list[str], start: int, own: tuple[str, str] | None = None
) -> Iterator[tuple[Marker, Argument, str]]:
    """The first-argument filters that name a file stem, with the profile of that stem.

    `own`: (marker, filter name) that another rule already holds to the file's own stem
    (a requirement's ``list_maatregelen vereiste/...``)."""
    for marker in find(lines, start):
        spec = marker.spec
        if spec is None or not marker.arguments:
            continue
        arg = marker.arguments[0]
        if own is not None and own == (marker.name, arg.name):
            continue
        vocabulary = spec["filters"].get(arg.name) if arg.is_filter else None
        if vocabulary and vocabulary.startswith("@") and arg.value and "/" not in arg.value:
            yield marker, arg, vocabulary[1:]
