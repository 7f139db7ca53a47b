"""The fast paths of the site stage give exactly what the slow paths give.

- mkdocs.yml is read with libyaml's parser where it can be: the data, the node tree and every
  position (nav findings are reported at them) must equal what PyYAML's pure-Python parser
  gives, on the real mkdocs.yml, our fixtures and many variations of them.
- Without the cache, the pages that link into a checked page are found by outlining only the
  pages whose text can spell such a link (`site.index.could_link`): the same pages as
  outlining every page, on our fixtures, a generated site, the content repo and pages that
  spell the link with escapes, entities and percent-encoding.
"""

from __future__ import annotations

import itertools
import os
import posixpath
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from vereistenlint.site import index as site_index
from vereistenlint.site import mkdocs
from vereistenlint.site.outline import link_target

from .conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # the benchmark generator, a script beside the tests

CORPUS_SITE = ROOT.parent / "shared/corpus/algoritmekader-2026-06-full/mkdocs.yml"
FIXTURE_SITES = sorted((ROOT / "tests/fixtures").rglob("mkdocs.yml"))


def _tree(node: yaml.Node | None) -> Any:
    """A node tree as plain data, with every node's tag and start and end positions."""
    if node is None:
        return None
    where = (node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if isinstance(node, yaml.MappingNode):
        return (node.tag, where, [(_tree(k), _tree(v)) for k, v in node.value])
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, where, [_tree(v) for v in node.value])
    return (node.tag, where, node.value, node.style or None)  # libyaml: "" for plain


def _read(text: str) -> Any:
    """`mkdocs._parse`'s reading: the tree and data, or the error it raises."""
    try:
        node, data = mkdocs._parse(text)
    except yaml.YAMLError as exc:
        return ("error", str(exc))
    return _tree(node), data


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """(the reading with libyaml where it can, PyYAML's own reading)."""
    fast = _read(text)
    with monkeypatch.context() as patch:
        patch.setattr(mkdocs, "FastMkDocsLoader", None)
        slow = _read(text)
    return fast, slow


SAMPLE = """\
site_name: Één kader — voor iedereen 🙂
site_url: https://example.org/kader/
docs_dir: docs
use_directory_urls: false
nav:
  - Start: index.md
  - 'Ëxtra': "over/é.md"
  - Sectie:
      - sub/a.md
      - "Titel met: kolon": sub/b.md
      - https://example.org/
  - !ENV [PAGE, x.md]
anchors:
  base: &base {a: 1, b: [1, 2]}
  copy: *base
markdown_extensions:
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
  - attr_list
block: |
  regel één
    ingesprongen
folded: >-
  a
  b
plain: 12:30
date: 2026-06-01
"""


def _variants() -> list[str]:
    """The sample, and copies of it with one line changed: indented differently, tabs,
    non-ASCII before a value, an unclosed flow, a tab in the wrong place."""
    lines = SAMPLE.splitlines(keepends=True)
    edits = [
        lambda s: s,
        lambda s: "\t" + s,
        lambda s: s.replace(": ", ":\t", 1),
        lambda s: s.replace("- ", "-   ", 1),
        lambda s: "é" + s,
        lambda s: s.replace("[", "[ ", 1),
        lambda s: s.rstrip("\n") + "  # ñ\n",
        lambda s: s.replace(":", "", 1),
        lambda s: "",
        lambda s: s.replace("'", '"', 1),
    ]
    found = [SAMPLE]
    for (i, line), edit in itertools.product(enumerate(lines), edits):
        found.append("".join([*lines[:i], edit(line), *lines[i + 1 :]]))
    rng = random.Random(14)
    for _ in range(200):  # a few lines dropped, swapped or duplicated at random
        chosen = lines[:]
        for _ in range(3):
            i, j = rng.randrange(len(chosen)), rng.randrange(len(chosen))
            action = rng.choice(("drop", "swap", "copy"))
            if action == "drop" and len(chosen) > 1:
                del chosen[i]
            elif action == "swap":
                chosen[i], chosen[j] = chosen[j], chosen[i]
            else:
                chosen.insert(i, chosen[j])
        found.append("".join(chosen))
    return found


@pytest.mark.skipif(mkdocs.FastMkDocsLoader is None, reason="PyYAML without libyaml")
def test_libyaml_reads_mkdocs_yml_as_pyyaml_does(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [p.read_text(encoding="utf-8-sig") for p in FIXTURE_SITES]
    if CORPUS_SITE.is_file():
        texts.append(CORPUS_SITE.read_text(encoding="utf-8-sig"))
    texts += _variants()
    compared = errors = 0
    for text in texts:
        fast, slow = _both(text, monkeypatch)
        assert fast == slow, text
        compared += 1
        errors += slow[0] == "error"
    assert compared > 400 and errors > 100  # files read and files rejected, both met


def test_load_config_with_and_without_libyaml_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sites = [*FIXTURE_SITES, *([CORPUS_SITE] if CORPUS_SITE.is_file() else [])]
    (tmp_path / "mkdocs.yml").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "mkdocs.yml").write_text("nav: [unclosed\n", encoding="utf-8")
    sites += [tmp_path / "mkdocs.yml", tmp_path / "broken" / "mkdocs.yml"]
    fast = [mkdocs.load_config(p) for p in sites]
    monkeypatch.setattr(mkdocs, "FastMkDocsLoader", None)
    slow = [mkdocs.load_config(p) for p in sites]
    assert fast == slow
    assert any(s.nav for s in slow) and any(s.problems for s in slow)


