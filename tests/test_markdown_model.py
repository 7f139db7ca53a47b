"""The document model's containers are the website's: checked against Python-Markdown itself.

Every file of our fixtures (and of ../shared/corpus where it exists) is rendered with
Python-Markdown and the extensions the site's mkdocs.yml enables; the admonitions, collapsible
blocks and content tabs in the HTML, in order and with their nesting depth, must be exactly the
containers the linter's parser finds. Skips when Python-Markdown or pymdown-extensions is absent.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vereistenlint.document import Container, Document
from vereistenlint.load import load
from vereistenlint.markdown import Opener, parse_opener

from .conftest import CORPUS, FIXTURES, ROOT

markdown = pytest.importorskip("markdown")
pytest.importorskip("pymdownx")

EXTENSIONS = [
    "admonition",
    "pymdownx.details",
    "pymdownx.tabbed",
    "pymdownx.superfences",
    "attr_list",
    "md_in_html",
    "footnotes",
    "abbr",
    "pymdownx.tasklist",
]


class _Boxes(HTMLParser):
    """(kind, depth) of each admonition, details and tab in the HTML, in document order, and
    the text each one shows."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.found: list[tuple[str, int]] = []
        self.texts: list[list[str]] = []
        self.open: list[int] = []  # indexes into texts of the boxes open now

    def handle_data(self, data: str) -> None:
        for i in self.open:
            self.texts[i].append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("div", "details"):
            return
        classes = (dict(attrs).get("class") or "").split()
        kind = (
            "details"
            if tag == "details"
            else "admonition"
            if "admonition" in classes
            else "tab"
            if "tabbed-block" in classes
            else None
        )
        if kind is not None:
            self.found.append((kind, sum(1 for k in self.stack if k)))
            self.open.append(len(self.texts))
            self.texts.append([])
        self.stack.append(kind)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "details") and self.stack and self.stack.pop() is not None:
            self.open.pop()


def _rendered(body: str) -> tuple[list[tuple[str, int]], list[str]]:
    md = markdown.Markdown(
        extensions=EXTENSIONS, extension_configs={"pymdownx.tabbed": {"alternate_style": True}}
    )
    parser = _Boxes()
    parser.feed(md.convert(body))
    return parser.found, ["".join(t) for t in parser.texts]


def _longest_word(line: str) -> str | None:
    """A distinctive word of a line of prose (none for markup, comments and short words)."""
    if line.lstrip().startswith(("<", "|", "!", "?", "=", "`")):
        return None
    prose = re.sub(r"\]\([^)]*\)|<[^>]*>|\{[^}]*\}|:[\w-]+:|`[^`]*`|\*\[[^]]*\]", " ", line)
    words = re.findall(r"[^\W\d_]{6,}", prose)
    return max(words, key=len) if words else None


def _extent_problems(doc: Document, box: Container, shown: str) -> list[str]:
    """Our body ends where the website's does: its last line is in the box, the next is not."""
    problems = []
    body = [doc.lines[i] for i in range(box.start, box.end) if doc.lines[i].strip()]
    last = _longest_word(body[-1]) if body else None
    if last is not None and last not in shown:
        problems.append(f"line {box.line}: '{last}' is in our box, not in the website's")
    after = next((i for i in range(box.end, len(doc.lines)) if doc.lines[i].strip()), None)
    word = _longest_word(doc.lines[after]) if after is not None else None
    if word is not None and word in shown and not any(word in line for line in body):
        problems.append(f"line {box.line}: '{word}' is in the website's box, not in ours")
    return problems


def _differences(paths: list[Path], at_least: int) -> list[str]:
    wrong, seen = [], 0
    for path in paths:
        doc = load(path, path.name)
        if not doc.readable:
            continue
        ours = [(c.kind, c.depth) for c in doc.containers]
        seen += len(ours)
        theirs, shown = _rendered("\n".join(doc.lines[doc.body_start :]))
        if ours != theirs:
            wrong.append(f"{path}: Python-Markdown {theirs}, ours {ours}")
            continue
        for box, text in zip(doc.containers, shown, strict=True):
            wrong.extend(f"{path}: {p}" for p in _extent_problems(doc, box, text))
    assert seen >= at_least, "the comparison saw too few containers to mean anything"
    return wrong


def test_containers_of_our_fixtures_are_those_python_markdown_renders() -> None:
    paths = sorted(FIXTURES.rglob("*.md")) + sorted((ROOT / "vereisten").glob("*.md"))
    assert len(paths) > 100
    assert _differences(paths, at_least=60) == []


def test_openers_we_call_unrecognised_are_shown_as_text_by_python_markdown() -> None:
    rejected = 0
    for path in sorted(FIXTURES.rglob("*.md")):
        doc = load(path, path.name)
        if not doc.readable or not doc.rejected_openers:
            continue
        md = markdown.Markdown(
            extensions=EXTENSIONS, extension_configs={"pymdownx.tabbed": {"alternate_style": True}}
        )
        html = unescape(md.convert("\n".join(doc.lines[doc.body_start :])))
        for opener in doc.rejected_openers:
            rejected += 1
            assert doc.lines[opener.line - 1].strip() in html, (path, opener)
    assert rejected >= 10


def test_containers_of_the_corpus_are_those_python_markdown_renders() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not there")
    paths = sorted(CORPUS.rglob("*.md"))
    assert _differences(paths, at_least=500) == []


def _python_markdown_opener(line: str) -> tuple[str, tuple[str, ...], str | None] | None:
    """What the extensions' own patterns make of one line: (kind, classes, title) or None."""
    from markdown.extensions.admonition import AdmonitionProcessor
    from pymdownx.details import DetailsProcessor
    from pymdownx.tabbed import TabbedProcessor

    m = AdmonitionProcessor.RE.search(line)
    if m and line.startswith("!!!"):
        return "admonition", tuple(m.group(1).lower().split()), m.group(2)
    m = DetailsProcessor.START.search(line)
    if m and line.startswith("???"):
        classes = m.group(4) if m.group(4) else m.group(2)
        return "details", tuple((classes or "").lower().split()), m.group(3)
    m = TabbedProcessor.START.search(line)
    if m and line.startswith("==="):
        return "tab", (), m.group(2)
    return None


@given(
    st.sampled_from(["!!!", "???", "???+", "===", "===+", "===!"]),
    st.text(alphabet=' "ab-_1\té=+!', max_size=14),
)
@settings(max_examples=3000, deadline=None)
def test_openers_are_read_as_the_extensions_read_them(marker: str, rest: str) -> None:
    line = marker + rest
    ours = parse_opener(line)
    theirs = _python_markdown_opener(line)
    if isinstance(ours, Opener):
        assert theirs == (ours.kind, ours.classes, ours.title), line
    else:
        assert theirs is None, line
