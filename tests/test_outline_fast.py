"""The link stage's fast paths give exactly what the slow paths give.

- A page's outline (site/outline.py): a page without container openers is outlined from the
  document's own tokens, a flattened page has its inline content parsed only where a link can
  stand, and plain headings get their ids without Python-Markdown. Compared with
  ``outline(..., reference=True)`` (the page parsed on its own, every heading rendered: the
  outline as it was made before) on every page of the fixture site, of ../shared/corpus
  (skipped where it is absent), of a generated repository (benchmarks/generate.py) and on
  hypothesis pages built of the constructs the outline reads.
- Heading ids (site/slugs.py): `HeadingIds.plain_ids` against `rendered_ids` on every heading
  of the same pages and on hypothesis headings, under the sites' own settings, under settings
  with every heading extension (smarty included) and with a pymdownx slug function. Each test
  also asserts that the fast path was taken often, so that it cannot pass by falling back.
- The outlines the per-file checks make reach the link stage: a full check gives the same
  diagnostics as a check whose stage reads and outlines every page itself.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vereistenlint import config, engine
from vereistenlint.document import Document
from vereistenlint.files import split_lines
from vereistenlint.load import load
from vereistenlint.options import Options
from vereistenlint.site import stage
from vereistenlint.site.index import load_body
from vereistenlint.site.mkdocs import load_site
from vereistenlint.site.outline import headings, outline
from vereistenlint.site.slugs import HeadingIds, heading_ids

from .conftest import CORPUS, FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # the benchmark generator, a script beside the tests

SITE = FIXTURES / "site"
FULL = CORPUS / "algoritmekader-2026-06-full"


def _ids(tmp: Path, yml: str) -> HeadingIds:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "mkdocs.yml").write_text(yml)
    return heading_ids(load_site(tmp))


@pytest.fixture(scope="module")
def settings_list(tmp_path_factory: pytest.TempPathFactory) -> list[HeadingIds]:
    """The fixture site's own settings, and others that make the fast path more careful."""
    tmp = tmp_path_factory.mktemp("ids")
    every = "\n".join(
        f"  - {name}"
        for name in (
            "attr_list",
            "abbr",
            "footnotes",
            "smarty",
            "pymdownx.betterem",
            "pymdownx.caret",
            "pymdownx.mark",
            "pymdownx.tilde",
            "pymdownx.keys",
            "pymdownx.inlinehilite",
            "pymdownx.critic",
            "pymdownx.escapeall",
        )
    )
    return [
        heading_ids(load_site(SITE)),
        _ids(tmp / "every", f"markdown_extensions:\n{every}\n  - toc\n"),
        _ids(tmp / "none", "markdown_extensions:\n  - toc:\n      separator: _\n"),
        _ids(
            tmp / "pymdownx",
            "markdown_extensions:\n  - attr_list\n  - smarty\n  - toc:\n"
            "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
        ),
    ]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "site"
    generate.generate(root, 400, seed=7, config=True)
    return root


def _sites(generated: Path) -> Iterator[tuple[Path, list[Path]]]:
    """(site root, its pages): the fixture site, the generated one and the corpus trees that
    hold a mkdocs.yml."""
    yield SITE, sorted((SITE / "docs").rglob("*.md"))
    yield generated, sorted((generated / "docs").rglob("*.md"))
    if CORPUS.is_dir():
        for tree in sorted(CORPUS.iterdir()):
            if (tree / "mkdocs.yml").is_file() and (tree / "docs").is_dir():
                yield tree, sorted((tree / "docs").rglob("*.md"))


def _docs(page: Path) -> Iterator[Document]:
    """The page as a check loads it and as the link stage loads it."""
    yield load(page, page.name)
    yield load_body(page, page.name)


def test_the_outline_of_every_page_is_the_reference_outline(generated: Path) -> None:
    taken = 0
    for root, pages in _sites(generated):
        ids = heading_ids(load_site(root))
        for page in pages:
            for doc in _docs(page):
                expected = outline(doc, ids, reference=True)
                assert outline(doc, ids) == expected, page
                taken += 1
    assert taken > 800


def test_the_outline_of_the_corpus_is_the_reference_outline() -> None:
    if not FULL.is_dir():
        pytest.skip("../shared/corpus is not present")
    ids = heading_ids(load_site(FULL))
    pages = sorted((FULL / "docs").rglob("*.md"))
    assert len(pages) > 200
    for page in pages:
        doc = load(page, page.name)
        assert outline(doc, ids) == outline(doc, ids, reference=True), page


def test_plain_heading_ids_are_the_rendered_ids(
    generated: Path, settings_list: list[HeadingIds]
) -> None:
    pages = plain = 0
    for _root, found in _sites(generated):
        for page in found:
            page_headings = headings(load_body(page, page.name))
            if not page_headings:
                continue
            for ids in settings_list:
                pages += 1
                fast = ids.plain_ids(page_headings)
                if fast is not None:
                    plain += 1
                    assert fast == ids.rendered_ids(page_headings), (page, ids.extensions)
                for one in page_headings:
                    single = ids.plain_ids([one])
                    if single is not None:
                        assert single == ids.rendered_ids([one]), (one, ids.extensions)
    assert plain > pages // 2  # the fast path is the common one, not a rare exception


def test_smartsymbols_always_renders(tmp_path: Path) -> None:
    ids = _ids(tmp_path, "markdown_extensions:\n  - pymdownx.smartsymbols\n")
    assert ids.plain_ids([(2, "## 1st (c) 1/2")]) is None
    assert ids.ids([(2, "## 1st (c) 1/2")]) == ids.rendered_ids([(2, "## 1st (c) 1/2")])


