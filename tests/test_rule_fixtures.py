"""Every rule has fixtures of its own: files that pass, and files that fail at known places.

A fixture ``fail-<what>.md`` has a sidecar ``fail-<what>.expected`` listing every finding the
whole file yields, one ``LINE:COLUMN CODE`` per line; a ``pass-<what>.md`` yields nothing at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vereistenlint import check
from vereistenlint.rules import RULES

from .conftest import FIXTURES

RULE_DIR = FIXTURES / "rules"
PASSING = sorted(RULE_DIR.glob("*/pass*.md"))
FAILING = sorted(RULE_DIR.glob("*/fail*.md"))


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.name}" for p in paths]


def expected(path: Path) -> list[tuple[int, int, str]]:
    found = []
    for raw in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            pos, code = raw.split()
            line, col = pos.split(":")
            found.append((int(line), int(col), code))
    return sorted(found)


def actual(path: Path) -> list[tuple[int, int, str]]:
    return sorted((d.line, d.column, d.code) for d in check([path]))


@pytest.mark.parametrize("path", PASSING, ids=_ids(PASSING))
def test_passing_fixture_is_clean(path: Path) -> None:
    assert check([path]) == []


@pytest.mark.parametrize("path", FAILING, ids=_ids(FAILING))
def test_failing_fixture_fails_where_expected(path: Path) -> None:
    assert actual(path) == expected(path)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_has_a_passing_and_a_failing_fixture(rule: object) -> None:
    folder = RULE_DIR / rule.name  # type: ignore[attr-defined]
    assert sorted(folder.glob("pass*.md")), f"no passing fixture in {folder}"
    failing = sorted(folder.glob("fail*.md"))
    assert failing, f"no failing fixture in {folder}"
    codes = {code for f in failing for _, _, code in expected(f)}
    assert rule.code in codes, f"no failing fixture of {folder} expects {rule.code}"  # type: ignore[attr-defined]
