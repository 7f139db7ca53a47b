"""The body follows the template: the tags marker first, then the template's sections, once each,
non-empty and in order. Sections the template does not have are reported as warnings."""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator

from ..diagnostics import Severity
from ..document import Document, Section
from ..findings import Edit, Finding, Fix, finding
from ..markdown import expanded_comments
from ..profiles import Profile, SectionSpec
from ..scan import sub_closed
from .base import Check, Context, Fixability, Registered, Rule, codes

E, W = Severity.ERROR, Severity.WARNING

TAGS_MARKER = "VL101"
MISSING_SECTION = "VL102"
DUPLICATE_SECTION = "VL103"
EMPTY_SECTION = "VL104"
SECTION_ORDER = "VL105"
UNEXPECTED_SECTION = "VL106"
SECTION_MARKER = "VL110"

RULES = (
    Rule(
        TAGS_MARKER,
        "tags-marker",
        E,
        fix=Fixability.SAFE,
    ),
    Rule(
        MISSING_SECTION,
        "missing-section",
        E,
    ),
    Rule(
        DUPLICATE_SECTION,
        "duplicate-section",
        E,
    ),
    Rule(
        EMPTY_SECTION,
        "empty-section",
        E,
    ),
    Rule(
        SECTION_ORDER,
        "section-order",
        E,
    ),
    Rule(
        UNEXPECTED_SECTION,
        "unexpected-section",
        W,
    ),
    Rule(
        SECTION_MARKER,
        "section-marker",
        E,
        fix=Fixability.SAFE,
    ),
)
CODES = codes(RULES)

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    if doc.front_matter is None:
        return  # not a requirement page as far as anyone can tell: one finding is enough
    profile = ctx.profile
    yield from _tags_marker(doc, profile.tags_marker)
    expected = profile.section_names
    markers = profile.markers
    seen: dict[str, Section] = {}
    sections = doc.sections
    too_high = _too_high(doc, sections, markers, profile)
    for section in sections:
        name = profile.canonical_section(section.name)
        if name is None:
            if _is_empty(doc, section, markers):
                yield _empty(section, too_high)
            if profile.extra_sections_allowed or section.line in too_high.values():
                continue  # a heading one level too high: the empty section's finding says so
            guess = difflib.get_close_matches(section.name, expected, n=1, cutoff=0.7)
            key = "section.unexpected_suggest" if guess else "section.unexpected"
            yield finding(
                UNEXPECTED_SECTION,
                section.line,
                section.column,
                key,
                name=section.name,
                suggestion=guess[0] if guess else "",
            )
            continue
        if name in seen:
            yield finding(
                DUPLICATE_SECTION,
                section.line,
                section.column,
                "section.duplicate",
                name=section.name,
                first=seen[name].line,
            )
            continue
        seen[name] = section
        spec = profile.sections[expected.index(name)]
        marker = spec.marker
        own_text = _marker_optional(doc, spec) and not _is_empty(doc, section, markers)
        if marker and not _holds(doc, section, marker) and not own_text:
            yield finding(
                SECTION_MARKER,
                section.line,
                section.column,
                "section.marker",
                name=section.name,
                marker=marker,
                fix=Fix((Edit(section.start, 0, section.start, 0, f"{marker}\n"),)),
            )
        elif _is_empty(doc, section, markers):
            yield _empty(section, too_high)
    unordered = {s.name for s in profile.sections if not s.ordered}
    yield from _order({k: v for k, v in seen.items() if k not in unordered}, expected)
    data = doc.mapping() or {}
    for spec in profile.sections:
        # a section that shows a front-matter list is needed where that list is
        needed = spec.required_if_key in data if spec.required_if_key else spec.required
        if needed and spec.name not in seen:
            line, col = _missing_anchor(doc, spec.name, expected, seen)
            yield finding(MISSING_SECTION, line, col, "section.missing", name=spec.name)


