"""A requirement page of our own writing, clean and with known defects, for the tests of the
language server and of checking a buffer."""

from __future__ import annotations

CLEAN = """\
---
title: Het algoritme houdt een logboek bij
id: urn:nl:ak:ver:abc-01
toelichting: Een algoritme met een hoog risico legt vast wanneer het wordt gebruikt en met welke gegevens.
levenscyclus:
- ontwerp
- ontwikkelen
onderwerp:
- transparantie
rollen:
- projectleider
soort-toepassing:
- ai-systeem
risicogroep:
- hoog-risico-ai-systeem
rol-ai-act:
- aanbieder
hide:
- navigation
---

<!-- tags -->

## Vereiste

Het systeem registreert automatisch gebeurtenissen tijdens de hele levensduur.

## Toelichting

De registratie maakt het mogelijk om situaties met een risico op te sporen.

## Bronnen

- [Artikel 12 Verordening (EU) 2024/1689](https://eur-lex.europa.eu/eli/reg/2024/1689/oj)

## Van toepassing op

<!-- tags-ai-act -->

## Risico

Zonder logboek is niet na te gaan hoe een uitkomst tot stand kwam.

## Maatregelen { data-search-exclude }

<!-- list_maatregelen vereiste/STEM no-search -->
"""

#: three defects: a full stop after an emoji (line 1), a misspelt label (line 6) and a
#: measures list that names another file (line 45)
DEFECTS = (
    CLEAN.replace("een logboek bij\n", "één 🚀 logboek bij.\n")
    .replace("- ontwikkelen\n", "- ontwikkelenn\n")
    .replace("vereiste/STEM", "vereiste/abc-01-logboek")
)


def page(stem: str, text: str = CLEAN) -> str:
    return text.replace("STEM", stem)
