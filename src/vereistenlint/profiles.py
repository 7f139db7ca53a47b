"""A profile is one file format: its front-matter schema and the structure its template asks for.

Both halves are data in `schemas/`: `<name>.schema.json` (JSON Schema, draft 2020-12) and
`<name>.profile.json` (sections, applicability tabs, list markers, placeholder patterns).
A format change is an edit of those files, not of the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .resources import data_dir, load_json

PROFILE_SUFFIX = ".profile.json"


@dataclass(frozen=True)
class Placeholder:
    pattern: re.Pattern[str]
    label: str


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

    def section_spec(self, role: str) -> dict[str, Any] | None:
        """The section that plays a role (``applicability``, ``maatregelen``, ``sources``)."""
        return next((s for s in self.sections if s.get("role") == role), None)

    def vocabulary(self, name: str) -> list[str] | None:
        """Allowed values of a label, from the schema's ``$defs``."""
        spec = self.schema.get("$defs", {}).get(name, {})
        values = spec.get("enum")
        return list(values) if values is not None else None

    @property
    def placeholders(self) -> list[Placeholder]:
        return _placeholders(self.name)


@cache
def _placeholders(name: str) -> list[Placeholder]:
    profile = get(name)
    return [
        Placeholder(re.compile(p["pattern"], re.MULTILINE), p["label"])
        for p in profile.data.get("placeholders", [])
    ]


@cache
def all_profiles() -> dict[str, Profile]:
    profiles = {}
    for path in sorted(data_dir().glob(f"*{PROFILE_SUFFIX}")):
        data = load_json(path.name)
        name = path.name[: -len(PROFILE_SUFFIX)]
        profiles[name] = Profile(name, data.get("description", ""), data["schema"], data)
    return profiles


def get(name: str) -> Profile:
    return all_profiles()[name]
