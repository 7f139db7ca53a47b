"""Write a synthetic content repo for the benchmark: thousands of requirement and measure files.

The real content repo holds about 200 files, too few to see how vereistenlint scales, and its
files may not be copied into this project. This generator writes as many files as asked, in
the three formats vereistenlint knows (2024-format requirements, current-format requirements,
measures), with the label folders and the ``vereistenlint.toml`` a content repo has, so that a
run over it exercises every rule, the repository-wide index and the label vocabularies.

Everything comes from one seeded ``random.Random``: the same seed and file count give the same
bytes, so two benchmark runs measure the same work. The text is assembled from word lists and
sentence templates written for this file; sizes vary from about 2 to 8 KB per file, like the
real files. About one file in twelve gets one defect of the kinds editors make (a status in
the wrong case, a misspelled label or key, a table that disagrees with the front matter, a
missing section, a duplicate id, a measure naming a requirement that does not exist, ...), so
the reporting paths are measured too and not only the happy path.

Usage: ``python benchmarks/generate.py OUT_DIR [--files N] [--seed S]``.
"""

from __future__ import annotations

import argparse
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
#: shares of the three kinds of file (the rest are measures, as in the real repo)
SHARE_2024 = 0.2
SHARE_CURRENT = 0.3

# -- vocabularies -----------------------------------------------------------------------------
# Label values valid in both formats, so one set of label folders serves the whole repo; taken
# from the package's schemas, so that the generator follows a vocabulary change.
LEVENSCYCLUS = tuple(
    v
    for v in vocabulary("levenscyclus", "vereiste-2024.schema.json") or ()
    if v in (vocabulary("levenscyclus", "labels.schema.json") or ())
)
ONDERWERP = tuple(vocabulary("onderwerp", "labels.schema.json") or ())
BOUWBLOK = tuple(vocabulary("bouwblok", "vereiste-2024.schema.json") or ())
ROLLEN_2024 = ("data-scientist", "domeinspecialist", "informatiebeheerder", "projectleider")
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
CHECK = ":material-check-bold:{ style='color: #4DB6AC' }"
CLOSE = ":material-close:{ style='color: #EF5350' }"


@dataclass
class Plan:
    """The file list decided before any text is written, so measures can name requirements."""

    current: list[tuple[str, str]] = field(default_factory=list)  # (code, stem)
    old: list[str] = field(default_factory=list)  # stems of 2024-format requirements
    measures: list[tuple[str, str]] = field(default_factory=list)  # (code, stem)
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


def _status_case(text: str, rng: random.Random) -> str:
    """'geldend' written 'Geldend', the mistake the seed file made."""
    return re.sub(
        r"(?m)^(status_vereiste:\n- )([a-z])", lambda m: m[1] + m[2].upper(), text, count=1
    )


def _status_placeholder(text: str, rng: random.Random) -> str:
    return re.sub(r"(?m)^(status_vereiste:\n- ).*$", r"\1Treedt in werking op DATUM", text, count=1)


def _table_mismatch(text: str, rng: random.Random) -> str:
    """One icon flipped: the table no longer says what the front matter says."""
    if f"| {CLOSE} |" in text:
        return _swap_first(text, f"| {CLOSE} |", f"| {CHECK} |")
    return _swap_first(text, f"| {CHECK} |", f"| {CLOSE} |")


def _title_full_stop(text: str, rng: random.Random) -> str:
    return re.sub(r"(?m)^(title: .*)$", r"\1.", text, count=1)