def test_an_explicit_id_anywhere_renders_the_whole_page(settings_list: list[HeadingIds]) -> None:
    site = settings_list[0]
    page = [(2, "## Doel"), (2, "## Doel { #doel }"), (2, "## Doel")]
    assert site.plain_ids(page) is None
    assert site.ids(page) == site.rendered_ids(page) == ["doel_1", "doel", "doel_2"]


# -- hypothesis ----------------------------------------------------------------------------

#: plain text and everything that may make a heading something else
_HEADING_CHARS = "aAzZéëß09 .,:;?!-/()'\"%_*`[]{}<>&#\\~^=+|\t\u00a0²½"
#: (pymdownx's slug function makes a dash of every space: the whitespace toc collapses shows)
_WORDS = [
    "Doel",
    "Kop  met   spaties",
    "Stap 1",
    "Vereiste(n)",
    "Let op!",
    "AI-verordening",
    "één",
    "x",
    "",
]
_ATTRS = [
    "",
    " { data-search-exclude }",
    " {: .klasse }",
    " { #eigen }",
    "{ data-x }",
    " { id }",
    " { a=b }",
    " {.a .b }",
]


@st.composite
def _heading_text(draw: st.DrawFn) -> tuple[int, str]:
    level = draw(st.integers(1, 6))
    text = draw(st.one_of(st.sampled_from(_WORDS), st.text(_HEADING_CHARS, max_size=24)))
    text += draw(st.sampled_from(_ATTRS))
    if draw(st.booleans()):
        return level, "#" * draw(st.integers(1, 7)) + draw(st.sampled_from([" ", "  ", ""])) + text
    return level, text  # a setext heading's text (the renderer writes it as ATX)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page=st.lists(_heading_text(), min_size=1, max_size=6))
def test_plain_ids_of_hypothesis_headings(
    settings_list: list[HeadingIds], page: list[tuple[int, str]]
) -> None:
    for ids in settings_list:
        fast = ids.plain_ids(page)
        if fast is not None:
            assert fast == ids.rendered_ids(page), ids.extensions


_BLOCKS = [
    "# Titel",
    "## Doel { data-search-exclude }",
    "## Doel",
    "Kop\n---",
    "Tekst met [een link](../a/b.md#doel) en ![beeld](c.png).",
    'Een [verwijzing][ref] en <a href="x.md#y">html</a> en `[code](z.md)`.',
    "[ref]: ../d.md#e",
    'Spaties: [x](a b.md) en <span id="anker">.</span> {#attr-id}',
    "alleen een ](c d.md) haakje",
    "!!! note\n    in een box ](e f.md) haakje\n\n    ## Kop  met   spaties",
    "- item [l](e.md)\n- item\n    ## In een lijst",
    "> citaat [q](f.md)",
    "| a | [t](g.md) |\n|---|---|\n| <a href='h.md'>h</a> | b |",
    "```\n[geen](link.md)\n```",
    '!!! note "Let op"\n    Binnen [een](box.md) box.\n\n    ## Kop in box',
    "??? tip\n    Inklapbaar [i](j.md).",
    '=== "Tab 1"\n    Tab [t1](k.md)\n\n=== "Tab 2"\n    | x | [y](l.md) |\n    |---|---|',
    "!!! warning\n    !!! note\n        Genest [n](m.md).",
    '<div markdown>\n<a href="n.md">n</a>\n</div>',
    "Voetnoot[^1].\n\n[^1]: Tekst.",
    "    ingesprongen [code](o.md)",
    "\tmet tab [p](q.md)",
    "",
]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    blocks=st.lists(st.sampled_from(_BLOCKS), min_size=1, max_size=10),
    joins=st.lists(st.sampled_from(["\n\n", "\n"]), min_size=10, max_size=10),
    front=st.booleans(),
)
def test_the_outline_of_hypothesis_pages_is_the_reference_outline(
    settings_list: list[HeadingIds], blocks: list[str], joins: list[str], front: bool
) -> None:
    text = blocks[0] + "".join(j + b for j, b in zip(joins, blocks[1:], strict=False)) + "\n"
    if front:
        text = "---\ntitel: x\n---\n" + text
    lines = split_lines(text)
    doc = Document(path=Path("p.md"), display="p.md", text=text, lines=lines)
    if front:
        doc = Document(path=Path("p.md"), display="p.md", text=text, lines=lines, body_start=3)
    for ids in settings_list:
        assert outline(doc, ids) == outline(doc, ids, reference=True)


# -- the outlines reach the stage ----------------------------------------------------------


def test_a_full_check_with_the_checks_outlines_is_a_check_whose_stage_reads_every_page(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(generated)
    conf = config.discover_config()
    assert conf is not None
    made: list[int] = []
    real = stage.run

    def counting(*args: object, **kwargs: object) -> stage.LinkFindings:
        made.append(len(list(kwargs.get("outlines") or ())))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stage, "run", counting)
    with_outlines = engine.run_check([], Options(config=conf, jobs=1))
    assert made and made[0] > 300  # the checks made the pages' outlines
    monkeypatch.setattr(stage, "pages", lambda *args, **kwargs: None)
    read_by_stage = engine.run_check([], Options(config=conf, jobs=1))
    assert made[-1] == 0
    assert with_outlines.diagnostics == read_by_stage.diagnostics
    assert any(d.code.startswith("VL6") for d in with_outlines.diagnostics)
