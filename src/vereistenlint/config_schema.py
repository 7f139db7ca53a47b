"""The configuration's schema check, shared by a user's file and the built-in presets: a
value nested deeper than any key allows is refused first, then the first schema error, in key
order, becomes a usage error that names the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema

from .errors import UsageError
from .resources import load_json
from .schema import registry as schema_registry

#: No key of the configuration nests deeper than a table of lists.
MAX_DEPTH = 8


def check_depth(data: object, path: Path) -> None:
    """Refuse a value nested deeper than any key allows before a validator recurses into it."""
    stack: list[tuple[object, int, str]] = [(data, 0, "")]
    while stack:
        value, depth, where = stack.pop()
        if depth > MAX_DEPTH:
            raise UsageError.named("config.too_deep", path=path, where=where, limit=MAX_DEPTH)
        if isinstance(value, dict):
            stack.extend(
                (v, depth + 1, f"{where}.{k}" if where else str(k)) for k, v in value.items()
            )
        elif isinstance(value, list):
            stack.extend((v, depth + 1, where) for v in value)


def validate(data: dict[str, Any], path: Path, table_name: str) -> None:
    # the package's registry: a $ref in the configuration schema never reaches the network
    validator = jsonschema.Draft202012Validator(
        load_json("config.schema.json"), registry=schema_registry()
    )
    error = next(
        iter(sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))), None
    )
    if error is None:
        return
    where = ".".join(str(p) for p in error.absolute_path) or table_name
    if error.validator == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known))
        if known:
            raise UsageError.named(
                "config.unknown_key_known", path=path, key=extra[0], where=where, known=known
            )
        raise UsageError.named("config.unknown_key", path=path, key=extra[0], where=where)
    raise UsageError.named("config.invalid_value", path=path, where=where, detail=error.message)
