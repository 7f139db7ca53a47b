"""The 'Wanneer van toepassing?' tables say the same as the front matter's applicability maps.

The front matter drives the website's filters, the tables are what readers see; when the two
disagree, a reader is told a requirement applies while the filters say it does not (or the
other way round). Values are compared exactly: the website reads a lower-case 'ja' as 'does
not apply'.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Severity
from ..document import Cell, Document, Section, Tab
from ..findings import Edit, Finding, Fix, finding, quote
from ..profiles import Applicability, ApplicabilityTab
from .base import Context, Fixability, Rule, codes

E = Severity.ERROR

SECTION_PRESENCE = "VL201"
TABS = "VL202"
HEADER = "VL203"
MISMATCH = "VL204"
ICON = "VL205"

RULES = (
    Rule(
        SECTION_PRESENCE,
        "applicability-section",
        E,
        fix=Fixability.SAFE,
    ),
    Rule(
        TABS,
        "applicability-tabs",
        E,
        fix=Fixability.SAFE,
    ),
    Rule(
        HEADER,
        "applicability-header",
        E,
        fix=Fixability.SAFE,
    ),
    Rule(
        MISMATCH,
        "applicability-mismatch",
        E,
        fix=Fixability.SAFE,
    ),
    Rule(
        ICON,
        "applicability-icon",
        E,
        fix=Fixability.SAFE,
    ),
)
CODES = codes(RULES)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    spec = ctx.profile.applicability
    section_spec = ctx.profile.section_spec("applicability")
    data = doc.mapping()
    if not spec or not section_spec or data is None:
        return
    section = doc.section(section_spec.name)
    keys_present = [k for k in spec.keys if k in data]
    if keys_present and section is None:
        located = doc.front_matter.parsed.index[(keys_present[0],)]  # type: ignore[union-attr]
        line, col = doc.node_position(located.key or located.value)
        yield finding(
            SECTION_PRESENCE,
            line,
            col,
            "applicability.section_missing",
            fix=_create(doc, ctx, spec, data),
            section=section_spec.name,
            keys=spec.keys,
        )
        return
    if section is None:
        return
    if not keys_present:
        yield finding(
            SECTION_PRESENCE,
            section.line,
            section.column,
            "applicability.maps_missing",
            section=section.name,
            keys=spec.keys,
        )
        return
    regenerate = _regenerate(doc, section, spec, data)
    for f in _tabs(doc, section, spec, data):
        yield dataclasses.replace(f, fix=regenerate)


def _tabs(
    doc: Document, section: Section, spec: Applicability, data: dict[str, Any]
) -> Iterator[Finding]:
    expected = {t.title: t for t in spec.tabs}
    tabs = doc.tabs(section)
    seen: set[str] = set()
    for tab in tabs:
        if tab.title not in expected:
            yield finding(
                TABS,
                tab.line,
                tab.column,
                "applicability.unknown_tab",
                title=tab.title,
                expected=list(expected),
            )
            continue
        if tab.title in seen:
            yield finding(
                TABS, tab.line, tab.column, "applicability.duplicate_tab", title=tab.title
            )
            continue
        seen.add(tab.title)
        yield from _tab(doc, tab, expected[tab.title], spec.icons, data)
    for title in expected:
        if title not in seen:
            yield finding(
                TABS,
                section.line,
                section.column,
                "applicability.missing_tab",
                title=title,
                section=section.name,
            )


def _tab(
    doc: Document, tab: Tab, tab_spec: ApplicabilityTab, icons: dict[str, str], data: dict[str, Any]
) -> Iterator[Finding]:
    tables = doc.tables(tab)
    if len(tables) != 1 or len(tables[0].rows) != 1:
        rows = len(tables[0].rows) if len(tables) == 1 else 0
        yield finding(
            TABS,
            tab.line,
            tab.column,
            "applicability.table_shape",
            title=tab.title,
            tables=len(tables),
            rows=rows,
        )
        if len(tables) != 1 or not tables[0].rows:
            return
    table = tables[0]
    classes = tab_spec.classes
    headers = [c.header for c in classes]
    if [c.text for c in table.header] != headers:
        cell = _first_difference(table.header, headers)
        yield finding(
            HEADER,
            cell.line,
            cell.column,
            "applicability.header",
            title=tab.title,
            found=[c.text for c in table.header],
            expected=headers,
        )
        return
    values = _front_matter_values(data.get(tab_spec.key))
    for cls, cell in zip(classes, table.rows[0], strict=False):
        shown = [value for icon, value in icons.items() if icon in cell.text]
        if len(shown) != 1:
            yield finding(
                ICON,
                cell.line,
                cell.column,
                "applicability.icon",
                title=tab.title,
                header=cls.header,
                icons=list(icons),
            )
            continue
        written = values.get(cls.key)
        if not isinstance(written, str) or written == shown[0]:
            continue  # an empty or non-text value is the schema's to report
        line = _value_line(doc, tab_spec.key, cls.key)
        yield finding(
            MISMATCH,
            cell.line,
            cell.column,
            "applicability.mismatch",
            title=tab.title,
            header=cls.header,
            table=shown[0],
            icon=_icon_for(icons, shown[0]),
            key=f"{tab_spec.key}.{cls.key}",
            value=quote(written),
            line=line,
        )


def _front_matter_values(items: object) -> dict[str, object]:
    values: dict[str, object] = {}
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                for k, v in item.items():
                    values.setdefault(str(k), v)
    return values


def _value_line(doc: Document, key: str, cls: str) -> int:
    index = doc.front_matter.parsed.index  # type: ignore[union-attr]
    for path, located in index.items():
        if len(path) == 3 and path[0] == key and path[2] == cls:
            return doc.value_position(located)[0]
    return doc.node_position(index[(key,)].value)[0]


def _icon_for(icons: dict[str, str], value: str) -> str:
    return next(icon for icon, v in icons.items() if v == value)


def _first_difference(cells: tuple[Cell, ...], expected: list[str]) -> Cell:
    for cell, want in zip(cells, expected, strict=False):
        if cell.text != want:
            return cell
    return cells[min(len(cells), len(expected)) - 1] if cells else Cell("", 0, 1)


# -- the fix: the section regenerated from the front matter, the source of truth ------------


def _tables_text(
    doc: Document, spec: Applicability, data: dict[str, Any], indent: str
) -> str | None:
    """The tabs and tables for the front matter's values; None unless every value is Ja/Nee."""
    markup = spec.icon_markup
    blocks = []
    for tab in spec.tabs:
        values = _front_matter_values(data.get(tab.key))
        shown = [values.get(c.key) for c in tab.classes]
        if any(not isinstance(v, str) or v not in markup for v in shown):
            return None
        headers = [c.header for c in tab.classes]
        rows = [
            "| " + " | ".join(headers) + " |",
            "|" + "|".join("-" * (len(h) + 2) for h in headers) + "|",
            "| " + " | ".join(markup[v] for v in shown if isinstance(v, str)) + " |",
        ]
        blocks.append(f'=== "{tab.title}"\n\n' + "".join(f"{indent}{r}\n" for r in rows))
    return "\n" + "\n".join(blocks) + "\n"


