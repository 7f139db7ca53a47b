"""The schemas are valid JSON Schema (draft 2020-12); the command trusts them and skips the
metaschema check at run time, so this test is where it happens."""

from __future__ import annotations

import json

import jsonschema
import pytest

from vereistenlint.resources import data_dir

SCHEMAS = sorted(data_dir().glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_schema_is_valid_draft_2020_12(path) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_profile_names_an_existing_schema() -> None:
    from vereistenlint.profiles import all_profiles

    names = {p.name for p in SCHEMAS}
    assert all(p.schema_file in names for p in all_profiles().values())
