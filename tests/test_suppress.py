"""Suppression comments and per-file-ignores: they silence exactly what they name, where they
stand, and a suppression that silences nothing is itself reported (when selected)."""

from __future__ import annotations

from pathlib import Path

from vereistenlint import check
from vereistenlint.config import load

from .conftest import ROOT

SOURCE = ROOT / "vereisten" / "rechtmatige_verwerking_van_persoonsgegevens.md"
ALL = ["VL"]


def write(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    text = SOURCE.read_text(encoding="utf-8")
    path = tmp_path / SOURCE.name
    path.write_text(edit(text), encoding="utf-8")
    return path


def codes(path: Path, **kwargs) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(d.line, d.code) for d in check([path], **kwargs)]


def normen(text: str, before: str = "") -> str:
    return text.replace("## Risico", f"{before}## Normen\n\nNog niets.\n\n## Risico")


def test_without_suppression_the_findings_are_there(tmp_path: Path) -> None:
    path = write(tmp_path, lambda t: normen(t.replace("- geldend", "- Geldend")))
    assert [c for _, c in codes(path)] == ["VL012", "VL106"]


def test_disable_next_line(tmp_path: Path) -> None:
    path = write(tmp_path, lambda t: normen(t, "<!-- vereistenlint-disable-next-line VL106 -->\n"))
    assert codes(path, select=ALL) == []


def test_disable_next_line_covers_only_the_next_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, lambda t: normen(t, "<!-- vereistenlint-disable-next-line VL106 -->\n\n")
    )
    found = codes(path, select=ALL)
    assert [c for _, c in found] == ["VL901", "VL106"] or sorted(c for _, c in found) == [
        "VL106",
        "VL901",
    ]


def test_disable_enable_range_by_name_and_code(tmp_path: Path) -> None:
    def edit(t: str) -> str:
        t = normen(t, "<!-- vereistenlint-disable unexpected-section, VL108 -->\n")
        t = t.replace(
            "## Risico", "TODO: nog aanvullen.\n\n<!-- vereistenlint-enable -->\n\n## Risico"
        )
        return t + "\nTODO na het einde.\n"

    path = write(tmp_path, edit)
    found = codes(path)
    assert [c for _, c in found] == ["VL108"]  # only the TODO after the enable
    assert found[0][0] == len(path.read_text(encoding="utf-8").splitlines())


def test_disable_without_codes_silences_everything_until_enable(tmp_path: Path) -> None:
    path = write(tmp_path, lambda t: normen(t, "<!-- vereistenlint-disable -->\n"))
    assert codes(path) == []


def test_yaml_comment_on_a_front_matter_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        lambda t: t.replace("- geldend", "- Geldend  # vereistenlint: ignore[invalid-value]"),
    )
    assert codes(path, select=ALL) == []
    other = write(
        tmp_path, lambda t: t.replace("- geldend", "- Geldend  # vereistenlint: ignore[VL016]")
    )
    assert sorted(c for _, c in codes(other, select=ALL)) == ["VL012", "VL901"]


def test_unused_and_unknown_suppressions_are_reported_only_when_selected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        lambda t: t.replace(
            "## Risico", "<!-- vereistenlint-disable-next-line VL106, VL999 -->\n## Risico"
        ),
    )
    assert codes(path) == []
    found = codes(path, select=["unused-suppression"])
    line = next(
        i
        for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "VL999" in text
    )
    assert found == [(line, "VL901"), (line, "VL901")]  # names an unknown rule; suppresses nothing


def test_per_file_ignores(tmp_path: Path) -> None:
    path = write(tmp_path, lambda t: normen(t.replace("- geldend", "- Geldend")))
    (tmp_path / "vereistenlint.toml").write_text(
        '[per-file-ignores]\n"rechtmatige_*.md" = ["unexpected-section"]\n"andere/*.md" = ["VL0"]\n',
        encoding="utf-8",
    )
    config = load(tmp_path / "vereistenlint.toml")
    assert [c for _, c in codes(path, config=config)] == ["VL012"]


def test_suppressed_findings_are_not_fixed(tmp_path: Path) -> None:
    from vereistenlint import engine

    path = write(
        tmp_path, lambda t: t.replace("- geldend", "- Geldend  # vereistenlint: ignore[VL012]")
    )
    assert not engine.fix_file(path, path.name, engine.Options()).changed


def test_repository_rules_can_be_suppressed_at_the_id(tmp_path: Path) -> None:
    src = ROOT / "tests" / "fixtures" / "rules" / "duplicate-id" / "fail-same-id"
    for f in src.glob("*.md"):
        text = f.read_text(encoding="utf-8")
        if f.name == "abc-01-logboek-kopie.md":
            text = text.replace(
                "id: urn:nl:ak:ver:abc-01",
                "id: urn:nl:ak:ver:abc-01  # vereistenlint: ignore[duplicate-id]",
            )
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    found = [(Path(d.path).name, d.code) for d in check([tmp_path], select=ALL)]
    assert found == [("abc-01-logboek-bijhouden.md", "VL401")]
