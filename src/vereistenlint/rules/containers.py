"""Admonitions, collapsible blocks and content tabs that the website does not render as meant.

A box whose opener Python-Markdown does not recognise shows its opener as a line of text and
its indented body as a code block; a box whose body is not indented under it renders empty with
the text below it; text at the tabs' own indentation between two tabs splits them into two
tab blocks. The parser (markdown.py) knows what the website takes; these checks say where it
did not take what the editor clearly meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..document import Container, Document
from ..findings import Edit, Finding, Fix, finding
from ..markdown import admonition_types, visual_indent
from .base import Check, Context, Fixability, Registered, Rule, codes

E, W = Severity.ERROR, Severity.WARNING

OPENER_INDENT = "VL501"
OPENER_TYPE = "VL502"
OPENER_SYNTAX = "VL503"
UNKNOWN_TYPE = "VL504"
EMPTY = "VL505"
UNDERINDENTED = "VL506"
TABS_SPLIT = "VL507"

RULES = (
    Rule(OPENER_INDENT, "container-opener-indent", E, fix=Fixability.UNSAFE),
    Rule(OPENER_TYPE, "container-opener-type", E),
    Rule(OPENER_SYNTAX, "container-opener-syntax", E),
    Rule(UNKNOWN_TYPE, "container-unknown-type", W),
    Rule(EMPTY, "container-empty", E),
    Rule(UNDERINDENTED, "container-underindented", E),
    Rule(TABS_SPLIT, "tabs-split", E),
)
CODES = codes(RULES)

_RULE_OF_PROBLEM = {
    "leading-space": OPENER_INDENT,
    "indented": OPENER_INDENT,
    "no-type": OPENER_TYPE,
    "title-as-type": OPENER_TYPE,
    "unrecognised": OPENER_SYNTAX,
}
_KIND_WORD = {"admonition": "!!!", "details": "???", "tab": "==="}


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    types = admonition_types()
    owned = _owned_by_applicability(doc, ctx)
    yield from _rejected(doc, owned)
    for box in doc.containers:
        if owned is not None and box.kind == "tab" and owned[0] <= box.line - 1 < owned[1]:
            continue  # applicability-tabs says what is wrong with those tabs, and can fix it
        if box.kind != "tab" and box.classes and not any(c in types for c in box.classes):
            yield finding(
                UNKNOWN_TYPE,
                box.line,
                box.column + len(box.markup) + 1,
                "container.unknown_type",
                type=box.classes[0],
                types=sorted(types),
            )
        yield from _body(doc, box)
    yield from (
        f for f in _split_tabs(doc) if owned is None or not owned[0] <= f.line - 1 < owned[1]
    )


def _owned_by_applicability(doc: Document, ctx: Context) -> tuple[int, int] | None:
    """The lines of the section whose tabs the applicability rules check (one finding each)."""
    spec = ctx.profile.section_spec("applicability")
    section = doc.section(spec.name) if spec and ctx.profile.applicability else None
    return (section.start, section.end) if section is not None else None


def _rejected(doc: Document, owned: tuple[int, int] | None) -> Iterator[Finding]:
    for r in doc.rejected_openers:
        if r.marker == "===" and owned is not None and owned[0] <= r.line - 1 < owned[1]:
            continue  # a missing applicability tab: applicability-tabs reports and fixes it
        fix = None
        if r.problem == "leading-space":
            fix = Fix((Edit(r.line - 1, 0, r.line - 1, r.column - 1, ""),), safe=False)
        yield finding(
            _RULE_OF_PROBLEM[r.problem],
            r.line,
            r.column,
            f"container.{r.problem}",
            marker=r.marker,
            fix=fix,
        )


def _body(doc: Document, box: Container) -> Iterator[Finding]:
    opener_indent = box.indent - 4
    after = next((i for i in range(box.end, len(doc.lines)) if doc.lines[i].strip()), None)
    if after is not None:
        width = visual_indent(doc.lines[after])
        if opener_indent < width < box.indent:
            raw = doc.lines[after]
            yield finding(
                UNDERINDENTED,
                after + 1,
                len(raw) - len(raw.lstrip(" \t")) + 1,
                "container.underindented",
                marker=_KIND_WORD[box.kind],
                line=box.line,
                indent=box.indent,
            )
            return
    if not any(doc.lines[i].strip() for i in range(box.start, box.end)):
        yield finding(EMPTY, box.line, box.column, "container.empty", marker=_KIND_WORD[box.kind])


def _split_tabs(doc: Document) -> Iterator[Finding]:
    """Text standing between two tabs at their own level: the website makes two tab blocks."""
    if sum(box.kind == "tab" for box in doc.containers) < 2:
        return  # a finding needs a tab that closes and a later one that opens
    after_tab: dict[int, bool] = {}
    pending: dict[int, int | None] = {}
    for tok in doc.tokens:
        level = tok.level
        if tok.nesting == -1:
            for deeper in [lv for lv in after_tab if lv > level]:
                del after_tab[deeper]
                pending.pop(deeper, None)
            if tok.type == "tab_close":
                after_tab[level], pending[level] = True, None
            continue
        if tok.map is None or tok.type == "inline":
            continue
        if tok.type == "tab_open":
            first = pending.get(level)
            if first is not None:
                raw = doc.lines[first]
                yield finding(
                    TABS_SPLIT,
                    first + 1,
                    len(raw) - len(raw.lstrip(" \t")) + 1,
                    "container.tabs_split",
                )
            pending[level] = None
        elif tok.type in ("heading_open", "hr"):
            after_tab[level], pending[level] = False, None
        elif after_tab.get(level) and pending.get(level) is None:
            pending[level] = tok.map[0] + doc.body_start


CHECKS: tuple[Registered[Check], ...] = (Registered(check, CODES),)
