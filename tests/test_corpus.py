"""The real files of ../shared/corpus: every finding is a defect we can defend, and the known ones are found.

Each expected finding carries the reason it is a real defect; the lists are exact, so a new
false alarm fails the test as surely as a missed defect. Skips when ../shared is absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from vereistenlint import Severity, check, engine

SEED = {
    # (line, column, code): why it is a real defect
    (
        5,
        4,
        "VL012",
    ): "status is the placeholder 'Treedt in werking op DATUM', not geldend/nog-niet-geldend",
    (5, 25, "VL108"): "the placeholder word DATUM in the status",
    (12, 18, "VL012"): "rekenregels niet-impactvol left empty",
    (13, 13, "VL012"): "rekenregels impactvol left empty",
    (15, 18, "VL012"): "machine-learning niet-impactvol left empty",
    (16, 13, "VL012"): "machine-learning impactvol left empty",
    (17, 15, "VL012"): "machine-learning hoog-risico left empty",
    (19, 18, "VL012"): "generatieve-ai niet-impactvol left empty",
    (20, 13, "VL012"): "generatieve-ai impactvol left empty",
    (21, 15, "VL012"): "generatieve-ai hoog-risico left empty",
    (66, 4, "VL106"): "extra section 'Normen' (warning)",
    (70, 4, "VL301"): "Maatregelen has no list_maatregelen comment, so the page lists no measures",
    (72, 1, "VL108"): "template text 'Hier komt een lijst ...' in Maatregelen",
}

V2024 = {
    ("algoritmeregister.md", 43, 2, "VL109"): "source link written 'text](url)' without its '['",
    (
        "beschrijven_en_toewijzen_van_verantwoordelijkheden_bij_verwerking_persoonsgegevens.md",
        5,
        5,
        "VL012",
    ): "status 'Geldend' (wrong case)",
    (
        "beschrijven_en_toewijzen_van_verantwoordelijkheden_bij_verwerking_persoonsgegevens.md",
        16,
        21,
        "VL012",
    ): "'ja' instead of 'Ja'",
    (
        "beschrijven_en_toewijzen_van_verantwoordelijkheden_bij_verwerking_persoonsgegevens.md",
        19,
        21,
        "VL012",
    ): "'ja' instead of 'Ja'",
    (
        "beschrijven_en_toewijzen_van_verantwoordelijkheden_bij_verwerking_persoonsgegevens.md",
        23,
        21,
        "VL012",
    ): "'ja' instead of 'Ja'",
    (
        "beschrijven_en_toewijzen_van_verantwoordelijkheden_bij_verwerking_persoonsgegevens.md",
        72,
        4,
        "VL106",
    ): "extra section 'Normen' (warning)",
    (
        "beschrijven_en_toewijzen_van_verantwoordelijkheden_bij_verwerking_persoonsgegevens.md",
        76,
        4,
        "VL301",
    ): "Maatregelen without list_maatregelen comment",
    (
        "beschrijven_en_toewijzen_van_verantwoordelijkheden_bij_verwerking_persoonsgegevens.md",
        78,
        1,
        "VL108",
    ): "template text 'Hier komt een lijst ...'",
    (
        "beveiliging_informatie_en_informatiesystemen.md",
        5,
        4,
        "VL012",
    ): "status 'Geldend' (wrong case)",
    ("beveiliging_informatie_en_informatiesystemen.md", 16, 19, "VL012"): "'ja' instead of 'Ja'",
    ("beveiliging_van_verwerking.md", 16, 19, "VL012"): "'ja' instead of 'Ja'",
    ("beveiliging_van_verwerking.md", 19, 19, "VL012"): "'ja' instead of 'Ja'",
    ("beveiliging_van_verwerking.md", 23, 19, "VL012"): "'ja' instead of 'Ja'",
    (
        "non_discriminatie.md",
        79,
        32,
        "VL302",
    ): "list names 'non-discriminatie' (hyphen) but the file is non_discriminatie",
    (
        "technische_documentatie_voor_hoog_risico_ai.md",
        88,
        32,
        "VL302",
    ): "list names the stem with '.md' appended",
}


def test_seed_findings_are_exactly_the_known_defects(corpus: Path) -> None:
    found = {(d.line, d.column, d.code) for d in check([corpus / "seed"])}
    assert found == set(SEED)


def test_seed_normen_is_a_warning(corpus: Path) -> None:
    normen = [d for d in check([corpus / "seed"]) if d.code == "VL106"]
    assert [d.severity for d in normen] == [Severity.WARNING]


def test_2024_05_findings_are_exactly_the_known_defects(corpus: Path) -> None:
    folder = corpus / "algoritmekader-2024-05" / "docs" / "vereisten"
    found = {(Path(d.path).name, d.line, d.column, d.code) for d in check([folder])}
    assert found == set(V2024)


def test_2024_05_wrong_case_is_one_finding_whose_fix_corrects_the_table_too(
    corpus: Path, tmp_path: Path
) -> None:
    """'ja' is reported once, at the value; the website reads it as 'does not apply', so the
    table shows a cross. Fixing the case puts the check mark in the table as well."""
    source = corpus / "algoritmekader-2024-05/docs/vereisten/beveiliging_van_verwerking.md"
    target = tmp_path / source.name
    shutil.copy(source, target)
    before = check([target])
    assert [d.line for d in before if d.code == "VL012"] == [16, 19, 23]
    assert not [d for d in before if d.code == "VL204"]
    result = engine.fix_file(target, target.name, engine.Options(), unsafe=False)
    target.write_bytes(result.fixed)
    after = check([target])
    assert not [d for d in after if d.code in ("VL012", "VL204")]
    assert "niet-impactvol: Ja" in target.read_text(encoding="utf-8")
