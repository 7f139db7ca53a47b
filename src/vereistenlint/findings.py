"""What a check yields before the engine knows the file's display path or the user's language.

A finding names its message by key; `messages.render` turns key and arguments into text,
so every message lives in one table and can exist in more than one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace the text from (line, column) up to (end_line, end_column) with `text`.

    Lines and columns are 0-based indexes into `Document.lines` (lines without their line
    endings); a newline in `text` becomes the file's own line ending when applied.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


#: A key's place in the front matter: ("hide",), ("rekenregels", 0, "impactvol")
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    #: an unsafe fix may change what the file means; it is applied only with --unsafe-fixes
    safe: bool = True
    #: what the front matter holds after the fix, as (key path, new value) for each key the
    #: fix means to change; every other value must stay as it was, or the fix is not applied
    #: (see yamledit.verify). Empty: the fix must leave the front matter's data alone.
    intent: tuple[tuple[KeyPath, object], ...] = field(default=(), hash=False)
    #: why no fix can be made although the finding is of a fixable kind (a key of the
    #: locale's [ui] table); such a fix has no edits and is reported, never applied
    refusal: str = ""


class Finding(NamedTuple):
    code: str
    line: int
    column: int
    key: str
    args: tuple[tuple[str, str], ...] = ()
    fix: Fix | None = None


def finding(
    code: str, line: int, column: int, key: str, /, *, fix: Fix | None = None, **args: object
) -> Finding:
    return Finding(code, line, column, key, tuple((k, fmt(v)) for k, v in args.items()), fix)


def fmt(value: object) -> str:
    """A value as an editor would recognise it in a message."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt(v) for v in value)
    if value is None:
        return "null"
    return stable(value)


#: marks a word of ours inside a message argument; it is translated when the message is rendered
TERM = "\x1f"


def term(key: str) -> str:
    """A translatable word (a key of the locale's [ui] table) to put inside a message argument."""
    return f"{TERM}{key}{TERM}"


def quote(value: object) -> str:
    """A front-matter value quoted for a message: 'x', or a word for an empty value."""
    if value is None:
        return term("value.empty")
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return term("type.mapping")
    if isinstance(value, list):
        return term("type.list")
    return f"'{stable(value)}'"


def stable(value: object) -> str:
    """A value as text that is the same on every run: a set (``!!set``) prints its items in
    hash order, which changes from one process to the next, so they are sorted."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(repr(item) for item in value)) + "}"
    return str(value)
