"""The package's JSON Schemas, compiled: one registry (nothing is fetched) and one validator
per profile schema. The findings made of their errors are the rules of `rules/schema.py`."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import jsonschema
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .resources import load_json


def _no_retrieval(uri: str) -> Any:
    """Every `$ref` must resolve from the package; a remote one is refused, never fetched."""
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


Vocabularies = tuple[tuple[str, tuple[str, ...]], ...]


@cache
def registry(vocabularies: Vocabularies = ()) -> Registry[Any]:
    """Every schema of the package, by its $id; nothing else resolves, nothing is fetched."""
    from .resources import data_dir

    resources = []
    for path in sorted(data_dir().glob("*.schema.json")):
        contents = _with_vocabularies(load_json(path.name), dict(vocabularies))
        resources.append((contents["$id"], DRAFT202012.create_resource(contents)))
    return Registry(retrieve=_no_retrieval).with_resources(resources)  # type: ignore[call-arg]


def _with_vocabularies(
    schema: dict[str, Any], vocabularies: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    if not vocabularies or not any(name in schema.get("$defs", {}) for name in vocabularies):
        return schema
    schema = copy.deepcopy(schema)
    defs = schema["$defs"]
    for name, values in vocabularies.items():
        if name in defs:
            defs[name] = {"enum": list(values), "x-label": name}
    return schema


@cache
def validator(schema_file: str, vocabularies: Vocabularies = ()) -> jsonschema.Draft202012Validator:
    """A validator for one profile's schema (the schemas are checked against the metaschema
    by the tests, not on every run).

    The schema is validated with its `$ref`s already resolved: resolving them anew for every
    file cost a third of the validation time, and our schemas are not recursive.
    """
    schema = _with_vocabularies(load_json(schema_file), dict(vocabularies))
    schemas = registry(vocabularies)
    inlined = _inline_refs(schema, schemas.resolver(schema["$id"]))
    return jsonschema.Draft202012Validator(inlined, registry=schemas)


def _inline_refs(node: Any, resolver: Any) -> Any:
    """The schema with every `$ref` replaced by what it points at (merged with its siblings)."""
    if isinstance(node, list):
        return [_inline_refs(item, resolver) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        resolved = resolver.lookup(node["$ref"])
        target = _inline_refs(resolved.contents, resolved.resolver)
        siblings = {k: _inline_refs(v, resolver) for k, v in node.items() if k != "$ref"}
        if set(siblings) & set(target):
            return {"allOf": [target, siblings]}
        return {**target, **siblings}
    return {
        k: (v if k in ("enum", "const") else _inline_refs(v, resolver)) for k, v in node.items()
    }
