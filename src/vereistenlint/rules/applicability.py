"""The 'Wanneer van toepassing?' tables say the same as the front matter's applicability maps.

The front matter drives the website's filters, the tables are what readers see; when the two
disagree, a reader is told a requirement applies while the filters say it does not (or the
other way round). Values are compared exactly: the website reads a lower-case 'ja' as 'does
not apply'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .. import yamlpos
from ..diagnostics import Severity
from ..document import Cell, Document, Section, Tab
from ..findings import Edit, Finding, Fix, finding, quote
from ..profiles import Applicability, ApplicabilityTab
from .base import Check, Context, Fixability, Registered, Rule, codes

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
        yield f._replace(fix=regenerate)


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
        if _case_variant(written, icons.values()) is not None:
            continue  # 'ja': the wrong case is the cause; its fix corrects the table too
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
    located = _located(doc, key, cls)
    if located is not None:
        return doc.value_position(located)[0]
    index = doc.front_matter.parsed.index  # type: ignore[union-attr]
    return doc.node_position(index[(key,)].value)[0]


def _located(doc: Document, key: str, cls: str) -> yamlpos.Located | None:
    index = doc.front_matter.parsed.index  # type: ignore[union-attr]
    for path, located in index.items():
        if len(path) == 3 and path[0] == key and path[2] == cls:
            return located
    return None


def _case_variant(written: object, valid: Iterable[str]) -> str | None:
    """The valid value that `written` is a case variant of ('ja' -> 'Ja'), else None."""
    if not isinstance(written, str):
        return None
    options = list(valid)
    if written in options:
        return None
    return next((v for v in options if v.casefold() == written.casefold()), None)


def case_fixes(doc: Document, ctx: Context) -> dict[tuple[int, int], Edit | None]:
    """For each applicability value written in the wrong case, by its position: the edit that
    makes its table cell show the corrected value (None when the cell shows it already).

    The invalid-value finding at that position owns the defect; with this edit added, its fix
    corrects the value and the table together, so no table disagreement is reported apart.
    """
    spec = ctx.profile.applicability
    section_spec = ctx.profile.section_spec("applicability")
    data = doc.mapping()
    if not spec or not section_spec or data is None or doc.front_matter is None:
        return {}
    section = doc.section(section_spec.name)
    if section is None:
        return {}
    icons = spec.icons
    expected = {t.title: t for t in spec.tabs}
    found: dict[tuple[int, int], Edit | None] = {}
    for tab in doc.tabs(section):
        tab_spec = expected.pop(tab.title, None)
        tables = doc.tables(tab)
        if tab_spec is None or len(tables) != 1 or len(tables[0].rows) != 1:
            continue
        if [c.text for c in tables[0].header] != [c.header for c in tab_spec.classes]:
            continue
        for cls, cell in zip(tab_spec.classes, tables[0].rows[0], strict=False):
            located = _located(doc, tab_spec.key, cls.key)
            value = getattr(located.value, "value", None) if located is not None else None
            corrected = _case_variant(value, icons.values())
            if located is None or corrected is None:
                continue
            shown = [v for icon, v in icons.items() if icon in cell.text]
            at = cell.line - 1, cell.column - 1
            edit = Edit(*at, at[0], at[1] + len(cell.text), spec.icon_markup[corrected])
            found[doc.value_position(located)] = None if shown == [corrected] else edit
    return found


def _icon_for(icons: dict[str, str], value: str) -> str:
    return next(icon for icon, v in icons.items() if v == value)


def _first_difference(cells: tuple[Cell, ...], expected: list[str]) -> Cell:
    for cell, want in zip(cells, expected, strict=False):
        if cell.text != want:
            return cell
    return cells[min(len(cells), len(expected)) - 1] if cells else Cell("", 0, 1)


# -- the fix: the tab tables regenerated from the front matter, the source of truth ---------

#: why the tables cannot be regenerated (keys of the locale's [ui] table)
TAB_CONTENT = "fix.refused.tab_content"
TAB_PLACE = "fix.refused.tab_place"
_ROW = re.compile(r" {0,3}\|")


def _blocks(spec: Applicability, data: dict[str, Any], indent: str) -> dict[str, list[str]] | None:
    """Each tab with its table for the front matter's values, as lines, in the template's
    order; None unless every value is Ja/Nee."""
    markup = spec.icon_markup
    blocks: dict[str, list[str]] = {}
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
        blocks[tab.title] = [f'=== "{tab.title}"', "", *(f"{indent}{r}" for r in rows)]
    return blocks


def _tables_text(
    doc: Document, spec: Applicability, data: dict[str, Any], indent: str
) -> str | None:
    """The tabs and tables for the front matter's values; None unless every value is Ja/Nee."""
    blocks = _blocks(spec, data, indent)
    if blocks is None:
        return None
    return "\n" + "\n".join("".join(f"{x}\n" for x in b) for b in blocks.values()) + "\n"


