"""Text that breaks or embarrasses the page: an HTML comment left open, template placeholders,
and link syntax that the website prints as literal brackets."""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from ..diagnostics import Severity
from ..document import Document
from ..findings import Finding, finding
from .base import Context, Rule

E = Severity.ERROR

UNCLOSED_COMMENT = "VL107"
PLACEHOLDER = "VL108"
BROKEN_LINK = "VL109"
TRAILING_WHITESPACE = "VL112"

RULES = (
    Rule(
        UNCLOSED_COMMENT,
        "unclosed-comment",
        E,
    ),
    Rule(
        PLACEHOLDER,
        "placeholder-text",
        E,
    ),
    Rule(
        BROKEN_LINK,
        "broken-link",
        E,
    ),
    Rule(TRAILING_WHITESPACE, "trailing-whitespace", Severity.WARNING, fix="safe", default=False),
)

_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
_BROKEN = re.compile(r"\]\s*\(|\[[^\[\]]*\]\s+\(")


def check_comments(doc: Document, ctx: Context) -> Iterator[Finding]:
    for line_no, col, _ in _unclosed(doc):
        yield finding(UNCLOSED_COMMENT, line_no, col, "comment.unclosed")
        return


def _unclosed(doc: Document) -> Iterator[tuple[int, int, str]]:
    text_lines = doc.lines
    i, pos = doc.body_start, 0
    while i < len(text_lines):
        start = text_lines[i].find(_COMMENT_OPEN, pos)
        if start < 0:
            i, pos = i + 1, 0
            continue
        j, search_from = i, start + len(_COMMENT_OPEN)
        while j < len(text_lines):
            end = text_lines[j].find(_COMMENT_CLOSE, search_from)
            if end >= 0:
                break
            j, search_from = j + 1, 0
        else:
            yield i + 1, start + 1, text_lines[i]
            return
        i, pos = j, end + len(_COMMENT_CLOSE)


def _comment_mask(doc: Document) -> list[list[tuple[int, int]]]:
    """Per line, the column spans that lie inside HTML comments (not rendered, not checked)."""
    spans: list[list[tuple[int, int]]] = [[] for _ in doc.lines]
    inside = False
    for i in range(doc.body_start, len(doc.lines)):
        line, pos = doc.lines[i], 0
        while pos <= len(line):
            if inside:
                end = line.find(_COMMENT_CLOSE, pos)
                stop = len(line) if end < 0 else end + len(_COMMENT_CLOSE)
                spans[i].append((pos, stop))
                if end < 0:
                    break
                inside, pos = False, stop
            else:
                start = line.find(_COMMENT_OPEN, pos)
                if start < 0:
                    break
                inside, pos = True, start
    return spans


def check_placeholders(doc: Document, ctx: Context) -> Iterator[Finding]:
    placeholders = ctx.profile.placeholders
    if not placeholders:
        return
    fm = doc.front_matter
    if fm is not None and fm.parsed is not None:
        for located in fm.parsed.index.values():
            node = located.value
            if not isinstance(node, yaml.ScalarNode) or not node.value:
                continue
            for ph in placeholders:
                m = ph.pattern.search(node.value)
                if m:
                    line, col = doc.node_position(node)
                    if "\n" not in node.value[: m.start()] and node.style in (None, "", "'", '"'):
                        col += m.start() + (1 if node.style else 0)
                    yield finding(PLACEHOLDER, line, col, "placeholder", text=m.group().strip())

    mask = _comment_mask(doc)
    for i in range(doc.body_start, len(doc.lines)):
        text_line = doc.lines[i]
        for ph in placeholders:
            for m in ph.pattern.finditer(text_line):
                if any(a <= m.start() < b for a, b in mask[i]):
                    continue
                text = m.group().strip().lstrip("-*+| \t")
                col = m.start() + len(m.group()) - len(m.group().lstrip("-*+| \t")) + 1
                yield finding(PLACEHOLDER, i + 1, col, "placeholder", text=text)


def check_links(doc: Document, ctx: Context) -> Iterator[Finding]:
    spec = ctx.profile.section_spec("sources")
    section = doc.section(spec["name"]) if spec else None
    if section is None:
        return
    for inline in doc.section_inlines(section):
        assert inline.map is not None
        first, last = inline.map[0] + doc.body_start, inline.map[1] + doc.body_start
        children = inline.children or []
        text = "".join(c.content for c in children if c.type == "text")
        if _BROKEN.search(text):
            line, col = _find(doc, first, last, _BROKEN)
            yield finding(BROKEN_LINK, line, col, "link.broken")
        for child in children:
            if child.type == "link_open" and not str(child.attrs.get("href", "")).strip():
                line, col = _find(doc, first, last, re.compile(r"\]\(\s*\)"))
                yield finding(BROKEN_LINK, line, col, "link.empty")


def _find(doc: Document, first: int, last: int, pattern: re.Pattern[str]) -> tuple[int, int]:
    for i in range(first, max(last, first + 1)):
        m = pattern.search(doc.lines[i])
        if m:
            return i + 1, _link_start(doc.lines[i], m.start()) + 1
    return first + 1, 1


def _link_start(line: str, bracket: int) -> int:
    """The column where the broken link's text starts: after the cell pipe or at the '['."""
    opening = line.rfind("[", 0, bracket)
    if opening >= 0:
        return opening
    cell = line.rfind("|", 0, bracket)
    start = cell + 1
    while start < bracket and line[start] == " ":
        start += 1
    return start


def check_trailing_whitespace(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Headings and the title line that end in spaces or tabs (a style rule, off by default)."""
    fm = doc.front_matter
    if fm is not None and fm.parsed is not None and ("title",) in fm.parsed.index:
        node = fm.parsed.index[("title",)].value
        index = node.start_mark.line + fm.first_line - 1
        line = doc.lines[index]
        if line != line.rstrip() and "\n" not in str(node.value):
            yield finding(
                TRAILING_WHITESPACE, index + 1, len(line.rstrip()) + 1, "whitespace.title"
            )
    for section in doc.sections:
        line = doc.lines[section.line - 1]
        if line != line.rstrip():
            yield finding(
                TRAILING_WHITESPACE,
                section.line,
                len(line.rstrip()) + 1,
                "whitespace.heading",
                name=section.name,
            )
