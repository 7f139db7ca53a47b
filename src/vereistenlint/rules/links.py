"""Link syntax that the website prints as literal brackets, anywhere in the body.

The sources section has its own rule (VL109, broken-link); these rules look at the rest of the
body for the same mistakes, and everywhere for those VL109 does not know: a link written as
another link's address, an image without its '[', and (in the sources) a bare '[text]' with no
reference definition, where a link was clearly meant. The parser finds the paragraphs and cells
it could not read; `linksyntax.scan` finds the place in one pass.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from ..diagnostics import Severity
from ..document import Document, Section
from ..findings import Finding, finding
from ..linksyntax import Problem, scan
from ..markdown import may_break_links
from .base import Check, Context, Registered, Rule, codes

E = Severity.ERROR

LINK_SYNTAX = "VL125"
LINK_AS_TARGET = "VL126"
IMAGE_SYNTAX = "VL127"
UNDEFINED_REFERENCE = "VL128"

RULES = (
    Rule(LINK_SYNTAX, "link-syntax", E),
    Rule(LINK_AS_TARGET, "link-as-target", E),
    Rule(IMAGE_SYNTAX, "image-syntax", E),
    Rule(UNDEFINED_REFERENCE, "undefined-reference", E),
)
CODES = codes(RULES)

#: problem kind -> (code, message key)
_KINDS = {
    "empty": (LINK_SYNTAX, "link.empty"),
    "space": (LINK_SYNTAX, "link.space"),
    "no-open": (LINK_SYNTAX, "link.no_open"),
    "unclosed": (LINK_SYNTAX, "link.unclosed"),
    "nested": (LINK_AS_TARGET, "link.as_target"),
    "image-no-open": (IMAGE_SYNTAX, "image.no_open"),
    "bare": (UNDEFINED_REFERENCE, "link.undefined_reference"),
}
#: what broken-link (VL109) already reports in the sources section
_SOURCES_RULE_KINDS = ("empty", "space", "no-open", "unclosed", "image-no-open")
_LIST_OR_ROW = ("-", "*", "+", "|")


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    spec = ctx.profile.section_spec("sources")
    sources = doc.section(spec.name) if spec else None
    lines = doc.code_free_lines
    done: set[tuple[int, int]] = set()
    for tok in doc.tokens:
        if tok.type != "inline" or tok.map is None or not _suspect(doc, tok):
            continue
        first, last = tok.map[0] + doc.body_start, tok.map[1] + doc.body_start
        if (first, last) in done:
            continue  # the cells of one table row share their line
        done.add((first, last))
        text = _without_comments("\n".join(lines[first:last]))
        starts = [0]
        for line in lines[first : last - 1]:
            starts.append(starts[-1] + len(line) + 1)
        in_sources = sources is not None and sources.start <= first < sources.end
        for problem in scan(text):
            if not _reported_here(doc, problem, in_sources, sources):
                continue
            row = bisect.bisect_right(starts, problem.offset) - 1
            index, column = first + row, problem.offset - starts[row]
            if problem.kind == "bare" and not doc.lines[index].lstrip().startswith(_LIST_OR_ROW):
                continue  # only in a list or table of sources is a link clearly meant
            code, key = _KINDS[problem.kind]
            yield finding(code, index + 1, column + 1, key, label=problem.label)


def _reported_here(
    doc: Document, problem: Problem, in_sources: bool, sources: Section | None
) -> bool:
    if problem.kind == "bare":
        return in_sources and normalizeReference(problem.label) not in doc.parsed.references
    return not (in_sources and problem.kind in _SOURCES_RULE_KINDS)


def _suspect(doc: Document, inline: Token) -> bool:
    """Whether the parser left link syntax it could not read: brackets as text, or a link whose
    address is empty or is itself a link."""
    if not may_break_links(inline.content):
        return False  # the common case, decided without parsing the inline content
    for child in doc.children(inline):
        if child.type == "text" and ("[" in child.content or "]" in child.content):
            return True
        if child.type in ("link_open", "image"):
            address = str(child.attrs.get("href", child.attrs.get("src", "")))
            if not address.strip() or "](" in address or "%5D(" in address:
                return True
    return False


def _without_comments(text: str) -> str:
    """The text with each '<!-- ... -->' blanked (columns kept): comments are not shown."""
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        stop = len(text) if end < 0 else end + 3
        out.append(text[pos:start])
        out.append("".join(c if c == "\n" else " " for c in text[start:stop]))
        pos = stop
    out.append(text[pos:])
    return "".join(out)


CHECKS: tuple[Registered[Check], ...] = (Registered(check, CODES),)
