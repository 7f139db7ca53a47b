"""The index cache never changes a finding: after every kind of change between runs (a file
changed, renamed, deleted; a change within the file system's time-stamp granularity, same
size and same time stamp; a heading that other pages link to renamed), checking the same
files with the cache gives exactly what a --no-cache run gives.

The repository is written by benchmarks/generate.py (the content repo's layout, with tools,
ordinary pages and links between pages). No timing is asserted. Every step also asserts that
the change made a difference to the findings, so that an equality that holds because nothing
depended on the change cannot pass for a test of the cache.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

from vereistenlint import cache, config, engine, rules
from vereistenlint.options import Options

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # the benchmark generator, a script beside the tests

SECTION = Path("docs") / generate.SECTION
Finding = tuple[str, int, int, str, str]


def _age(root: Path, seconds: int = 120) -> None:
    """Date every file back, as if written well before the cache: the cache trusts them."""
    for path in root.rglob("*.md"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def findings(root: Path, targets: list[Path], *, cache: bool) -> list[Finding]:
    conf = config.discover_config()
    assert conf is not None and conf.root.resolve() == root.resolve()
    options = Options(config=conf, jobs=1, cache=cache)
    result = engine.run_check([str(t) for t in targets], options)
    # only the checked files: with the cache, the link rules (issue 13) also report pages that
    # link into a page deleted or renamed since the last run, which a run without the cache
    # cannot know of; the findings of the files being checked must be the same either way
    named = {t.as_posix() for t in targets}
    return [
        (d.path, d.line, d.column, d.code, d.message) for d in result.diagnostics if d.path in named
    ]


def same_with_and_without_cache(root: Path, targets: list[Path]) -> list[Finding]:
    fresh = findings(root, targets, cache=False)
    assert findings(root, targets, cache=True) == fresh
    return fresh


def _front(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, generate.Plan]:
    root = tmp_path / "site"
    plan = generate.generate(root, 120, seed=14, config=True)
    monkeypatch.chdir(root)
    return root, plan


def test_changed_renamed_deleted_and_racy_files(site: tuple[Path, generate.Plan]) -> None:
    root, plan = site
    measures = [SECTION / "maatregelen" / f"{stem}.md" for _, stem in plan.measures]
    checked, other, racy = measures[0], measures[1], measures[2]
    ident = str(_front(checked)["id"])
    named = _front(checked)["vereiste"]
    assert isinstance(named, list) and named
    _age(root)
    before = same_with_and_without_cache(root, [checked])
    assert (root / ".vereistenlint_cache" / "index.json").is_file()

    # changed: another measure takes the checked one's id
    _replace(other, f"id: {_front(other)['id']}", f"id: {ident}")
    _age(root, 60)
    after_change = same_with_and_without_cache(root, [checked])
    assert any(f[3] == "VL401" for f in after_change) and after_change != before

    # renamed: a requirement the checked measure names gets another file name
    requirement = SECTION / "vereisten" / f"{named[0]}.md"
    requirement.rename(requirement.with_name(f"{named[0]}-oud.md"))
    after_rename = same_with_and_without_cache(root, [checked])
    assert after_rename != after_change
    assert any(f[3] == "VL403" for f in after_rename)

    # deleted: the file with the repeated id is gone
    other.unlink()
    after_delete = same_with_and_without_cache(root, [checked])
    assert not any(f[3] == "VL401" for f in after_delete) and after_delete != after_rename

    # within the time-stamp granularity: a file changed just after the cache was written, to
    # the same size, its time stamp set back to what the cache recorded
    _replace(racy, "---\n", "---\n")  # rewritten now: recent, as a file being edited is
    findings(root, [checked], cache=True)  # the cache records it
    stamp = racy.stat()
    old_id = str(_front(racy)["id"])
    assert len(old_id) == len(ident)
    _replace(racy, f"id: {old_id}", f"id: {ident}")
    os.utime(racy, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert racy.stat().st_size == stamp.st_size and racy.stat().st_mtime_ns == stamp.st_mtime_ns
    after_racy = same_with_and_without_cache(root, [checked])
    assert any(f[3] == "VL401" for f in after_racy) and after_racy != after_delete


def _link_rules() -> bool:
    return any(rule.code.startswith("VL6") for rule in rules.RULES)


@pytest.mark.skipif(not _link_rules(), reason="no link rules on this branch (issue 13)")
def test_a_changed_heading_that_other_pages_link_to(site: tuple[Path, generate.Plan]) -> None:
    root, plan = site
    _, stem = plan.current[0]
    target = SECTION / "vereisten" / f"{stem}.md"
    page = Path("docs") / generate.PAGE_FOLDERS[0] / "verwijzingen.md"
    page.write_text(
        "---\ntitle: Verwijzingen\n---\n\n# Verwijzingen\n\n"
        f"Lees [de toelichting](../{generate.SECTION}/vereisten/{stem}.md#toelichting).\n",
        encoding="utf-8",
    )
    _age(root)
    before = same_with_and_without_cache(root, [page])
    assert not any(re.search("toelichting", f[4]) for f in before)
    _replace(target, "\n## Toelichting\n", "\n## Uitleg\n")
    _age(root, 60)
    after = same_with_and_without_cache(root, [page])
    assert after != before and any("toelichting" in f[4] for f in after)
    _replace(target, "\n## Uitleg\n", "\n## Toelichting\n")
    _age(root, 30)
    assert same_with_and_without_cache(root, [page]) == before


def _damage_row(cache_file: Path, rel: str) -> None:
    """Cut the JSON of one file's row short, as a damaged cache would hold it (the rest of
    the file as it should be: a file cut short or out of step is read as no rows at all)."""
    fingerprint = json.loads(cache_file.read_bytes().partition(b"\n")[0])["fingerprint"]
    rows, written = cache.read_rows(cache_file, fingerprint)
    row = rows.get(rel)
    assert written and row is not None and row.endswith("]")
    rows[rel] = row[:-5]
    cache.write_rows(cache_file, fingerprint, rows)
    assert cache.read_rows(cache_file, fingerprint)[0].get(rel) == row[:-5]


def test_entries_sharing_an_id_come_from_the_cache_as_from_the_files(
    site: tuple[Path, generate.Plan],
) -> None:
    """The cached entries that share the checked file's id are the only ones decoded: their
    names and id lines in the message must be the files' own, also when a row is damaged."""
    root, plan = site
    measures = [SECTION / "maatregelen" / f"{stem}.md" for _, stem in plan.measures]
    checked, twins = measures[0], measures[1:4]
    ident = str(_front(checked)["id"])
    for twin in twins:
        # the id further down in one of them: the id line the message names differs
        _replace(twin, f"id: {_front(twin)['id']}", f"id: {ident}")
    _replace(twins[1], "---\n", "---\n# a comment first\n")
    _age(root)
    findings(root, [checked], cache=True)  # fills the cache
    both = same_with_and_without_cache(root, [checked])
    duplicate = [f for f in both if f[3] == "VL401"]
    assert duplicate and all(t.name in duplicate[0][4] for t in twins)
    _damage_row(root / ".vereistenlint_cache" / "index.json", twins[0].as_posix())
    assert same_with_and_without_cache(root, [checked]) == both


