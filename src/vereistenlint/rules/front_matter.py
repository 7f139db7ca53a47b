"""Title and toelichting: the template's rules for them that a schema cannot say clearly."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from ..diagnostics import Severity
from ..document import Document
from ..findings import Edit, Finding, Fix, finding
from .base import Context, Fixability, Rule, codes

E, W = Severity.ERROR, Severity.WARNING

TITLE_FULL_STOP = "VL014"
TOELICHTING_LENGTH = "VL015"

RULES = (
    Rule(TITLE_FULL_STOP, "title-full-stop", E, Fixability.SAFE),
    Rule(TOELICHTING_LENGTH, "toelichting-length", W),
)
CODES = codes(RULES)


def check_text_fields(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The template's rules for title and toelichting that a schema cannot say clearly."""
    data = doc.mapping()
    fm = doc.front_matter
    if data is None or fm is None or fm.parsed is None:
        return
    profile = ctx.profile
    title = data.get("title")
    if profile.title_no_full_stop and isinstance(title, str) and title.rstrip().endswith("."):
        node = fm.parsed.index[("title",)].value
        line, col = doc.node_position(node)
        fix = None
        index = doc.line_index(node)
        if isinstance(node, yaml.ScalarNode) and node.start_mark.line == node.end_mark.line:
            dot = doc.lines[index].rfind(".", node.start_mark.column, node.end_mark.column)
            col = dot + 1
            fix = Fix((Edit(index, dot, index, dot + 1, ""),))
        yield finding(TITLE_FULL_STOP, line, col, "title.full_stop", title=title.rstrip(), fix=fix)
    limit = profile.toelichting_max_words
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
