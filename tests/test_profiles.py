"""Profiles are data: `schemas/profile.schema.json` says what a profile file may hold, every
profile keeps to it, and a misspelt key is rejected (by the schema in the tests, and by the
typed reader when the profiles are first read) instead of switching a check off."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from vereistenlint import profiles
from vereistenlint.resources import data_dir, load_json

SCHEMA = load_json("profile.schema.json")
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
FILES = sorted(data_dir().glob("*.profile.json"))


def test_the_profile_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_profile_file_keeps_to_the_schema(path: Any) -> None:
    own = json.loads(path.read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(own)) == []
    merged = {**load_json(profiles.COMMON), **own}  # as the tool reads it
    assert list(VALIDATOR.iter_errors(merged)) == []


def test_every_profile_is_read_into_typed_records() -> None:
    read = profiles.all_profiles()
    assert set(read) == {p.name.removesuffix(".profile.json") for p in FILES}
    vereiste = read["vereiste"]
    assert vereiste.id is not None and vereiste.id.prefix == "urn:nl:ak:ver:"
    assert vereiste.maatregelen is not None and "onderwerp" in vereiste.maatregelen.filters
    assert vereiste.extra_sections_allowed and vereiste.toelichting_max_words == 40
    old = read["vereiste-2024"]
    assert old.applicability is not None
    assert old.applicability.tabs[0].title == "Rekenregel"
    assert old.section_spec("applicability") is not None
    assert read["maatregel"].references == (profiles.References("vereiste", "vereiste"),)
    tool = read["hulpmiddel"]
    assert tool.recognise.first and tool.id is None and tool.site_lists
    assert [r.key for r in tool.references] == ["vereiste", "maatregel"]
    assert [s.required_if_key for s in tool.sections if s.marker] == ["vereiste", "maatregel"]
    assert read["maatregel"].sources is not None
    assert read["maatregel"].sources.frameworks["ARK"] == "Toetsingskader Algemene Rekenkamer"


@pytest.mark.parametrize(
    ("where", "misspelt"),
    [
        ((), "toelichting_max_word"),
        (("maatregelen",), "flag"),
        (("sections", 0), "requird"),
        (("applicability", "tabs", 0), "titel"),
    ],
)
def test_a_misspelt_key_is_rejected(where: tuple[object, ...], misspelt: str) -> None:
    data = json.loads(json.dumps(profiles.raw_profiles()["vereiste-2024"]))
    target: Any = data
    for step in where:
        target = target[step]
    target[misspelt] = True
    errors = list(VALIDATOR.iter_errors(data))
    assert errors and any(misspelt in e.message for e in errors)
    with pytest.raises(profiles.ProfileError, match=misspelt):
        profiles.parse("vereiste-2024", data)


def test_a_missing_required_key_is_rejected() -> None:
    data = dict(profiles.raw_profiles()["vereiste"])
    del data["schema"]
    assert list(VALIDATOR.iter_errors(data))
    with pytest.raises(profiles.ProfileError, match="schema"):
        profiles.parse("vereiste", data)
