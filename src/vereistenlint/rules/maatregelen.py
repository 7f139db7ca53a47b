"""The 'Maatregelen' section asks the website for this requirement's measures.

The website replaces ``<!-- list_maatregelen vereiste/<stem> ... -->`` with the measures that
name the requirement; a wrong stem or an unknown filter silently gives an empty list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ..diagnostics import Severity
from ..document import Document
from ..findings import Edit, Finding, Fix, finding, term
from ..profiles import Maatregelen
from ..scan import finditer_closed
from .base import Check, Context, Fixability, Registered, Rule, codes

E = Severity.ERROR

LIST_MISSING = "VL301"
LIST_STEM = "VL302"
LIST_FILTER = "VL303"

RULES = (
    Rule(
        LIST_MISSING,
        "maatregelen-list",
        E,
        fix=Fixability.SAFE,
    ),
    Rule(
        LIST_STEM,
        "maatregelen-stem",
        E,
        fix=Fixability.SAFE,
    ),
    Rule(
        LIST_FILTER,
        "maatregelen-filter",
        E,
    ),
)
CODES = codes(RULES)

_LIST = re.compile(r"<!--\s*(?P<marker>[\w-]+)(?P<args>.*?)-->", re.DOTALL)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    spec = ctx.profile.maatregelen
    section_spec = ctx.profile.section_spec("maatregelen")
    if not spec or not section_spec:
        return
    section = doc.section(section_spec.name)
    if section is None:
        return  # missing-section says so
    for i in range(section.start, section.end):
        for m in finditer_closed(_LIST, doc.lines[i], "-->"):
            if m.group("marker") == spec.marker:
                yield from _check_args(doc, ctx, spec, i, m)
                return
    yield finding(
        LIST_MISSING,
        section.line,
        section.column,
        "maatregelen.missing",
        marker=spec.marker,
        own=spec.own,
        stem=doc.stem,
        fix=_if_writable(
            doc.stem,
            (
                Edit(
                    section.start,
                    0,
                    section.start,
                    0,
                    f"\n<!-- {spec.marker} {spec.own}/{doc.stem} -->\n",
                ),
            ),
        ),
    )


def _check_args(
    doc: Document, ctx: Context, spec: Maatregelen, index: int, m: re.Match[str]
) -> Iterator[Finding]:
    filters = spec.filters
    flags = spec.flags
    own = spec.own
    named_self = False
    for token in re.finditer(r"\S+", m.group("args")):
        text = token.group()
        col = m.start("args") + token.start() + 1
        name, sep, value = text.partition("/")
        if not sep:
            if text not in flags:
                yield finding(
                    LIST_FILTER,
                    index + 1,
                    col,
                    "maatregelen.unknown_flag",
                    token=text,
                    allowed=flags or [term("word.none")],
                )
            continue
        if name not in filters:
            guess = difflib.get_close_matches(name, list(filters), n=1)
            key = "maatregelen.unknown_filter" + ("_suggest" if guess else "")
            yield finding(
                LIST_FILTER,
                index + 1,
                col,
                key,
                name=name,
                allowed=list(filters),
                suggestion=guess[0] if guess else "",
            )
            continue
        if name == own:
            named_self = True
            if value != doc.stem:
                yield finding(
                    LIST_STEM,
                    index + 1,
                    col + len(name) + 1,
                    "maatregelen.stem",
                    value=value,
                    stem=doc.stem,
                    fix=_if_writable(
                        doc.stem,
                        (Edit(index, col + len(name), index, col - 1 + len(text), doc.stem),),
                    ),
                )
            continue
        vocabulary_name = filters[name]
        allowed = ctx.vocabulary(vocabulary_name) if vocabulary_name else None
        if allowed is not None and value not in allowed:
            guess = difflib.get_close_matches(value, allowed, n=1)
            key = "maatregelen.unknown_value" + ("_suggest" if guess else "")
            yield finding(
                LIST_FILTER,
                index + 1,
                col + len(name) + 1,
                key,
                name=name,
                value=value,
                suggestion=guess[0] if guess else "",
            )
    if not named_self:
        col = m.start("marker") + 1
        yield finding(
            LIST_STEM,
            index + 1,
            col,
            "maatregelen.no_stem",
            marker=spec.marker,
            own=own,
            stem=doc.stem,
            fix=_if_writable(
                doc.stem,
                (Edit(index, m.end("marker"), index, m.end("marker"), f" {own}/{doc.stem}"),),
            ),
        )


def _if_writable(stem: str, edits: tuple[Edit, ...]) -> Fix | None:
    """A fix that writes the file's stem, unless the name holds bytes that are not UTF-8
    (the file is UTF-8 text: such a stem cannot be written into it)."""
    try:
        stem.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return Fix(edits)


CHECKS: tuple[Registered[Check], ...] = (Registered(check, CODES),)
