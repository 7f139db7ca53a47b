"""Zero configuration in a repository laid out as the Algoritmekader content repo: the built-in
preset (schemas/presets/algoritmekader.toml), a file that overrides it key by key,
`vereistenlint config`, ordinary pages, and named paths that give no file to check.

The fixture repo `fixtures/repos/kader/` is ours: a mkdocs.yml, the three content folders,
label folders, templates/ and a few ordinary pages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from vereistenlint import config, preset, profiles
from vereistenlint.errors import UsageError
from vereistenlint.origin import Origin

from .conftest import FIXTURES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KADER = FIXTURES / "repos" / "kader"
TOOLS = "docs/voldoen-aan-wetten-en-regels/hulpmiddelen/*.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "kader"
    shutil.copytree(KADER, target)
    return target


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vereistenlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8"},
    )


def findings(cwd: Path, *args: str) -> list[tuple[str, int, int, str]]:
    proc = run(cwd, "check", "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    data: list[dict[str, Any]] = json.loads(proc.stdout)
    return [(d["path"], d["line"], d["column"], d["code"]) for d in data]


# -- the preset itself ------------------------------------------------------------------------


def test_every_built_in_preset_is_valid_configuration_naming_known_profiles() -> None:
    found = preset.available()
    assert "algoritmekader" in found
    known = profiles.all_profiles()
    for chosen in found.values():
        for name in chosen.data.get("profiles", {}).values():
            assert name in known or chosen.fallback_profiles.get(name) in known, name


def test_the_tools_folder_has_its_own_profile() -> None:
    chosen = preset.available()["algoritmekader"]
    assert chosen.data["profiles"][TOOLS] == "hulpmiddel"
    assert "hulpmiddel" in profiles.all_profiles()
    assert "hulpmiddel" not in chosen.fallback_profiles


def test_the_layout_is_recognised_by_existence_and_only_whole(repo: Path) -> None:
    assert preset.detect(repo) is not None
    assert preset.find(repo / "docs" / "over") == (repo.resolve(), preset.detect(repo))
    shutil.rmtree(repo / "templates")
    assert preset.detect(repo) is None


# -- check without arguments ------------------------------------------------------------------


def test_check_without_paths_checks_what_the_preset_includes(repo: Path) -> None:
    proc = run(repo, "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # 2 requirements, 1 measure, 1 tool, 8 label pages, 2 about pages, 5 index.md pages
    # (ordinary pages here); not the template
    assert "All good: 19 files checked" in proc.stdout


def test_index_pages_are_ordinary_pages_here_and_skipped_elsewhere(repo: Path) -> None:
    index = repo / "docs" / "voldoen-aan-wetten-en-regels" / "vereisten" / "index.md"
    index.write_text("# Vereisten\n\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> main\n", "utf-8")
    assert findings(repo) == [(index.relative_to(repo).as_posix(), 3, 1, "VL120")]
    (repo / "vereistenlint.toml").write_text('preset = "none"\ninclude = ["docs/**"]\n', "utf-8")
    assert findings(repo, "docs/voldoen-aan-wetten-en-regels/vereisten") == []


def test_a_defect_in_content_is_still_found(repo: Path) -> None:
    measure = repo / "docs/voldoen-aan-wetten-en-regels/maatregelen/2-xyz-01-logging-inrichten.md"
    measure.write_text(measure.read_text("utf-8").replace("- ontwerp", "- ontwrep"), "utf-8")
    assert [f[3] for f in findings(repo)] == ["VL016"]


def test_outside_the_layout_nothing_is_assumed(repo: Path) -> None:
    (repo / "mkdocs.yml").unlink()
    proc = run(repo, "check")
    assert proc.returncode == 2
    assert "no paths given" in proc.stderr


def test_from_a_subfolder_the_preset_is_found_upwards(repo: Path) -> None:
    proc = run(repo / "docs" / "over", "config")
    assert proc.returncode == 0, proc.stderr
    assert 'preset = "algoritmekader"' in proc.stdout


# -- ordinary pages ---------------------------------------------------------------------------


def test_ordinary_pages_get_no_profile_finding_with_or_without_front_matter(repo: Path) -> None:
    assert findings(repo, "docs/over", "docs/rollen", "docs/index.md") == []


def test_ordinary_pages_still_get_the_checks_of_every_page(repo: Path) -> None:
    page = repo / "docs" / "over" / "nieuws.md"
    text = page.read_text("utf-8")
    page.write_text(
        text + "\n<<<<<<< HEAD\nOud.\n=======\nNieuw.\n>>>>>>> main\n\n<!-- open\n", "utf-8"
    )
    broken = repo / "docs" / "over" / "kapot.md"
    broken.write_text("---\ntitle: 'niet gesloten\n---\n\n# Kapot\n", "utf-8")
    duplicate = repo / "docs" / "over" / "dubbel.md"
    duplicate.write_text("---\ntitle: a\ntitle: b\n---\n\n# Dubbel\n", "utf-8")
    assert findings(repo, "docs/over") == [
        ("docs/over/dubbel.md", 3, 1, "VL004"),
        ("docs/over/kapot.md", 2, 8, "VL003"),
        ("docs/over/nieuws.md", 13, 1, "VL120"),
        ("docs/over/nieuws.md", 19, 1, "VL107"),
    ]


def test_a_page_is_not_held_to_the_content_rules(repo: Path) -> None:
    page = repo / "docs" / "over" / "nieuws.md"
    # a placeholder, a broken link and an id that a requirement also has: content rules only
    page.write_text(
        "---\nid: urn:nl:ak:ver:abc-01\n---\n\nTODO [link] (https://example.org)\n", "utf-8"
    )
    assert findings(repo) == []


def test_the_tools_have_the_tool_profile(repo: Path) -> None:
    tool = repo / "docs/voldoen-aan-wetten-en-regels/hulpmiddelen/toetsingskader.md"
    assert tool.exists()
    proc = run(repo, "config")
    line = next(x for x in proc.stdout.splitlines() if x.startswith(f'"{TOOLS}"'))
    expected = "hulpmiddel" if "hulpmiddel" in profiles.all_profiles() else "page"
    assert line.startswith(f'"{TOOLS}" = "{expected}"')


def test_with_the_tool_profile_present_the_preset_maps_tools_to_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = {**profiles.all_profiles(), "hulpmiddel": profiles.get("page")}
    monkeypatch.setattr(profiles, "all_profiles", lambda: fake)
    loaded = config.discover_config(start=repo)
    assert loaded is not None
    assert dict(loaded.profiles)[TOOLS] == "hulpmiddel"


# -- a file on top of the preset --------------------------------------------------------------


def test_a_file_overrides_the_preset_key_by_key(repo: Path) -> None:
    (repo / "vereistenlint.toml").write_text(
        'exclude = ["docs/over/**"]\nignore = ["VL015"]\n\n'
        '[profiles]\n"docs/over/nieuws.md" = "vereiste"\n\n'
        '[labels.levenscyclus]\nfolder = "docs/levenscyclus"\nextra = ["archief"]\n',
        "utf-8",
    )
    loaded = config.discover_config(start=repo)
    assert loaded is not None and loaded.preset == "algoritmekader"
    assert loaded.include == ("docs/**/*.md",)  # from the preset
    assert loaded.exclude == ("docs/over/**",)  # replaced by the file
    globs = [g for g, _ in loaded.profiles]
    assert globs[0] == "docs/over/nieuws.md"  # the file's globs match first
    assert "docs/**/*.md" in globs  # the preset's stay behind them
    assert loaded.labels["levenscyclus"].extra == ("archief",)
    assert loaded.labels["levenscyclus"].not_labels == ()  # the file's label entry replaces
    assert "onderwerp" in loaded.labels  # the preset's other labels stay
    assert loaded.origins[("exclude",)] == Origin("file", "vereistenlint.toml")
    assert loaded.origins[("include",)] == Origin("preset", "algoritmekader")


def test_preset_none_turns_it_off(repo: Path) -> None:
    (repo / "vereistenlint.toml").write_text('preset = "none"\n', "utf-8")
    loaded = config.discover_config(start=repo)
    assert loaded is not None and loaded.preset is None and loaded.include == ()


def test_an_unknown_preset_is_a_usage_error(repo: Path) -> None:
    (repo / "vereistenlint.toml").write_text('preset = "elders"\n', "utf-8")
    with pytest.raises(UsageError, match="unknown preset 'elders'; known presets: algoritmekader"):
        config.discover_config(start=repo)


def test_a_file_may_name_the_preset_where_the_layout_is_incomplete(repo: Path) -> None:
    shutil.rmtree(repo / "templates")
    (repo / "vereistenlint.toml").write_text('preset = "algoritmekader"\n', "utf-8")
    loaded = config.discover_config(start=repo)
    assert loaded is not None and loaded.include == ("docs/**/*.md",)


# -- vereistenlint config ---------------------------------------------------------------------


def test_config_prints_valid_configuration_with_the_origin_of_every_key(repo: Path) -> None:
    (repo / "vereistenlint.toml").write_text('ignore = ["VL015"]\n', "utf-8")
    proc = run(repo, "config", "--select", "VL1", "--ignore", "VL106", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    data = tomllib.loads(proc.stdout)
    config.validate(data, Path("output"), "the top level")  # usable as a file as it stands
    assert data["select"] == ["VL1"] and data["ignore"] == ["VL015", "VL106"]
    lines = proc.stdout.splitlines()

    def origin(prefix: str) -> str:
        return next(x for x in lines if x.startswith(prefix)).split(" # ", 1)[1]

    assert origin("include =") == "preset algoritmekader"
    assert origin("select =") == "command line (--select)"
    assert origin("ignore =") == "file vereistenlint.toml + command line (--ignore)"
    assert origin("lang =") == "command line (--lang)"
    assert origin('"docs/voldoen-aan-wetten-en-regels/vereisten/*.md"') == "preset algoritmekader"
    assert origin("[labels.rollen]") == "preset algoritmekader"
    assert origin("exclude =") == "preset algoritmekader"


def test_config_speaks_the_chosen_language(repo: Path) -> None:
    proc = run(repo, "config", "--lang", "nl")
    assert 'include = ["docs/**/*.md"] # voorinstelling algoritmekader' in proc.stdout
    assert 'lang = "nl" # opdrachtregel (--lang)' in proc.stdout


def test_config_output_used_as_a_file_gives_the_same_run(repo: Path) -> None:
    before = findings(repo)
    proc = run(repo, "config")
    (repo / "vereistenlint.toml").write_text(proc.stdout, "utf-8")
    assert findings(repo) == before
    again = run(repo, "config")
    assert tomllib.loads(again.stdout) == tomllib.loads(proc.stdout)


def test_config_without_any_configuration_says_so(tmp_path: Path) -> None:
    proc = run(tmp_path, "config")
    assert proc.returncode == 0
    assert "no configuration file and no preset layout found" in proc.stdout
    assert tomllib.loads(proc.stdout)["include"] == []


def test_config_reports_a_bad_file_as_a_usage_error(repo: Path) -> None:
    (repo / "vereistenlint.toml").write_text("inclde = []\n", "utf-8")
    proc = run(repo, "config")
    assert proc.returncode == 2 and "unknown key 'inclde'" in proc.stderr


# -- named paths that give nothing ------------------------------------------------------------


def test_a_named_path_that_gives_no_file_is_a_warning_on_stderr(repo: Path) -> None:
    (repo / "docs" / "leeg").mkdir()
    proc = run(repo, "check", "templates/template-vereiste.md", "docs/leeg", "docs/over")
    assert proc.returncode == 0
    assert proc.stderr.splitlines() == [
        "warning: templates/template-vereiste.md: not checked: outside what the configuration "
        "includes, or excluded by it (see 'vereistenlint config')",
        "warning: docs/leeg: no file to check there (no Markdown file, or only index.md pages, "
        "which are skipped)",
    ]
    assert "2 files checked" in proc.stdout


def test_the_warning_shows_a_control_character_in_a_name_as_an_escape(repo: Path) -> None:
    odd = repo / "docs" / "a\x1b[31mb"
    odd.mkdir()
    proc = run(repo, "check", str(odd.relative_to(repo)))
    assert "\x1b" not in proc.stderr and "a\\u001b[31mb" in proc.stderr


def test_config_shows_a_control_character_in_the_root_as_an_escape(tmp_path: Path) -> None:
    odd = tmp_path / "a\nb\x1b[31m"
    shutil.copytree(KADER, odd)
    proc = run(odd, "config")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout
    assert tomllib.loads(proc.stdout)["preset"] == "algoritmekader"  # still valid TOML


def test_the_language_server_applies_the_preset_too(repo: Path) -> None:
    from vereistenlint.langserver import Project

    project = Project.open(repo, "en")
    assert project.error is None
    assert project.configuration is not None and project.configuration.preset == "algoritmekader"


def test_a_conflict_on_a_page_without_front_matter_offers_no_fix_it_cannot_write(
    repo: Path,
) -> None:
    page = repo / "docs" / "over" / "contact.md"
    page.write_text("# Contact\n\n<<<<<<< HEAD\nMail.\n=======\nMail.\n>>>>>>> main\n", "utf-8")
    proc = run(repo, "check", "--format", "json", "docs/over/contact.md")
    assert [(d["code"], d["fix"]) for d in json.loads(proc.stdout)] == [("VL120", None)]
    nieuws = repo / "docs" / "over" / "nieuws.md"
    nieuws.write_text(
        nieuws.read_text("utf-8") + "\n<<<<<<< a\nX\n=======\nX\n>>>>>>> b\n", "utf-8"
    )
    proc = run(repo, "check", "--format", "json", "docs/over/nieuws.md")
    assert [(d["code"], d["fix"]) for d in json.loads(proc.stdout)] == [("VL120", "safe")]
    assert run(repo, "check", "--fix", "docs/over/nieuws.md").returncode == 0
    assert "<<<<<<<" not in nieuws.read_text("utf-8")
