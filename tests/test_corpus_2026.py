"""The content repo as it is today (../shared/corpus/algoritmekader-2026-06), checked the way
its maintainers would: a configuration of our own in a temporary copy, labels taken from the
repo's own folders. Every finding is listed with the reason it is a real defect; the list is
exact. Skips when ../shared is absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import corpus_copy

CONFIG = """
include = ["docs/voldoen-aan-wetten-en-regels/**/*.md"]

[profiles]
"docs/voldoen-aan-wetten-en-regels/vereisten/*.md" = "vereiste"
"docs/voldoen-aan-wetten-en-regels/maatregelen/*.md" = "maatregel"

[labels.levenscyclus]
folder = "docs/levenscyclus"
not-labels = ["over-de-levenscyclus"]   # an explanation page, not a phase

[labels.onderwerp]
folder = "docs/onderwerpen"

[labels.rollen]
folder = "docs/rollen"
"""

M = "maatregelen/"
V = "vereisten/"
EXPECTED = {
    (
        M + "0-org-08-beslismoment-levenscyclus.md",
        55,
        8,
        "VL125",
    ): "'[Hulpmiddel ...] (https://nlaic.com/...)' in a box: a space between ']' and '('",
    (
        M + "4-owk-10-voorkom-lekken-op-basis-van-output.md",
        39,
        4,
        "VL104",
    ): "'## Technieken ...' empty: its subsections are written as '##', one level too high",
    (
        M + "2-owp-16-vereisten-onderdeel-algemene-inkoopvoorwaarden-en-contractovereenkomst.md",
        124,
        3,
        "VL506",
    ): "example box's text indented by 2 spaces: the box renders empty, the text below it",
    (
        M + "4-owk-05-energiezuinige-programmeermethoden.md",
        49,
        4,
        "VL506",
    ): "expander's list comment indented by 3 spaces: empty expander, the list below it",
    (
        M + "6-imp-04-publiceren-algoritmeregister.md",
        64,
        1,
        "VL505",
    ): "'!!! example' followed by unindented text: an empty box",
    (
        M + "0-org-00-inventariseren-algoritmes.md",
        43,
        1,
        "VL102",
    ): "no '## Risico' section, which the measure template has",
    (
        M + "0-org-02-beleid-opstellen-inzet-algoritmes.md",
        4,
        13,
        "VL013",
    ): "'toelichting:' left empty",
    (M + "0-org-16-bewustwording-en-opleiding.md", 47, 1, "VL102"): "no '## Risico' section",
    (
        M + "2-owp-05-soort-algoritme.md",
        3,
        114,
        "VL014",
    ): "title ends with a full stop; the template says none",
    (
        M + "2-owp-05-soort-algoritme.md",
        11,
        3,
        "VL403",
    ): "names aia-06-documentatie-beoordeling-...; that requirement is aia-02-...",
    (
        M + "2-owp-08-kwetsbare-groepen.md",
        4,
        14,
        "VL015",
    ): "toelichting of 44 words, template maximum 40 (warning)",
    (
        M + "2-owp-16-vereisten-onderdeel-algemene-inkoopvoorwaarden-en-contractovereenkomst.md",
        75,
        1,
        "VL011",
    ): "'bronnen:' instead of 'sources:'; the website ignores it",
    (
        M + "2-owp-18-leveren-bewijs-door-aanbieder-niet-schenden-auteursrechten.md",
        28,
        1,
        "VL004",
    ): "'hide' written twice; the first is silently dropped",
    (
        M + "2-owp-18-leveren-bewijs-door-aanbieder-niet-schenden-auteursrechten.md",
        40,
        4,
        "VL104",
    ): "'## Toelichting' heading with nothing under it (its subsections are H2 too)",
    (
        M + "2-owp-28-maak-vereisten-onderdeel-van-service-level-agreement.md",
        20,
        3,
        "VL012",
    ): "the same requirement listed twice under vereiste",
    (
        M + "2-owp-28-maak-vereisten-onderdeel-van-service-level-agreement.md",
        43,
        3,
        "VL012",
    ): "hide value 'tocs' (typo of 'toc')",
    (
        M + "2-owp-30-informeer-betrokkenen.md",
        7,
        3,
        "VL403",
    ): "'gebruikersverantwoordelijken' misspells the requirement's file name",
    (
        M + "2-owp-30-informeer-betrokkenen.md",
        8,
        3,
        "VL403",
    ): "names a requirement file that does not exist",
    (
        M + "2-owp-31-pas-vastgestelde-beleidskaders-zijn-nageleefd.md",
        9,
        3,
        "VL403",
    ): "aia-37-melding-ernstige-incidenten does not exist (it is aia-35-...)",
    (
        M + "2-owp-31-pas-vastgestelde-beleidskaders-zijn-nageleefd.md",
        20,
        3,
        "VL403",
    ): "names a requirement file that does not exist",
    (
        M + "2-owp-34-voorkom-kwetsbaarheden-supplychain.md",
        4,
        14,
        "VL015",
    ): "toelichting of 42 words (warning)",
    (
        M + "2-owp-35-genereren-bronvermelding.md",
        11,
        3,
        "VL403",
    ): "'menselijke-toezicht' misspells aia-09-menselijk-toezicht",
    (
        M + "3-dat-02-toetsen-geschiktheid-variabelen.md",
        4,
        13,
        "VL013",
    ): "'toelichting:' left empty",
    (
        M + "3-dat-02-toetsen-geschiktheid-variabelen.md",
        58,
        4,
        "VL105",
    ): "Risico after Bijbehorende vereiste(n), against the template's order",
    (
        M + "3-dat-05-schending-auteursrechten.md",
        35,
        4,
        "VL105",
    ): "Risico after Bijbehorende vereiste(n)",
    (M + "4-owk-08-feedbackloops.md", 4, 14, "VL015"): "toelichting of 48 words (warning)",
    (M + "6-imp-06-klacht-bezwaar-beroep.md", 4, 14, "VL015"): "toelichting of 44 words (warning)",
    (
        M + "6-imp-06-klacht-bezwaar-beroep.md",
        38,
        4,
        "VL105",
    ): "Risico after Bijbehorende vereiste(n)",
    (
        M + "6-imp-08-politiek-bestuurlijk-besluit.md",
        4,
        14,
        "VL015",
    ): "toelichting of 47 words (warning)",
    (
        M + "7-mon-05-evalueer-bij-veranderingen-in-data.md",
        2,
        127,
        "VL014",
    ): "title ends with a full stop",
    (
        V + "aia-02-documentatie-beoordeling-niet-hoog-risico-ai.md",
        4,
        14,
        "VL015",
    ): "toelichting of 62 words (warning)",
    (V + "aia-16-ce-markering.md", 4, 14, "VL015"): "toelichting of 45 words (warning)",
    (
        V + "aia-18-corrigerende-maatregelen-voor-non-conforme-ai.md",
        4,
        14,
        "VL015",
    ): "toelichting of 70 words (warning)",
    (
        V + "aia-23-gebruiksverantwoordelijken-bewaren-logs.md",
        4,
        14,
        "VL015",
    ): "toelichting of 73 words (warning)",
    (V + "aia-24-informeren-werknemers.md", 4, 14, "VL015"): "toelichting of 43 words (warning)",
    (
        V + "aia-26-recht-op-uitleg-ai-besluiten.md",
        4,
        14,
        "VL015",
    ): "toelichting of 106 words (warning)",
    (
        V + "aia-26-recht-op-uitleg-ai-besluiten.md",
        54,
        3,
        "VL109",
    ): "source link '[Bijlage III ...]()' without an address",
    (
        V + "aia-27-beoordelen-gevolgen-grondrechten.md",
        4,
        14,
        "VL015",
    ): "toelichting of 95 words (warning)",
    (
        V + "aia-30-ai-modellen-algemene-doeleinden-systeemrisico.md",
        4,
        14,
        "VL015",
    ): "toelichting of 52 words (warning)",
    (
        V + "aia-37-recht-klacht-indienen-bij-ai-bureau.md",
        57,
        4,
        "VL110",
    ): "empty 'Van toepassing op' without <!-- tags-ai-act -->",
    (
        V + "aia-39-beleid-naleven-auteurs-en-naburige-rechten.md",
        4,
        14,
        "VL015",
    ): "toelichting of 53 words (warning)",
    (
        V + "avg-04-proportionaliteit-en-subsidiariteit.md",
        4,
        14,
        "VL015",
    ): "toelichting of 41 words (warning)",
    (
        V + "avg-06-verantwoordingsplicht-rechtmatigheid.md",
        2,
        1,
        "VL010",
    ): "no 'hide: [navigation]', which the template says must stay",
    (
        V + "avg-10-recht-op-niet-geautomatiseerde-besluitvorming.md",
        5,
        1,
        "VL011",
    ): "status_vereiste left over from the 2024 format",
    (
        V + "avg-12-beveiliging-van-verwerking.md",
        4,
        14,
        "VL015",
    ): "toelichting of 56 words (warning)",
    (
        V + "avg-13-dpia-verplicht.md",
        5,
        1,
        "VL011",
    ): "status_vereiste left over from the 2024 format",
    (V + "bzk-01-algoritmeregister.md", 4, 14, "VL015"): "toelichting of 43 words (warning)",
    (
        V + "woo-01-recht-op-toegang-tot-publieke-informatie.md",
        4,
        14,
        "VL015",
    ): "toelichting of 48 words (warning)",
    # the website's list hook (lists.py) reads flags only for the table's columns: no 'id' column
    (
        V + "aia-27-beoordelen-gevolgen-grondrechten.md",
        72,
        119,
        "VL304",
    ): "'no-id' does nothing (warning)",
    (V + "avg-13-dpia-verplicht.md", 93, 101, "VL304"): "'no-id' does nothing (warning)",
    (V + "bzk-01-algoritmeregister.md", 69, 104, "VL304"): "'no-id' does nothing (warning)",
    (V + "grw-01-fundamentele-rechten.md", 84, 107, "VL304"): "'no-id' does nothing (warning)",
    (V + "grw-02-non-discriminatie.md", 79, 104, "VL304"): "'no-id' does nothing (warning)",
    # ... and only the first argument as a filter
    (
        V + "aia-29-ai-modellen-algemene-doeleinden.md",
        64,
        71,
        "VL304",
    ): "second filter onderwerp/publieke-inkoop narrows nothing: all of aia-29's measures show",
    (
        V + "aia-39-beleid-naleven-auteurs-en-naburige-rechten.md",
        68,
        82,
        "VL304",
    ): "second filter onderwerp/publieke-inkoop narrows nothing (warning)",
}

#: What the website renders correctly and is therefore no longer reported (issue 11):
#: avg-07, avg-10 and awb-02 write their own sentence under 'Van toepassing op' instead of
#: <!-- tags-ai-act -->, which tags.py replaces for requirements outside the AI Act with a fixed
#: sentence anyway; 3-dat-12 writes 'hide: navigation' as text, which MkDocs Material reads the
#: same ('"navigation" in page.meta.hide'), now the style rule hide-as-text (off by default).

#: The content repo's own scripts (labels, URN uniqueness, file-name prefix against URN) find
#: nothing on this snapshot; their vereistenlint rules must agree.
SCRIPT_RULES = {"VL016", "VL401", "VL402"}


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    repo = tmp_path_factory.mktemp("ak") / "algoritmekader"
    corpus_copy("algoritmekader-2026-06", repo)
    (repo / "vereistenlint.toml").write_text(CONFIG, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", "--format", "json", "."],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    data: list[dict[str, object]] = json.loads(proc.stdout)
    return data


def _key(d: dict[str, object]) -> tuple[str, int, int, str]:
    path = str(d["path"]).removeprefix("docs/voldoen-aan-wetten-en-regels/")
    return path, int(d["line"]), int(d["column"]), str(d["code"])  # type: ignore[call-overload]


def test_every_finding_is_a_known_real_defect(findings: list[dict[str, object]]) -> None:
    assert {_key(d) for d in findings} == set(EXPECTED)


def test_the_content_repos_own_checks_find_nothing_here_either(
    findings: list[dict[str, object]],
) -> None:
    assert not [d for d in findings if d["code"] in SCRIPT_RULES]


def test_all_171_files_were_checked(tmp_path: Path) -> None:
    corpus_copy("algoritmekader-2026-06", tmp_path / "ak")
    (tmp_path / "ak" / "vereistenlint.toml").write_text(CONFIG, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check"],
        cwd=tmp_path / "ak",
        capture_output=True,
        text=True,
    )
    assert "in 171 files checked" in proc.stdout.splitlines()[-1]


#: The whole content repo as a maintainer runs it (no configuration): what the rules about the
#: site's boxes, tabs and link syntax find in every page, the tools and other pages included.
#: Each is read in the file and rendered with Python-Markdown to confirm the reason.
CONTAINERS_AND_LINKS_IN_FULL_TREE = {
    (
        "docs/voldoen-aan-wetten-en-regels/maatregelen/0-org-08-beslismoment-levenscyclus.md",
        55,
        8,
        "VL125",
    ): "'Bron: [Hulpmiddel ...] (https://nlaic.com/...)' inside a box: the brackets show",
    (
        "docs/voldoen-aan-wetten-en-regels/maatregelen/"
        "2-owp-16-vereisten-onderdeel-algemene-inkoopvoorwaarden-en-contractovereenkomst.md",
        124,
        3,
        "VL506",
    ): "'!!! example' whose text is indented by 2: an empty box, the text under it",
    (
        "docs/voldoen-aan-wetten-en-regels/maatregelen/4-owk-05-energiezuinige-programmeermethoden.md",
        49,
        4,
        "VL506",
    ): "'??? expander' whose list comment is indented by 3: an empty expander, the list below",
    (
        "docs/voldoen-aan-wetten-en-regels/maatregelen/6-imp-04-publiceren-algoritmeregister.md",
        64,
        1,
        "VL505",
    ): "'!!! example' followed by unindented text: an empty box",
}
NEW_FAMILIES = ("VL50", "VL125", "VL126", "VL127", "VL128")


def test_the_full_tree_has_exactly_the_known_box_and_link_defects(tmp_path: Path) -> None:
    corpus_copy("algoritmekader-2026-06-full", tmp_path / "ak")
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", "--format", "json", "."],
        cwd=tmp_path / "ak",
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    found = {
        (str(d["path"]), int(d["line"]), int(d["column"]), str(d["code"]))
        for d in json.loads(proc.stdout)
        if str(d["code"]).startswith(NEW_FAMILIES)
    }
    assert found == set(CONTAINERS_AND_LINKS_IN_FULL_TREE)
