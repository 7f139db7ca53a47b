"""A small content repo of our own: configuration, labels from its folders, the repository-wide
rules, run the way the pre-commit hook runs them (only the changed files, from the repo root)."""

from __future__ import annotations

import difflib
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from vereistenlint.rules import repository
from vereistenlint.rules.repository import likely_intended

from .conftest import FIXTURES, ROOT

REPO = FIXTURES / "repos" / "inhoud"
VER = Path("docs/vereisten")
MTR = Path("docs/maatregelen")
LOGBOEK = VER / "abc-01-logboek-bijhouden.md"
UITLEG = VER / "abc-02-uitleg-geven.md"
MAATREGEL = MTR / "2-xyz-01-logging-inrichten.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "inhoud"
    shutil.copytree(REPO, target)
    return target


def hook_command() -> list[str]:
    """The pre-commit hook's own entry, run with this interpreter."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = next(h for h in hooks if h["id"] == "vereistenlint")["entry"].split()
    assert entry[0] == "vereistenlint"
    return [sys.executable, "-m", "vereistenlint", *entry[1:], *hooks[0].get("args", [])]


def run_hook(repo: Path, *files: Path) -> tuple[int, list[tuple[str, int, int, str]]]:
    proc = subprocess.run(
        [*hook_command(), "--format", "json", *map(str, files)],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    import json

    found = [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(proc.stdout)]
    return proc.returncode, found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_repo_is_clean_as_a_whole_and_file_by_file(repo: Path) -> None:
    assert run_hook(repo) == (0, [])
    for f in (LOGBOEK, UITLEG, MAATREGEL):
        assert run_hook(repo, f) == (0, [])


def test_edited_file_colliding_with_an_untouched_file_is_caught(repo: Path) -> None:
    new = VER / "abc-01-logboek-kopie.md"
    shutil.copy(repo / LOGBOEK, repo / new)
    edit(repo / new, "vereiste/abc-01-logboek-bijhouden", "vereiste/abc-01-logboek-kopie")
    code, found = run_hook(repo, new)  # pre-commit passes only the changed file
    assert code == 1
    assert found == [(new.as_posix(), 3, 5, "VL401")]


def test_collision_reported_on_every_file_given_each_naming_the_others(repo: Path) -> None:
    new = VER / "abc-01-logboek-kopie.md"
    shutil.copy(repo / LOGBOEK, repo / new)
    edit(repo / new, "vereiste/abc-01-logboek-bijhouden", "vereiste/abc-01-logboek-kopie")
    proc = subprocess.run(
        [*hook_command(), str(new), str(LOGBOEK)], cwd=repo, capture_output=True, text=True
    )
    assert (
        f"{LOGBOEK.as_posix()}:3:5: VL401 id 'urn:nl:ak:ver:abc-01' is also used by {new.as_posix()}:3"
        in proc.stdout
    )
    assert (
        f"{new.as_posix()}:3:5: VL401 id 'urn:nl:ak:ver:abc-01' is also used by {LOGBOEK.as_posix()}:3"
        in proc.stdout
    )


def test_files_split_across_processes_in_any_order_report_only_their_own(repo: Path) -> None:
    new = VER / "abc-01-logboek-kopie.md"
    shutil.copy(repo / LOGBOEK, repo / new)
    edit(repo / new, "vereiste/abc-01-logboek-bijhouden", "vereiste/abc-01-logboek-kopie")
    _, first = run_hook(repo, MAATREGEL, LOGBOEK)
    _, second = run_hook(repo, UITLEG, new)
    assert first == [(LOGBOEK.as_posix(), 3, 5, "VL401")]
    assert second == [(new.as_posix(), 3, 5, "VL401")]


def test_file_name_must_carry_the_id_code(repo: Path) -> None:
    edit(repo / UITLEG, "urn:nl:ak:ver:abc-02", "urn:nl:ak:ver:abc-12")
    assert run_hook(repo, UITLEG) == (1, [(UITLEG.as_posix(), 3, 5, "VL402")])


def test_measure_file_name_ignores_the_phase_prefix(repo: Path) -> None:
    moved = MTR / "7-xyz-01-logging-inrichten.md"
    (repo / MAATREGEL).rename(repo / moved)
    assert run_hook(repo, moved) == (0, [])
    edit(repo / moved, "urn:nl:ak:mtr:xyz-01", "urn:nl:ak:mtr:xyz-02")
    assert run_hook(repo, moved) == (1, [(moved.as_posix(), 3, 5, "VL402")])


def test_measure_must_name_existing_requirements(repo: Path) -> None:
    edit(repo / MAATREGEL, "- abc-02-uitleg-geven", "- abc-02-uitleg-geve")
    code, found = run_hook(repo, MAATREGEL)  # the requirements themselves are not passed
    assert (code, found) == (1, [(MAATREGEL.as_posix(), 7, 3, "VL403")])


def test_removing_a_requirement_breaks_the_measure_that_names_it(repo: Path) -> None:
    (repo / UITLEG).unlink()
    assert run_hook(repo, MAATREGEL) == (1, [(MAATREGEL.as_posix(), 7, 3, "VL403")])


def test_list_maatregelen_must_name_its_own_stem(repo: Path) -> None:
    edit(repo / UITLEG, "vereiste/abc-02-uitleg-geven", "vereiste/abc-01-logboek-bijhouden")
    assert run_hook(repo, UITLEG) == (1, [(UITLEG.as_posix(), 40, 32, "VL302")])


def test_labels_come_from_the_repo_folders(repo: Path) -> None:
    # a misspelled label gets a did-you-mean from the folder's pages
    edit(repo / UITLEG, "- ontwerp\n", "- ontwerpen\n")
    proc = subprocess.run([*hook_command(), str(UITLEG)], cwd=repo, capture_output=True, text=True)
    assert (
        f"{UITLEG.as_posix()}:6:3: VL016 'ontwerpen' is not allowed for levenscyclus[1]; did you mean 'ontwerp'?"
        in proc.stdout
    )
    # a page that is not a label, index.md, and the values the configuration adds
    edit(repo / UITLEG, "- ontwerpen\n", "- over-de-levenscyclus\n- index\n- archiveren\n")
    _, found = run_hook(repo, UITLEG)
    assert found == [(UITLEG.as_posix(), 6, 3, "VL016"), (UITLEG.as_posix(), 7, 3, "VL016")]


def test_a_new_label_page_makes_a_new_label_valid(repo: Path) -> None:
    edit(repo / UITLEG, "- governance\n", "- duurzaamheid\n")
    assert run_hook(repo, UITLEG)[1] == [(UITLEG.as_posix(), 9, 3, "VL016")]
    (repo / "docs/onderwerpen/duurzaamheid.md").write_text("---\ntitle: d\n---\n", encoding="utf-8")
    assert run_hook(repo, UITLEG) == (0, [])


def test_without_configuration_the_schema_vocabulary_applies(repo: Path) -> None:
    (repo / "vereistenlint.toml").unlink()
    # 'archiveren' is valid only because this repo's configuration adds it
    code, found = run_hook(repo, MAATREGEL)
    assert (code, found) == (1, [(MAATREGEL.as_posix(), 10, 3, "VL016")])


def test_excluded_and_not_included_files_are_not_checked(repo: Path) -> None:
    (repo / "README.md").write_text("# Lees mij\n", encoding="utf-8")
    assert run_hook(repo, Path("README.md")) == (0, [])
    with (repo / "vereistenlint.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    text = (repo / "vereistenlint.toml").read_text(encoding="utf-8")
    (repo / "vereistenlint.toml").write_text(
        text.replace("include = [", 'exclude = ["docs/vereisten/abc-02-*"]\ninclude = ['),
        encoding="utf-8",
    )
    edit(repo / UITLEG, "- ontwerp\n", "- ontwerpen\n")
    assert run_hook(repo, UITLEG) == (0, [])


# -- the index cache ---------------------------------------------------------------------------


def _age(path: Path, seconds: int = 60) -> None:
    """Date a file back, as if it was last changed well before the cache was written."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_the_index_cache_is_used_and_never_changes_a_finding(repo: Path) -> None:
    for f in (LOGBOEK, UITLEG, MAATREGEL):
        _age(repo / f)
    assert run_hook(repo, UITLEG) == (0, [])
    cache = repo / ".vereistenlint_cache"
    assert (cache / "index.json").is_file() and (cache / ".gitignore").read_text().endswith("*\n")
    # an untouched file changes behind the cache's back: same size, another id, a new time
    edit(repo / LOGBOEK, "urn:nl:ak:ver:abc-01", "urn:nl:ak:ver:abc-02")
    _age(repo / LOGBOEK, 30)
    assert run_hook(repo, UITLEG) == (1, [(UITLEG.as_posix(), 3, 5, "VL401")])


