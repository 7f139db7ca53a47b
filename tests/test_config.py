"""Configuration: where it is found, what it may say, and that anything else is a usage error."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from vereistenlint.cli import cli
from vereistenlint.config import find, load
from vereistenlint.errors import UsageError

from .conftest import FIXTURES, ROOT

REPO = FIXTURES / "repos" / "inhoud"


def run(cwd: Path, *args: str) -> tuple[int, str]:
    with contextlib.chdir(cwd) if hasattr(contextlib, "chdir") else _chdir(cwd):
        result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@contextlib.contextmanager
def _chdir(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "inhoud"
    shutil.copytree(REPO, target)
    return target


def test_found_from_a_subfolder_upwards(repo: Path) -> None:
    assert find(repo / "docs" / "vereisten") == repo / "vereistenlint.toml"


@pytest.mark.parametrize("name", ["vereistenlint.toml", ".vereistenlint.toml"])
def test_toml_file_names(repo: Path, name: str) -> None:
    (repo / "vereistenlint.toml").rename(repo / name)
    assert find(repo) == repo / name
    assert load(repo / name).include == ("docs/vereisten/*.md", "docs/maatregelen/*.md")


def test_pyproject_table(repo: Path) -> None:
    text = (repo / "vereistenlint.toml").read_text(encoding="utf-8")
    text = text.replace("[profiles]", "[tool.vereistenlint.profiles]").replace(
        "[labels.", "[tool.vereistenlint.labels."
    )
    (repo / "vereistenlint.toml").unlink()
    (repo / "pyproject.toml").write_text("[tool.vereistenlint]\n" + text, encoding="utf-8")
    config = load(find(repo))  # type: ignore[arg-type]
    assert dict(config.profiles)["docs/vereisten/*.md"] == "vereiste"
    assert set(config.labels) == {"levenscyclus", "onderwerp", "rollen"}


def test_pyproject_without_our_table_is_not_a_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    assert find(sub) is None or find(sub) != tmp_path / "pyproject.toml"


def test_check_without_paths_checks_what_the_configuration_includes(repo: Path) -> None:
    code, out = run(repo, "check")
    assert code == 0, out
    assert "3 files checked" in out


def test_check_without_paths_and_without_configuration_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run(tmp_path, "check")
    assert code == 2
    assert "no paths given" in out


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('includes = ["*.md"]', "unknown key 'includes'"),
        ('select = "VL001"', "invalid value for 'select'"),
        (
            '[labels.levenscyclus]\nfolder = "docs/levenscyclus"\nsoort = "files"',
            "unknown key 'soort' in labels.levenscyclus",
        ),
        ('[labels.kleur]\nfolder = "docs/rollen"', "unknown label 'kleur'"),
        (
            '[labels.rollen]\nfolder = "docs/bestaat-niet"',
            "label folder for 'rollen' does not exist",
        ),
        (
            '[labels.rollen]\nfolder = "docs/rollen"\nkind = "mappen"',
            "invalid value for 'labels.rollen.kind'",
        ),
        ('[profiles]\n"*.md" = "vereiste-1999"', "unknown profile 'vereiste-1999'"),
        ('ignore = ["VL999"]', "unknown rule 'VL999'"),
        ("include = [", "invalid TOML"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_what_is_wrong(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "vereistenlint.toml").write_text(line + "\n", encoding="utf-8")
    (tmp_path / "docs" / "levenscyclus").mkdir(parents=True)
    (tmp_path / "docs" / "rollen").mkdir(parents=True)
    shutil.copy(ROOT / "vereisten" / "menselijk_toezicht_bij_hoog_risico_ai.md", tmp_path)
    code, out = run(tmp_path, "check", "menselijk_toezicht_bij_hoog_risico_ai.md")
    assert code == 2, out
    assert message in out


def test_load_raises_usage_error(tmp_path: Path) -> None:
    (tmp_path / "vereistenlint.toml").write_text("lang = 'nl'\nkleur = 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="kleur"):
        load(tmp_path / "vereistenlint.toml")


def test_explicit_config_option(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "elders.toml"
    other.write_text('ignore = ["VL016"]\n', encoding="utf-8")
    target = repo / "docs/vereisten/abc-02-uitleg-geven.md"
    target.write_text(
        target.read_text(encoding="utf-8").replace("- ontwerp\n", "- ontwerpen\n"), encoding="utf-8"
    )
    assert run(repo, "check", "docs/vereisten/abc-02-uitleg-geven.md")[0] == 1
    assert (
        run(repo, "check", "--config", str(other), "docs/vereisten/abc-02-uitleg-geven.md")[0] == 0
    )
    assert run(repo, "check", "--config", str(tmp_path / "nope.toml"), ".")[0] == 2


def test_profiles_command_lists_every_profile_with_its_schema(tmp_path: Path) -> None:
    code, out = run(tmp_path, "profiles")
    assert code == 0
    for name in ("vereiste-2024", "vereiste", "maatregel"):
        assert any(
            line.split()[0] == name and f"schemas/{name}.schema.json" in line
            for line in out.splitlines()
        )
    assert "Requirement in the 2024 format" in out


def test_profiles_command_speaks_dutch(tmp_path: Path) -> None:
    code, out = run(tmp_path, "profiles", "--lang", "nl")
    assert code == 0
    assert "Vereiste in het formaat van 2024" in out and "Requirement" not in out


def test_profile_is_recognised_per_file_without_configuration(tmp_path: Path) -> None:
    shutil.copy(REPO / "docs/vereisten/abc-01-logboek-bijhouden.md", tmp_path)
    shutil.copy(ROOT / "vereisten" / "menselijk_toezicht_bij_hoog_risico_ai.md", tmp_path)
    code, out = run(tmp_path, "check", ".")
    assert code == 0, out


def test_forced_profile(tmp_path: Path) -> None:
    shutil.copy(ROOT / "vereisten" / "menselijk_toezicht_bij_hoog_risico_ai.md", tmp_path)
    code, out = run(tmp_path, "check", "--profile", "vereiste", ".")
    assert code == 1
    assert "unknown key 'status_vereiste'" in out
    assert run(tmp_path, "check", "--profile", "nope", ".")[0] == 2


def test_a_file_that_fits_no_profile_gets_one_finding(tmp_path: Path) -> None:
    (tmp_path / "los.md").write_text(
        "---\ntitle: Los\nkleur: rood\n---\n\n# Los\n", encoding="utf-8"
    )
    code, out = run(tmp_path, "check", "los.md")
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].startswith("los.md:2:1: VL005 the file fits no known format")
    assert lines[-1] == "Found 1 error and 0 warnings in 1 file checked."
