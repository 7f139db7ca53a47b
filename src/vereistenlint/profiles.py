"""A profile is one file format: its front-matter schema and the structure its template asks for.

Both halves are data in `schemas/`: `<name>.schema.json` (JSON Schema, draft 2020-12) and
`<name>.profile.json` (sections, applicability tabs, list markers, how the format is
recognised), on top of `common.json` (the tags marker and placeholder patterns every profile
shares). A format change is an edit of those files, not of the rules.

`schemas/profile.schema.json` describes a profile file; here it becomes typed records, and a
key the records do not know is an error when the profiles are first read (the tests validate
every profile against the schema too), never a check silently switched off.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple

from .resources import data_dir, load_json

PROFILE_SUFFIX = ".profile.json"
SCHEMA_SUFFIX = ".schema.json"
#: what every profile shares unless it says otherwise
COMMON = "common.json"


#: a profile's `defaults` when its file names none (shared, so it cannot be changed)
_NO_DEFAULTS: Mapping[str, list[str]] = MappingProxyType({})


class ProfileError(ValueError):
    """A profile file that does not say what `profile.schema.json` allows: a bug of the package."""


class Placeholder(NamedTuple):
    pattern: re.Pattern[str]
    label: str
    #: text every match contains: a plain substring test spares most regex searches
    contains: str = ""


class PlaceholderSpec(NamedTuple):
    pattern: str
    label: str
    contains: str = ""


class Recognise(NamedTuple):
    #: a file whose id starts with this is of the profile (tried before keys)
    id_prefix: str | None = None
    #: else: a file with any of these keys is
    keys: tuple[str, ...] = ()
    #: tried before the id prefixes: a key only this format has (a tool's 'categorie' beside
    #: the measure URN its template carries)
    first: bool = False


class IdSpec(NamedTuple):
    key: str
    prefix: str
    #: the pattern whose group 'code' the file name must start with
    file_name: str


class References(NamedTuple):
    """A front-matter list naming files of another profile by their stem."""

    key: str
    profile: str


class SectionSpec(NamedTuple):
    name: str
    aliases: tuple[str, ...] = ()
    #: what the section is for: "applicability", "maatregelen" or "sources"
    role: str | None = None
    #: a marker comment the section must hold
    marker: str | None = None
    required: bool = True
    #: needed exactly when the front matter has this key (the section shows that list)
    required_if_key: str | None = None
    #: False: the section may stand anywhere (the template calls it optional)
    ordered: bool = True
    #: the section may hold its own text instead of its marker, unless the id starts with this
    #: (tags.py replaces tags-ai-act with a fixed sentence outside the AI Act)
    marker_optional_unless_id: str | None = None


class ApplicabilityClass(NamedTuple):
    key: str
    header: str


class ApplicabilityTab(NamedTuple):
    title: str
    key: str
    classes: tuple[ApplicabilityClass, ...]


class Applicability(NamedTuple):
    keys: tuple[str, ...]
    #: icon -> the value it stands for
    icons: dict[str, str]
    #: value -> the markup a regenerated table writes
    icon_markup: dict[str, str]
    tabs: tuple[ApplicabilityTab, ...] = ()


class Uitzondering(NamedTuple):
    """A front-matter list of label expressions the website's JavaScript evaluates."""

    key: str
    #: the label names a label in an expression starts with (``risicogroep-...``)
    labels: tuple[str, ...]


class SourcesTable(NamedTuple):
    #: path from the repository's root, found from the file's folder upwards
    path: str
    number: str
    source: str


class Sources(NamedTuple):
    """A measure's numbers in the audit frameworks, and the repo's table of those numbers."""

    key: str
    #: front-matter key -> the framework's name in the table's source column
    frameworks: dict[str, str]
    table: SourcesTable


class Maatregelen(NamedTuple):
    marker: str
    own: str
    #: filter -> the label vocabulary its values come from (None: file names)
    filters: dict[str, str | None]
    flags: tuple[str, ...] = ()


class Profile(NamedTuple):
    name: str
    schema_file: str
    recognise: Recognise = Recognise()
    sections: tuple[SectionSpec, ...] = ()
    id: IdSpec | None = None
    #: the front-matter lists naming other files (a measure: vereiste; a tool: also maatregel)
    references: tuple[References, ...] = ()
    #: list values a missing key may be fixed with
    defaults: Mapping[str, list[str]] = _NO_DEFAULTS
    title_no_full_stop: bool = False
    toelichting_max_words: int | None = None
    markers: tuple[str, ...] = ()
    extra_sections_allowed: bool = False
    tags_marker: str | None = None
    placeholder_specs: tuple[PlaceholderSpec, ...] = ()
    applicability: Applicability | None = None
    maatregelen: Maatregelen | None = None
    #: list comments are read as the website's current hook reads them (schemas/lists.json)
    site_lists: bool = False
    uitzondering: Uitzondering | None = None
    sources: Sources | None = None
    #: "content" (requirements, measures, tools) or "page": an ordinary page of the site
    kind: str = "content"

    @property
    def is_page(self) -> bool:
        """An ordinary page: not content, so only the rules that apply to every page."""
        return self.kind == "page"

    @property
    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = load_json(self.schema_file)
        return schema

    @property
    def section_names(self) -> list[str]:
        return [s.name for s in self.sections]

    def canonical_section(self, heading: str) -> str | None:
        """The template section a heading stands for (its name or one of its aliases)."""
        for spec in self.sections:
            if heading == spec.name or heading in spec.aliases:
                return spec.name
        return None

    def section_spec(self, role: str) -> SectionSpec | None:
        """The section that plays a role (``applicability``, ``maatregelen``, ``sources``)."""
        return next((s for s in self.sections if s.role == role), None)

    def vocabulary(self, name: str) -> list[str] | None:
        """Allowed values of a label: the schema's own ``$defs``, else a shared schema's."""
        return vocabulary(name, self.schema_file)

    @property
    def placeholders(self) -> list[Placeholder]:
        return _placeholders(self.name)

    @property
    def placeholder_texts(self) -> re.Pattern[str]:
        """Matches where any placeholder's `contains` text stands (see `_placeholder_texts`)."""
        return _placeholder_texts(self.name)

    def recognises(self, data: dict[str, Any]) -> bool:
        prefix = self.recognise.id_prefix
        if prefix is not None:
            return isinstance(data.get("id"), str) and data["id"].startswith(prefix)
        return any(key in data for key in self.recognise.keys)


