"""One requirement file, parsed once into what every rule needs: text, front matter, sections.

The front-matter span is found in the original text (python-frontmatter's splitter drops
blank lines after the opening ``---``, which shifts every line number), and the YAML
inside it is composed so that each key and value keeps its position. Problems met while
parsing are kept as `Problem` records instead of exceptions; the rules of `rules/reading.py`
turn them into findings, so a broken file still gets a diagnostic with a position and the
run goes on.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from markdown_it.token import Token

from . import markdown, yamlpos
from .findings import Edit
from .scan import blank, code_spans

_HEADING_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")

#: The one parser for the whole process (see markdown.py): the site's containers included.
MD = markdown.PARSER


class Section(NamedTuple):
    """An H2 section: its heading and the lines up to the next H1/H2 heading."""

    name: str  # heading text without a trailing attribute list such as { data-search-exclude }
    line: int  # 1-based line of the heading
    column: int  # 1-based column of the heading text
    start: int  # 0-based index of the first line after the heading
    end: int  # 0-based index one past the last line of the section


class Container(NamedTuple):
    """An admonition (``!!!``), a collapsible block (``???``, ``???+``) or a content tab (``===``)
    as the website renders it: the opener's line and the body lines indented under it."""

    kind: str  # admonition, details or tab
    markup: str
    classes: tuple[str, ...]
    title: str | None
    line: int  # 1-based line of the opener
    column: int  # 1-based column of the marker
    start: int  # 0-based index of the first body line
    end: int  # 0-based index one past the last body line
    indent: int  # how far the body must be indented to belong to it (tabs count 4)
    depth: int  # 0 for a container that no other contains
    token: int  # index of its opening token in Document.tokens


class Rejected(NamedTuple):
    """An opener that the website does not take: it shows as text and its body as code."""

    line: int  # 1-based
    column: int  # 1-based
    marker: str
    problem: str


class Tab(NamedTuple):
    """A MkDocs-Material content tab: ``=== "Title"`` and the lines indented under it."""

    title: str
    line: int
    column: int
    #: (0-based line index, indent width removed, dedented text) for every line of the tab
    content: tuple[tuple[int, int, str], ...]
    container: Container | None = None


class Cell(NamedTuple):
    text: str
    line: int
    column: int


class Table(NamedTuple):
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    line: int


class FrontMatter(NamedTuple):
    open_line: int  # 0-based index of the opening ---
    close_line: int  # 0-based index of the closing ---
    parsed: yamlpos.ParsedYaml | None = None

    @property
    def first_line(self) -> int:
        """1-based line number of the first YAML line."""
        return self.open_line + 2


class ProblemKind(enum.Enum):
    """Why a file could not be read or parsed; each kind is reported by one rule."""

    UNREADABLE = "unreadable"
    NO_FRONT_MATTER = "no-front-matter"
    YAML_SYNTAX = "yaml-syntax"
    DUPLICATE_KEY = "duplicate-key"
    TOO_LARGE = "too-large"
    UNREADABLE_FOLDER = "unreadable-folder"