OLD_DEFECTS: dict[str, Callable[[str, random.Random], str]] = {
    "status-case": _status_case,
    "status-placeholder": _status_placeholder,
    "label-typo": lambda t, r: _label_typo(t, "levenscyclus"),
    "key-typo": lambda t, r: _swap_first(t, "\nbouwblok:", "\nboubwlok:"),
    "table-mismatch": _table_mismatch,
    "missing-section": lambda t, r: _drop_section(t, "Risico"),
    "extra-section": lambda t, r: _swap_first(
        t, "\n## Risico", "\n## Normen\n\nNEN 7510\n\n## Risico"
    ),
}
CURRENT_DEFECTS: dict[str, Callable[[str, random.Random], str]] = {
    "label-typo": lambda t, r: _label_typo(t, "onderwerp"),
    "missing-section": lambda t, r: _drop_section(t, "Toelichting"),
    "title-full-stop": _title_full_stop,
    "old-key": lambda t, r: _swap_first(t, "\nhide:", "\nstatus_vereiste:\n- geldend\nhide:"),
    "wrong-stem": lambda t, r: _swap_first(t, "vereiste/", "vereiste/x"),
    "unclosed-comment": lambda t, r: _swap_first(t, "<!-- tags-ai-act -->", "<!-- tags-ai-act"),
}
MEASURE_DEFECTS: dict[str, Callable[[str, random.Random], str]] = {
    "unknown-vereiste": lambda t, r: _label_typo(t, "vereiste"),
    "missing-section": lambda t, r: _drop_section(t, "Risico"),
    "label-typo": lambda t, r: _label_typo(t, "levenscyclus"),
    "yaml-syntax": lambda t, r: _swap_first(t, "\ntitle: ", '\ntitle: "'),
    "placeholder": lambda t, r: _swap_first(t, "\n## Voorbeelden\n\n", "\n## Voorbeelden\n\nTODO "),
}


# -- files ------------------------------------------------------------------------------------
def old_requirement(w: Writer, stem: str) -> str:
    r = w.rng
    ja = {key: [r.random() < 0.5 for _ in range(n)] for key, n in (("rk", 2), ("ml", 3), ("ga", 3))}
    fm = [
        f"title: {w.title()}",
        f"toelichting: {w.toelichting()}",
        _yaml_list("status_vereiste", [r.choice(("geldend", "nog-niet-geldend"))]).rstrip(),
        _yaml_list("levenscyclus", w.labels(LEVENSCYCLUS)).rstrip(),
        _yaml_list("bouwblok", w.labels(BOUWBLOK, 1, 2)).rstrip(),
        _yaml_list("rollen", w.labels(ROLLEN_2024, 1, 2)).rstrip(),
    ]
    classes = {
        "rk": ("niet-impactvol", "impactvol"),
        "ml": ("niet-impactvol", "impactvol", "hoog-risico"),
    }
    classes["ga"] = classes["ml"]
    for key, name in (("rk", "rekenregels"), ("ml", "machine-learning"), ("ga", "generatieve-ai")):
        fm.append(f"{name}:")
        fm.extend(
            f"- {c}: {'Ja' if v else 'Nee'}" for c, v in zip(classes[key], ja[key], strict=True)
        )
    indent = "\t" if r.random() < 0.5 else "    "
    tabs = []
    for key, title in (("rk", "Rekenregel"), ("ml", "Machine learning"), ("ga", "Generatieve AI")):
        headers = ["niet-impactvol", "impactvol", "hoog-risico-ai"][: len(ja[key])]
        icons = [CHECK if v else CLOSE for v in ja[key]]
        rows = (
            "| " + " | ".join(headers) + " |",
            "|" + "|".join("-" * (len(h) + 2) for h in headers) + "|",
            "| " + " | ".join(icons) + " |",
        )
        tabs.append(f'=== "{title}"\n\n' + "\n".join(indent + row for row in rows))
    target = w.body_target()
    body = [
        "<!-- tags -->",
        f"## Vereiste\n\n{w.paragraph(1, 3)}",
        f"## Toelichting\n\n{w.explanation(target)}",
        f"## Bronnen\n\n{w.sources()}",
        "## Wanneer van toepassing?\n\n" + "\n\n".join(tabs),
        f"## Risico\n\n{w.paragraph(1, 3)}",
        f"## Maatregelen\n\n<!-- list_maatregelen vereiste/{stem} -->",
    ]
    return "---\n" + "\n".join(fm) + "\n---\n\n" + "\n\n".join(body) + "\n"


def current_requirement(w: Writer, code: str, stem: str) -> str:
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
        f"## Toelichting\n\n{w.explanation(w.body_target())}",
        f"## Bronnen\n\n{w.sources()}",
        "## Van toepassing op\n\n<!-- tags-ai-act -->",
        f"## Risico\n\n{w.paragraph(1, 3)}",
        f"## Maatregelen {{ data-search-exclude }}\n\n<!-- list_maatregelen vereiste/{stem}{flags} -->",
    ]
    front = "".join(line if line.endswith("\n") else line + "\n" for line in fm)
    return "---\n" + front + "---\n\n" + "\n\n".join(body) + "\n"


