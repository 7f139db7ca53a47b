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
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vereistenlint import cache, config, engine, index, repo
from vereistenlint.choose import choose_profile
from vereistenlint.discover import file_key, walk_repo
from vereistenlint.load import load, load_bytes
from vereistenlint.options import Options
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


# -- files left unread: `index.defer` --------------------------------------------------------
# A file that is not being checked is left unread (its entry made, by the slow path, only when
# a rule asks for it) when its profile follows from its path and its bytes cannot spell any
# checked file's id. The claim under that: `may_spell` says False only when the file's id
# (as the slow path loads it) is none of the ids.

#: ids as they are written, and front matter that spells them otherwise
IDS = ["urn:nl:ak:ver:aia-01", "urn:nl:ak:mtr:dat-02", "a", "x/y.z+1", "12", "urn:a-b"]


def _spellings(ident: str) -> list[str]:
    """Front matter (without the fences) whose id is, or nearly is, `ident`."""
    escaped = "".join(f"\\x{ord(c):02x}" for c in ident)
    uni = "".join(f"\\u{ord(c):04x}" for c in ident)
    half = len(ident) // 2
    head, tail = ident[:half], ident[half:]
    return [
        f"id: {ident}\n",
        f'id: "{escaped}"\n',
        f'id: "{uni}"\n',
        f'id: "{head}\\\n  {tail}"\n',  # an escaped line break joins the two halves
        f'id: "{head}\\\n{tail}"\n',
        f"id: {head}\n  {tail}\n",  # a plain scalar over two lines: a space between
        f"id: '{head}\n  {tail}'\n",
        f"id: |-\n  {ident}\n",
        f"id: >-\n  {head}\n  {tail}\n",
        f"id: !!str {ident}\n",
        f"base: &b {ident}\nid: *b\n",
        f"m: &m {{id: {ident}}}\n<<: *m\n",
        f"<<: {{id: {ident}}}\nid: other\n",
        f"id: other\nid: {ident}\n",
        f'"id": "{ident}"\n',
        f"? id\n: {ident}\n",
        f"id: {head}\x85{tail}\n",
        f"id: {head}\u2028{tail}\n",
        f"\ufeffid: {ident}\n",
        f"id: {ident}\nbroken: [\n",
        f"id: {ident}\nwhen: 2024-13-45\n",
        f'id: "{ident}\\t"\n',
        f"id: '{ident}'''\n",
        f"id: {ident} # comment\n",
        f'id: "{ident}\\u200b"\n',
        f"id: {escaped}\n",
        f"id: %{ident}\n",
    ]


def _wrongly_left(
    texts: list[bytes], ids: list[str], needles: Callable[[list[str]], list[bytes] | None]
) -> list[tuple[bytes, str]]:
    """(file, id) where the screen says the file cannot have the id but the loader gives it."""
    wrong = []
    for raw in texts:
        doc = load_bytes(Path("t.md"), "t.md", raw)
        data = doc.mapping() or {}
        ident = data.get("id")
        for candidate in ids:
            found = needles([candidate])
            if found is not None and not index.may_spell(raw, found) and ident == candidate:
                wrong.append((raw, candidate))
    return wrong


def _texts(tmp_path: Path) -> list[bytes]:
    texts = [p.read_bytes() for p in _files(tmp_path)]
    for ident in IDS:
        for body in _spellings(ident):
            for start in ("---\n", "\ufeff---\n", "---\r\n"):
                texts.append(f"{start}{body}---\n\n# T\n".encode())
    return texts


def test_a_file_left_unread_cannot_have_a_checked_id(tmp_path: Path) -> None:
    texts = _texts(tmp_path)
    ids = list(IDS)
    for raw in texts:  # every file's own id too, where it is plain
        data = load_bytes(Path("t.md"), "t.md", raw).mapping() or {}
        if isinstance(data.get("id"), str):
            ids.append(data["id"])
    assert len(set(ids)) > 100
    assert _wrongly_left(texts, sorted(set(ids)), index.id_needles) == []


def test_the_screen_test_fails_on_a_screen_that_forgets_escapes(tmp_path: Path) -> None:
    """Without the backslash, the escapes above spell ids the screen does not see: the
    comparison finds them (so it can fail)."""

    def forgetful(ids: list[str]) -> list[bytes] | None:
        found = index.id_needles(ids)
        return None if found is None else found[:-1]

    wrong = _wrongly_left(_texts(tmp_path), IDS, forgetful)
    assert len(wrong) >= 2 * len(IDS)


@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b",
                ":",
                "-",
                " ",
                "\n",
                "\n  ",
                "\\",
                '"',
                "'",
                "&x ",
                "*x",
                "!!str ",
                "|-\n  ",
                ">-\n  ",
                "\x85",
                "\u2028",
                "\ufeff",
                "#",
                "[",
                "{",
                "id: ",
                "<<: ",
            ]
        ),
        max_size=14,
    )
)
@settings(max_examples=400, deadline=None)
def test_the_screen_holds_for_generated_front_matter(parts: list[str]) -> None:
    raw = ("---\nid: " + "".join(parts) + "\n---\n").encode()
    ids = ["a", "b", "ab", "a:b", "a-b", "ba", "aa", "a:b-a"]
    assert _wrongly_left([raw], ids, index.id_needles) == []


