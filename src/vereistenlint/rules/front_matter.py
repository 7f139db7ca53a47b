"""Front matter: readable, present, valid YAML without repeated keys, and valid against the schema."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from .. import schema
from ..diagnostics import Severity
from ..document import Document
from ..findings import Finding, finding
from ..load import DUPLICATE_KEY, NO_FRONT_MATTER, UNREADABLE, YAML_SYNTAX
from .base import Context, Rule

E, W = Severity.ERROR, Severity.WARNING

NO_PROFILE = "VL005"
TITLE_FULL_STOP = "VL014"
TOELICHTING_LENGTH = "VL015"

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
        NO_PROFILE,
        "no-profile",
        E,
        "The file fits none of the known formats.",
        "A file is checked as a 2024 requirement when its front matter has the 2024 keys "
        "(status_vereiste, bouwblok, the applicability maps), as a current requirement or measure "
        "by its id (urn:nl:ak:ver:... or urn:nl:ak:mtr:...). A file that fits none gets this one "
        "finding instead of a cascade; map its folder to a profile in the configuration or pass "
        "--profile.",
    ),
    Rule(
        TITLE_FULL_STOP,
        "title-full-stop",
        E,
        "The title ends with a full stop.",
        "The template says: no full stop after the title. Titles are shown as headings and in "
        "lists and search results, where a full stop looks out of place.",
    ),
    Rule(
        TOELICHTING_LENGTH,
        "toelichting-length",
        W,
        "The toelichting is longer than the template's maximum number of words.",
        "The toelichting is the summary shown in overviews; the template asks for at most 40 "
        "words. A longer text is cut off or makes the overview hard to scan.",
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
        schema.UNKNOWN_LABEL,
        "unknown-label",
        E,
        "A label value is not in the label's vocabulary.",
        "Labels (levenscyclus, onderwerp or bouwblok, rollen and the AI-Act labels) link a page to "
        "the website's overview pages and filters. A value with no page of its own, often a "
        "misspelling such as 'boubwlok' for a bouwblok, leaves the page out of that overview. The "
        "vocabulary comes from the schema, or from the content repo's label folders when the "
        "configuration names them.",
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


def check_text_fields(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The template's rules for title and toelichting that a schema cannot say clearly."""
    data = doc.mapping()
    fm = doc.front_matter
    if data is None or fm is None or fm.parsed is None:
        return
    spec = ctx.profile.data
    title = data.get("title")
    if spec.get("title_no_full_stop") and isinstance(title, str) and title.rstrip().endswith("."):
        node = fm.parsed.index[("title",)].value
        line, col = doc.node_position(node)
        if isinstance(node, yaml.ScalarNode) and not node.style and "\n" not in title:
            col += len(title.rstrip()) - 1
        yield finding(TITLE_FULL_STOP, line, col, "title.full_stop", title=title.rstrip())
    limit = spec.get("toelichting_max_words")
    text = data.get("toelichting")
    if limit and isinstance(text, str) and len(text.split()) > limit:
        line, col = doc.value_position(fm.parsed.index[("toelichting",)])
        yield finding(
            TOELICHTING_LENGTH,
            line,
            col,
            "toelichting.length",
            words=len(text.split()),
            limit=limit,
        )
