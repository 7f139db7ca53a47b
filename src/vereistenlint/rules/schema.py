"""Front matter against the profile's JSON Schema, each error placed on its YAML node.

check-jsonschema locates errors by JSON path only; here the path is looked up in the
node index so that a wrong value points at the value, a missing key at the mapping
that lacks it and an unknown key at the key itself.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import jsonschema
import yaml
from jsonschema.exceptions import ValidationError

from .. import yamlpos
from ..diagnostics import Severity
from ..document import Document
from ..findings import Edit, Finding, Fix, finding, quote, stable, term
from ..schema import Vocabularies, surely_valid, validator
from . import applicability, site
from .base import Check, Context, DocumentCheck, Fixability, Registered, Rule, codes

MISSING_KEY = "VL010"
UNKNOWN_KEY = "VL011"
INVALID_VALUE = "VL012"
INVALID_TYPE = "VL013"
UNKNOWN_LABEL = "VL016"

_TYPE_NAMES = {
    "object": term("type.object"),
    "array": term("type.list"),
    "string": term("type.string"),
    "integer": term("type.integer"),
    "number": term("type.number"),
    "boolean": term("type.boolean"),
    "null": term("type.null"),
}


E = Severity.ERROR

RULES = (
    Rule(MISSING_KEY, "missing-key", E, Fixability.SAFE),
    Rule(UNKNOWN_KEY, "unknown-key", E),
    Rule(INVALID_VALUE, "invalid-value", E, Fixability.SAFE_UNSAFE),
    Rule(UNKNOWN_LABEL, "unknown-label", E, Fixability.SAFE_UNSAFE),
    Rule(INVALID_TYPE, "invalid-type", E),
)
CODES = codes(RULES)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    found = validate(doc, ctx.profile.schema_file, ctx.vocabularies, ctx.profile.defaults)
    hide = site.hide_as_text(doc)
    # 'hide: navigation' as text works on the website: hide-as-text says so, as style
    at = doc.node_position(hide) if hide is not None else None
    # an applicability value in the wrong case: its fix sets the table's cell as well, so
    # that the one finding at the value makes both right (applicability.case_fixes)
    cells = applicability.case_fixes(doc, ctx)
    for f in found:
        if f.code == INVALID_TYPE and (f.line, f.column) == at:
            continue
        edit = cells.get((f.line, f.column)) if f.code == INVALID_VALUE else None
        if edit is not None and f.fix is not None and f.fix.safe:
            f = f._replace(fix=dataclasses.replace(f.fix, edits=(*f.fix.edits, edit)))
        yield f


def check_unrecognised(doc: Document) -> Iterator[Finding]:
    """A front matter that parsed to something else than a mapping fits no profile: that is
    its type's fault, not a missing profile's (see `rules/profile.py`)."""
    fm = doc.front_matter
    data = doc.data
    if doc.problems or fm is None or fm.parsed is None or isinstance(data, dict):
        return
    line, col = doc.node_position(fm.parsed.root)
    kind = (
        term("type.list")
        if isinstance(data, list)
        else f"{term('type.single_value')} {quote(data)}"
    )
    yield finding(
        INVALID_TYPE,
        line,
        col,
        "schema.type",
        where=term("where.front_matter"),
        expected=term("type.object"),
        found=kind,
    )


def validate(
    doc: Document,
    schema_file: str,
    vocabularies: Vocabularies = (),
    defaults: Mapping[str, list[str]] | None = None,
) -> Iterator[Finding]:
    """Schema errors as findings; `defaults` are values a missing list key may be fixed with."""
    fm = doc.front_matter
    if fm is None or fm.parsed is None:
        return
    if surely_valid(schema_file, vocabularies, fm.parsed.data):
        return
    errors = list(validator(schema_file, vocabularies).iter_errors(fm.parsed.data))
    seen: set[Finding] = set()
    for error in _leaves(errors):
        for f in _to_findings(doc, fm.parsed.index, error, defaults or {}):
            if f not in seen:  # one error per missing key each names every missing key
                seen.add(f)
                yield f


CHECKS: tuple[Registered[Check], ...] = (Registered(check, CODES),)
UNRECOGNISED_CHECKS: tuple[Registered[DocumentCheck], ...] = (
    Registered(check_unrecognised, frozenset({INVALID_TYPE})),
)


def _leaves(errors: list[ValidationError]) -> Iterator[ValidationError]:
    for error in errors:
        if error.context and error.validator in ("anyOf", "oneOf"):
            best = jsonschema.exceptions.best_match(error.context)
            if best is not None:
                yield best
                continue
        yield error


def _to_findings(
    doc: Document,
    index: dict[yamlpos.JsonPath, yamlpos.Located],
    error: ValidationError,
    defaults: Mapping[str, list[str]],
) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    where = _where(path)
    located = index.get(path) or index[()]
    kind = error.validator
    value: Any = error.instance
    expected_value: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}

    if kind == "required":
        line, col = doc.value_position(located)
        missing = [k for k in expected_value if not isinstance(value, dict) or k not in value]
        if _swapped_key(schema, value):
            return  # reported once, as the unknown key standing where the missing one belongs
        for key in missing:
            commented = _commented_out(doc, key) if not path else None
            if commented is not None:
                c_line, c_col = commented
                yield finding(
                    MISSING_KEY, c_line, c_col, "schema.required_commented", key=key, where=where
                )
                continue
            fix = _add_key(doc, key, defaults[key]) if not path and key in defaults else None
            yield finding(MISSING_KEY, line, col, "schema.required", key=key, where=where, fix=fix)
        return
    if kind == "dependentRequired":
        line, col = doc.value_position(located)
        for key in expected_value:
            if isinstance(value, dict) and key not in value:
                yield finding(MISSING_KEY, line, col, "schema.dependent", key=key, where=where)
        return
    if kind == "additionalProperties" and isinstance(value, dict):
        known = list(schema.get("properties", {}))
        swapped = _swapped_key(schema, value)
        for key in value:
            if key in known:
                continue
            key_loc = index.get((*path, key))
            node = key_loc.key if key_loc and key_loc.key is not None else located.value
            line, col = doc.node_position(node)
            if swapped:
                yield finding(
                    UNKNOWN_KEY,
                    line,
                    col,
                    "schema.unknown_key_expected",
                    key=key,
                    expected=swapped[1],
                )
            else:
                guess = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
                msg = "schema.unknown_key_suggest" if guess else "schema.unknown_key"
                yield finding(
                    UNKNOWN_KEY,
                    line,
                    col,
                    msg,
                    key=key,
                    where=where,
                    suggestion=guess[0] if guess else "",
                    allowed=known,
                )
        return
    line, col = doc.value_position(located)
    if kind in ("enum", "const"):
        allowed = list(expected_value) if kind == "enum" else [expected_value]
        allowed_s = [str(a) for a in allowed]
        if value is None:
            yield finding(
                INVALID_VALUE, line, col, "schema.empty_enum", where=where, allowed=allowed_s
            )
            return
        if isinstance(value, (list, dict, set)):  # one of a few words expected, a collection found
            expected = f" {term('word.or')} ".join(f"'{a}'" for a in _short(allowed_s))
            yield _wrong_shape(line, col, where, expected, value)
            return
        hint = _suggest(value, allowed_s)
        msg = "schema.enum_suggest" if hint else "schema.enum"
        yield finding(
            UNKNOWN_LABEL if "x-label" in schema else INVALID_VALUE,
            line,
            col,
            msg,
            value=quote(value),
            where=where,
            allowed=_short(allowed_s),
            suggestion=hint or "",
            fix=_replacement(doc, path, located.value, value, hint),
        )
        return
    if kind in ("pattern", "minLength"):
        if isinstance(value, str) and not value.strip():
            yield finding(INVALID_VALUE, line, col, "schema.blank", where=where)
        elif "x-hint" in schema:
            yield finding(
                INVALID_VALUE,
                line,
                col,
                "schema.hint",
                value=quote(value),
                where=where,
                hint=term(schema["x-hint"]),
            )
        else:
            yield finding(
                INVALID_VALUE,
                line,
                col,
                "schema.pattern",
                value=quote(value),
                where=where,
                pattern=str(expected_value),
            )
        return
    if kind == "type":
        names = [expected_value] if isinstance(expected_value, str) else list(expected_value)
        expected_s = f" {term('word.or')} ".join(_TYPE_NAMES.get(n, n) for n in names)
        yield _wrong_shape(line, col, where, expected_s, value)
        return
    if kind == "minItems":
        yield finding(
            INVALID_TYPE,
            line,
            col,
            "schema.min_items",
            where=where,
            count=len(value),
            minimum=expected_value,
        )
        return
    if kind == "maxItems":
        extra_loc = index.get((*path, expected_value)) or located
        line, col = doc.value_position(extra_loc)
        yield finding(
            INVALID_TYPE,
            line,
            col,
            "schema.max_items",
            where=where,
            count=len(value),
            maximum=expected_value,
        )
        return
    if kind == "items" and expected_value is False:
        first_extra = len(schema.get("prefixItems", []))
        extra_loc = index.get((*path, first_extra)) or located
        line, col = doc.value_position(extra_loc)
        yield finding(
            INVALID_TYPE, line, col, "schema.extra_items", where=where, maximum=first_extra
        )
        return
    if kind == "uniqueItems":
        seen: set[str] = set()
        for i, item in enumerate(value):
            key = repr(item)
            if key in seen:
                dup_loc = index.get((*path, i)) or located
                line, col = doc.value_position(dup_loc)
                yield finding(
                    INVALID_VALUE,
                    line,
                    col,
                    "schema.unique",
                    where=where,
                    value=quote(item),
                    fix=_drop_item(doc, path, value, i, dup_loc.value),
                )
            seen.add(key)
        return
    if kind == "contains":
        hint = term(schema["x-hint"]) if "x-hint" in schema else ""
        yield finding(
            INVALID_VALUE,
            line,
            col,
            "schema.contains",
            where=where,
            expected=_contains_value(schema),
            hint=hint,
            fix=_add_item(doc, path, value, located.value, _contains_value(schema)),
        )
        return
    yield finding(INVALID_TYPE, line, col, "schema.other", where=where, detail=error.message)


def _contains_value(schema: dict[str, Any]) -> str:
    contains = schema.get("contains", {})
    return str(contains.get("const", contains))


def _wrong_shape(line: int, col: int, where: str, expected: str, value: object) -> Finding:
    if value is None:
        return finding(INVALID_TYPE, line, col, "schema.type_empty", where=where, expected=expected)
    return finding(
        INVALID_TYPE,
        line,
        col,
        "schema.type",
        where=where,
        expected=expected,
        found=_type_of(value),
    )


def _replacement(
    doc: Document, path: yamlpos.JsonPath, node: Any, value: object, hint: str | None
) -> Fix | None:
    """Safe when only the case differs ('Geldend' -> 'geldend'), unsafe for a near miss."""
    if hint is None or not isinstance(value, str):
        return None
    edit = doc.scalar_edit(node, hint)
    if edit is None:
        return None
    return Fix((edit,), safe=value.casefold() == hint.casefold(), intent=((path, hint),))


def _commented_out(doc: Document, key: str) -> tuple[int, int] | None:
    """Where a top-level key stands commented out ('# key:'), 1-based, or None.

    The website sees no such key; the editor sees it written. No fix: which of the commented
    items were meant is the editor's to say.
    """
    assert doc.front_matter is not None
    for index in range(doc.front_matter.open_line + 1, doc.front_matter.close_line):
        line = doc.lines[index]
        if not line.startswith("#"):
            continue
        rest = line.lstrip("#").lstrip(" \t")
        if rest.startswith(key) and rest[len(key) :].lstrip(" \t").startswith(":"):
            return index + 1, 1
    return None


def _add_key(doc: Document, key: str, values: list[str]) -> Fix:
    """A missing list key with its default values, added at the end of the front matter."""
    assert doc.front_matter is not None
    at = doc.front_matter.close_line
    text = f"{key}:\n" + "".join(f"- {v}\n" for v in values)
    return Fix((Edit(at, 0, at, 0, text),), intent=(((key,), list(values)),))


def _add_item(
    doc: Document, path: yamlpos.JsonPath, items: object, node: Any, value: str
) -> Fix | None:
    """A required item added as the first item of a block list, indented as that item's
    dash is (not as the list's node, which starts at an anchor or tag where there is one)."""
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        return None
    if not isinstance(items, list):
        return None
    first = node.value[0]
    index = doc.line_index(first)
    before = doc.lines[index][: first.start_mark.column].rstrip()
    if not before.endswith("-") or before[:-1].strip():
        return None  # the item does not start its line as '- value'
    indent = before[:-1]
    return Fix(
        (Edit(index, 0, index, 0, f"{indent}- {value}\n"),), intent=((path, [value, *items]),)
    )


def _drop_item(
    doc: Document, path: yamlpos.JsonPath, items: list[Any], i: int, node: Any
) -> Fix | None:
    """Remove a repeated list item when it stands alone on its line as '- value'."""
    index = doc.line_index(node)
    line = doc.lines[index]
    stripped = line.strip()
    if (
        not stripped.startswith("-")
        or stripped[1:].strip() != doc.lines[index][node.start_mark.column : node.end_mark.column]
    ):
        return None
    return Fix((Edit(index, 0, index + 1, 0, ""),), intent=((path, items[:i] + items[i + 1 :]),))


def _swapped_key(schema: dict[str, Any], value: object) -> tuple[str, str] | None:
    """(unknown, missing) when a closed mapping has one key where another belongs.

    In a one-key mapping such as ``- impactvol: Ja`` standing where ``niet-impactvol`` is
    expected, one finding naming both says more than a missing and an unknown key apart.
    """
    if not isinstance(value, dict) or schema.get("additionalProperties") is not False:
        return None
    unknown = [k for k in value if k not in schema.get("properties", {})]
    missing = [k for k in schema.get("required", []) if k not in value]
    if len(unknown) == 1 and len(missing) == 1:
        return str(unknown[0]), str(missing[0])
    return None


def _where(path: Sequence[Any]) -> str:
    """A JSON path as an editor reads it: ``rekenregels[1].impactvol``."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or term("where.front_matter")


def _suggest(value: object, allowed: list[str]) -> str | None:
    text = str(value)
    folded = [a for a in allowed if a.casefold() == text.strip().casefold()]
    if folded:
        return folded[0]
    close = difflib.get_close_matches(text, allowed, n=2, cutoff=0.75)
    return close[0] if len(close) == 1 else None


def _short(values: list[str], limit: int = 12) -> list[str]:
    return values if len(values) <= limit else [*values[:limit], "…"]


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return term("type.boolean")
    if isinstance(value, dict):
        return term("type.mapping")
    if isinstance(value, list):
        return term("type.list")
    if isinstance(value, str):
        return f"{term('type.string')} {quote(value)}"
    if isinstance(value, (int, float)):
        return f"{term('type.number')} {value}"
    return f"{type(value).__name__} ({stable(value)})"