def _marker_optional(doc: Document, spec: SectionSpec) -> bool:
    """Whether the section may hold its own text instead of the marker: the website replaces
    the tags-ai-act marker of a requirement outside the AI Act with a fixed sentence, so such a
    requirement may as well write its own (``marker_optional_unless_id`` names the ids that
    must keep the marker)."""
    prefix = spec.marker_optional_unless_id
    ident = (doc.mapping() or {}).get("id")
    return isinstance(prefix, str) and isinstance(ident, str) and not ident.startswith(prefix)


def _empty(section: Section, too_high: dict[int, int]) -> Finding:
    if section.line in too_high:
        return finding(
            EMPTY_SECTION,
            section.line,
            section.column,
            "section.empty_next_too_high",
            name=section.name,
            line=too_high[section.line],
        )
    return finding(EMPTY_SECTION, section.line, section.column, "section.empty", name=section.name)


def _too_high(
    doc: Document, sections: list[Section], markers: tuple[str, ...], profile: Profile
) -> dict[int, int]:
    """Empty sections (by line) whose text stands under the next '##' heading, one the template
    does not have: written as '###' it would have been this section's content."""
    found: dict[int, int] = {}
    for section, following in itertools.pairwise(sections):
        if (
            following.line - 1 == section.end
            and profile.canonical_section(following.name) is None
            and _is_empty(doc, section, markers)
            and not _is_empty(doc, following, markers)
        ):
            found[section.line] = following.line
    return found


def _holds(doc: Document, section: Section, marker: str) -> bool:
    return any(marker in doc.lines[i] for i in range(section.start, section.end))


def _tags_marker(doc: Document, marker: str | None) -> Iterator[Finding]:
    if not marker:
        return
    first_section = doc.preamble_end
    insert = Edit(first_section, 0, first_section, 0, f"{marker}\n\n")
    for i in range(doc.body_start, len(doc.lines)):
        if doc.lines[i].strip() == marker:
            if i >= first_section:
                col = doc.lines[i].index(marker) + 1
                # take a blank line along when the marker stood between two of them
                blank_around = 0 < i < len(doc.lines) - 1 and not doc.lines[i - 1].strip()
                until = i + 2 if blank_around and not doc.lines[i + 1].strip() else i + 1
                move = Fix((insert, Edit(i, 0, until, 0, "")))
                yield finding(
                    TAGS_MARKER, i + 1, col, "tags.after_section", marker=marker, fix=move
                )
            return
    line = min(doc.body_start + 1, len(doc.lines))  # the file may end with its front matter
    yield finding(TAGS_MARKER, line, 1, "tags.missing", marker=marker, fix=Fix((insert,)))


def _is_empty(doc: Document, section: Section, markers: tuple[str, ...]) -> bool:
    text = "\n".join(doc.lines[section.start : section.end])
    kept = sub_closed(
        _COMMENT, lambda m: m.group(0) if _expanded(m.group(1), markers) else "", text, "-->"
    )
    return not kept.strip()


def _expanded(comment: str, markers: tuple[str, ...]) -> bool:
    """Whether the website replaces this comment with content (the profile's markers, or any
    of the comments the site's hooks expand)."""
    words = comment.split()
    return bool(words) and (words[0] in markers or words[0].startswith(expanded_comments()))


def _order(present: dict[str, Section], expected: list[str]) -> Iterator[Finding]:
    """Report each template section that stands after one the template puts later."""
    latest: str | None = None
    for name, section in present.items():
        if latest is not None and expected.index(name) < expected.index(latest):
            yield finding(
                SECTION_ORDER,
                section.line,
                section.column,
                "section.order",
                name=section.name,
                before=present[latest].name,
                order=expected,
            )
            continue
        latest = name


def _missing_anchor(
    doc: Document, name: str, expected: list[str], seen: dict[str, Section]
) -> tuple[int, int]:
    """Where the missing section belongs: the heading of the next template section present."""
    for later in expected[expected.index(name) + 1 :]:
        if later in seen:
            return seen[later].line, 1
    return max(len(doc.lines), 1), 1


CHECKS: tuple[Registered[Check], ...] = (Registered(check, CODES),)