def test_a_broken_cache_is_read_again_not_trusted(repo: Path) -> None:
    run_hook(repo, UITLEG)
    (repo / ".vereistenlint_cache" / "index.json").write_text("{nonsense", encoding="utf-8")
    edit(repo / MAATREGEL, "- abc-02-uitleg-geven", "- abc-02-uitleg-geve")
    assert run_hook(repo, MAATREGEL) == (1, [(MAATREGEL.as_posix(), 7, 3, "VL403")])


def test_no_cache_writes_nothing(repo: Path) -> None:
    proc = subprocess.run(
        [*hook_command(), "--no-cache", str(UITLEG)], cwd=repo, capture_output=True
    )
    assert proc.returncode == 0
    assert not (repo / ".vereistenlint_cache").exists()


def test_the_cache_is_consulted_for_files_not_being_checked(repo: Path) -> None:
    """Proof that entries come from the cache: a change that keeps a file's size and time
    stamp (which editors and git never do) goes unseen until --no-cache."""
    for f in (LOGBOEK, UITLEG, MAATREGEL):
        _age(repo / f)
    assert run_hook(repo, UITLEG) == (0, [])
    stamp = (repo / LOGBOEK).stat()
    edit(repo / LOGBOEK, "urn:nl:ak:ver:abc-01", "urn:nl:ak:ver:abc-02")
    os.utime(repo / LOGBOEK, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert run_hook(repo, UITLEG) == (0, [])
    proc = subprocess.run(
        [*hook_command(), "--no-cache", "--format", "json", str(UITLEG)],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert '"VL401"' in proc.stdout


# -- tools and every cross-reference (issue 11) -----------------------------------------------

TOOLS_REPO = FIXTURES / "repos" / "met-hulpmiddelen"
TOOL = Path("docs/hulpmiddelen/logboek-handreiking.md")


@pytest.fixture
def tools_repo(tmp_path: Path) -> Path:
    target = tmp_path / "met-hulpmiddelen"
    shutil.copytree(TOOLS_REPO, target)
    return target


def run_json(repo: Path, *args: str) -> list[dict[str, object]]:
    import json

    proc = subprocess.run(
        [*hook_command(), "--format", "json", "--lang", "en", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data: list[dict[str, object]] = json.loads(proc.stdout)
    return data


def test_a_repo_with_tools_is_clean_and_the_tool_has_its_profile(tools_repo: Path) -> None:
    assert run_hook(tools_repo) == (0, [])
    assert run_hook(tools_repo, TOOL) == (0, [])
    # without the configuration's glob, its 'categorie' says it is a tool
    (tools_repo / "vereistenlint.toml").unlink()
    assert run_hook(tools_repo, TOOL) == (0, [])


def test_a_tool_must_name_existing_requirements_and_measures(tools_repo: Path) -> None:
    edit(tools_repo / TOOL, "- abc-02-uitleg-geven\n", "- abc-02-uitleg-gevn\n")
    edit(tools_repo / TOOL, "- 2-xyz-01-logging-inrichten\n", "- 2-xyz-01-logging\n-\n")
    found = run_json(tools_repo, str(TOOL))  # the files it names are not passed
    assert [(d["line"], d["column"], d["code"]) for d in found] == [
        (8, 3, "VL403"),
        (10, 3, "VL404"),
        (11, 2, "VL013"),  # an empty item: the website would list a measure 'None'
    ]
    assert found[0]["message"] == (
        "'abc-02-uitleg-gevn' under vereiste is not the file name of any requirement;"
        " likely intended: 'abc-02-uitleg-geven' (the same code)"
    )


def test_a_template_id_in_a_tool_makes_no_duplicate(tools_repo: Path) -> None:
    """The tool template carries the measure URN of the measure template; tools have no id
    scheme, so neither the tool nor a measure with that id becomes a duplicate."""
    edit(tools_repo / TOOL, "categorie:\n", "id: urn:nl:ak:mtr:xyz-01\ncategorie:\n")
    found = run_json(tools_repo)
    assert [d["code"] for d in found] == []


def test_a_renumbered_requirement_is_named_and_fixed_where_it_is_referenced(
    tools_repo: Path,
) -> None:
    old, new = VER / "abc-02-uitleg-geven.md", VER / "abc-05-uitleg-geven.md"
    (tools_repo / old).rename(tools_repo / new)
    edit(tools_repo / new, "urn:nl:ak:ver:abc-02", "urn:nl:ak:ver:abc-05")
    edit(tools_repo / new, "vereiste/abc-02-uitleg-geven", "vereiste/abc-05-uitleg-geven")
    found = run_json(tools_repo)
    assert [(d["path"], d["line"], d["code"], d["fix"]) for d in found] == [
        (TOOL.as_posix(), 8, "VL403", "unsafe"),
        (MAATREGEL.as_posix(), 7, "VL403", "unsafe"),
    ]
    assert "likely intended: 'abc-05-uitleg-geven' (the same name under another number)" in str(
        found[0]["message"]
    )
    # the fix waits for --unsafe-fixes, then replaces the name and nothing else
    before = (tools_repo / MAATREGEL).read_text(encoding="utf-8")
    subprocess.run([*hook_command(), "--fix"], cwd=tools_repo, capture_output=True, check=False)
    assert (tools_repo / MAATREGEL).read_text(encoding="utf-8") == before
    proc = subprocess.run(
        [*hook_command(), "--fix", "--unsafe-fixes", str(MAATREGEL), str(TOOL)],
        cwd=tools_repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout
    assert (tools_repo / MAATREGEL).read_text(encoding="utf-8") == before.replace(
        "- abc-02-uitleg-geven\n", "- abc-05-uitleg-geven\n"
    )
    assert "- abc-05-uitleg-geven\n" in (tools_repo / TOOL).read_text(encoding="utf-8")
    assert run_hook(tools_repo) == (0, [])


def test_two_likely_files_are_both_named_and_nothing_is_fixed(tools_repo: Path) -> None:
    # the same name under two other numbers: which one was meant is not certain
    old = VER / "abc-02-uitleg-geven.md"
    for number in ("05", "06"):
        new = VER / f"abc-{number}-uitleg-geven.md"
        shutil.copy(tools_repo / old, tools_repo / new)
        edit(tools_repo / new, "urn:nl:ak:ver:abc-02", f"urn:nl:ak:ver:abc-{number}")
        edit(tools_repo / new, "vereiste/abc-02-uitleg-geven", "vereiste/" + new.stem)
    (tools_repo / old).unlink()
    found = run_json(tools_repo, str(MAATREGEL))
    assert [(d["line"], d["code"], d["fix"]) for d in found] == [(7, "VL403", None)]
    assert str(found[0]["message"]).endswith(
        "likely intended: 'abc-05-uitleg-geven' (the same name under another number),"
        " 'abc-06-uitleg-geven' (the same name under another number)"
    )


def test_a_list_comment_must_filter_on_an_existing_file(tools_repo: Path) -> None:
    edit(
        tools_repo / LOGBOEK,
        "list_hulpmiddelen vereiste/abc-01-logboek-bijhouden",
        "list_hulpmiddelen vereiste/abc-01-logboek-bijhoude",
    )
    found = run_json(tools_repo, str(LOGBOEK))
    assert [(d["line"], d["column"], d["code"], d["fix"]) for d in found] == [
        (50, 33, "VL405", "unsafe")
    ]
    subprocess.run(
        [*hook_command(), "--fix", "--unsafe-fixes", str(LOGBOEK)], cwd=tools_repo, check=False
    )
    assert run_hook(tools_repo, LOGBOEK) == (0, [])


def test_a_tool_label_without_a_page_is_an_error(tools_repo: Path) -> None:
    """tags.py links each label to its page; a value with no page gives an empty link."""
    edit(tools_repo / TOOL, "onderwerp:\n- transparantie\n", "onderwerp:\n- grondrechten\n")
    found = run_json(tools_repo, str(TOOL))
    assert [(d["line"], d["column"], d["code"]) for d in found] == [(14, 3, "VL016")]
    (tools_repo / "docs/onderwerpen/grondrechten.md").write_text(
        "# Grondrechten\n", encoding="utf-8"
    )
    assert run_hook(tools_repo, TOOL) == (0, [])


def _likely_by_brute_force(name: str, known: set[str]) -> list[tuple[str, str]]:
    """What `likely_intended` gives, by comparing the name with every known name in turn."""
    stem = repository._STEM
    m = stem.match(name)
    found: dict[str, str] = {}
    if m is not None:
        code, slug = m.group("code").lower(), (m.group("slug") or "").lower()
        for k in sorted(known):
            other = stem.match(k)
            if other is None or other.group("code").split("-")[0].lower() != code.split("-")[0]:
                continue
            if slug and (other.group("slug") or "").lower() == slug:
                found.setdefault(k, "renumbered")
            elif other.group("code").lower() == code:
                found.setdefault(k, "same_code")
    if "renumbered" in found.values():
        found = {
            k: w for k, w in found.items() if w == "renumbered" or repository._certain(name, k, w)
        }
    if not found:
        family = (
            (m.group("phase") or "") + m.group("code").split("-")[0]
            if m
            else name.partition("-")[0]
        )
        rest = name.partition("-")[2]
        pool = sorted(
            k for k in known if k.startswith(family + "-") or (rest and k.partition("-")[2] == rest)
        )
        for guess in difflib.get_close_matches(name, pool, n=3, cutoff=0.8):
            found[guess] = "nearest"
    order = {"renumbered": 0, "same_code": 1, "nearest": 2}
    return sorted(found.items(), key=lambda kv: order[kv[1]])


def test_likely_intended_names_from_the_table_are_those_of_a_comparison_with_every_name() -> None:
    """The table of names made once per check gives exactly the guesses a comparison of the
    unknown name with every known name gives (requirements and measures, phases, case)."""
    rng = random.Random(14)
    families = ["aia", "avg", "Bzk", "owp", "dat", "x"]
    words = ["risico", "beheer", "toezicht", "uitleg", "data", "log", ""]
    known: set[str] = set()
    for _ in range(600):
        code = f"{rng.choice(families)}-{rng.randrange(0, 30):02d}"
        slug = "-".join(w for w in rng.sample(words, rng.randrange(0, 3)) if w)
        phase = f"{rng.randrange(0, 8)}-" if rng.random() < 0.4 else ""
        known.add(f"{phase}{code}-{slug}" if slug else f"{phase}{code}")
    known |= {"los", "los-woord", "a--b", "-leeg"}
    asked = [n[:-1] for n in sorted(known)[::7]] + [
        "aia-99-risico",
        "2-owp-05-log",
        "OWP-03-data",
        "geen-code",
        "los-woorden",
        "a--c",
    ]
    # codes no name has, slugs a letter off: only the nearest names can be guessed
    asked += [
        re.sub(r"-[0-9]([0-9])(-|$)", r"-3\1\2", n, count=1) + "x" for n in sorted(known)[::5]
    ]
    table = repository.Names(known)
    differ = [n for n in asked if likely_intended(n, table) != _likely_by_brute_force(n, known)]
    assert not differ
    why = {w for n in asked for _, w in likely_intended(n, table)}
    assert why == {"renumbered", "same_code", "nearest"}  # every kind of guess is compared
