"""Title and toelichting: the template's rules for them that a schema cannot say clearly."""

from __future__ import annotations

import json
from collections.abc import Iterator

import yaml

from ..diagnostics import Severity
from ..document import Document
from ..findings import Edit, Finding, Fix, finding
from .base import Check, Context, Fixability, Registered, Rule, codes

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
        fix = _without_full_stop(doc, node, title)
        if fix is not None and fix.edits and not fix.edits[0].text:
            col = fix.edits[0].column + 1
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


def _without_full_stop(doc: Document, node: yaml.Node, title: str) -> Fix | None:
    """The title's last full stop removed: the character itself when the value is written as
    it reads (a plain or quoted scalar ending in '.'), else the whole scalar written anew as
    a double-quoted one (an escape such as \\x2E is not a '.' in the text). The fix says
    what the title becomes, so that it is applied only when it does exactly that."""
    if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
        return None
    end = len(title.rstrip()) - 1
    wanted = title[:end] + title[end + 1 :]
    intent = (((("title",), wanted)),)
    index = doc.line_index(node)
    line = doc.lines[index]
    start, stop = node.start_mark.column, node.end_mark.column
    last = stop - (1 if node.style in ("'", '"') else 0) - 1
    tail = title[end + 1 :]
    if node.style in (None, "", "'", '"') and line[last - len(tail) : last + 1] == "." + tail:
        at = last - len(tail)
        return Fix((Edit(index, at, index, at + 1, ""),), intent=intent)
    if node.style in ("'", '"') and start < stop:
        return Fix(
            (Edit(index, start, index, stop, json.dumps(wanted, ensure_ascii=False)),),
            intent=intent,
        )
    return None


CHECKS: tuple[Registered[Check], ...] = (Registered(check_text_fields, CODES),)
