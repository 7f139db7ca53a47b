"""Links and anchors resolved as MkDocs resolves them: the fixture site of tests/fixtures/site
(every kind of link, broken and working), heading ids compared with Python-Markdown's own
rendering, mkdocs.yml read without executing anything, the cache that lets a one-file check
know every other page, and the real content repo."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest

from vereistenlint import check
from vereistenlint.engine import Options, fix_file
from vereistenlint.load import load
from vereistenlint.site import index as site_index
from vereistenlint.site import pages as site_pages
from vereistenlint.site import stage
from vereistenlint.site.index import build, load_body
from vereistenlint.site.mkdocs import Opaque, load_config, load_site
from vereistenlint.site.outline import outline
from vereistenlint.site.slugs import heading_ids

from .conftest import CORPUS, FIXTURES

SITE = FIXTURES / "site"
LINKS = ["VL6"]


def _found(paths: list[Path]) -> list[tuple[str, int, int, str]]:
    return sorted(
        (Path(d.path).relative_to(Path(d.path).parents[0]).name, d.line, d.column, d.code)
        for d in check(paths, select=LINKS)
    )


# -- mkdocs.yml ----------------------------------------------------------------------------


def test_mkdocs_yml_tags_are_opaque_and_nothing_is_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: https://example.org/x/\n"
        f"a: !!python/object/apply:os.system ['touch {marker}']\n"
        "b: !!python/name:os.system\n"
        "c: !ENV [HOME, 1]\n"
        "d: !relative $config_dir\n"
        f"nav: !!python/object/apply:os.system ['touch {marker}']\n"
        "markdown_extensions:\n"
        "  - toc:\n"
        "      slugify: !!python/name:builtins.exec\n"
    )
    site = load_config(tmp_path / "mkdocs.yml")
    assert not marker.exists()
    assert site.site_url == "https://example.org/x/"
    assert site.nav == ()  # a tagged nav is an opaque value, not pages
    assert site.docs_dir == tmp_path / "docs"
    toc = site.extension("toc")
    assert toc is not None and isinstance(toc["slugify"], Opaque)
    ids = heading_ids(site)
    assert ids.slugify is None and ids.unknown_slugify == "builtins.exec"


def test_without_mkdocs_yml_the_defaults_hold(tmp_path: Path) -> None:
    site = load_site(tmp_path)
    assert site.config_file is None and site.docs_dir == tmp_path / "docs"
    assert [name for name, _ in site.markdown_extensions] == ["toc", "tables", "fenced_code"]


def test_a_broken_mkdocs_yml_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("nav: [unclosed\n")
    site = load_config(tmp_path / "mkdocs.yml")
    assert site.problems and site.docs_dir == tmp_path / "docs"


# -- heading ids ---------------------------------------------------------------------------

#: the fixture site's extensions, as mkdocs.yml lists them, for Python-Markdown itself
SITE_EXTENSIONS = [
    "toc",
    "tables",
    "fenced_code",
    "admonition",
    "pymdownx.details",
    "pymdownx.tabbed",
    "pymdownx.superfences",
    "attr_list",
    "md_in_html",
    "footnotes",
]


def _rendered_ids(text: str, **toc: object) -> list[str]:
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    html = markdown.markdown(
        body,
        extensions=SITE_EXTENSIONS,
        extension_configs={
            "toc": {"permalink": True, **toc},
            "pymdownx.tabbed": {"alternate_style": True},
        },
    )
    return re.findall(r'<h[1-6][^>]*\sid="([^"]*)"', html)


TRICKY = """# Één vraag: wat nu?

## Één vraag: wat nu?

## Één vraag: wat nu?

## Een vraag wat nu_1

## Privacy & beveiliging (AVG) — “quotes” en ‘enkel’

## Kop met `code`, [een link](x.md), *nadruk* en **sterk**

## C# en F#

### Eigen id {: #eigen-id }

### Attribuut zonder id { data-search-exclude }

### Eigen id

Setext kop
----------

## Artikel 5.1 – ‘bewaren’ & wissen (art. 17 AVG)

!!! note "Kader"

    ## Kop in een kader

??? info

    ### Kop in een inklapbaar blok

=== "Tab"

    #### Kop in een tab

## Ça va? Über straße ĳs

<div class="grid cards" markdown>

-   ## [Kaart met een link](x.md)

    ---

    Tekst op de kaart.

