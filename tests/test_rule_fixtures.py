"""Every rule has fixtures of its own: files that pass, and files that fail at known places.

A fixture ``fail-<what>.md`` has a sidecar ``fail-<what>.expected`` listing every finding the
whole file yields, one ``LINE:COLUMN CODE message`` per line (the English message, so that a
changed message fails too); a ``pass-<what>.md`` yields nothing at all. Rules that compare
files with each other use folders instead: ``fail-<what>/`` is checked as a whole and its
``fail-<what>.expected`` lines read ``FILE:LINE:COLUMN CODE message``. What --fix makes of a
fixable rule's fixture sits beside it as ``fail-<what>.fixed.md`` (see tests/test_fix.py).
A folder holding a ``mkdocs.yml`` is a small site for the link rules: its pages are ordinary
pages that fit no profile, so it is checked with the link rules only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vereistenlint import check
from vereistenlint.rules import RULES, Rule

from .conftest import FIXTURES

RULE_DIR = FIXTURES / "rules"
LINKS = [r.code for r in RULES if r.code.startswith("VL6")]
#: fixtures are checked with every rule, the ones that are off by default included; the link
#: rules only in the fixture sites (a folder with a mkdocs.yml), since a folder of fixtures
#: is no site
ALL = [r.code for r in RULES if r.code not in LINKS]


def _select(path: Path) -> list[str]:
    return LINKS if (path / "mkdocs.yml").is_file() else ALL


FIXED = ".fixed.md"
PASSING = sorted(p for p in RULE_DIR.glob("*/pass*") if p.suffix != ".expected")
FAILING = sorted(
    p for p in RULE_DIR.glob("*/fail*") if p.suffix != ".expected" and not p.name.endswith(FIXED)
)

Found = tuple[str, int, int, str, str]  # file name, line, column, code, message


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.name}" for p in paths]


def _sidecar(path: Path) -> Path:
    return (
        path.with_suffix(".expected") if path.is_file() else path.with_name(path.name + ".expected")
    )


def expected(path: Path) -> list[Found]:
    found = []
    for raw in _sidecar(path).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            pos, code, message = raw.split(" ", 2)
            parts = pos.split(":")
            name = parts[0] if len(parts) == 3 else path.name
            found.append((name, int(parts[-2]), int(parts[-1]), code, message))
    return sorted(found)


def actual(path: Path) -> list[Found]:
    """Checked from the fixture's folder, so that a message naming another file names it
    relative to that folder, wherever the repository lies."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(path.parent)
        found = check([path.name], select=_select(path), lang="en")
    return sorted((Path(d.path).name, d.line, d.column, d.code, d.message) for d in found)


@pytest.mark.parametrize("path", PASSING, ids=_ids(PASSING))
def test_passing_fixture_is_clean(path: Path) -> None:
    assert check([path], select=_select(path)) == []


@pytest.mark.parametrize("path", FAILING, ids=_ids(FAILING))
def test_failing_fixture_fails_where_expected(path: Path) -> None:
    assert actual(path) == expected(path)


#: Rules whose failing input cannot be a small file kept in git (a file over the 4 MiB size
#: limit, a folder without read permission, a bug of the linter): tests/test_reliability.py
#: builds their inputs and checks their findings instead.
WITHOUT_FIXTURES = frozenset({"file-too-large", "internal-error", "unreadable-folder"})
WITH_FIXTURES = [r for r in RULES if r.name not in WITHOUT_FIXTURES]


@pytest.mark.parametrize("rule", WITH_FIXTURES, ids=[r.name for r in WITH_FIXTURES])
def test_every_rule_has_a_passing_and_a_failing_fixture(rule: Rule) -> None:
    folder = RULE_DIR / rule.name
    assert [p for p in PASSING if p.parent == folder], f"no passing fixture in {folder}"
    failing = [p for p in FAILING if p.parent == folder]
    assert failing, f"no failing fixture in {folder}"
    codes = {code for f in failing for *_, code, _message in expected(f)}
    assert rule.code in codes, f"no failing fixture of {folder} expects {rule.code}"