def _indent(doc: Document, section: Section | None) -> str:
    """The file's own indentation of tab content: a tab or four spaces (the default)."""
    if section is not None:
        for tab in doc.tabs(section):
            for _, width, text in tab.content:
                if text:
                    return "\t" if width == 1 else "    "
    return "    "


def _tab_ranges(doc: Document, section: Section) -> list[tuple[str, int, int, bool]]:
    """(title, first, last, table only) for every tab of the section: its heading line up to
    its last line that is indented under it or is a table row written right below it (an
    unindented table is still that tab's table). `table only`: every line but blank ones
    is a row of one table."""
    found = []
    for tab in doc.tabs(section):
        first = tab.line - 1
        last = first
        rows: list[int] = []
        other = False
        j = first + 1
        while j < section.end:
            line = doc.lines[j]
            if not line.strip():
                j += 1
                continue
            indented = line.startswith(("\t", "    "))
            if _ROW.match(line) or (indented and line.lstrip().startswith("|")):
                rows.append(j)
            elif indented:
                other = True
            else:
                break
            last = j
            j += 1
        one_table = bool(rows) and rows == list(range(rows[0], rows[-1] + 1))
        found.append((tab.title, first, last, one_table and not other))
    return found


def _regenerate(
    doc: Document, section: Section, spec: Applicability, data: dict[str, Any]
) -> Fix | None:
    """The section's tab tables written anew, every other line of it kept where it is.

    Only a tab's heading and its table are rewritten: text between the tabs, before or
    after them, subsections such as '### Risico', all stay as the editor wrote them. A tab
    holding more than its table, or missing tables with text but no tab to put them beside,
    make the fix refuse (the note says why) rather than guess."""
    blocks = _blocks(spec, data, _indent(doc, section))
    if blocks is None:
        return None
    lines = doc.lines[section.start : section.end]
    ranges = _tab_ranges(doc, section)
    if not ranges:
        if any(line.strip() for line in lines):
            return Fix((), refusal=TAB_PLACE)
        text = _tables_text(doc, spec, data, _indent(doc, section)) or ""
        return Fix((Edit(section.start, 0, section.end, 0, text),))
    order = list(blocks)
    kept: dict[str, tuple[int, int]] = {}
    dropped: list[tuple[int, int]] = []
    for title, first, last, table_only in ranges:
        if title in blocks and title not in kept:
            if not table_only and any(doc.lines[k].strip() for k in range(first + 1, last + 1)):
                return Fix((), refusal=TAB_CONTENT)
            kept[title] = (first, last)
        elif table_only:
            dropped.append((first, last))
        else:
            return Fix((), refusal=TAB_CONTENT)
    # a missing tab goes after the nearest earlier tab of the template that is there, else
    # before the nearest later one, else where the first tab that is dropped stood
    after: dict[int, list[str]] = {}
    before: dict[int, list[str]] = {}
    for n, title in enumerate(order):
        if title in kept:
            continue
        earlier = [kept[t][1] for t in order[:n] if t in kept]
        later = [kept[t][0] for t in order[n + 1 :] if t in kept]
        if earlier:
            after.setdefault(earlier[-1], []).append(title)
        elif later:
            before.setdefault(later[0], []).append(title)
        else:
            before.setdefault(dropped[0][0], []).append(title)
    starts = {first: (title, last) for title, (first, last) in kept.items()}
    gone = dict(dropped)
    out: list[str] = []
    i = section.start
    while i < section.end:
        for title in before.get(i, []):
            out += [*blocks[title], ""]
        if i in starts:
            title, last = starts[i]
            out += blocks[title]
            for extra in after.get(last, []):
                out += ["", *blocks[extra]]
            nxt = last + 1
            if after.get(last) and nxt < section.end and doc.lines[nxt].strip():
                out.append("")
            i = last + 1
        elif i in gone:
            i = gone[i] + 1
            if out and not out[-1].strip() and i < section.end and not doc.lines[i].strip():
                i += 1  # one blank line is enough where a tab was
        else:
            out.append(doc.lines[i])
            i += 1
    if out == lines:
        return None
    return Fix((Edit(section.start, 0, section.end, 0, "".join(f"{x}\n" for x in out)),))


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


CHECKS: tuple[Registered[Check], ...] = (Registered(check, CODES),)