</div>
"""


def test_heading_ids_agree_with_python_markdown(tmp_path: Path) -> None:
    shutil.copy(SITE / "mkdocs.yml", tmp_path / "mkdocs.yml")  # the same extensions
    page = tmp_path / "docs" / "kop.md"
    page.parent.mkdir()
    page.write_text(TRICKY)
    ids = heading_ids(load_site(tmp_path))
    expected = _rendered_ids(TRICKY)
    assert len(expected) == 17 and "een-vraag-wat-nu_3" in expected
    assert expected[-1] == "kaart-met-een-link"
    assert list(outline(load(page, "kop.md"), ids).anchors[: len(expected)]) == expected


def test_heading_ids_of_the_fixture_site_agree_with_python_markdown() -> None:
    ids = heading_ids(load_site(SITE))
    for page in sorted((SITE / "docs").rglob("*.md")):
        found = outline(load(page, page.name), ids).anchors
        rendered = _rendered_ids(page.read_text())
        assert list(found[: len(rendered)]) == rendered, page.name


def test_a_configured_pymdownx_slug_function_is_used(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - attr_list\n  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
    )
    page = tmp_path / "docs" / "kop.md"
    page.parent.mkdir()
    page.write_text(TRICKY)
    ids = heading_ids(load_site(tmp_path))
    from pymdownx.slugs import slugify

    expected = _rendered_ids(TRICKY, slugify=slugify(case="lower"))
    assert "één-vraag-wat-nu" in expected
    assert list(outline(load(page, "kop.md"), ids).anchors[: len(expected)]) == expected


# -- the fixture site ----------------------------------------------------------------------

#: every broken or fragile link of the fixture site, at the start of its destination
EXPECTED = [
    ("index.md", 8, 12, "VL601"),  # <a href="rollen/bestaat-niet/">: no such page
    ("index.md", 11, 31, "VL607"),  # [vereisten](vereisten/): a folder, write vereisten/index.md
    ("index.md", 11, 55, "VL607"),  # [jurist](rollen/jurist): a URL, write rollen/jurist.md
    ("index.md", 13, 25, "VL606"),  # /kader/rollen/jurist/: root-relative
    ("index.md", 13, 57, "VL606"),  # /rollen/jurist.md: root-relative
    ("index.md", 15, 31, "VL605"),  # https://example.org/kader/...: the site's own address
    ("links.md", 8, 14, "VL601"),  # bestaat-niet.md
    ("links.md", 8, 44, "VL601"),  # oud/beleid.md: renamed to beleid/beleid.md
    ("links.md", 8, 70, "VL603"),  # uitleg.md#een-vraag: no such heading
    ("links.md", 9, 10, "VL602"),  # ../../README.md: out of docs
    ("links.md", 9, 39, "VL604"),  # schema.jpg: only schema.png exists
    ("links.md", 9, 74, "VL604"),  # ../documenten/regeling.pdf
    ("links.md", 11, 17, "VL603"),  # beleid.md#doelen: heading now "Doelen van het beleid"
    ("links.md", 11, 58, "VL603"),  # #privacy-beveiliging-agv: a typo
    ("links.md", 15, 24, "VL601"),  # in an admonition
    ("links.md", 19, 27, "VL603"),  # in a collapsible block, same page
    ("links.md", 23, 19, "VL601"),  # in a content tab
    ("links.md", 27, 20, "VL603"),  # in a table
    ("links.md", 38, 8, "VL601"),  # a reference definition
    ("mkdocs.yml", 9, 9, "VL608"),  # nav names vereisten/verdwenen.md
]


def test_every_broken_link_of_the_fixture_site_at_its_place() -> None:
    assert _found([SITE / "docs"]) == sorted(EXPECTED)


def test_working_links_are_silent() -> None:
    docs = SITE / "docs"
    for page in ("vereisten/uitleg.md", "vereisten/index.md", "rollen/jurist.md"):
        found = check([docs / page], select=LINKS)
        # links.md links into uitleg.md, brokenly: those findings are its own, not uitleg.md's
        assert [d for d in found if d.path.endswith(page)] == [], page


def test_suggestions_name_what_exists_now() -> None:
    found = {(Path(d.path).name, d.line, d.column): d for d in check([SITE / "docs"], select=LINKS)}
    assert "beleid/beleid.md" in found[("links.md", 8, 44)].message
    assert "#doelen-van-het-beleid" in found[("links.md", 11, 17)].message
    assert "'vereisten/uitleg.md#privacy-beveiliging-avg'" in found[("index.md", 15, 31)].message
    assert found[("links.md", 8, 14)].fix is None  # no candidate, no fix
    assert found[("links.md", 8, 70)].fix is None  # three candidates: none is certain


def test_a_missing_page_in_a_large_folder_is_compared_with_its_alphabetical_neighbours(
    tmp_path: Path,
) -> None:
    """The nearest-name search costs the same per broken link in a folder of any size: past
    2 * NEARBY files only the names around the missing one are compared (linear, not n^2)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    folder = tmp_path / "docs" / "p"
    folder.mkdir(parents=True)
    for i in range(3 * 200):
        (folder / f"m-{i:04d}-pagina.md").write_text(f"# Pagina {i}\n")
    (folder / "zz-0300-paginaa.md").write_text("# Ver weg\n")  # alike, but far in the order
    (folder / "links.md").write_text("# L\n\n[a](m-0450-pagin.md) [b](zz-0300-pagin.md)\n")
    found = {d.column: d.message for d in check([folder / "links.md"], select=LINKS)}
    assert "p/m-0450-pagina.md" in found[5]
    assert "zz-0300-paginaa.md" in found[26]  # its own neighbourhood holds it
    assert "m-0300-pagina.md" not in found[26]  # too far from 'zz-' in the order to be compared
    (folder / "q-uniek-onderwerp.md").write_text("# Uniek\n")
    (folder / "links.md").write_text("# L\n\n[c](q-uniek-onderwer.md)\n")
    (one,) = check([folder / "links.md"], select=LINKS)
    assert "p/q-uniek-onderwerp.md" in one.message  # the one name alike
    assert one.fix is None  # but not certain: the folder was not compared in full