def _checked_repo(root: Path) -> tuple[Path, list[Path]]:
    """A generated repository where the checked measure's id is also had by others, written
    as itself, with escapes, through an alias and a merge key, and by a broken file."""
    plan = generate.generate(root, 300, seed=5, config=True)
    folder = root / "docs" / generate.SECTION / "maatregelen"
    measures = [folder / f"{stem}.md" for _, stem in plan.measures]
    checked = measures[0]
    ident = str(yaml.safe_load(checked.read_text(encoding="utf-8").split("---")[1])["id"])
    twins = measures[1:6]
    spelled = [
        f"id: {ident}",
        'id: "' + "".join(f"\\x{ord(c):02x}" for c in ident) + '"',
        f"base: &b {ident}\nid: *b",
        f"m: &m {{id: {ident}}}\n<<: *m",
        f"id: {ident}\nkapot: [",
    ]
    for twin, text in zip(twins, spelled, strict=True):
        lines = twin.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("id:"))
        lines[at] = text
        twin.write_text("\n".join(lines), encoding="utf-8")
    return checked, twins


def test_files_left_unread_give_the_findings_of_files_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    checked, twins = _checked_repo(root)
    monkeypatch.chdir(root)
    conf = config.discover_config()
    assert conf is not None
    reads = []
    known = index._index_known

    def counted(*args: Any) -> repo.Entry:
        reads.append(args[0])
        return known(*args)

    monkeypatch.setattr(index, "_index_known", counted)

    def run() -> list[tuple[str, int, int, str, str]]:
        result = engine.run_check([str(checked)], Options(config=conf, jobs=1, cache=False))
        return [(d.path, d.line, d.column, d.code, d.message) for d in result.diagnostics]

    fast = run()
    fast_reads = len(reads)
    with monkeypatch.context() as patch:
        patch.setattr(index, "defer", lambda repo, files, forced, config: files)
        reads.clear()
        slow = run()
    assert fast == slow
    duplicate = [f for f in fast if f[3] == "VL401"]
    assert duplicate and all(t.name in duplicate[0][4] for t in twins[:4])
    # the twins and nothing else is read: the other files' entries are never made
    assert fast_reads < len(twins) + 5 < len(reads)


def test_a_pending_id_that_was_not_screened_makes_the_unsure_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An id asked for that the files were not screened against: every unsure entry is made."""
    root = tmp_path / "site"
    checked, _twins = _checked_repo(root)
    monkeypatch.chdir(root)
    conf = config.discover_config()
    assert conf is not None
    everything = walk_repo(conf)
    fast = RepoIndex()
    index.add_rest(fast, everything, None, conf, cache=False, jobs=1)
    slow = RepoIndex()
    for f in everything:
        slow.add(index.index_file(f.path, f.display, None, conf))
    entry = slow.entries[file_key(checked)]
    assert fast.others_with_id(entry) == slow.others_with_id(entry)
    assert len(slow.others_with_id(entry)) >= 4
    assert fast.entries == slow.entries


def test_path_stem_is_the_stem_of_the_path(tmp_path: Path) -> None:
    names = ["a.md", ".md", "a.", "a..md", "...", "x.tar.gz", "plain", ".hidden.md", "é.md"]
    paths = [str(tmp_path / n) for n in names] + [str(p) for p in _files(tmp_path)]
    assert [index.path_stem(p) for p in paths] == [Path(p).stem for p in paths]


# -- many pending entries at once: `RepoIndex.add_pending_many`, `cache.IndexCache.split` ------


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"]),
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from(["", "vereiste", "maatregel"]),
            st.sampled_from(["null", '"urn:1"', '"urn:2"', '"urn:3"']),
        ),
        max_size=12,
    ),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_many_pending_entries_are_as_each_added_alone(
    rows: list[tuple[str, str, str, str]], known_first: bool
) -> None:
    def entry(key: str, stem: str, profile: str, id_json: str) -> repo.Entry:
        ident = None if id_json == "null" else id_json.strip('"')
        return repo.Entry(key, key, stem, profile or None, ident, 1, 1)

    def made(r: RepoIndex, bulk: bool) -> RepoIndex:
        if known_first:
            r.add(entry("k1", "z", "vereiste", '"urn:1"'))
        makes = [partial(entry, *row) for row in rows]
        if bulk:
            keys, stems, profiles, ids = (
                (list(c) for c in zip(*rows, strict=True)) if rows else ([],) * 4
            )
            r.add_pending_many(keys, stems, profiles, ids, makes)
        else:
            for (key, stem, profile, id_json), make in zip(rows, makes, strict=True):
                r.add_pending(key, stem, profile or None, id_json, make)
        return r

    one, alone = made(RepoIndex(), True), made(RepoIndex(), False)
    assert dict(one.stems_by_profile) == dict(alone.stems_by_profile)
    # more ids asked for than are scanned for: the rest are sorted, with the same answers
    for ident in ["urn:1", "urn:2", "urn:3", "urn:4"] * 3:
        probe = repo.Entry("probe", "probe", "p", None, ident)
        assert one.others_with_id(probe) == alone.others_with_id(probe)
        assert one.first_others_with_id(probe, 2) == alone.first_others_with_id(probe, 2)
    assert one.entries == alone.entries


def test_stats_are_the_stamps_and_the_first_look_stands(tmp_path: Path) -> None:
    paths = []
    for i in range(5):
        (tmp_path / f"{i}.md").write_text("x" * i)
        paths.append(str(tmp_path / f"{i}.md"))
    gone = str(tmp_path / "gone.md")
    with cache.one_run():
        first = cache.stamp(paths[0])
        (tmp_path / "0.md").write_text("longer now")
        found = cache.stats([*paths, gone])
        assert [[s.st_size, s.st_mtime_ns] if s else None for s in found] == [
            first,
            *(cache.stamp(p) for p in paths[1:]),
            None,
        ]
    assert cache.stats(paths)[0].st_size == len("longer now")
    with cache.one_run():  # one file gone: each is looked at on its own
        found = cache.stats([gone, *paths])
        assert found[0] is None and [s.st_size for s in found[1:]] == [10, 1, 2, 3, 4]