def parse(name: str, data: dict[str, Any]) -> Profile:
    """A profile from its file's data (common.json merged in); ProfileError for a key or a
    shape the records do not know."""
    try:
        raw = dict(data)
        raw.pop("$comment", None)
        profile = Profile(
            name=name,
            schema_file=raw.pop("schema"),
            recognise=_record(Recognise, raw.pop("recognise", {})),
            sections=tuple(_record(SectionSpec, s) for s in raw.pop("sections", [])),
            id=_optional(IdSpec, raw.pop("id", None)),
            references=_references(raw.pop("references", None)),
            defaults=dict(raw.pop("defaults", {})),
            title_no_full_stop=bool(raw.pop("title_no_full_stop", False)),
            toelichting_max_words=raw.pop("toelichting_max_words", None),
            markers=tuple(raw.pop("markers", ())),
            extra_sections_allowed=raw.pop("extra_sections", "forbid") == "allow",
            tags_marker=raw.pop("tags_marker", None),
            placeholder_specs=tuple(
                _record(PlaceholderSpec, p)
                for p in [*raw.pop("placeholders", []), *raw.pop("placeholders_extra", [])]
            ),
            applicability=_applicability(raw.pop("applicability", None)),
            maatregelen=_optional(Maatregelen, raw.pop("maatregelen", None)),
            site_lists=bool(raw.pop("site_lists", False)),
            uitzondering=_optional(Uitzondering, raw.pop("uitzondering", None)),
            sources=_sources(raw.pop("sources", None)),
            kind=raw.pop("kind", "content"),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ProfileError(f"profile '{name}': {exc}") from None
    if raw:
        raise ProfileError(f"profile '{name}': unknown key(s) {', '.join(sorted(raw))}")
    return profile


def _record(cls: Any, data: dict[str, Any]) -> Any:
    """A record of `cls` from a mapping with exactly its fields (lists become tuples)."""
    unknown = set(data) - set(cls._fields)
    if unknown:
        raise TypeError(f"{cls.__name__}: unknown key(s) {', '.join(sorted(unknown))}")
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def _optional(cls: Any, data: dict[str, Any] | None) -> Any:
    return None if data is None else _record(cls, data)


def _references(data: list[dict[str, Any]] | dict[str, Any] | None) -> tuple[References, ...]:
    """One list of references, or several."""
    if data is None:
        return ()
    items = data if isinstance(data, list) else [data]
    return tuple(_record(References, item) for item in items)


def _sources(data: dict[str, Any] | None) -> Sources | None:
    if data is None:
        return None
    return _record(Sources, {**data, "table": _record(SourcesTable, data["table"])})  # type: ignore[no-any-return]


def _applicability(data: dict[str, Any] | None) -> Applicability | None:
    if data is None:
        return None
    tabs = tuple(
        _record(
            ApplicabilityTab,
            {**t, "classes": [_record(ApplicabilityClass, c) for c in t["classes"]]},
        )
        for t in data["tabs"]
    )
    return _record(Applicability, {**data, "tabs": list(tabs)})  # type: ignore[no-any-return]


@cache
def vocabulary(name: str, preferred_schema: str) -> list[str] | None:
    files = [
        preferred_schema,
        *sorted(p.name for p in data_dir().glob(f"*{SCHEMA_SUFFIX}") if p.name != preferred_schema),
    ]
    for schema_file in files:
        values = load_json(schema_file).get("$defs", {}).get(name, {}).get("enum")
        if values is not None:
            return list(values)
    return None


@cache
def _placeholders(name: str) -> list[Placeholder]:
    return [
        Placeholder(re.compile(p.pattern, re.MULTILINE), p.label, p.contains)
        for p in get(name).placeholder_specs
    ]


@cache
def _placeholder_texts(name: str) -> re.Pattern[str]:
    """Every placeholder's `contains` text in one pattern: a text none of them stands in
    holds no placeholder, found in one scan instead of one per placeholder (an empty
    `contains` matches everywhere, so that it never hides a placeholder)."""
    return re.compile("|".join(re.escape(p.contains) for p in _placeholders(name)))


def raw_profiles() -> dict[str, dict[str, Any]]:
    """Every profile's data as the files say it, common.json merged in."""
    return {
        path.name[: -len(PROFILE_SUFFIX)]: {**load_json(COMMON), **load_json(path.name)}
        for path in sorted(data_dir().glob(f"*{PROFILE_SUFFIX}"))
    }


@cache
def all_profiles() -> dict[str, Profile]:
    return {name: parse(name, data) for name, data in raw_profiles().items()}


def get(name: str) -> Profile:
    return all_profiles()[name]


def recognise(data: object) -> Profile | None:
    """The profile a front matter belongs to: by a key only its format has when the profile asks
    for it (tools), by its id (current formats), then by keys."""
    if not isinstance(data, dict):
        return None
    ordered = sorted(
        all_profiles().values(),
        key=lambda p: (not p.recognise.first, p.recognise.id_prefix is None),
    )
    return next((p for p in ordered if p.recognises(data)), None)