# -- which pages link into a page: the text prefilter ------------------------------------------


def _linking_slowly(index: site_index.SiteIndex, targets: set[str]) -> list[str]:
    """`SiteIndex.linking_to` without the prefilter: every page outlined."""
    found = []
    for page in index.pages:
        folder = posixpath.dirname(page)
        if any(
            link.kind in ("link", "image") and link_target(folder, link.url) in targets
            for link in index.outline(page).links
        ):
            found.append(page)
    return found


#: pages that spell a link to ../doel.md (or to the folder "doel.md") in the ways the site reads
TRICKY = {
    "escaped.md": "[a](d\\oel.md) [b](../d&#111;el.md) [c](<../do%65l.md#x>)\n",
    "entity-percent.md": "[a](../doel&#x2e;md) and [b](../doe%6C.md?q)\n",
    "double.md": "[a](../do&#37;65l.md)\n",
    "reference.md": "[a][r]\n\n[r]: ../&#100;oel.md\n",
    "image.md": "![a](../doel%2Emd)\n",
    "plain.md": "[a](../doel.md)\n",
    "not-a-link.md": "`[a](../doel.md)` and doel.md in prose, [b](../doelen.md)\n",
    "escape-no-link.md": "100% &amp; \\* [b](../ander.md)\n",
    "nothing.md": "[b](../ander.md)\n",
}


def _tricky_site(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    docs = root / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "doel.md").write_text("# Doel\n", encoding="utf-8")
    (docs / "ander.md").write_text("# Ander\n", encoding="utf-8")
    for name, text in TRICKY.items():
        (docs / "sub" / name).write_text(f"# {name}\n\n{text}", encoding="utf-8")
    # a folder of the target's name: "." on a page in it names the folder itself
    (docs / "x" / "doel.md").mkdir(parents=True)
    (docs / "x" / "doel.md" / "index.md").write_text("[hier](.)\n", encoding="utf-8")
    return root


def _sites(tmp_path: Path) -> list[Path]:
    sites = [_tricky_site(tmp_path / "tricky"), FIXTURES / "site"]
    generated = tmp_path / "generated"
    generate.generate(generated, 300, seed=7, config=True)
    sites.append(generated)
    if CORPUS_SITE.is_file():
        sites.append(CORPUS_SITE.parent)
    return sites


def test_the_prefilter_finds_every_page_that_links_into_a_target(tmp_path: Path) -> None:
    compared = linking = 0
    for root in _sites(tmp_path):
        site = mkdocs.load_config(root / "mkdocs.yml")
        pages = site_index.build(site).pages
        rng = random.Random(13)
        targets = [*pages[:5], *rng.sample(pages, min(40, len(pages)))]
        targets += ["verdwenen.md", "sub/verdwenen.md", "doel.md", "x/doel.md"]
        for target in targets:
            fast = site_index.build(site).linking_to({target})
            slow = _linking_slowly(site_index.build(site), {target})
            assert fast == slow, (root, target)
            compared += 1
            linking += len(slow)
    assert compared > 100 and linking > 50


def test_the_prefilter_reads_escapes_entities_and_percent_encoding(tmp_path: Path) -> None:
    site = mkdocs.load_config(_tricky_site(tmp_path) / "mkdocs.yml")
    index = site_index.build(site)
    found = index.linking_to({"doel.md"})
    assert found == _linking_slowly(site_index.build(site), {"doel.md"})
    spelled = {"escaped", "entity-percent", "double", "reference", "image", "plain"}
    assert found == sorted(f"sub/{name}.md" for name in spelled)
    # and only the pages that could spell it were outlined
    assert "sub/nothing.md" not in index.records and "sub/escape-no-link.md" not in index.records
    assert "sub/not-a-link.md" in index.records  # it holds the name: outlined, not a link


def test_could_link() -> None:
    could = site_index.could_link
    assert could("a.md", "[x](doel.md)", {"doel.md"})
    assert not could("a.md", "[x](ander.md)", {"doel.md"})
    assert could("doel.md/a.md", "[x](.)", {"doel.md"})  # the page's own folder
    assert could("a.md", "[x](d%6Fel.md)", {"doel.md"})
    assert could("a.md", "[x](d&ouml;el.md)", {"döel.md"})
    assert not could("a.md", "[x](d%6Fel.md) 100%", {"ander.md"})