class Problem(NamedTuple):
    """A problem met while reading or parsing, as data: message key and arguments."""

    kind: ProblemKind
    line: int
    column: int
    key: str
    args: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Document:
    """Built in one step by `load`; the body's tokens and sections are derived on demand."""

    path: Path
    display: str
    text: str = ""
    lines: list[str] = field(default_factory=list)
    front_matter: FrontMatter | None = None
    body_start: int = 0  # 0-based index of the first body line
    #: problems met while reading and parsing, reported by the rules of rules/reading.py
    problems: tuple[Problem, ...] = ()
    readable: bool = True

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def data(self) -> object:
        fm = self.front_matter
        return fm.parsed.data if fm and fm.parsed else None

    def mapping(self) -> dict[str, Any] | None:
        """The front matter when it is a mapping, else None (the schema rule says why)."""
        data = self.data
        return data if isinstance(data, dict) else None

    # -- positions -------------------------------------------------------------------
    def node_position(self, node: yaml.Node) -> tuple[int, int]:
        """1-based line and column of a YAML node in the file."""
        assert self.front_matter is not None
        mark = node.start_mark
        return mark.line + self.front_matter.first_line, mark.column + 1

    def scalar_edit(self, node: yaml.Node, text: str) -> Edit | None:
        """An edit replacing a one-line scalar value as written (quotes included), or None."""
        assert self.front_matter is not None
        start, end = node.start_mark, node.end_mark
        if (
            not isinstance(node, yaml.ScalarNode)
            or start.line != end.line
            or node.style in ("|", ">")
        ):
            return None
        index = start.line + self.front_matter.open_line + 1
        return Edit(index, start.column, index, end.column, text)

    def line_index(self, node: yaml.Node) -> int:
        """0-based index into `lines` of the line a YAML node starts on."""
        assert self.front_matter is not None
        return node.start_mark.line + self.front_matter.open_line + 1

    def value_position(self, located: yamlpos.Located) -> tuple[int, int]:
        """Where a value is, or where it would be when it was left empty (``key:``)."""
        if located.key is not None and yamlpos.is_empty_scalar(located.value):
            line, _col = self.node_position(located.key)
            end = located.key.end_mark
            return line, end.column + 2  # just after the colon
        return self.node_position(located.value)

    # -- body ------------------------------------------------------------------------
    @cached_property
    def parsed(self) -> markdown.Parsed:
        return markdown.parse("\n".join(self.lines[self.body_start :]))

    @property
    def tokens(self) -> list[Token]:
        """The body's block tokens. An ``inline`` token's children are not parsed until
        asked for: read them with `children`, never from the token."""
        return self.parsed.tokens

    def children(self, inline: Token) -> list[Token]:
        return self.parsed.children(inline)

    @cached_property
    def containers(self) -> list[Container]:
        """Every container of the body, in the order of their openers (outer before inner)."""
        found: list[Container] = []
        depth = 0
        for i, tok in enumerate(self.tokens):
            if tok.type in markdown.CONTAINER_CLOSE:
                depth -= 1
                continue
            if tok.type not in markdown.CONTAINER_OPEN or tok.map is None:
                continue
            meta = tok.meta
            first, after = tok.map[0] + self.body_start, tok.map[1] + self.body_start
            found.append(
                Container(
                    meta["kind"],
                    tok.markup,
                    tuple(meta["classes"]),
                    meta["title"],
                    first + 1,
                    meta["column"] + 1,
                    first + 1,
                    after,
                    meta["indent"],
                    depth,
                    i,
                )
            )
            depth += 1
        return found

    @property
    def rejected_openers(self) -> list[Rejected]:
        return [
            Rejected(r.line + self.body_start + 1, r.column + 1, r.marker, r.problem)
            for r in self.parsed.rejected
        ]

    def container_at(self, index: int) -> Container | None:
        """The innermost container whose body holds the 0-based line `index`."""
        at = self._innermost[index] if 0 <= index < len(self._innermost) else -1
        return self.containers[at] if at >= 0 else None

    @cached_property
    def _innermost(self) -> list[int]:
        """Per line, the index of the innermost container holding it (-1 for none); outer
        containers come first, so an inner one overwrites its part of the outer's lines."""
        innermost = [-1] * len(self.lines)
        for i, c in enumerate(self.containers):
            innermost[c.start : c.end] = [i] * (c.end - c.start)
        return innermost

    @cached_property
    def code_free_lines(self) -> tuple[str, ...]:
        """Each line with code (fenced or indented blocks, `inline code`) blanked out.

        Columns stay where they were; what stands in code is shown literally by the website,
        so it is never a comment, a link or a placeholder.
        """
        code: set[int] = set()
        for tok in self.tokens:
            if tok.type in ("fence", "code_block") and tok.map is not None:
                code.update(range(tok.map[0] + self.body_start, tok.map[1] + self.body_start))
        return tuple(
            " " * len(line)
            if i in code
            else (blank(line, code_spans(line)) if "`" in line else line)
            for i, line in enumerate(self.lines)
        )

    @cached_property
    def sections(self) -> list[Section]:
        found: list[tuple[str, int, int]] = []
        boundaries: list[int] = []
        toks = self.tokens
        for i, tok in enumerate(toks):
            if (
                tok.type != "heading_open"
                or tok.map is None
                or tok.tag not in ("h1", "h2")
                or tok.level != 0  # a heading inside a box is no section of the page
            ):
                continue
            boundaries.append(tok.map[0] + self.body_start)
            if tok.tag == "h2":
                name = _HEADING_ATTRS.sub("", toks[i + 1].content).strip()
                found.append((name, tok.map[0] + self.body_start, tok.map[1] + self.body_start))
        boundaries.append(len(self.lines))
        sections = []
        for name, first, after in found:
            end = boundaries[bisect.bisect_right(boundaries, first)]  # the next H1/H2 heading
            raw = self.lines[first]
            column = len(raw) - len(raw.lstrip(" #")) + 1
            sections.append(Section(name, first + 1, column, after, end))
        return sections

    @property
    def preamble_end(self) -> int:
        """0-based index of the first section heading (or the end of the file)."""
        return self.sections[0].line - 1 if self.sections else len(self.lines)

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def section_inlines(self, section: Section) -> Iterator[Token]:
        """Every inline token of the section (paragraphs, headings, table cells)."""
        for tok in self.tokens:
            if tok.type == "inline" and tok.map is not None:
                first = tok.map[0] + self.body_start
                if section.start <= first < section.end:
                    yield tok

    def tabs(self, section: Section) -> list[Tab]:
        """The content tabs that stand directly in the section (not inside another box)."""
        tabs: list[Tab] = []
        for c in self.containers:
            if c.kind != "tab" or c.depth or not section.start <= c.line - 1 < section.end:
                continue
            content = tuple((j, *_dedent(self.lines[j], c.indent)) for j in range(c.start, c.end))
            opener = self.lines[c.line - 1]
            tabs.append(Tab(c.title or "", c.line, opener.index('"') + 2, content, c))
        return tabs

    def tables(self, tab: Tab) -> list[Table]:
        """Tables written directly in a tab, with every cell at its place in the file."""
        if tab.container is None:
            return []
        toks = self.tokens
        level = toks[tab.container.token].level + 1
        tables: list[Table] = []
        current: list[tuple[Cell, ...]] = []
        inside = False
        for tok in toks[tab.container.token :]:
            if tok.map is not None and tok.map[0] + self.body_start >= tab.container.end:
                break
            if tok.type == "table_open" and tok.level == level:
                current, inside = [], True
            elif inside and tok.type == "tr_open" and tok.map is not None:
                index = tok.map[0] + self.body_start
                current.append(_split_row(self.lines[index], index + 1, 0))
            elif inside and tok.type == "table_close" and tok.level == level:
                inside = False
                if current:
                    tables.append(Table(current[0], tuple(current[1:]), current[0][0].line))
        return tables


def _dedent(line: str, width: int) -> tuple[int, str]:
    """(characters removed, rest) for a line with up to `width` columns of indentation taken off."""
    seen = chars = 0
    for ch in line:
        if seen >= width or ch not in " \t":
            break
        seen += 1 if ch == " " else markdown.TAB_WIDTH - seen % markdown.TAB_WIDTH
        chars += 1
    return chars, line[chars:]


def _split_row(text: str, line: int, indent: int) -> tuple[Cell, ...]:
    """Cells of a pipe-table row with the column where each cell's text starts."""
    cells: list[Cell] = []
    body = text.rstrip()
    pos = len(body) - len(body.lstrip())
    if body[pos : pos + 1] == "|":
        pos += 1
    if body.endswith("|") and not body.endswith("\\|") and len(body) > pos:
        body = body[:-1]
    start = pos
    i = pos
    while i <= len(body):
        if i == len(body) or (body[i] == "|" and body[i - 1 : i] != "\\"):
            raw = body[start:i]
            lead = len(raw) - len(raw.lstrip())
            cells.append(Cell(raw.strip(), line, indent + start + lead + 1))
            start = i + 1
        i += 1
    return tuple(cells)
