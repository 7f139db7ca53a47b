"""Front matter: readable, present, valid YAML without repeated keys, and valid against the schema."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import yaml

from .. import schema
from ..diagnostics import Severity
from ..document import Document
from ..findings import Edit, Finding, Fix, finding
from ..load import DUPLICATE_KEY, NO_FRONT_MATTER, UNREADABLE, YAML_SYNTAX
from . import applicability
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
    ),
    Rule(
        NO_FRONT_MATTER,
        "front-matter-missing",
        E,
    ),
    Rule(
        YAML_SYNTAX,
        "yaml-syntax",
        E,
    ),
    Rule(
        DUPLICATE_KEY,
        "duplicate-key",
        E,
    ),
    Rule(
        NO_PROFILE,
        "no-profile",
        E,
    ),
    Rule(
        TITLE_FULL_STOP,
        "title-full-stop",
        E,
        fix="safe",
    ),
    Rule(
        TOELICHTING_LENGTH,
        "toelichting-length",
        W,
    ),
    Rule(
        schema.MISSING_KEY,
        "missing-key",
        E,
        fix="safe",
    ),
    Rule(
        schema.UNKNOWN_KEY,
        "unknown-key",
        E,
    ),
    Rule(
        schema.INVALID_VALUE,
        "invalid-value",
        E,
        fix="safe/unsafe",
    ),
    Rule(
        schema.UNKNOWN_LABEL,
        "unknown-label",
        E,
        fix="safe/unsafe",
    ),
    Rule(
        schema.INVALID_TYPE,
        "invalid-type",
        E,
    ),
)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    yield from doc.parse_findings
    if doc.front_matter is not None and doc.front_matter.parsed is not None:
        found = schema.validate(
            doc, ctx.profile.schema_file, ctx.vocabularies, ctx.profile.data.get("defaults")
        )
        cells = applicability.case_fixes(doc, ctx)
        for f in found:
            edit = cells.get((f.line, f.column)) if f.code == schema.INVALID_VALUE else None
            if edit is not None and f.fix is not None and f.fix.safe:
                f = dataclasses.replace(f, fix=Fix((*f.fix.edits, edit)))
            yield f


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
        fix = None
        index = doc.line_index(node)
        if isinstance(node, yaml.ScalarNode) and node.start_mark.line == node.end_mark.line:
            dot = doc.lines[index].rfind(".", node.start_mark.column, node.end_mark.column)
            col = dot + 1
            fix = Fix((Edit(index, dot, index, dot + 1, ""),))
        yield finding(TITLE_FULL_STOP, line, col, "title.full_stop", title=title.rstrip(), fix=fix)
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
