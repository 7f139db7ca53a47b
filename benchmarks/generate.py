"""Write a synthetic content repo for the benchmark: thousands of pages in the content repo's layout.

The real content repo holds about 250 pages, too few to see how vereistenlint scales, and its
files may not be copied into this project. This generator writes as many files as asked in
the content repo's layout (``mkdocs.yml``, ``docs/voldoen-aan-wetten-en-regels/`` with
requirements, measures and tools, label folders, ordinary pages, ``templates/``), so that
vereistenlint's built-in preset applies without any configuration and a run exercises every
rule: the repository-wide index, the cross-references of measures and tools, the label
vocabularies and the links between pages (relative links to pages and headings, a share of
them broken: a page that does not exist, a heading a page does not have).

Everything comes from one seeded ``random.Random``: the same seed and file count give the same
bytes, so two benchmark runs measure the same work. The text is assembled from word lists and
sentence templates written for this file; sizes vary from about 2 to 8 KB per file, like the
real files. About one file in twelve gets one defect of the kinds editors make (a misspelled
label, a missing section, a duplicate id, a measure or tool naming a requirement that does not
exist, ...), so the reporting paths are measured too and not only the happy path.

Usage: ``python benchmarks/generate.py OUT_DIR [--files N] [--seed S] [--config]``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vereistenlint.profiles import vocabulary

DEFAULT_FILES = 10_000
DEFAULT_SEED = 20260617
#: share of files that carry one defect
DEFECT_RATE = 0.08
#: shares of the kinds of file (the rest are measures, as in the real repo)
SHARE_REQUIREMENTS = 0.3
SHARE_TOOLS = 0.05
SHARE_PAGES = 0.1
#: share of links between pages that point at a page or a heading that does not exist
BROKEN_LINKS = 0.03

# -- vocabularies -----------------------------------------------------------------------------
# Label values valid in both formats, so one set of label folders serves the whole repo; taken
# from the package's schemas, so that the generator follows a vocabulary change.
LEVENSCYCLUS = tuple(vocabulary("levenscyclus", "labels.schema.json") or ())
ONDERWERP = tuple(vocabulary("onderwerp", "labels.schema.json") or ())
ROLLEN = ("beleid-en-advies", "jurist", "ontwikkelaar", "projectleider")
AI_ACT = {
    "soort-toepassing": ("ai-systeem", "ai-systeem-voor-algemene-doeleinden"),
    "risicogroep": ("hoog-risico-ai-systeem", "geen-hoog-risico-ai-systeem", "verboden-ai"),
    "rol-ai-act": ("aanbieder", "gebruiksverantwoordelijke", "importeur", "distributeur"),
    "systeemrisico": ("systeemrisico", "geen-systeemrisico", "niet-van-toepassing"),
    "transparantieverplichting": ("transparantieverplichting", "geen-transparantieverplichting"),
    "open-source": ("open-source", "geen-open-source", "niet-van-toepassing"),
}

SUBJECTS = (
    "de organisatie",
    "de verantwoordelijke",
    "het projectteam",
    "de aanbieder",
    "de gebruiksverantwoordelijke",
    "de eigenaar van het algoritme",
    "de functionaris voor gegevensbescherming",
    "de opdrachtgever",
    "het bestuursorgaan",
    "de leverancier",
)
VERBS = (
    "legt vast",
    "beschrijft",
    "controleert",
    "beoordeelt",
    "documenteert",
    "toetst",
    "evalueert",
    "bewaakt",
    "onderbouwt",
    "publiceert",
)
OBJECTS = (
    "welke gegevens het systeem gebruikt",
    "hoe de uitkomsten tot stand komen",
    "de risico's voor betrokkenen",
    "de werking van het model na ingebruikname",
    "wie toegang heeft tot de logbestanden",
    "de kwaliteit van de trainingsdata",
    "de afspraken met de leverancier",
    "de bewaartermijnen van persoonsgegevens",
    "de mogelijkheden om bezwaar te maken",
    "de grenzen van het beoogde gebruik",
    "de maatregelen tegen ongelijke behandeling",
    "het energieverbruik van de infrastructuur",
)
ADJUNCTS = (
    "voordat het systeem in gebruik wordt genomen",
    "bij elke belangrijke wijziging",
    "ten minste eenmaal per jaar",
    "in overleg met de betrokken afdelingen",
    "op een manier die voor burgers begrijpelijk is",
    "zodat achteraf na te gaan is wat er gebeurde",
    "met hulp van een onafhankelijke partij",
    "gedurende de hele levenscyclus",
)
REASONS = (
    "Dit voorkomt dat fouten pas laat worden ontdekt.",
    "Zo blijft het besluit uitlegbaar aan wie het raakt.",
    "Daarmee kan een toezichthouder de keuzes volgen.",
    "Zonder deze stap is verantwoording achteraf niet mogelijk.",
    "Het helpt om afwijkingen in de uitkomsten tijdig te signaleren.",
    "Dat sluit aan bij de eisen uit de wet en het beleid van de organisatie.",
)
TITLE_VERBS = (
    "houdt bij",
    "legt uit",
    "beperkt",
    "beschermt",
    "toetst",
    "meldt",
    "bewaart",
    "herstelt",
    "verantwoordt",
    "deelt",
)
TITLE_NOUNS = (
    "gebruik van gegevens",
    "menselijk toezicht",
    "logregistratie",
    "uitlegbaarheid",
    "bewaartermijnen",
    "incidenten",
    "risicobeheer",
    "datakwaliteit",
    "toegang tot systemen",
    "inkoopvoorwaarden",
    "klachtenafhandeling",
    "energieverbruik",
)
LAWS = (
    ("Artikel {n} Verordening (EU) 2024/1689", "https://eur-lex.europa.eu/legal-content/NL/TXT/"),
    (
        "Artikel {n} Algemene verordening gegevensbescherming",
        "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    ),
    ("Artikel {n} Algemene wet bestuursrecht", "https://wetten.overheid.nl/BWBR0005537/"),
    ("Artikel {n} Archiefwet", "https://wetten.overheid.nl/BWBR0007376/"),
    (
        "Onderzoekskader Algoritmes, paragraaf {n}",
        "https://www.rijksoverheid.nl/documenten/rapporten/",
    ),
)
CONSONANTS = "bcdfghjklmnprstvwz"
VOWELS = "aeiou"
CATEGORIE = ("toetsingskader", "handreiking", "impact-assessment", "register", "template")


@dataclass
class Plan:
    """The file list decided before any text is written, so measures can name requirements."""

    current: list[tuple[str, str]] = field(default_factory=list)  # (code, stem)
    measures: list[tuple[str, str]] = field(default_factory=list)  # (code, stem)
    tools: list[str] = field(default_factory=list)  # stems
    #: ordinary pages: (folder under docs/, stem, the headings of its sections)
    pages: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    links: Counter[str] = field(default_factory=Counter)
    defects: Counter[str] = field(default_factory=Counter)


class Writer:
    """Seeded text generation; one instance per repo so the output depends only on the seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    # -- words ----------------------------------------------------------------------------
    def sentence(self) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(ADJUNCTS)}."
        return text[0].upper() + text[1:]

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        parts = [self.sentence() for _ in range(self.rng.randint(low, high))]
        if self.rng.random() < 0.5:
            parts.append(self.rng.choice(REASONS))
        return " ".join(parts)

    def bullets(self) -> str:
        return "\n".join(f"- {self.sentence()}" for _ in range(self.rng.randint(2, 5)))

    def numbered(self) -> str:
        return "\n".join(f"{i}. {self.sentence()}" for i in range(1, self.rng.randint(3, 6)))

    def title(self) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(TITLE_VERBS)} {r.choice(TITLE_NOUNS)}"
        return text[0].upper() + text[1:]

    def toelichting(self) -> str:
        """One or two sentences, within the 40-word limit of the current format."""
        text = self.sentence()
        extra = self.sentence()
        if self.rng.random() < 0.5 and len(f"{text} {extra}".split()) <= 40:
            text = f"{text} {extra}"
        return text

    def slug(self, sep: str = "-") -> str:
        words = f"{self.rng.choice(TITLE_VERBS)} {self.rng.choice(TITLE_NOUNS)}".split()
        return sep.join(w.replace("'", "") for w in words[-3:])

    def labels(self, values: tuple[str, ...], low: int = 1, high: int = 3) -> list[str]:
        return self.rng.sample(values, self.rng.randint(low, min(high, len(values))))

    def sources(self) -> str:
        r = self.rng
        links = []
        for _ in range(r.randint(1, 4)):
            name, url = r.choice(LAWS)
            links.append(f"[{name.format(n=r.randint(1, 99))}]({url})")
        if r.random() < 0.3:
            return "| Bron |\n|------|\n" + "\n".join(f"| {link} |" for link in links)
        return "\n".join(f"- {link}" for link in links)

    def explanation(self, target: int) -> str:
        """Paragraphs, bullet and numbered lists until the section is about `target` chars."""
        blocks: list[str] = []
        size = 0
        while size < target:
            roll = self.rng.random()
            if roll < 0.6:
                block = self.paragraph()
            elif roll < 0.75:
                block = f"### {self.title()}\n\n{self.paragraph(1, 3)}"
            elif roll < 0.9:
                block = self.bullets()
            else:
                block = self.numbered()
            blocks.append(block)
            size += len(block) + 2
        return "\n\n".join(blocks)

    def body_target(self) -> int:
        """Characters of free text so that files spread over about 2 to 8 KB."""
        return self.rng.randint(300, 5800)


