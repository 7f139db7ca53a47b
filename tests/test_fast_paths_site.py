"""The fast paths of the site stage give exactly what the slow paths give.

- mkdocs.yml is read with libyaml's parser where it can be: the data, the node tree and every
  position (nav findings are reported at them) must equal what PyYAML's pure-Python parser
  gives, on the real mkdocs.yml, our fixtures and many variations of them.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from vereistenlint.site import mkdocs

from .conftest import ROOT

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