def _indent(doc: Document, section: Section | None) -> str:
    """The file's own indentation of tab content: a tab or four spaces (the default)."""
    if section is not None:
        for tab in doc.tabs(section):
            for _, width, text in tab.content:
                if text:
                    return "\t" if width == 1 else "    "
    return "    "


def _regenerate(
    doc: Document, section: Section, spec: Applicability, data: dict[str, Any]
) -> Fix | None:
    text = _tables_text(doc, spec, data, _indent(doc, section))
    if text is None:
        return None
    return Fix((Edit(section.start, 0, section.end, 0, text),))


def _create(doc: Document, ctx: Context, spec: Applicability, data: dict[str, Any]) -> Fix | None:
    """A missing section, made where the template puts it: before the next template section."""
    text = _tables_text(doc, spec, data, _indent(doc, None))
    if text is None:
        return None
    names = ctx.profile.section_names
    name = ctx.profile.section_spec("applicability").name  # type: ignore[union-attr]
    later = [
        s
        for s in doc.sections
        if ctx.profile.canonical_section(s.name) in names[names.index(name) + 1 :]
    ]
    at = later[0].line - 1 if later else len(doc.lines)
    prefix = "\n" if at == len(doc.lines) else ""
    return Fix((Edit(at, 0, at, 0, f"{prefix}## {name}\n{text}"),))