def _yaml_list(key: str, values: list[str]) -> str:
    return f"{key}:\n" + "".join(f"- {v}\n" for v in values)


def _prefixes(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Distinct lowercase three-letter codes; many of them keep NN at two digits."""
    found: list[str] = []
    while len(found) < count:
        code = rng.choice(CONSONANTS) + rng.choice(VOWELS) + rng.choice(CONSONANTS)
        if code not in taken:
            taken.add(code)
            found.append(code)
    return found


def _codes(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """`count` unique codes `<prefix>-<NN>`, each prefix holding 20 to 60 numbers."""
    codes: list[str] = []
    while len(codes) < count:
        (prefix,) = _prefixes(rng, 1, taken)
        for number in range(rng.randint(20, 60)):
            codes.append(f"{prefix}-{number:02d}")
    return codes[:count]


# -- defects ----------------------------------------------------------------------------------
# Each takes the rendered text and returns it with one editor's mistake; the plan records which.
def _swap_first(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _typo(word: str) -> str:
    """Drop the second letter: 'ontwerp' -> 'otwerp', the kind of slip a label gets."""
    return word[0] + word[2:]


def _drop_section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}")
    end = text.find("\n## ", start + 1)
    return text[:start] + (text[end:] if end != -1 else "\n")


def _label_typo(text: str, key: str) -> str:
    start = text.index(f"\n{key}:\n- ") + len(key) + 5
    value = text[start : text.index("\n", start)]
    return text[:start] + _typo(value) + text[start + len(value) :]


def _title_full_stop(text: str, rng: random.Random) -> str:
    return re.sub(r"(?m)^(title: .*)$", r"\1.", text, count=1)


CURRENT_DEFECTS: dict[str, Callable[[str, random.Random], str]] = {
    "label-typo": lambda t, r: _label_typo(t, "onderwerp"),
    "missing-section": lambda t, r: _drop_section(t, "Toelichting"),
    "title-full-stop": _title_full_stop,
    "old-key": lambda t, r: _swap_first(t, "\nhide:", "\nstatus_vereiste:\n- geldend\nhide:"),
    "wrong-stem": lambda t, r: _swap_first(t, "vereiste/", "vereiste/x"),
    "unclosed-comment": lambda t, r: _swap_first(t, "<!-- tags-ai-act -->", "<!-- tags-ai-act"),
}
TOOL_DEFECTS: dict[str, Callable[[str, random.Random], str]] = {
    "unknown-vereiste": lambda t, r: _label_typo(t, "vereiste"),
    "label-typo": lambda t, r: _label_typo(t, "onderwerp"),
    "title-full-stop": _title_full_stop,
}
MEASURE_DEFECTS: dict[str, Callable[[str, random.Random], str]] = {
    "unknown-vereiste": lambda t, r: _label_typo(t, "vereiste"),
    "missing-section": lambda t, r: _drop_section(t, "Risico"),
    "label-typo": lambda t, r: _label_typo(t, "levenscyclus"),
    "yaml-syntax": lambda t, r: _swap_first(t, "\ntitle: ", '\ntitle: "'),
    "placeholder": lambda t, r: _swap_first(t, "\n## Voorbeelden\n\n", "\n## Voorbeelden\n\nTODO "),
}


# -- links -----------------------------------------------------------------------------------
SECTION = "voldoen-aan-wetten-en-regels"
#: folders of ordinary pages, as the site has them
PAGE_FOLDERS = ("over-het-algoritmekader", "soorten-algoritmes-en-ai", "ai-verordening")


def slugify(heading: str) -> str:
    """The heading id Python-Markdown's toc gives the plain words this generator writes."""
    return re.sub(r"[\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())


class Linker:
    """Links from one page to another, relative as the site's editors write them; a share of
    them broken (a page that does not exist, or a heading it does not have)."""

    def __init__(self, w: Writer, p: Plan) -> None:
        self.w, self.p = w, p
        self.targets: list[tuple[str, tuple[str, ...]]] = []  # (path under docs/, headings)
        self.targets += [(f"{SECTION}/vereisten/{s}.md", REQ_HEADINGS) for _, s in p.current]
        self.targets += [(f"{SECTION}/maatregelen/{s}.md", MSR_HEADINGS) for _, s in p.measures]
        self.targets += [(f"{SECTION}/hulpmiddelen/{s}.md", ("hulpmiddel",)) for s in p.tools]
        self.targets += [(f"{folder}/{s}.md", h) for folder, s, h in p.pages]

    def link(self, source: str) -> str:
        r = self.w.rng
        target, headings = r.choice(self.targets)
        anchor = f"#{r.choice(headings)}" if headings and r.random() < 0.5 else ""
        if r.random() < BROKEN_LINKS:
            if anchor and r.random() < 0.5:
                anchor, kind = "#bestaat-niet", "broken-anchor"
            else:
                target, kind = target.replace(".md", "-weg.md"), "broken-page"
        else:
            kind = "anchor" if anchor else "page"
        self.p.links[kind] += 1
        rel = os.path.relpath(target, os.path.dirname(source)).replace(os.sep, "/")
        return f"[{self.w.title().lower()}]({rel}{anchor})"

    def paragraph(self, source: str) -> str:
        count = self.w.rng.randint(1, 3)
        links = ", ".join(self.link(source) for _ in range(count))
        return f"Zie ook {links}."


REQ_HEADINGS = ("vereiste", "toelichting", "bronnen", "risico")
MSR_HEADINGS = ("maatregel", "toelichting", "risico", "bronnen", "voorbeelden")


# -- files ------------------------------------------------------------------------------------
def current_requirement(w: Writer, code: str, stem: str, see_also: str) -> str:
    r = w.rng
    fm = [
        f"title: {w.title()}",
        f"id: urn:nl:ak:ver:{code}",
        f"toelichting: {w.toelichting()}",
        _yaml_list("levenscyclus", w.labels(LEVENSCYCLUS)),
        _yaml_list("onderwerp", w.labels(ONDERWERP, 1, 2)),
        _yaml_list("rollen", w.labels(ROLLEN, 1, 2)),
    ]
    for key, values in AI_ACT.items():
        if r.random() < 0.7:
            fm.append(_yaml_list(key, w.labels(values, 1, 2)))
    fm.append("hide:\n- navigation\n")
    flags = " no-search no-onderwerp no-rol no-levenscyclus" if r.random() < 0.7 else ""
    body = [
        "<!-- tags -->",
        f"## Vereiste\n\n{w.paragraph(1, 3)}",
        f"## Toelichting\n\n{w.explanation(w.body_target())}\n\n{see_also}",
        f"## Bronnen\n\n{w.sources()}",
        "## Van toepassing op\n\n<!-- tags-ai-act -->",
        f"## Risico\n\n{w.paragraph(1, 3)}",
        f"## Maatregelen {{ data-search-exclude }}\n\n<!-- list_maatregelen vereiste/{stem}{flags} -->",
    ]
    front = "".join(line if line.endswith("\n") else line + "\n" for line in fm)
    return "---\n" + front + "---\n\n" + "\n\n".join(body) + "\n"


def measure(w: Writer, code: str, requirements: list[str], see_also: str) -> str:
    r = w.rng
    sources = []
    if r.random() < 0.8:
        sources.append(f"  ADR: {r.choice('ABCDEFGHIJ')}{r.choice('KLMNOP')}.{r.randint(1, 20)}")
    if r.random() < 0.5:
        sources.append(f"  ARK: {r.randint(1, 5)}.{r.randint(1, 30)}")
    fm = [
        f"title: {w.title()}",
        f"id: urn:nl:ak:mtr:{code}",
        f"toelichting: {w.toelichting()}",
        _yaml_list("vereiste", r.sample(requirements, min(len(requirements), r.randint(1, 4)))),
        _yaml_list("levenscyclus", w.labels(LEVENSCYCLUS)),
        _yaml_list("onderwerp", w.labels(ONDERWERP, 1, 2)),
        _yaml_list("rollen", w.labels(ROLLEN, 1, 2)),
        ("sources:\n" + "\n".join(sources) + "\n") if sources else "",
        "hide:\n- navigation\n- toc\n",
    ]
    example = w.paragraph(1, 2) if r.random() < 0.5 else "Er zijn nog geen voorbeelden."
    body = [
        "<!-- tags -->",
        f"## Maatregel\n\n{w.paragraph(1, 3)}",
        f"## Toelichting\n\n{w.explanation(w.body_target())}\n\n{see_also}",
        f"## Risico\n\n{w.paragraph(1, 2)}",
        "## Bijbehorende vereiste(n) { data-search-exclude }\n\n"
        '??? expander "Bekijk alle vereisten"\n    <!-- list_vereisten_on_maatregelen_page -->',
        f"## Bronnen\n\n{w.sources()}",
        f"## Voorbeelden\n\n{example}",
    ]
    front = "".join(line if line.endswith("\n") or not line else line + "\n" for line in fm)
    return "---\n" + front + "---\n\n" + "\n\n".join(body) + "\n"


def tool(w: Writer, requirements: list[str], measures: list[str], see_also: str) -> str:
    """A tool (hulpmiddel): a category, labels, and the requirements and measures it serves."""
    r = w.rng
    fm = [
        f"title: {w.title()}",
        f"toelichting: {w.toelichting()}",
        _yaml_list("categorie", w.labels(CATEGORIE, 1, 2)),
        _yaml_list("vereiste", r.sample(requirements, min(len(requirements), r.randint(1, 5)))),
        _yaml_list("maatregel", r.sample(measures, min(len(measures), r.randint(1, 5)))),
        _yaml_list("levenscyclus", w.labels(LEVENSCYCLUS)),
        _yaml_list("onderwerp", w.labels(ONDERWERP, 1, 2)),
        _yaml_list("rollen", w.labels(ROLLEN, 1, 2)),
        "hide: navigation\n",
    ]
    body = [
        "<!-- tags -->",
        "[Direct naar het hulpmiddel](https://www.example.org/hulpmiddel)"
        "{ .button .md-button--secondary }",
        f"## Hulpmiddel\n\n{w.explanation(w.body_target())}\n\n{see_also}",
        f"## Relevantie\n\n{w.paragraph(1, 3)}",
        f"## Auteur\n\n{w.paragraph(1, 1)}",
        "## Bijbehorende vereisten { data-search-exclude }\n\n"
        "<!-- list_vereisten_on_maatregelen_page -->",
        "## Bijbehorende maatregelen\n\n<!-- list_maatregelen_on_hulpmiddelen_page -->",
    ]
    front = "".join(line if line.endswith("\n") else line + "\n" for line in fm)
    return "---\n" + front + "---\n\n" + "\n\n".join(body) + "\n"


def page(w: Writer, title: str, headings: tuple[str, ...], links: Linker, source: str) -> str:
    """An ordinary page of the site: a title, sections, and links to other pages."""
    parts = [f"---\ntitle: {title}\n---\n\n# {title}\n\n{w.paragraph(1, 3)}"]
    for heading in headings:
        text = w.paragraph(2, 4)
        if w.rng.random() < 0.6:
            text += "\n\n" + links.paragraph(source)
        parts.append(f"## {heading.replace('-', ' ').capitalize()}\n\n{text}")
    return "\n\n".join(parts) + "\n"


MKDOCS = """\
# Generated by benchmarks/generate.py: a synthetic site in the content repo's layout.
site_name: Synthetisch Algoritmekader
docs_dir: docs
use_directory_urls: true
theme:
  name: material
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - footnotes
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - toc:
      toc_depth: 3
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""

TEMPLATE = """\
---
title: Titel van de {kind}
toelichting: Eén zin die zegt waar het om gaat.
---

<!-- tags -->

## {heading}

Schrijf hier de tekst.
"""

#: vereistenlint.toml equal to the built-in preset, for versions that do not have the preset
CONFIG = """\
# Generated by benchmarks/generate.py: what the built-in preset says, for versions without it.
include = ["docs/**/*.md"]

[profiles]
"docs/voldoen-aan-wetten-en-regels/vereisten/*.md" = "vereiste"
"docs/voldoen-aan-wetten-en-regels/maatregelen/*.md" = "maatregel"

[labels.levenscyclus]
folder = "docs/levenscyclus"
not-labels = ["over-de-levenscyclus"]

[labels.onderwerp]
folder = "docs/onderwerpen"

[labels.rollen]
folder = "docs/rollen"
"""


def _label_pages(root: Path) -> None:
    for folder, values in (
        ("levenscyclus", (*LEVENSCYCLUS, "over-de-levenscyclus")),
        ("onderwerpen", ONDERWERP),
        ("rollen", ROLLEN),
    ):
        target = root / "docs" / folder
        target.mkdir(parents=True, exist_ok=True)
        for value in (*values, "index"):
            (target / f"{value}.md").write_text(
                f"---\ntitle: {value}\n---\n\n# {value}\n\nPagina over {value}.\n"
            )


def plan(w: Writer, files: int) -> Plan:
    """Decide every file name and id first: measures and tools name requirements that must
    exist, and links point at pages and headings decided here."""
    rng = w.rng
    n_current = round(files * SHARE_REQUIREMENTS)
    n_tools = max(1, round(files * SHARE_TOOLS))
    n_pages = round(files * SHARE_PAGES)
    n_measures = max(1, files - n_current - n_tools - n_pages)
    taken: set[str] = set()
    p = Plan()
    for i, code in enumerate(_codes(rng, n_current, taken)):
        if i > 0 and rng.random() < DEFECT_RATE / 7:
            # a copied file: the id and code of an earlier requirement under another name
            code = p.current[rng.randrange(i)][0]
            p.current.append((code, f"{code}-kopie-{w.slug()}-{i}"))
            p.defects["current:duplicate-id"] += 1
        else:
            p.current.append((code, f"{code}-{w.slug()}"))
    for code in _codes(rng, n_measures, taken):
        p.measures.append((code, f"{rng.randint(0, 7)}-{code}-{w.slug()}"))
    for i in range(n_tools):
        p.tools.append(f"{w.slug()}-{i}")
    for i in range(n_pages):
        folder = PAGE_FOLDERS[i % len(PAGE_FOLDERS)]
        headings = tuple(dict.fromkeys(slugify(w.title()) for _ in range(rng.randint(2, 5))))
        p.pages.append((folder, f"{w.slug()}-{i}", headings))
    return p


def generate(
    out: Path, files: int = DEFAULT_FILES, seed: int = DEFAULT_SEED, config: bool = False
) -> Plan:
    """Write the repo under `out` (created; files already there are overwritten).

    The layout is the content repo's (mkdocs.yml, docs/voldoen-aan-wetten-en-regels/...,
    templates/), so vereistenlint's built-in preset applies without configuration; with
    `config`, a vereistenlint.toml saying the same is written for versions without it.
    """
    w = Writer(seed)
    rng = w.rng
    p = plan(w, files)
    section = out / "docs" / SECTION
    dirs = {name: section / name for name in ("vereisten", "maatregelen", "hulpmiddelen")}
    for folder in (*dirs.values(), *(out / "docs" / f for f in PAGE_FOLDERS)):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text("---\ntitle: Overzicht\n---\n\n# Overzicht\n\nAlles.\n")
    (out / "docs" / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n\nWelkom.\n")
    _label_pages(out)
    (out / "mkdocs.yml").write_text(MKDOCS)
    (out / "templates").mkdir(exist_ok=True)
    for kind, heading in (("vereiste", "Vereiste"), ("maatregel", "Maatregel")):
        (out / "templates" / f"template-{kind}.md").write_text(
            TEMPLATE.format(kind=kind, heading=heading)
        )
    if config:
        (out / "vereistenlint.toml").write_text(CONFIG)
    links = Linker(w, p)

    def defect(table: dict[str, Callable[[str, random.Random], str]], kind: str, text: str) -> str:
        if rng.random() >= DEFECT_RATE:
            return text
        name = rng.choice(sorted(table))
        p.defects[f"{kind}:{name}"] += 1
        return table[name](text, rng)

    def see_also(source: str) -> str:
        return links.paragraph(source) if rng.random() < 0.7 else ""

    for code, stem in p.current:
        source = f"{SECTION}/vereisten/{stem}.md"
        text = current_requirement(w, code, stem, see_also(source))
        (dirs["vereisten"] / f"{stem}.md").write_text(defect(CURRENT_DEFECTS, "current", text))
    requirement_stems = [stem for _, stem in p.current]
    for code, stem in p.measures:
        source = f"{SECTION}/maatregelen/{stem}.md"
        text = measure(w, code, requirement_stems, see_also(source))
        (dirs["maatregelen"] / f"{stem}.md").write_text(defect(MEASURE_DEFECTS, "measure", text))
    measure_stems = [stem for _, stem in p.measures]
    for stem in p.tools:
        source = f"{SECTION}/hulpmiddelen/{stem}.md"
        text = tool(w, requirement_stems, measure_stems, see_also(source))
        (dirs["hulpmiddelen"] / f"{stem}.md").write_text(defect(TOOL_DEFECTS, "tool", text))
    for folder, stem, headings in p.pages:
        source = f"{folder}/{stem}.md"
        title = w.title()
        (out / "docs" / source).write_text(page(w, title, headings, links, source))
    return p


def count(p: Plan) -> int:
    return len(p.current) + len(p.measures) + len(p.tools) + len(p.pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the repo into")
    parser.add_argument("--files", type=int, default=DEFAULT_FILES, help="number of files")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--config", action="store_true", help="also write vereistenlint.toml")
    args = parser.parse_args(argv)
    p = generate(args.out, args.files, args.seed, args.config)
    print(
        f"wrote {count(p)} files to {args.out}: {len(p.current)} requirements, "
        f"{len(p.measures)} measures, {len(p.tools)} tools, {len(p.pages)} ordinary pages; "
        f"{sum(p.defects.values())} with a defect; links: "
        + ", ".join(f"{n} {kind}" for kind, n in sorted(p.links.items()))
    )
    for name, n in sorted(p.defects.items()):
        print(f"  {name}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
