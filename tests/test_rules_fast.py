"""The rules' own shortcuts find exactly what the plain loops find.

- placeholder (VL112) in the front matter: placeholders whose text no value holds are left
  out after one test over all values together; the findings equal those of every value
  searched for every placeholder.
- placeholder in the front matter, before that: a front matter in whose source lines no
  placeholder's text stands is not indexed at all (`_values_may_hold`).
- placeholder in the body: a body in which one pattern of every placeholder's text finds
  nothing is not searched further (none of those texts is in it).
- files.split_lines splits a text without CR at LF alone: the same lines as the pattern.
- conflict-marker (VL901) skips lines that start with no marker character.

Checked on every Markdown file of the fixtures, of a generated repository (with its
defects) and of ../shared/corpus where it exists, under the profile each file gets, and on
generated values.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vereistenlint import profiles
from vereistenlint.choose import choose_profile
from vereistenlint.document import Document
from vereistenlint.files import LINE_BREAK, split_lines
from vereistenlint.findings import Finding
from vereistenlint.load import load, load_bytes
from vereistenlint.rules import conflicts
from vereistenlint.rules.base import Context
from vereistenlint.rules.text import _placeholders_in_scalar, _values_may_hold, check_placeholders

from .conftest import sample_pages


def _slow_placeholders(doc: Document, ctx: Context) -> Iterator[Finding]:
    """check_placeholders as it was: every value against every placeholder."""
    fm = doc.front_matter
    if fm is not None and fm.parsed is not None:
        for located in fm.parsed.index.values():
            node = located.value
            if isinstance(node, yaml.ScalarNode) and node.value:
                yield from _placeholders_in_scalar(doc, node, ctx.profile.placeholders)


def _front_matter_findings(doc: Document, ctx: Context) -> list[Finding]:
    body_start = doc.body_start
    return [f for f in check_placeholders(doc, ctx) if f.line <= body_start]


def _same(doc: Document, profile: profiles.Profile) -> int:
    ctx = Context(profile)
    slow = list(_slow_placeholders(doc, ctx))
    assert _front_matter_findings(doc, ctx) == slow
    return len(slow)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Document, profiles.Profile]]:
    paths = sample_pages(tmp_path_factory, 21)
    found = []
    for path in paths:
        doc = load(path, path.name)
        profile = choose_profile(doc, None, None)
        if doc.readable and profile is not None:
            found.append((doc, profile))
    return found


def test_front_matter_placeholders_equal_the_plain_loop(
    documents: list[tuple[Document, profiles.Profile]],
) -> None:
    assert sum(_same(doc, profile) for doc, profile in documents) > 0  # some are found


def _gate_is_exact(text: str) -> int:
    """Where the one-scan gate finds no placeholder text, no placeholder's text is there."""
    closed = 0
    for profile in profiles.all_profiles().values():
        if profile.placeholder_texts.search(text) is None:
            closed += 1
            assert not any(ph.contains in text for ph in profile.placeholders)
    return closed


def test_placeholder_gate_on_every_body(documents: list[tuple[Document, profiles.Profile]]) -> None:
    bodies = ["\n".join(doc.code_free_lines[doc.body_start :]) for doc, _ in documents]
    assert sum(_gate_is_exact(body) for body in bodies) > 100  # it does close


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["TODO", "TOD", "Hier ", "Hier", "](url", "](", "x", " ", "\n"])))
def test_placeholder_gate_on_generated_text(pieces: list[str]) -> None:
    _gate_is_exact("".join(pieces))


_VALUES = ["TODO", "XXX", "DATUM", "todo", "urn:nl:ak:mtr:owp-00", "owp-00", "tekst", "a TODO b"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_VALUES), min_size=1, max_size=6))
def test_front_matter_placeholders_on_generated_values(values: list[str]) -> None:
    keys = "\n".join(f"k{i}: {value}" for i, value in enumerate(values))
    text = f"---\ntitle: Titel\n{keys}\nlijst:\n  - {values[0]}\n---\n\n# Titel\n"
    doc = load_bytes(Path("x.md"), "x.md", text.encode())
    for name in ("vereiste", "maatregel", "hulpmiddel"):
        _same(doc, profiles.get(name))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=["a", "é", " ", "\n", "\r", "\x85", "\u2028", "\t"], max_size=30))
def test_split_lines_without_cr_equals_the_pattern(text: str) -> None:
    """files.split_lines splits at LF alone where the text has no CR: the pattern's lines."""
    expected = LINE_BREAK.split(text)
    if expected and expected[-1] == "" and len(expected) > 1:
        expected.pop()
    assert split_lines(text) == expected


_CONFLICT_LINES = [
    "<<<<<<< HEAD",
    "<<<<<<<",
    "|||||||",
    "=======",
    ">>>>>>> b",
    " <<<<<<<",
    "tekst",
]


@contextlib.contextmanager
def _every_line_matched() -> Iterator[None]:
    saved = conflicts._FIRST
    conflicts._FIRST = ("",)  # every line starts with "": no line is skipped
    try:
        yield
    finally:
        conflicts._FIRST = saved


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_CONFLICT_LINES, "```", "    code"]), max_size=12))
def test_conflict_markers_skip_only_lines_that_cannot_match(lines: list[str]) -> None:
    """conflict-marker (VL901) looks at lines starting with a marker character only: the
    same findings as when every line is matched against every pattern."""
    text = "---\ntitle: Titel\n---\n\n" + "\n".join(lines) + "\n"
    doc = load_bytes(Path("x.md"), "x.md", text.encode())
    ctx = Context(profiles.get("vereiste"))
    fast = list(conflicts.check(doc, ctx))
    with _every_line_matched():
        assert list(conflicts.check(doc, ctx)) == fast


def test_the_front_matter_gate_spares_most_indexes(
    documents: list[tuple[Document, profiles.Profile]],
) -> None:
    """`_values_may_hold` answers from the source lines: most front matters are then never
    indexed for the placeholder rule (the findings are compared above)."""
    closed = [
        not _values_may_hold(doc, profile.placeholders)
        for doc, profile in documents
        if doc.front_matter is not None and doc.front_matter.parsed is not None
    ]
    assert sum(closed) > 0.5 * len(closed)


#: placeholder texts written the ways YAML can write a value: folded over lines, in block
#: scalars, quoted, with escapes and doubled quotes
_STYLED = [
    "Hier komt", "Hier\n  komt", "Beschrijf\n   hier", '"Hier  komt"', "'Hier komt'",
    '"T\\x4fDO"', '"TO\\\n  DO"', "'it''s TODO'", "|\n  Hier komt x", ">\n  Beschrijf\n  hier",
    ">-\n  denk aan de\n  extra enter", '"Wat moet de\\tgebruiker"', "TODO", "XX\n  X", "x",
    "[TODO, 'Hier komt']", "{a: XXX}", "&a TODO", "Dit kan vaak\n\n  hetzelfde zijn",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_STYLED), min_size=1, max_size=5))
def test_front_matter_placeholders_on_values_in_every_style(values: list[str]) -> None:
    keys = "\n".join(f"k{i}: {value}" for i, value in enumerate(values))
    text = f"---\ntitle: Titel\n{keys}\n---\n\n# Titel\n"
    doc = load_bytes(Path("x.md"), "x.md", text.encode())
    if doc.front_matter is None or doc.front_matter.parsed is None:
        return  # not YAML: nothing to compare
    for name in ("vereiste", "maatregel", "hulpmiddel"):
        _same(doc, profiles.get(name))