@pytest.mark.skipif(not _link_rules(), reason="no link rules on this branch (issue 13)")
def test_pages_that_start_or_stop_linking_to_the_checked_page(
    site: tuple[Path, generate.Plan],
) -> None:
    """The cached outlines say which pages link into the checked one; a page that changed
    since is read again, whether it now links there or no longer does."""
    root, plan = site
    _, stem = plan.current[0]
    target = SECTION / "vereisten" / f"{stem}.md"
    folder = Path("docs") / generate.PAGE_FOLDERS[0]
    linking, later = folder / "verwijst.md", folder / "verwijst-later.md"
    link = f"[de toelichting](../{generate.SECTION}/vereisten/{stem}.md#toelichting)"
    linking.write_text(f"---\ntitle: A\n---\n\n# A\n\nLees {link}.\n", encoding="utf-8")
    later.write_text("---\ntitle: B\n---\n\n# B\n\nNog niets.\n", encoding="utf-8")
    _age(root)
    findings(root, [target], cache=True)  # fills the cache; the pages stay as they were
    _replace(target, "\n## Toelichting\n", "\n## Uitleg\n")

    def reported() -> list[tuple[str, int, str]]:
        options = Options(config=config.discover_config(), jobs=1, cache=True)
        result = engine.run_check([str(target)], options)
        return [(d.path, d.line, d.code) for d in result.diagnostics if d.code == "VL603"]

    first = reported()
    assert [p for p, _, _ in first] == [linking.as_posix()]
    later.write_text(f"---\ntitle: B\n---\n\n# B\n\nLees {link}.\n", encoding="utf-8")
    linking.write_text("---\ntitle: A\n---\n\n# A\n\nNiet meer.\n", encoding="utf-8")
    assert [p for p, _, _ in reported()] == [later.as_posix()]
    site_rows = root / ".vereistenlint_cache" / "site-index.json"
    assert later.relative_to("docs").as_posix() in site_rows.read_text(encoding="utf-8")