def measure(w: Writer, code: str, requirements: list[str]) -> str:
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
    body = [
        "<!-- tags -->",
        f"## Maatregel\n\n{w.paragraph(1, 3)}",
        f"## Toelichting\n\n{w.explanation(w.body_target())}",
        f"## Risico\n\n{w.paragraph(1, 2)}",
        "## Bijbehorende vereiste(n) { data-search-exclude }\n\n"
        '??? expander "Bekijk alle vereisten"\n    <!-- list_vereisten_on_maatregelen_page -->',
        f"## Bronnen\n\n{w.sources()}",
        f"## Voorbeelden\n\n{w.paragraph(1, 2) if r.random() < 0.5 else 'Er zijn nog geen voorbeelden.'}",
    ]
    front = "".join(line if line.endswith("\n") or not line else line + "\n" for line in fm)
    return "---\n" + front + "---\n\n" + "\n\n".join(body) + "\n"


CONFIG = """\
# Generated by benchmarks/generate.py: a synthetic content repo for the benchmark.
include = ["docs/vereisten/*.md", "docs/vereisten-2024/*.md", "docs/maatregelen/*.md"]

[profiles]
"docs/vereisten/*.md" = "vereiste"
"docs/vereisten-2024/*.md" = "vereiste-2024"
"docs/maatregelen/*.md" = "maatregel"

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
        ("rollen", tuple(sorted({*ROLLEN, *ROLLEN_2024}))),
    ):
        target = root / "docs" / folder
        target.mkdir(parents=True, exist_ok=True)
        for value in (*values, "index"):
            (target / f"{value}.md").write_text(
                f"---\ntitle: {value}\n---\n\nPagina over {value}.\n"
            )


def plan(w: Writer, files: int) -> Plan:
    """Decide every file name and id first: measures name requirements that must exist."""
    rng = w.rng
    n_old = round(files * SHARE_2024)
    n_current = round(files * SHARE_CURRENT)
    n_measures = files - n_old - n_current
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
    old_stems: set[str] = set()
    while len(p.old) < n_old:
        stem = f"{w.slug('_')}_{rng.randint(1, 999)}"
        if stem not in old_stems:
            old_stems.add(stem)
            p.old.append(stem)
    for code in _codes(rng, n_measures, taken):
        p.measures.append((code, f"{rng.randint(0, 7)}-{code}-{w.slug()}"))
    return p


def generate(out: Path, files: int = DEFAULT_FILES, seed: int = DEFAULT_SEED) -> Plan:
    """Write the repo under `out` (created; files already there are overwritten)."""
    w = Writer(seed)
    rng = w.rng
    p = plan(w, files)
    dirs = {name: out / "docs" / name for name in ("vereisten", "vereisten-2024", "maatregelen")}
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text("---\ntitle: Overzicht\n---\n\nAlle pagina's.\n")
    _label_pages(out)
    (out / "vereistenlint.toml").write_text(CONFIG)

    def defect(table: dict[str, Callable[[str, random.Random], str]], kind: str, text: str) -> str:
        if rng.random() >= DEFECT_RATE:
            return text
        name = rng.choice(sorted(table))
        p.defects[f"{kind}:{name}"] += 1
        return table[name](text, rng)

    for stem in p.old:
        text = defect(OLD_DEFECTS, "2024", old_requirement(w, stem))
        (dirs["vereisten-2024"] / f"{stem}.md").write_text(text)
    for code, stem in p.current:
        text = defect(CURRENT_DEFECTS, "current", current_requirement(w, code, stem))
        (dirs["vereisten"] / f"{stem}.md").write_text(text)
    requirement_stems = [stem for _, stem in p.current]
    for code, stem in p.measures:
        text = defect(MEASURE_DEFECTS, "measure", measure(w, code, requirement_stems))
        (dirs["maatregelen"] / f"{stem}.md").write_text(text)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the repo into")
    parser.add_argument("--files", type=int, default=DEFAULT_FILES, help="number of files")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    p = generate(args.out, args.files, args.seed)
    total = len(p.old) + len(p.current) + len(p.measures)
    print(
        f"wrote {total} files to {args.out}: {len(p.old)} 2024-format requirements, "
        f"{len(p.current)} current requirements, {len(p.measures)} measures; "
        f"{sum(p.defects.values())} with a defect"
    )
    for name, count in sorted(p.defects.items()):
        print(f"  {name}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
