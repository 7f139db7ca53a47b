"""Front matter: readable, present, valid YAML without repeated keys, and valid against the schema."""

from __future__ import annotations

from collections.abc import Iterator

from .. import schema
from ..diagnostics import Severity
from ..document import Document
from ..findings import Finding
from ..load import DUPLICATE_KEY, NO_FRONT_MATTER, UNREADABLE, YAML_SYNTAX
from .base import Context, Rule

E, W = Severity.ERROR, Severity.WARNING

RULES = (
    Rule(
        UNREADABLE,
        "unreadable-file",
        E,
        "The file cannot be read as UTF-8 text.",
        "The website builder reads every page as UTF-8. A file that cannot be opened, is binary, "
        "or holds bytes that are not UTF-8 breaks the build or shows garbled text.",
    ),
    Rule(
        NO_FRONT_MATTER,
        "front-matter-missing",
        E,
        "The file has no complete front matter between two '---' lines.",
        "The labels, status and applicability of a requirement live in the YAML front matter at the "
        "top of the file, between a first line '---' and a closing '---'. Without it the website "
        "cannot show or filter the requirement.",
    ),
    Rule(
        YAML_SYNTAX,
        "yaml-syntax",
        E,
        "The front matter is not valid YAML.",
        "A YAML syntax error (a tab used for indentation, a missing colon, an unclosed quote) makes "
        "the website skip the whole front matter, so the page loses its labels.",
    ),
    Rule(
        DUPLICATE_KEY,
        "duplicate-key",
        E,
        "A front-matter key appears twice.",
        "YAML keeps only the last of two equal keys, silently dropping the first one's values.",
    ),
    Rule(
        schema.MISSING_KEY,
        "missing-key",
        E,
        "A key the format requires is missing.",
        "Every requirement needs the keys its template lists; a missing key leaves the page "
        "without a title, status or labels.",
    ),
    Rule(
        schema.UNKNOWN_KEY,
        "unknown-key",
        E,
        "A front-matter key that the format does not know.",
        "An unknown key is usually a misspelling of a known one (boubwlok for bouwblok); the "
        "website ignores it, so the value it was meant to set is lost.",
    ),
    Rule(
        schema.INVALID_VALUE,
        "invalid-value",
        E,
        "A front-matter value is not one of the allowed values.",
        "Labels, statuses and applicability values are matched exactly by the website: 'Geldend' "
        "or 'ja' is not 'geldend' or 'Ja', and a misspelled label makes a filter miss the page.",
    ),
    Rule(
        schema.INVALID_TYPE,
        "invalid-type",
        E,
        "A front-matter value has the wrong shape (text, list or mapping).",
        "The website expects labels as lists and the title as text; a value of another shape "
        "is ignored or breaks the page.",
    ),
)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from doc.parse_findings
    if doc.front_matter is not None and doc.front_matter.parsed is not None:
        yield from schema.validate(doc, ctx.profile.schema_file, ctx.vocabularies)