def test_the_docs_walk_finds_what_os_walk_finds(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for rel in ["a.md", "b/c.md", "b/.hidden.md", ".git/x", "b/d/e.png", "f/g/h/i.md", "j.md.d/k"]:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("x", encoding="utf-8")
    (docs / "link-to-folder").symlink_to(docs / "b", target_is_directory=True)
    (docs / "link-to-file.md").symlink_to(docs / "a.md")
    (docs / "broken.md").symlink_to(docs / "nowhere.md")
    (docs / "empty").mkdir()
    walked: tuple[set[str], set[str]] = (set(), {""})
    for dirpath, dirnames, filenames in os.walk(docs):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = Path(os.path.relpath(dirpath, docs)).as_posix()
        rel = "" if rel == "." else rel
        walked[1].add(rel)
        walked[0].update(posixpath.join(rel, n) if rel else n for n in filenames if n[0] != ".")
    assert site_index.walk_docs(str(docs)) == walked
    assert "link-to-file.md" in walked[0] and "link-to-folder" not in walked[1]


def test_the_docs_walk_from_the_cache_finds_what_os_walk_finds(tmp_path: Path) -> None:
    from vereistenlint.cache import WalkCache

    docs = tmp_path / "docs"
    for rel in ["a.md", "b/c.md", "b/d/e.png", ".git/x"]:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("x", encoding="utf-8")

    def walked() -> tuple[set[str], set[str]]:
        found: tuple[set[str], set[str]] = (set(), {""})
        for dirpath, dirnames, filenames in os.walk(docs):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            rel = Path(os.path.relpath(dirpath, docs)).as_posix()
            rel = "" if rel == "." else rel
            found[1].add(rel)
            found[0].update(posixpath.join(rel, n) if rel else n for n in filenames if n[0] != ".")
        return found

    def age() -> None:
        for folder in [docs, *(p for p in docs.rglob("*") if p.is_dir())]:
            st = folder.stat()
            os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns - 120_000_000_000))

    def same() -> None:
        memo = WalkCache(tmp_path, "docs", "site-walk.json")
        assert site_index.walk_docs(str(docs), memo) == walked()
        memo.save()

    age()
    (tmp_path / ".vereistenlint_cache").mkdir()  # as the site's cache of outlines makes it
    same()
    same()  # from the cache
    assert (tmp_path / ".vereistenlint_cache" / "site-walk.json").is_file()
    (docs / "b" / "nieuw.md").write_text("x", encoding="utf-8")
    same()
    age()
    (docs / "b" / "d" / "e.png").rename(docs / "b" / "d" / "f.png")
    same()
    (docs / "b" / "d" / "g").mkdir()
    (docs / "b" / "d" / "g" / "h.md").write_text("x", encoding="utf-8")
    (docs / "b" / "link.md").symlink_to(docs / "a.md")
    age()
    same()
    (docs / "b" / "nieuw.md").unlink()
    same()


# -- which pages link into a page: with the cache ----------------------------------------------


def _age_pages(docs: Path, seconds: int = 120) -> None:
    for path in docs.rglob("*.md"):
        if path.is_file():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_the_cached_pages_passed_over_hold_no_link_into_a_target(tmp_path: Path) -> None:
    """`linking_to` with the cache (rows compared in comprehensions, `_not_passed_over`)
    finds what outlining every page finds, with rows fresh, changed, missing, damaged and
    too recent to trust, for one name and for several."""
    compared = linking = passed_over = 0
    for i, source in enumerate(_sites(tmp_path / "sites")):
        root = tmp_path / "copies" / str(i)  # the fixtures and the corpus are not written
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".vereistenlint_cache"))
        site = mkdocs.load_config(root / "mkdocs.yml")
        docs = Path(site.docs_dir)
        _age_pages(docs)
        filled = site_index.build(site, use_cache=True)
        for page in filled.pages:
            filled.outline(page)
        filled.save()
        pages = filled.pages
        rng = random.Random(17)
        for page in rng.sample(pages, min(6, len(pages))):  # changed since: the rows are stale
            with open(docs / page, "a", encoding="utf-8") as f:
                f.write("\n[nieuw](doel.md)\n")
        fresh = pages[len(pages) // 2]
        (docs / fresh).write_text((docs / fresh).read_text(encoding="utf-8") + "\n")  # racy
        kept = site_index.SiteCache(root, filled.ids.fingerprint)
        assert len(kept.rows) == len(pages)
        kept.rows.pop(pages[0])  # the first page's row is missing
        damaged = kept.rows.get(pages[1])
        assert damaged is not None
        kept.rows[pages[1]] = damaged[:-3]  # and the second's damaged
        kept.rows[pages[2]] = damaged  # and the third holds the second's outline
        kept.dirty = True
        kept.save()
        targets = [*rng.sample(pages, min(30, len(pages))), "doel.md", "verdwenen.md"]
        groups = [{t} for t in targets] + [set(targets[i : i + 3]) for i in range(0, 12, 3)]
        for group in groups:
            index = site_index.build(site, use_cache=True)
            fast = index.linking_to(group)
            assert fast == _linking_slowly(site_index.build(site), group), (root, group)
            compared += 1
            linking += len(fast)
            passed_over += len(pages) - len(index.records)
    assert compared > 40 and linking > 20 and passed_over > 1000
