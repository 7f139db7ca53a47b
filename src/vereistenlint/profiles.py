"""A profile is one file format: its front-matter schema and the structure its template asks for.

Both halves are data in `schemas/`: `<name>.schema.json` (JSON Schema, draft 2020-12) and
`<name>.profile.json` (sections, applicability tabs, list markers, how the format is
recognised), on top of `common.json` (the tags marker and placeholder patterns every profile
shares). A format change is an edit of those files, not of the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .resources import data_dir, load_json

PROFILE_SUFFIX = ".profile.json"
SCHEMA_SUFFIX = ".schema.json"
#: what every profile shares unless it says otherwise
COMMON = "common.json"


@dataclass(frozen=True)
class Placeholder:
    pattern: re.Pattern[str]
    label: str
    #: text every match contains: a plain substring test spares most regex searches
    contains: str = ""


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    schema_file: str
    data: dict[str, Any] = field(hash=False, compare=False)

    @property
    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = load_json(self.schema_file)
        return schema

    @property
    def sections(self) -> list[dict[str, Any]]:
        sections: list[dict[str, Any]] = self.data["sections"]
        return sections

    @property
    def section_names(self) -> list[str]:
        return [s["name"] for s in self.sections]

    def canonical_section(self, heading: str) -> str | None:
        """The template section a heading stands for (its name or one of its aliases)."""
        for spec in self.sections:
            if heading == spec["name"] or heading in spec.get("aliases", ()):
                return str(spec["name"])
        return None

    def section_spec(self, role: str) -> dict[str, Any] | None:
        """The section that plays a role (``applicability``, ``maatregelen``, ``sources``)."""
        return next((s for s in self.sections if s.get("role") == role), None)

    @property
    def extra_sections_allowed(self) -> bool:
        return self.data.get("extra_sections") == "allow"

    def vocabulary(self, name: str) -> list[str] | None:
        """Allowed values of a label: the schema's own ``$defs``, else a shared schema's."""
        return vocabulary(name, self.schema_file)

    @property
    def placeholders(self) -> list[Placeholder]:
        return _placeholders(self.name)

    def recognises(self, data: dict[str, Any]) -> bool:
        rule = self.data.get("recognise", {})
        prefix = rule.get("id_prefix")
        if prefix is not None:
            return isinstance(data.get("id"), str) and data["id"].startswith(prefix)
        return any(key in data for key in rule.get("keys", ()))


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
    profile = get(name)
    return [
        Placeholder(re.compile(p["pattern"], re.MULTILINE), p["label"], p.get("contains", ""))
        for p in [
            *profile.data.get("placeholders", []),
            *profile.data.get("placeholders_extra", []),
        ]
    ]


@cache
def all_profiles() -> dict[str, Profile]:
    profiles = {}
    for path in sorted(data_dir().glob(f"*{PROFILE_SUFFIX}")):
        data = {**load_json(COMMON), **load_json(path.name)}
        name = path.name[: -len(PROFILE_SUFFIX)]
        profiles[name] = Profile(name, data.get("description", ""), data["schema"], data)
    return profiles


def get(name: str) -> Profile:
    return all_profiles()[name]


def _recognition_order(profile: Profile) -> tuple[bool, bool]:
    """Profiles that ask to be tried first (a key only their format has, as a tool's
    'categorie' beside the measure URN its template carries), then by id, then by keys."""
    rule = profile.data.get("recognise", {})
    return (not rule.get("first", False), "id_prefix" not in rule)


def recognise(data: object) -> Profile | None:
    """The profile a front matter belongs to: by its id first (current formats), then by keys."""
    if not isinstance(data, dict):
        return None
    ordered = sorted(all_profiles().values(), key=_recognition_order)
    return next((p for p in ordered if p.recognises(data)), None)
