"""The registry: every check reports only the codes it is registered with (so that skipping a
check whose codes are all off loses nothing), and such a check is indeed not run."""

from __future__ import annotations

from pathlib import Path

import pytest

from vereistenlint import checks, engine, profiles
from vereistenlint.choose import choose_profile
from vereistenlint.load import load
from vereistenlint.rules import (
    BY_CODE,
    CHECKS,
    MODULES,
    READING,
    RULES,
    UNRECOGNISED,
    Context,
    Registered,
)

from .conftest import FIXTURES, ROOT

FILES = sorted(
    [*(FIXTURES / "rules").glob("*/*.md"), *(ROOT / "vereisten").glob("*.md")],
)


TABLES = ("READING_CHECKS", "UNRECOGNISED_CHECKS", "CHECKS", "REPO_CHECKS")


def test_every_rule_module_is_registered() -> None:
    """Forgetting step 2 of README's "Adding a rule" fails here, not silently."""
    folder = ROOT / "src" / "vereistenlint" / "rules"
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__", "base"}
    assert {m.__name__.rpartition(".")[2] for m in MODULES} == modules


def test_a_rule_has_one_home() -> None:
    """A module's checks report its own rules' codes, and no code is any other module's."""
    for module in MODULES:
        own = {r.code for r in module.RULES}
        for table in TABLES:
            for reg in getattr(module, table, ()):
                assert reg.codes <= own, (module.__name__, table, reg.codes - own)
    assert len(BY_CODE) == len(RULES)


def test_every_registered_code_is_a_rule() -> None:
    for reg in (*READING, *UNRECOGNISED, *CHECKS):
        assert reg.codes and reg.codes <= set(BY_CODE), reg


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_checks_report_only_their_codes(path: Path) -> None:
    doc = load(path, path.name)
    for reg in (*READING, *UNRECOGNISED):
        assert {f.code for f in reg.check(doc)} <= reg.codes, reg
    profile = choose_profile(doc, None, None) or profiles.get("vereiste")
    if doc.readable:
        for creg in CHECKS:
            assert {f.code for f in creg.check(doc, Context(profile))} <= creg.codes, creg


def test_a_check_whose_codes_are_all_off_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> list[object]:
        raise AssertionError("ran")

    first = CHECKS[0]
    patched = (Registered(boom, first.codes), *CHECKS[1:])  # type: ignore[arg-type]
    monkeypatch.setattr(checks, "CHECKS", patched)
    path = ROOT / "vereisten" / sorted(p.name for p in (ROOT / "vereisten").glob("*.md"))[0]
    others = tuple(r.code for r in RULES if r.code not in first.codes)
    assert [d.code for d in engine.check([path], select=others)] == []
    # run, it raises: the file's internal-error finding says so (guard.py)
    ran = engine.check([path], select=tuple(first.codes))
    assert [(d.code, "AssertionError: ran" in d.message) for d in ran] == [("VL007", True)]
