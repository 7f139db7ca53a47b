"""What a check yields before the engine knows the file's display path or the user's language.

A finding names its message by key; `messages.render` turns key and arguments into text,
so every message lives in one table and can exist in more than one language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    code: str
    line: int
    column: int
    key: str
    args: tuple[tuple[str, str], ...] = ()


def finding(code: str, line: int, column: int, key: str, /, **args: object) -> Finding:
    return Finding(code, line, column, key, tuple((k, fmt(v)) for k, v in args.items()))


def fmt(value: object) -> str:
    """A value as an editor would recognise it in a message."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt(v) for v in value)
    if value is None:
        return "null"
    return str(value)


def quote(value: object) -> str:
    """A front-matter value quoted for a message: 'x', or 'empty' for a null."""
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"