def test_unsafe_fix_rewrites_a_link_with_one_certain_candidate(tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path / "site")
    page = tmp_path / "site" / "docs" / "vereisten" / "links.md"
    result = fix_file(page, "links.md", Options(select=("VL6",)), unsafe=True)
    new = result.fixed.decode()
    assert "[oude plek](../beleid/beleid.md)" in new
    assert "(../beleid/beleid.md#doelen-van-het-beleid)" in new
    assert "(uitleg.md#privacy-beveiliging-avg)" in new
    assert "[weg](bestaat-niet.md)" in new  # no candidate: left alone
    assert "(uitleg.md#een-vraag)" in new  # not certain: left alone
    safe = fix_file(page, "links.md", Options(select=("VL6",)), unsafe=False)
    assert not safe.changed


def test_unsafe_fixes_of_site_address_root_and_folder_links(tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path / "site")
    page = tmp_path / "site" / "docs" / "index.md"
    options = Options(select=("VL6",))
    result = fix_file(page, "index.md", options, unsafe=True)
    new = result.fixed.decode()
    assert "[vereisten](vereisten/index.md) en [jurist](rollen/jurist.md)" in new
    assert "[rollen](rollen/jurist.md) en [oud](rollen/jurist.md)" in new
    assert "[uitleg](vereisten/uitleg.md#privacy-beveiliging-avg)" in new
    assert '<a href="vereisten/">' in new  # raw HTML is left as written
    page.write_bytes(result.fixed)
    left = {d.code for d in check([page], select=LINKS) if d.path.endswith("index.md")}
    assert left == {"VL601"}  # <a href="rollen/bestaat-niet/">: nothing to rewrite it to
    assert not fix_file(page, "index.md", options, unsafe=True).changed


def test_template_links_and_code_are_not_guessed_at() -> None:
    found = [d for d in check([SITE / "docs" / "vereisten" / "links.md"], select=LINKS)]
    lines = {d.line for d in found}
    assert not lines & {29, 30, 32, 33, 36}  # code span, fenced code, {{ ... }}


# -- pre-commit: one file, with the rest of the site from the cache ------------------------


