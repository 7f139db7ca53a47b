"""Text that breaks or embarrasses the page: an HTML comment left open, template placeholders,
link syntax that the website prints as literal brackets, and (off by default) trailing
whitespace in headings and the title.

All of them read the source lines themselves, so that positions are those of the text as the
editor wrote it; code (fenced blocks and `inline code`) is masked out first, because what
stands there is shown literally and is never a comment or a link.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence

import yaml

from ..diagnostics import Severity
from ..document import Document, Section
from ..findings import Edit, Finding, Fix, finding
from ..markdown import may_break_links
from ..profiles import Placeholder
from ..scan import Spans, blank
from .base import Check, Context, Fixability, Registered, Rule, codes

E = Severity.ERROR

UNCLOSED_COMMENT = "VL107"
PLACEHOLDER = "VL108"
BROKEN_LINK = "VL109"
TRAILING_WHITESPACE = "VL112"

RULES = (
    Rule(UNCLOSED_COMMENT, "unclosed-comment", E, every_page=True),
    Rule(PLACEHOLDER, "placeholder-text", E),
    Rule(BROKEN_LINK, "broken-link", E),
    Rule(
        TRAILING_WHITESPACE,
        "trailing-whitespace",
        Severity.WARNING,
        fix=Fixability.SAFE,
        default=False,
    ),
)
CODES = codes(RULES)

_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
#: a well-formed link or image: these are masked before broken syntax is looked for
_GOOD_LINK = re.compile(
    r"!?\[[^\[\]\n]*\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"]*\")?\s*\)|<[a-z]+:[^>\s]+>"
)
#: what a broken link leaves in the text once the parser has taken the links it understood
_BROKEN_TEXT = re.compile(r"\]\s*\(|\[[^\[\]]*\([a-z]+://|\][a-z]+://")
#: The forms of broken link syntax, each matched at a '[' only (see `_bracket_matches`), in
#: the order in which they claim a stretch of the line: [text]()   [text] (url)
_AT_BRACKET = (
    (re.compile(r"\[[^\[\]\n]*\]\(\s*\)"), "link.empty"),
    (re.compile(r"\[[^\[\]\n]*\]\s+\("), "link.broken"),
)
_SCHEME_AFTER = re.compile(r"\[[^\[\]\n]*\][a-z]+://")
#: [text](url   (never closed: no ')' after the '(');  [text(url);  [text]url
_OPENED = re.compile(r"\[[^\[\]\n]*\]\(")
#: [text(url)
_SCHEME_OPEN = re.compile(r"\([a-z]+://")
#: text](url)   (no '[' at all)
_TEXT_LINK_END = re.compile(r"\]\([a-z]+:")
_RUN_STOP = "[]|\n"


def _broken_links(line: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, message key) of each broken link form in a line, pattern by pattern,
    each form's matches leftmost-first and non-overlapping as `re.finditer` gives them.

    The forms were one regular expression each, tried from every position of the line; on
    a long line without a match each try scanned to the line's end (quadratic). Here every
    form is tried only where it can start and each scan is bounded by the next bracket, so
    a line costs time in proportion to its length.
    """
    for pattern, key in _AT_BRACKET:
        for start, end in _bracket_matches(line, functools.partial(_match_end, pattern, line)):
            yield start, end, key
    last_paren = line.rfind(")")
    for start, end in _bracket_matches(line, lambda at: _unclosed(line, at, last_paren)):
        yield start, end, "link.broken"
    if "://" in line:
        closing, brackets = _closing_parens(line), _next_brackets(line)
        for start, end in _bracket_matches(
            line, lambda at: _scheme_in_text(line, at, closing, brackets)
        ):
            yield start, end, "link.broken"
    for start, end in _bracket_matches(line, functools.partial(_match_end, _SCHEME_AFTER, line)):
        yield start, end, "link.broken"
    for start, end in _text_links(line):
        yield start, end, "link.broken"


def _match_end(pattern: re.Pattern[str], line: str, at: int) -> int | None:
    match = pattern.match(line, at)
    return match.end() if match else None


def _bracket_matches(line: str, match_at: Callable[[int], int | None]) -> Iterator[tuple[int, int]]:
    """Leftmost, non-overlapping matches of a form that starts with '['."""
    pos = line.find("[")
    while pos >= 0:
        end = match_at(pos)
        if end is None:
            pos = line.find("[", pos + 1)
        else:
            yield pos, end
            pos = line.find("[", end)


def _unclosed(line: str, at: int, last_paren: int) -> int | None:
    """[text](url with no ')' after its '(': the match runs to the end of the line."""
    m = _OPENED.match(line, at)
    return len(line) if m and m.end() - 1 > last_paren else None


