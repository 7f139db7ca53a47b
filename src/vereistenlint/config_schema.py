"""The configuration's schema check, shared by a user's file and the built-in presets: the
first error, in key order, becomes a usage error that names the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema

from .errors import UsageError
from .resources import load_json
from .schema import registry as schema_registry


def validate(data: dict[str, Any], path: Path, table_name: str) -> None:
    """Against config.schema.json; the first error (in key order) is a usage error naming it."""
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
        hint = f"; known keys: {', '.join(known)}" if known else ""
        raise UsageError(f"{path}: unknown key '{extra[0]}' in {where}{hint}")
    raise UsageError(f"{path}: invalid value for '{where}': {error.message}")