def _age_folders(root: Path, seconds: int = 120) -> None:
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        st = folder.stat()
        os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_the_walk_from_the_cache_finds_what_the_walk_finds(
    site: tuple[Path, generate.Plan],
) -> None:
    """Folders whose time did not change are not listed again: a file added, removed or
    renamed, a folder added, a link in a folder and a folder changed just before the cache
    was written must all be seen as a walk of the disk sees them."""
    from vereistenlint import index
    from vereistenlint.discover import walk_repo

    root, plan = site
    conf = config.discover_config()
    assert conf is not None
    measures = root / SECTION / "maatregelen"

    def same() -> list[str]:
        cached = index.walk(conf, cache=True)
        assert cached == walk_repo(conf)
        return [f.rel for f in cached]

    _age(root)
    _age_folders(root)
    same()
    # kept only beside the other caches: a run that writes none leaves no folder behind
    assert not (root / ".vereistenlint_cache").exists()
    (root / ".vereistenlint_cache").mkdir()
    first = same()  # fills the cache
    assert (root / ".vereistenlint_cache" / "walk.json").is_file()
    assert same() == first  # from the cache

    new = measures / "nieuw.md"
    new.write_text((measures / f"{plan.measures[0][1]}.md").read_text(encoding="utf-8"))
    added = same()
    assert new.relative_to(root).as_posix() in added and len(added) == len(first) + 1
    _age_folders(root)
    same()
    new.rename(measures / "hernoemd.md")
    renamed = same()
    assert "hernoemd.md" in " ".join(renamed) and "nieuw.md" not in " ".join(renamed)
    (measures / "hernoemd.md").unlink()
    assert same() == first
    extra = root / "docs" / "nieuwe-map"
    extra.mkdir()
    (extra / "pagina.md").write_text("---\ntitle: P\n---\n\n# P\n", encoding="utf-8")
    assert "docs/nieuwe-map/pagina.md" in same()
    (extra / "link.md").symlink_to(extra / "pagina.md")
    _age_folders(root)
    linked = same()
    assert "docs/nieuwe-map/link.md" in linked
    (extra / "link.md").unlink()
    (extra / "link.md").mkdir()  # the link's name is a folder now: the folder's time changed
    assert "docs/nieuwe-map/link.md" not in same()

    # a folder changed just before the cache was written, changed again in the same tick of
    # the clock (its time set back to the one the cache saw): never trusted
    _age_folders(root)
    same()
    recent = root / "docs" / "nog-een-map"
    recent.mkdir()
    (recent / "a.md").write_text("---\ntitle: A\n---\n\n# A\n", encoding="utf-8")
    same()  # the cache records the folder while it is recent
    seen = recent.stat()
    (recent / "b.md").write_text("---\ntitle: B\n---\n\n# B\n", encoding="utf-8")
    os.utime(recent, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    assert "docs/nog-een-map/b.md" in same()