def _closing_parens(line: str) -> list[int]:
    """For each position, the index just past the ')' that ends a run of characters that
    are neither ')' nor whitespace from there on, or -1 when whitespace ends it first."""
    closing = [-1] * (len(line) + 1)
    for i in range(len(line) - 1, -1, -1):
        char = line[i]
        closing[i] = i + 1 if char == ")" else (-1 if char.isspace() else closing[i + 1])
    return closing


def _next_brackets(line: str) -> list[int]:
    """For each position, the index of the first '[' or ']' from there on (or the end)."""
    following = [len(line)] * (len(line) + 1)
    for i in range(len(line) - 1, -1, -1):
        following[i] = i if line[i] in "[]" else following[i + 1]
    return following


def _scheme_in_text(line: str, at: int, closing: list[int], brackets: list[int]) -> int | None:
    """[text(scheme://url): the last '(scheme://' before the next bracket whose address is
    closed by ')' before any whitespace (the greedy text of the old pattern)."""
    end = None
    for m in _SCHEME_OPEN.finditer(line, at + 1, brackets[at + 1]):
        if closing[m.end()] >= 0:
            end = closing[m.end()]
    return end


def _text_links(line: str) -> Iterator[tuple[int, int]]:
    """text](scheme: without a '[': from the start of the text before it (after a '|' or
    the line's start, or one past a bracket) to the scheme's colon."""
    pos = 0
    for m in _TEXT_LINK_END.finditer(line):
        run = m.start()
        while run > pos and line[run - 1] not in _RUN_STOP:
            run -= 1
        before = line[run - 1] if run > 0 else ""
        if before and before in "[]":  # the text may not follow a bracket: it starts one on
            if run == m.start():
                continue  # '[](' or ']](': no text at all
            start = run + 1
        else:
            start = run
        yield start, m.end()
        pos = m.end()


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def check_comments(doc: Document, ctx: Context) -> Iterator[Finding]:
    lines = doc.code_free_lines
    i, pos = doc.body_start, 0
    while i < len(lines):
        start = lines[i].find(_COMMENT_OPEN, pos)
        if start < 0:
            i, pos = i + 1, 0
            continue
        # a comment opened inside a box ends with the box: Python-Markdown reads the box alone
        box = doc.container_at(i)
        limit = box.end if box is not None else len(lines)
        j, search_from = i, start + len(_COMMENT_OPEN)
        while j < limit:
            end = lines[j].find(_COMMENT_CLOSE, search_from)
            if end >= 0:
                break
            j, search_from = j + 1, 0
        else:
            if box is None:
                yield finding(UNCLOSED_COMMENT, i + 1, start + 1, "comment.unclosed")
                return  # everything after it is hidden: one finding says it
            yield finding(
                UNCLOSED_COMMENT, i + 1, start + 1, "comment.unclosed_in_box", line=box.line
            )
            i, pos = limit, 0
            continue
        i, pos = j, end + len(_COMMENT_CLOSE)


def _comment_spans(doc: Document) -> list[list[tuple[int, int]]]:
    """Per line, the column spans inside HTML comments (not rendered, so not checked)."""
    lines = doc.code_free_lines
    spans: list[list[tuple[int, int]]] = [[] for _ in lines]
    inside = False
    for i in range(doc.body_start, len(lines)):
        line, pos = lines[i], 0
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
    if fm is not None and fm.parsed is not None and _values_may_hold(doc, placeholders):
        scalars = [
            located.value
            for located in fm.parsed.index.values()
            if isinstance(located.value, yaml.ScalarNode) and located.value.value
        ]
        # a value holds a placeholder's text only if all values together do: one substring
        # test per placeholder leaves out those no value can match, in the same order
        joined = "\n".join(node.value for node in scalars)
        wanted = [ph for ph in placeholders if ph.contains in joined]
        for node in scalars if wanted else ():
            yield from _placeholders_in_scalar(doc, node, wanted)
    lines = doc.code_free_lines
    body = "\n".join(lines[doc.body_start :])
    if ctx.profile.placeholder_texts.search(body) is None:
        return  # the common case: no placeholder's text anywhere in the body, in one scan
    if not any(ph.contains in body and ph.pattern.search(body) for ph in placeholders):
        return  # one search per pattern over the whole body
    hidden = _comment_spans(doc)
    for i in range(doc.body_start, len(lines)):
        for ph in placeholders:
            inside = Spans(hidden[i])
            for m in ph.pattern.finditer(lines[i]):
                if inside.holds(m.start()):
                    continue
                lead = len(m.group()) - len(m.group().lstrip("-*+| \t"))
                text = m.group()[lead:].strip()
                yield finding(PLACEHOLDER, i + 1, m.start() + lead + 1, "placeholder", text=text)


