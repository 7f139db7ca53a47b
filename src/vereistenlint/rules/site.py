"""Front matter the website reads in its own way: what it renders correctly is not an error,
what it silently drops is.

- ``hide: navigation`` as text works (MkDocs Material tests ``"navigation" in page.meta.hide``,
  true for a string too): a style warning with a fix, not a type error.
- ``uitzondering:`` holds label expressions the site's JavaScript evaluates
  (`expression`); one it cannot evaluate, or one naming labels that do not exist, never matches.
- a measure's ``sources:`` entries must be numbers of the audit frameworks as the content
  repo's own table lists them (``script/maatregelen-adr-ark.csv``); one written as a YAML
  number loses what makes it a number of that table (``2.20`` loads as ``2.2``).
- a label list holding a value and its negation (``systeemrisico`` and ``geen-systeemrisico``):
  the site evaluates the pair as "either", which the repo uses on purpose to mean "applies
  regardless", so this is a style rule, off by default.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .. import expression
from ..diagnostics import Severity
from ..document import Document
from ..findings import Edit, Finding, Fix, finding, term
from ..profiles import Sources, SourcesTable, Uitzondering
from .base import Check, Context, Fixability, Registered, Rule, codes

E, W = Severity.ERROR, Severity.WARNING

HIDE_AS_TEXT = "VL020"
UITZONDERING = "VL021"
SOURCE_REFERENCE = "VL022"
LABEL_NEGATION = "VL023"

RULES = (
    Rule(HIDE_AS_TEXT, "hide-as-text", W, Fixability.SAFE, default=False),
    Rule(UITZONDERING, "uitzondering-expression", E),
    Rule(SOURCE_REFERENCE, "source-reference", E, Fixability.SAFE),
    Rule(LABEL_NEGATION, "label-negation", W, default=False),
)
CODES = codes(RULES)

NEGATION = "geen-"


def hide_as_text(doc: Document) -> yaml.Node | None:
    """The ``hide`` value node when it is text the website still reads as holding navigation."""
    fm = doc.front_matter
    data = doc.mapping()
    if fm is None or fm.parsed is None or data is None:
        return None
    value = data.get("hide")
    if not isinstance(value, str) or "navigation" not in value.split():
        return None
    node: yaml.Node = fm.parsed.index[("hide",)].value
    return node


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    data = doc.mapping()
    fm = doc.front_matter
    if data is None or fm is None or fm.parsed is None:
        return
    yield from _hide(doc)
    spec = ctx.profile.uitzondering
    if spec and isinstance(data.get(spec.key), list):
        yield from _uitzondering(doc, ctx, spec)
    sources = ctx.profile.sources
    if sources and isinstance(data.get(sources.key), dict):
        yield from _sources(doc, sources)
    yield from _negations(doc, data)


def _hide(doc: Document) -> Iterator[Finding]:
    node = hide_as_text(doc)
    if node is None:
        return
    assert doc.front_matter is not None and doc.front_matter.parsed is not None
    key = doc.front_matter.parsed.index[("hide",)].key
    line, col = doc.node_position(node)
    fix = None
    if (
        key is not None
        and isinstance(node, yaml.ScalarNode)
        and not node.style
        and key.start_mark.line == node.end_mark.line
    ):
        index = doc.line_index(node)
        words = str(node.value).split()
        items = "".join(f"\n- {word}" for word in words)
        edit = Edit(index, key.end_mark.column + 1, index, node.end_mark.column, items)
        fix = Fix((edit,), intent=((("hide",), words),))
    yield finding(HIDE_AS_TEXT, line, col, "site.hide_as_text", value=node.value, fix=fix)


def _uitzondering(doc: Document, ctx: Context, spec: Uitzondering) -> Iterator[Finding]:
    assert doc.front_matter is not None and doc.front_matter.parsed is not None
    index = doc.front_matter.parsed.index
    keys = sorted(spec.labels, key=len, reverse=True)
    for i, item in enumerate(doc.mapping()[spec.key]):  # type: ignore[index]
        if not isinstance(item, str):
            continue  # the schema says so
        located = index[(spec.key, i)]
        line, col = doc.value_position(located)
        shift = _plain_offset(doc, located.value, item)
        try:
            labels = expression.parse(item)
        except expression.ExpressionError as exc:
            at = col + exc.offset if shift else col
            found = f"'{exc.found}'" if exc.found else term("word.end")
            yield finding(UITZONDERING, line, at, "site.expression", found=found, expression=item)
            continue
        for label in labels:
            at = col + label.offset if shift else col
            yield from _label_problem(ctx, keys, label.name, line, at)


def _label_problem(
    ctx: Context, keys: list[str], label: str, line: int, col: int
) -> Iterator[Finding]:
    for key in keys:
        if label.startswith(key + "-"):
            value = label[len(key) + 1 :]
            allowed = ctx.vocabulary(key) or []
            if value in allowed:
                return
            guess = difflib.get_close_matches(value, allowed, n=1)
            if guess:
                suggestion = f"{key}-{guess[0]}"
                yield finding(
                    UITZONDERING,
                    line,
                    col,
                    "site.expression_value_suggest",
                    label=label,
                    suggestion=suggestion,
                )
            else:
                yield finding(
                    UITZONDERING,
                    line,
                    col,
                    "site.expression_value",
                    label=label,
                    name=key,
                    allowed=allowed,
                )
            return
    names = [f"{k}-" for k in sorted(keys)]
    yield finding(UITZONDERING, line, col, "site.expression_label", label=label, names=names)


def _plain_offset(doc: Document, node: yaml.Node, value: str) -> bool:
    """Whether the value stands on its line exactly as it loads (offsets in it are columns)."""
    edit = doc.scalar_edit(node, "")
    return edit is not None and doc.lines[edit.line][edit.column : edit.end_column] == value


def _sources(doc: Document, spec: Sources) -> Iterator[Finding]:
    assert doc.front_matter is not None and doc.front_matter.parsed is not None
    parsed = doc.front_matter.parsed  # its index of positions is built only where needed
    known = _table(doc.path.parent, spec.table)
    for framework, items in doc.mapping()[spec.key].items():  # type: ignore[index]
        if framework not in spec.frameworks:
            continue  # the schema says so
        paths = (
            [(spec.key, framework, i) for i in range(len(items))]
            if isinstance(items, list)
            else [(spec.key, framework)]
        )
        values = items if isinstance(items, list) else [items]
        numbers = (
            frozenset() if known is None else known.get(spec.frameworks[framework], frozenset())
        )
        for path, value in zip(paths, values, strict=True):
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            unknown = isinstance(value, str) and known is not None and value not in numbers
            if not number and not unknown:
                continue  # a known reference or a value not read here: no finding, no position
            located = parsed.index.get(path)
            if located is None:
                continue
            line, col = doc.value_position(located)
            if number:
                # the repo's own mapping script reads str(value): 1.04 survives, 2.20 does not
                edit = doc.scalar_edit(located.value, "")
                if edit is None:
                    continue
                written = doc.lines[edit.line][edit.column : edit.end_column]
                if str(value) == written:
                    value = written  # a number, but one that reads back as written
                else:
                    quoted = Edit(
                        edit.line, edit.column, edit.line, edit.end_column, f"'{written}'"
                    )
                    yield finding(
                        SOURCE_REFERENCE,
                        line,
                        col,
                        "site.source_number",
                        value=written,
                        loaded=value,
                        framework=framework,
                        fix=Fix((quoted,), intent=((path, written),)),
                    )
                    continue
            if isinstance(value, str) and known is not None and value not in numbers:
                guess = difflib.get_close_matches(value, sorted(numbers), n=1)
                yield finding(
                    SOURCE_REFERENCE,
                    line,
                    col,
                    "site.source_unknown" + ("_suggest" if guess else ""),
                    value=value,
                    framework=framework,
                    table=spec.table.path,
                    suggestion=guess[0] if guess else "",
                )


def _table(folder: Path, spec: SourcesTable) -> dict[str, frozenset[str]] | None:
    """The numbers per framework of the repo's own table, found from the file's folder upwards."""
    return _read_table(_resolved(folder), spec.path, spec.number, spec.source)


@cache
def _resolved(folder: Path) -> Path:
    """The folder's real path, once per folder: the files of one folder share it, and the
    table read for it is kept as long (`_read_table`)."""
    return folder.resolve()


@cache
def _read_table(
    folder: Path, rel: str, number: str, source: str
) -> dict[str, frozenset[str]] | None:
    for candidate in (folder, *folder.parents):
        path = candidate / rel
        if path.is_file():
            break
    else:
        return None
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter=";"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    found: dict[str, set[str]] = {}
    for row in rows:
        name, value = (row.get(source) or "").strip(), (row.get(number) or "").strip()
        if name and value:
            found.setdefault(name, set()).add(value)
    return {k: frozenset(v) for k, v in found.items()}


def _negations(doc: Document, data: dict[str, Any]) -> Iterator[Finding]:
    assert doc.front_matter is not None and doc.front_matter.parsed is not None
    parsed = doc.front_matter.parsed  # its index of positions is built only for a finding
    for key, values in data.items():
        if not isinstance(values, list):
            continue
        strings = [v for v in values if isinstance(v, str)]
        for i, value in enumerate(values):
            if (
                isinstance(value, str)
                and value.startswith(NEGATION)
                and value[len(NEGATION) :] in strings
            ):
                located = parsed.index.get((key, i))
                if located is not None:
                    line, col = doc.value_position(located)
                    yield finding(
                        LABEL_NEGATION,
                        line,
                        col,
                        "site.negation",
                        key=key,
                        value=value[len(NEGATION) :],
                        negation=value,
                    )


CHECKS: tuple[Registered[Check], ...] = (Registered(check, CODES),)
