"""Find, read and validate the configuration: [tool.vereistenlint] in pyproject.toml, or
vereistenlint.toml / .vereistenlint.toml, searched from the current folder upwards.

The file is TOML (data only, nothing is executed or imported) and is validated against
`schemas/config.schema.json`; an unknown key or value is a usage error that names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from . import profiles, tomlfile
from .errors import UsageError
from .resources import load_json
from .schema import registry as schema_registry

#: the configuration files looked for in each folder, in this order
CANDIDATES = ("vereistenlint.toml", ".vereistenlint.toml", "pyproject.toml")
#: the same, as the messages and the help name them
CANDIDATES_TEXT = (
    "vereistenlint.toml, .vereistenlint.toml or [tool.vereistenlint] in pyproject.toml"
)


@dataclass(frozen=True)
class LabelSource:
    folder: Path
    kind: str = "files"
    not_labels: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """A validated configuration; `root` is the folder its paths are relative to."""

    root: Path
    source: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    profiles: tuple[tuple[str, str], ...] = ()
    labels: dict[str, LabelSource] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the language of messages and rule texts ('nl' or 'en'); None: not configured
    lang: str | None = None


def find(start: Path | None = None) -> Path | None:
    """The nearest configuration file from `start` upwards (pyproject.toml only with our table)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CANDIDATES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        data = tomlfile.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlfile.TOMLDecodeError):
        return False
    return "vereistenlint" in data.get("tool", {})


def load(path: Path) -> Config:
    try:
        data = tomlfile.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration: {exc}") from None
    except tomlfile.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    table_name = "[tool.vereistenlint]" if path.name == "pyproject.toml" else "the top level"
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("vereistenlint", {})
    _validate(data, path, table_name)
    return _build(data, path)


def _validate(data: dict[str, Any], path: Path, table_name: str) -> None:
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


def _build(data: dict[str, Any], path: Path) -> Config:
    root = path.parent
    known_profiles = profiles.all_profiles()
    for glob, name in data.get("profiles", {}).items():
        if name not in known_profiles:
            raise UsageError(
                f"{path}: unknown profile '{name}' for '{glob}'; known profiles: "
                + ", ".join(known_profiles)
            )
    labels = {}
    for name, spec in data.get("labels", {}).items():
        if profiles.vocabulary(name, "labels.schema.json") is None:
            raise UsageError(f"{path}: unknown label '{name}' in labels")
        folder = root / spec["folder"]
        if not folder.is_dir():
            raise UsageError(f"{path}: label folder for '{name}' does not exist: {spec['folder']}")
        labels[name] = LabelSource(
            folder,
            spec.get("kind", "files"),
            tuple(spec.get("not-labels", ())),
            tuple(spec.get("extra", ())),
        )
    return Config(
        root=root,
        source=path,
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        profiles=tuple(data.get("profiles", {}).items()),
        labels=labels,
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        per_file_ignores=tuple(
            (glob, tuple(codes)) for glob, codes in data.get("per-file-ignores", {}).items()
        ),
        lang=data.get("lang"),
    )


def discover_config(explicit: Path | None = None) -> Config | None:
    path = explicit if explicit is not None else find()
    if explicit is not None and not explicit.is_file():
        raise UsageError(f"configuration file does not exist: {explicit}")
    return load(path) if path is not None else None