def _values_may_hold(doc: Document, placeholders: Sequence[Placeholder]) -> bool:
    """False only when no front-matter value can give a placeholder finding, told from the
    front matter's source lines without indexing its nodes: a finding is a match of the
    placeholder's pattern in one of the value's source lines (`_placeholders_in_scalar`), and
    every match holds the placeholder's `contains` text, so that text stands in those lines."""
    fm = doc.front_matter
    assert fm is not None
    source = "\n".join(doc.lines[fm.open_line + 1 : fm.close_line])
    return any(ph.contains in source for ph in placeholders)


def _placeholders_in_scalar(
    doc: Document, node: yaml.ScalarNode, placeholders: Sequence[Placeholder]
) -> Iterator[Finding]:
    """Placeholders in a front-matter value, found in its source lines (escapes, folded and
    block scalars keep their real columns that way)."""
    first = doc.line_index(node)
    last = first + node.end_mark.line - node.start_mark.line
    for ph in placeholders:
        if ph.contains not in node.value or not ph.pattern.search(node.value):
            continue
        for i in range(first, min(last, len(doc.lines) - 1) + 1):
            line = doc.lines[i]
            start = node.start_mark.column if i == first else 0
            end = node.end_mark.column if i == last else len(line)
            # searched in the value's own text, so that '^' anchors at the value's start
            m = ph.pattern.search(line[start : max(start, end)])
            if m:
                text = m.group().strip()
                col = start + m.start() + len(m.group()) - len(m.group().lstrip())
                yield finding(PLACEHOLDER, i + 1, col + 1, "placeholder", text=text)
                break


def check_links(doc: Document, ctx: Context) -> Iterator[Finding]:
    spec = ctx.profile.section_spec("sources")
    section = doc.section(spec.name) if spec else None
    if section is None:
        return
    hidden = _comment_spans(doc)
    lines = doc.code_free_lines
    for i in sorted(_suspect_lines(doc, section)):
        line = blank(_GOOD_LINK.sub(_blank, lines[i]), hidden[i])
        taken = Spans()
        for start, end, key in _broken_links(line):
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            col = _text_start(line, start, line[start:end])
            yield finding(BROKEN_LINK, i + 1, col + 1, key)


def _suspect_lines(doc: Document, section: Section) -> set[int]:
    """Lines of the paragraphs and cells where the Markdown parser left link syntax as text
    or found a link without an address; only there are positions looked for."""
    found: set[int] = set()
    for inline in doc.section_inlines(section):
        assert inline.map is not None
        if not may_break_links(inline.content):
            continue  # plain text and good links: neither condition below can hold
        children = doc.children(inline)
        text = "".join(c.content for c in children if c.type == "text")
        empty = any(
            c.type == "link_open" and not str(c.attrs.get("href", "")).strip() for c in children
        )
        if empty or _BROKEN_TEXT.search(text):
            found.update(range(inline.map[0] + doc.body_start, inline.map[1] + doc.body_start))
    return found


def _text_start(line: str, start: int, matched: str) -> int:
    """Where the broken link begins: its '[', or the first character of its text."""
    if matched.lstrip().startswith("["):
        return start + len(matched) - len(matched.lstrip())
    pos = start
    while pos < len(line) and line[pos] in " \t-*+|":
        pos += 1
    return pos


def check_trailing_whitespace(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Headings and the title line that end in spaces or tabs (a style rule, off by default)."""
    fm = doc.front_matter
    if fm is not None and fm.parsed is not None and ("title",) in fm.parsed.index:
        node = fm.parsed.index[("title",)].value
        index = doc.line_index(node)
        line = doc.lines[index]
        if line != line.rstrip() and node.start_mark.line == node.end_mark.line:
            yield finding(
                TRAILING_WHITESPACE,
                index + 1,
                len(line.rstrip()) + 1,
                "whitespace.title",
                fix=_strip(index, line),
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
                fix=_strip(section.line - 1, line),
            )


def _strip(index: int, line: str) -> Fix:
    return Fix((Edit(index, len(line.rstrip()), index, len(line), ""),))


CHECKS: tuple[Registered[Check], ...] = (
    Registered(check_comments, frozenset({UNCLOSED_COMMENT})),
    Registered(check_placeholders, frozenset({PLACEHOLDER})),
    Registered(check_links, frozenset({BROKEN_LINK})),
    Registered(check_trailing_whitespace, frozenset({TRAILING_WHITESPACE})),
)