def _site_copy(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    return root


def test_a_one_file_check_reads_no_other_unchanged_page(tmp_path: Path) -> None:
    root = _site_copy(tmp_path)
    docs = root / "docs"
    later = time.time() - 10  # stamps older than the cache's racy window
    for page in docs.rglob("*.md"):
        os.utime(page, (later, later))
    # another process fills the cache, as the previous commit's hook run did
    fill = "from vereistenlint.site import stage; import sys; from pathlib import Path; "
    fill += "stage.run([Path(sys.argv[1])], [], frozenset({'VL603'}), use_cache=True)"
    subprocess.run([sys.executable, "-c", fill, str(docs)], check=True)
    page = docs / "rollen" / "jurist.md"
    page.write_text(page.read_text() + "\nZie [beleid](../beleid/beleid.md#doelen).\n")
    site_index._MEMO.clear()  # a new process: only the cache on disk knows the other pages
    result = stage.run([page], [(page, "jurist.md")], frozenset({"VL603"}), use_cache=True)
    assert result.index is not None
    assert result.index.read == {"rollen/jurist.md"}
    assert [(f.line, f.code) for f in result.by_key[os.path.realpath(page)]] == [(5, "VL603")]


def test_a_deleted_heading_fails_the_pages_that_link_to_it(tmp_path: Path) -> None:
    root = _site_copy(tmp_path)
    target = root / "docs" / "vereisten" / "uitleg.md"
    target.write_text(target.read_text().replace("### Eigen id {: #eigen-id }", "### Ander"))
    found = check([target], select=LINKS)
    assert {(Path(d.path).name, d.line, d.code) for d in found} == {
        ("jurist.md", 3, "VL603"),  # rollen/jurist.md links to uitleg.md#eigen-id
        ("links.md", 4, "VL603"),  # and so does vereisten/links.md
        # the links of links.md into uitleg.md that were broken already are shown with it
        ("links.md", 8, "VL603"),
        ("links.md", 11, "VL603"),
        ("links.md", 27, "VL603"),
        ("mkdocs.yml", 9, "VL608"),
    }


def test_a_deleted_page_fails_the_pages_that_linked_to_it(tmp_path: Path) -> None:
    root = _site_copy(tmp_path)
    docs = root / "docs"
    stage.run([docs], [], frozenset({"VL601"}), use_cache=True)
    (docs / "beleid" / "beleid.md").unlink()
    other = docs / "rollen" / "jurist.md"  # the commit changes another page only
    result = stage.run([other], [(other, "jurist.md")], frozenset({"VL601"}), use_cache=True)
    assert [(Path(p).name, [f.line for f in fs]) for p, _, fs in result.others] == [
        ("links.md", [11])
    ]


# -- the real content repo -----------------------------------------------------------------

#: every link finding on the content repo at HEAD, each read against its target
CORPUS_FINDINGS = [
    # "## Aanbevolen maatregelen ontwikkelfase" makes #aanbevolen-maatregelen-ontwikkelfase
    ("docs/levenscyclus/ontwikkelen.md", 17, 17, "VL603"),
    # "## Aanbevolen maatregelen voor verificatie en validatie": the short id does not exist
    ("docs/levenscyclus/verificatie-en-validatie.md", 19, 33, "VL603"),
    # CONTRIBUTING.md has "## Vragen en suggesties", no heading "Ik heb een vraag"
    ("docs/over-het-algoritmekader/sitemap.md", 62, 13, "VL603"),
    ("docs/over-het-algoritmekader/veelgestelde-vragen.md", 62, 105, "VL603"),
    # a link by https://minbzk.github.io/Algoritmekader/...: breaks when the site moves
    ("docs/voldoen-aan-wetten-en-regels/hulpmiddelen/genAI-compliance-FAQ.md", 33, 43, "VL605"),
]


def test_the_content_repo_links(monkeypatch: pytest.MonkeyPatch) -> None:
    repo = CORPUS / "algoritmekader-2026-06-full"
    if not repo.is_dir():
        pytest.skip("../shared/corpus is not present")
    monkeypatch.chdir(repo)
    found = sorted((d.path, d.line, d.column, d.code) for d in check(["docs"], select=LINKS))
    assert found == CORPUS_FINDINGS


def test_the_content_repo_nav_and_index_pages_resolve() -> None:
    repo = CORPUS / "algoritmekader-2026-06-full"
    if not repo.is_dir():
        pytest.skip("../shared/corpus is not present")
    index = build(load_site(repo))
    from vereistenlint.rules.site_links import check_nav

    assert list(check_nav(index)) == []
    assert len(index.pages) > 200


def test_without_mkdocs_yml_links_are_judged_only_when_asked_for(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n[b](b.md)\n")
    assert [d.code for d in check([docs], select=["VL601"])] == ["VL601"]
    assert not [d for d in check([docs]) if d.code.startswith("VL6")]


#: pages of the content repo where the ids differ from Python-Markdown's, and why
CORPUS_ID_DIFFERENCES = {
    # git conflict markers left in the page: the '=======' line under a list item is a setext
    # heading to Python-Markdown, a paragraph line to CommonMark (issue 11 reports the markers)
    "soorten-algoritmes-en-ai/generatieve-ai.md",
}


def test_heading_ids_of_every_page_of_the_content_repo_agree_with_python_markdown() -> None:
    repo = CORPUS / "algoritmekader-2026-06-full"
    if not repo.is_dir():
        pytest.skip("../shared/corpus is not present")
    ids = heading_ids(load_site(repo))
    # the site's extensions that change what is a heading or its id (not the emoji and
    # snippets extensions, whose configured functions and files are outside the docs)
    extensions = [
        *("toc", "tables", "fenced_code", "pymdownx.tabbed", "pymdownx.superfences"),
        *("pymdownx.details", "admonition", "attr_list", "abbr", "md_in_html", "footnotes"),
        *("pymdownx.tasklist", "pymdownx.blocks.html"),
    ]
    config = {"pymdownx.tabbed": {"alternate_style": True}, "toc": {"toc_depth": 3}}
    differ = set()
    pages = sorted((repo / "docs").rglob("*.md"))
    for page in pages:
        doc = load_body(page, page.name)
        body = "\n".join(doc.lines[doc.body_start :])
        html = markdown.markdown(body, extensions=extensions, extension_configs=config)
        rendered = re.findall(r'<h[1-6][^>]*\sid="([^"]*)"', html)
        if list(outline(doc, ids).anchors[: len(rendered)]) != rendered:
            differ.add(page.relative_to(repo / "docs").as_posix())
    assert len(pages) > 200
    assert differ == CORPUS_ID_DIFFERENCES


def test_a_renamed_page_fails_the_commit_that_renames_it(tmp_path: Path) -> None:
    """As pre-commit runs it: the command, with its cache, on the files the commit touches."""
    root = _site_copy(tmp_path)
    docs = root / "docs"
    later = time.time() - 10
    for page in docs.rglob("*.md"):
        os.utime(page, (later, later))
    command = [sys.executable, "-m", "vereistenlint", "check", "--select", "VL601", "--lang", "en"]
    first = subprocess.run([*command, "docs"], cwd=root, capture_output=True, text=True)
    assert first.returncode == 1  # the fixture's own broken links
    (docs / "rollen").rename(docs / "functies")  # rollen/jurist.md -> functies/jurist.md
    renamed = docs / "functies" / "jurist.md"
    proc = subprocess.run(
        [*command, renamed.relative_to(root).as_posix()], cwd=root, capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stdout
    # index.md reaches the page by URL (rollen/jurist/, /kader/rollen/jurist/): links by URL
    # are judged when their own page is checked, not when their target is renamed
    assert "docs/index.md" not in proc.stdout
    lines = [line for line in proc.stdout.splitlines() if ": VL601 " in line]
    assert lines == [
        "docs/vereisten/links.md:6:54: VL601 link to '../rollen/jurist.md': the page"
        " rollen/jurist.md does not exist; it may now be functies/jurist.md"
    ]


def test_an_alias_bomb_in_mkdocs_yml_gives_the_defaults(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
        for p, c in zip("abcdefg", "bcdefgh", strict=True)
    ]
    lines.append("nav: [*h]")
    (tmp_path / "mkdocs.yml").write_text("\n".join(lines) + "\n")
    site = load_config(tmp_path / "mkdocs.yml")
    assert site.problems and site.nav is None


def test_a_page_whose_outline_fails_is_an_internal_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _site_copy(tmp_path)
    page = root / "docs" / "rollen" / "jurist.md"

    def broken(*args: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(site_index, "outline", broken)
    # the check makes the page's outline first; when that fails, the link stage reads it
    monkeypatch.setattr(site_pages, "outline", broken)
    site_index._MEMO.clear()
    found = check([page], select=LINKS)
    assert sorted((Path(d.path).name, d.code) for d in found) == [
        ("jurist.md", "VL007"),
        ("mkdocs.yml", "VL608"),
    ]


def test_python_markdowns_own_heading_extensions_are_made_from_their_modules() -> None:
    from vereistenlint.site import slugs

    own = set(slugs._own_extensions())
    assert own == {n for n in slugs.HEADING_EXTENSIONS if "." not in n} | {"toc"}
