"""The list comments of every content page, as the website's build hook reads them (`markers`).

The hook takes the first argument as the only filter and ignores the rest: a second filter
narrows nothing, a flag for a column the table does not have switches nothing (warnings: the
list still renders). A filter whose name the listed pages do not carry, or whose value is
not in the vocabulary, gives an empty table (an error). Whether a filtered file stem exists
is judged against the whole repository (`repository`, VL405).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from .. import markers
from ..diagnostics import Severity
from ..document import Document
from ..findings import Finding, finding
from .base import Check, Context, Registered, Rule, codes

LIST_IGNORED = "VL304"
LIST_FILTER_UNKNOWN = "VL305"

RULES = (
    Rule(LIST_IGNORED, "list-ignored-argument", Severity.WARNING),
    Rule(LIST_FILTER_UNKNOWN, "list-filter", Severity.ERROR),
)
CODES = codes(RULES)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    if not ctx.profile.site_lists:
        return  # a format from before the website's current list hook
    governed_line = _governed_line(doc, ctx)
    for marker in markers.find(doc.lines, doc.body_start):
        spec = marker.spec
        if spec is None:
            continue
        # a requirement's own list_maatregelen: its flags and filters are VL302/VL303's
        governed = marker.line == governed_line
        for arg in marker.arguments:
            line, col = marker.line + 1, arg.column + 1
            if arg.is_filter and not arg.first:
                yield finding(
                    LIST_IGNORED,
                    line,
                    col,
                    "list.second_filter",
                    token=arg.text,
                    marker=marker.name,
                )
            elif arg.is_filter and not governed:
                yield from _check_filter(ctx, spec, marker.name, arg, line)
            elif not arg.is_filter and not governed and not _known_flag(arg.text, spec):
                yield finding(
                    LIST_IGNORED,
                    line,
                    col,
                    "list.unknown_flag",
                    token=arg.text,
                    allowed=[f"no-{c}" for c in spec["columns"]],
                )


def _governed_line(doc: Document, ctx: Context) -> int | None:
    """The line of the list comment the 'maatregelen' rules judge (VL301-VL303): the first
    one of its marker in the section they look in."""
    spec = ctx.profile.maatregelen
    section_spec = ctx.profile.section_spec("maatregelen")
    section = doc.section(section_spec.name) if spec and section_spec else None
    if spec is None or section is None:
        return None
    for marker in markers.find(doc.lines[: section.end], section.start):
        if marker.name == spec.marker:
            return marker.line
    return None


def _known_flag(token: str, spec: dict[str, Any]) -> bool:
    return any(
        token.startswith(prefix) and token[len(prefix) :] in spec["columns"]
        for prefix in markers.flag_prefixes()
    )


def _check_filter(
    ctx: Context, spec: dict[str, Any], marker: str, arg: markers.Argument, line: int
) -> Iterator[Finding]:
    filters: dict[str, str] = spec["filters"]
    if arg.name not in filters or "/" in arg.value or not arg.value:
        guess = difflib.get_close_matches(arg.name, list(filters), n=1)
        yield finding(
            LIST_FILTER_UNKNOWN,
            line,
            arg.column + 1,
            "list.unknown_filter" + ("_suggest" if guess else ""),
            token=arg.text,
            marker=marker,
            allowed=[f"{f}/" for f in filters],
            suggestion=guess[0] if guess else "",
        )
        return
    vocabulary = filters[arg.name]
    if vocabulary.startswith("@"):
        return  # a file stem: judged against the repository (VL405)
    allowed = ctx.vocabulary(vocabulary)
    if allowed is not None and arg.value not in allowed:
        guess = difflib.get_close_matches(arg.value, allowed, n=1)
        yield finding(
            LIST_FILTER_UNKNOWN,
            line,
            arg.value_column + 1,
            "list.unknown_value" + ("_suggest" if guess else ""),
            name=arg.name,
            value=arg.value,
            suggestion=guess[0] if guess else "",
        )


CHECKS: tuple[Registered[Check], ...] = (Registered(check, CODES),)
