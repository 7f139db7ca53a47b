"""The whole content repo (../shared/corpus/algoritmekader-2026-06-full), tools included, checked
with a configuration of our own in a temporary copy (until the built-in preset takes over).
Every finding is listed with the reason it is a real defect; the list is exact. Then the
editors' templates are copied in as new content, and what they leave is reported where it
stands. Skips when ../shared is absent."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS, corpus_copy
from .test_corpus_2026 import CONFIG, EXPECTED

FULL = CORPUS / "algoritmekader-2026-06-full"
FOLDER = "docs/voldoen-aan-wetten-en-regels/"
CONFIG_FULL = CONFIG.replace(
    '"docs/voldoen-aan-wetten-en-regels/maatregelen/*.md" = "maatregel"\n',
    '"docs/voldoen-aan-wetten-en-regels/maatregelen/*.md" = "maatregel"\n'
    '"docs/voldoen-aan-wetten-en-regels/hulpmiddelen/*.md" = "hulpmiddel"\n',
)

H = "hulpmiddelen/"
#: the tools' findings; the requirements' and measures' are those of test_corpus_2026 (the
#: same commit)
EXPECTED_TOOLS: list[tuple[tuple[str, int, int, str], str]] = [
    (
        (H + "genAI-compliance-FAQ.md", 33, 43, "VL605"),
        "a link by the site's full address https://minbzk.github.io/Algoritmekader/...: breaks "
        "when the site moves (warning; tests/test_links.py)",
    ),
    ((H + "DPIA.md", 3, 14, "VL015"), "toelichting of 47 words, template maximum 40 (warning)"),
    ((H + "governancekader-VNG.md", 3, 14, "VL015"), "toelichting of 51 words (warning)"),
    (
        (
            H + "toetsingskader-risicoprofilering.md",
            3,
            14,
            "VL015",
        ),
        "toelichting of 58 words (warning)",
    ),
    (
        (
            H + "Impactanalyse-AI-verordening.md",
            7,
            2,
            "VL013",
        ),
        "'vereiste:' holds an empty item: the page lists a requirement 'None'",
    ),
    (
        (
            H + "roadmap-inwerkingtreding-AI-verordening.md",
            7,
            2,
            "VL013",
        ),
        "'vereiste:' holds an empty item: the page lists a requirement 'None'",
    ),
    ((H + "aanpak-begeleidingsethiek.md", 4, 11, "VL013"), "'categorie:' left empty"),
    (
        (
            H + "aanpak-begeleidingsethiek.md",
            72,
            4,
            "VL104",
        ),
        "'## Bronnen' heading with only the template's comment under it",
    ),
    ((H + "governancekader-VNG.md", 66, 4, "VL104"), "'## Bronnen' heading with only a comment"),
    (
        (
            H + "standaarden.md",
            24,
            3,
            "VL404",
        ),
        "7-mon-04-evalueer-bij-... does not exist: the measure is 7-mon-05-evalueer-bij-...",
    ),
    (
        (
            H + "standaarden.md",
            25,
            3,
            "VL404",
        ),
        "2-owp-11-duurzaam-inkopen does not exist: it is 2-owp-12-duurzaam-inkopen",
    ),
    (
        (
            H + "standaarden.md",
            26,
            3,
            "VL404",
        ),
        "2-owp-19-ruimte-voor-... does not exist: it is 2-owp-21-ruimte-voor-...",
    ),
    (
        (
            H + "standaarden.md",
            42,
            3,
            "VL016",
        ),
        "onderwerp 'grondrechten' has no page in docs/onderwerpen/: the badge links nowhere",
    ),
    (
        (
            H + "standaarden.md",
            175,
            1,
            "VL102",
        ),
        "its 'maatregel:' list is never shown: no section with <!-- list_maatregelen_on_hulpmiddelen_page -->",
    ),
    (
        (
            H + "standaarden.md",
            175,
            1,
            "VL102",
        ),
        "its 'vereiste:' list is never shown: no section with <!-- list_vereisten_on_maatregelen_page -->",
    ),
    (
        (H + "AI-Geletterdheid-self-assessment.md", 65, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "Impactanalyse-AI-verordening.md", 38, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "blauwdruk-template-AI-geletterdheidsprogramma.md", 56, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "factsheet-AI-geletterdheid-bestuurders.md", 46, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "factsheet-AI-geletterdheid-inkopers.md", 61, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "factsheet-AI-verordening-bestuurders.md", 33, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "genAI-compliance-FAQ.md", 63, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "handreiking-identificatie-classificatie-AI-systemen.md", 44, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "roadmap-inwerkingtreding-AI-verordening.md", 35, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "wettelijke-vereisten-AI-geletterdheid.md", 48, 4, "VL104"),
        "'## Hulpmiddelen bij de AI-verordening' heading with nothing under it",
    ),
    (
        (H + "standaarden.md", 71, 4, "VL104"),
        "'## Een overzicht van belangrijke standaarden' empty: its text stands under the next '##'",
    ),
]


def _copy(tmp: Path) -> Path:
    repo = corpus_copy(FULL.name, tmp / "algoritmekader")
    (repo / "vereistenlint.toml").write_text(CONFIG_FULL, encoding="utf-8")
    return repo


def _run(repo: Path, *paths: str) -> tuple[int, list[dict[str, object]]]:
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", "--format", "json", *paths],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data: list[dict[str, object]] = json.loads(proc.stdout)
    return proc.returncode, data


def _key(d: dict[str, object]) -> tuple[str, int, int, str]:
    path = str(d["path"]).removeprefix(FOLDER)
    return path, int(d["line"]), int(d["column"]), str(d["code"])  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("full"))


def test_every_finding_on_the_whole_repo_is_a_known_real_defect(repo: Path) -> None:
    code, found = _run(repo)
    assert code == 1
    assert sorted(_key(d) for d in found) == sorted([*EXPECTED, *(k for k, _ in EXPECTED_TOOLS)])


def test_every_tool_has_the_tool_profile_and_no_tool_finding_is_a_missing_profile(
    repo: Path,
) -> None:
    _, found = _run(repo, FOLDER + "hulpmiddelen")
    assert not [d for d in found if d["code"] == "VL005"]
    assert sorted(_key(d) for d in found) == sorted(k for k, _ in EXPECTED_TOOLS)


#: where the template of a requirement, copied in as aia-40-nieuw.md, leaves its marks
TEMPLATE_VEREISTE = [
    (7, 8, "VL108"),  # title: Hier staat de titel ...
    (10, 5, "VL401"),  # id urn:nl:ak:ver:aia-00 is aia-00-verboden-AI-praktijken's
    (10, 5, "VL402"),  # ... and not the code of the file name
    (12, 14, "VL108"),  # toelichting: Hier staat in enkele zinnen ...
    (38, 3, "VL016"),  # the template's own 'verboden-ai-systeem' is no risicogroep
    (66, 1, "VL108"),  # Hier staat nog een keer duidelijk de verplichting ...
    (66, 118, "VL108"),  # Dit kan vaak hetzelfde zijn als de title of toelichting ...
    (69, 1, "VL108"),  # Hier staat in enkele alinea's ...
    (71, 1, "VL108"),  # Wat moet de gebruiker wel/niet doen?
    (73, 1, "VL108"),  # Hoe moet die regel geïnterpreteerd worden?
    (78, 3, "VL108"),  # (denk aan de extra enter ...)
    (79, 4, "VL108"),  # [Artikel 12345, Voorbeeldwet] ...
    (79, 33, "VL108"),  # ... (url van wetsartikel)
    (86, 1, "VL108"),  # Hier staat uitgelegd, in één alinea, wat het risico is ...
    (92, 32, "VL302"),  # list_maatregelen vereiste/aia-02-... is another requirement's stem
    (79, 33, "VL601"),  # ... the link to "url van wetsartikel" leads to no page
]

#: the templates of a measure and a tool share the measure URN urn:nl:ak:mtr:owp-00: a
#: placeholder in both, and no duplicate id, since tools have no id scheme
TEMPLATE_MAATREGEL = [
    (7, 8, "VL108"),
    (10, 5, "VL108"),  # the template's example id
    (10, 5, "VL402"),
    (12, 14, "VL108"),
    (57, 1, "VL108"),
    (58, 1, "VL108"),
    (62, 1, "VL108"),
    (64, 1, "VL108"),  # Wat is het advies dat een organisatie krijgt?
    (66, 1, "VL108"),  # Beschrijf dit zo nauwkeurig mogelijk.
    (70, 1, "VL108"),
    (83, 3, "VL108"),
    (84, 4, "VL108"),  # [Gebruikte bron bij deze maatregel]
    (84, 39, "VL108"),  # (url)
    (89, 27, "VL108"),  # Naam van Voorbeeld of Organisatie
    (90, 2, "VL108"),
    (92, 8, "VL108"),  # Elke alinea bínnen dit voorbeeld heeft een extra inspringing
    (95, 27, "VL108"),
    (96, 2, "VL108"),
    (98, 8, "VL108"),
    (84, 39, "VL601"),  # a source linked to "url", which is no page
]
TEMPLATE_HULPMIDDEL = [
    (7, 8, "VL108"),
    (10, 5, "VL108"),  # the measure URN it carries
    (12, 14, "VL108"),
    (61, 30, "VL108"),  # [Direct naar het hulpmiddel](url)
    (64, 1, "VL108"),
    (67, 1, "VL108"),  # Beschrijf hier de specifieke relevantie ...
    (70, 1, "VL108"),  # Beschrijf hier kort wie de auteur is ...
    (76, 3, "VL108"),
    (77, 4, "VL108"),  # [Bron van hulpmiddel]
    (77, 25, "VL108"),  # (url)
    (61, 30, "VL601"),  # a link to "url", which is no page
    (77, 25, "VL601"),  # another link to "url"
]


def test_the_templates_copied_in_as_new_content_report_what_they_leave(tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    copies = {
        "vereisten/aia-40-nieuw.md": ("template-vereiste.md", TEMPLATE_VEREISTE),
        "maatregelen/2-owp-40-nieuw.md": ("template-maatregel.md", TEMPLATE_MAATREGEL),
        "hulpmiddelen/nieuw-hulpmiddel.md": ("template-hulpmiddel.md", TEMPLATE_HULPMIDDEL),
    }
    for target, (template, _) in copies.items():
        shutil.copy(repo / "templates" / template, repo / FOLDER / target)
    _, found = _run(repo, *(FOLDER + t for t in copies))
    for target, (_, expected) in copies.items():
        got = sorted(
            (line, col, code) for path, line, col, code in map(_key, found) if path == target
        )
        assert got == sorted(expected), target
    # the real files the copies could collide with are untouched by it
    _, whole = _run(repo)
    assert {_key(d) for d in whole if _key(d)[0] not in copies and d["code"] == "VL401"} == {
        ("vereisten/aia-00-verboden-AI-praktijken.md", 3, 5, "VL401")
    }


def test_the_templates_side_by_side_make_no_duplicate_id(tmp_path: Path) -> None:
    """The templates of a measure and a tool carry the same measure URN; a tool's id takes no
    part in uniqueness, so checking the templates folder (no configuration) finds none."""
    if not FULL.is_dir():
        pytest.skip("../shared/corpus is not present")
    shutil.copytree(FULL / "templates", tmp_path / "templates")
    _, found = _run(tmp_path, "templates")
    by_file = {(str(d["path"]), str(d["code"])) for d in found}
    assert not [d for d in found if d["code"] in ("VL401", "VL005")]
    assert ("templates/template-hulpmiddel.md", "VL108") in by_file
