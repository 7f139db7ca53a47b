"""The repository index's fast paths give exactly the entries of the slow ones.

- `repo.entry_for` finds the two or three nodes an entry needs by walking down to them
  instead of indexing every node of the front matter (`yamlpos.ParsedYaml.index`);
- `index.add_rest`, in this process, gives each file the relative path and key the walk
  computed instead of computing them again (`choose_profile(..., rel)`, `entry_for(..., key)`).

Both are compared with the slow path on our fixtures, a generated repository, the content
repo where it is present, and front matter with repeated keys, merge keys, aliases and keys
that are not plain scalars.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vereistenlint import config, index, repo
from vereistenlint.choose import choose_profile
from vereistenlint.discover import file_key, walk_repo
from vereistenlint.load import load
from vereistenlint.repo import RepoIndex

from .conftest import CORPUS, FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # the benchmark generator, a script beside the tests

TRICKY = [
    "id: urn:a\nid: urn:b\nvereiste:\n- x\n- y\n",
    "vereiste: [x]\nvereiste:\n- y\n- z\n",
    "vereiste:\n- x\n- y\nvereiste: [z]\n",
    "base: &b\n  vereiste: [x, y]\n<<: *b\nid: urn:c\n",
    "? [a, b]\n: c\nid: urn:d\nvereiste: [a, '', 3, b]\n",
    "vereiste: &l [p, q]\nmaatregel: *l\nid: urn:e\n",
    "id:\nvereiste:\n",
    "'id': \"urn:f\"\n!!str vereiste: [!!str x]\n",
    "- a\n- b\n",
    "id: [1, 2]\nvereiste: x\n",
]


def _files(tmp_path: Path) -> list[Path]:
    found = sorted(FIXTURES.rglob("*.md"))
    generated = tmp_path / "generated"
    generate.generate(generated, 200, seed=3, config=True)
    found += sorted(generated.rglob("*.md"))
    corpus = CORPUS / "algoritmekader-2026-06-full" / "docs"
    if corpus.is_dir():
        found += sorted(corpus.rglob("*.md"))
    for kind in ("vereisten", "maatregelen"):
        folder = tmp_path / "tricky" / kind
        folder.mkdir(parents=True)
        for i, text in enumerate(TRICKY):
            (folder / f"t{i}.md").write_text(f"---\n{text}---\n\n# T\n", encoding="utf-8")
            found.append(folder / f"t{i}.md")
    return found


def test_entries_found_by_walking_down_equal_those_of_the_full_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path)
    assert len(files) > 300
    with_references = 0
    for path in files:
        for profile in (None, "vereiste", "maatregel"):
            doc = load(path, path.as_posix())
            chosen = choose_profile(doc, profile, None)
            results = []
            for fast in (True, False):
                with monkeypatch.context() as patch:
                    if not fast and doc.front_matter is not None and doc.front_matter.parsed:
                        parsed = doc.front_matter.parsed
                        patch.setattr(repo, "_Nodes", lambda root, p=parsed: p.index)
                    try:
                        results.append(repo.entry_for(doc, chosen))
                    except KeyError as exc:
                        results.append(("KeyError", str(exc)))
            assert results[0] == results[1], (path, profile)
            entry = results[0]
            with_references += bool(getattr(entry, "references", ()))
    assert with_references > 100


def test_the_rest_of_the_repository_is_indexed_as_index_file_indexes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    generate.generate(root, 300, seed=11, config=True)
    (root / "docs" / "voldoen-aan-wetten-en-regels" / "vereisten" / "kapot.md").write_text(
        "---\nid: [unclosed\n---\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    conf = config.discover_config()
    assert conf is not None
    everything = walk_repo(conf)
    fast = RepoIndex()
    index.add_rest(fast, everything, None, conf, cache=False, jobs=1)
    slow = {}
    for f in everything:
        entry = index.index_file(f.path, f.display, None, conf)
        slow[entry.key] = entry
        assert entry.key == f.key == file_key(f.path)
    assert fast.entries == slow
