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

from . import globs, profiles, tomlfile
from .errors import UsageError
from .files import DEFAULT_MAX_FILE_SIZE
from .findings import term
from .resources import load_json
from .schema import registry as schema_registry

#: the configuration files looked for in each folder, in this order
CANDIDATES = ("vereistenlint.toml", ".vereistenlint.toml", "pyproject.toml")


def candidates_text(or_word: str = "or") -> str:
    """The configuration files as the messages and the help name them."""
    *first, last = (*CANDIDATES[:-1], f"[tool.vereistenlint] in {CANDIDATES[-1]}")
    return f"{', '.join(first)} {or_word} {last}"


CANDIDATES_TEXT = candidates_text()


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
    #: bytes above which a file gets one file-too-large finding and is not parsed
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


def max_file_size(config: Config | None) -> int:
    return config.max_file_size if config is not None else DEFAULT_MAX_FILE_SIZE


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
        raise UsageError.named("config.unreadable", path=path, reason=exc) from None
    except tomlfile.TOMLDecodeError as exc:
        raise UsageError.named("config.toml", path=path, reason=exc) from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise UsageError.named("config.toml_nested", path=path) from None
    table_name = (
        "[tool.vereistenlint]" if path.name == "pyproject.toml" else term("where.top_level")
    )
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("vereistenlint", {}) if isinstance(tool, dict) else {}
    if not isinstance(data, dict):
        raise UsageError.named("config.not_table", path=path, where=table_name)
    _check_depth(data, path)
    _validate(data, path, table_name)
    return _build(data, path)


#: No key of the configuration nests deeper than a table of lists.
MAX_DEPTH = 8


def _check_depth(data: object, path: Path) -> None:
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
        if known:
            raise UsageError.named(
                "config.unknown_key_known", path=path, key=extra[0], where=where, known=known
            )
        raise UsageError.named("config.unknown_key", path=path, key=extra[0], where=where)
    raise UsageError.named("config.invalid_value", path=path, where=where, detail=error.message)


def _build(data: dict[str, Any], path: Path) -> Config:
    root = path.parent
    known_profiles = profiles.all_profiles()
    for glob, name in data.get("profiles", {}).items():
        if name not in known_profiles:
            raise UsageError.named(
                "config.unknown_profile",
                path=path,
                name=name,
                glob=glob,
                known=list(known_profiles),
            )
    labels = {}
    for name, spec in data.get("labels", {}).items():
        if profiles.vocabulary(name, "labels.schema.json") is None:
            raise UsageError.named("config.unknown_label", path=path, name=name)
        folder = root / spec["folder"]
        if not folder.is_dir():
            raise UsageError.named(
                "config.no_label_folder", path=path, name=name, folder=spec["folder"]
            )
        labels[name] = LabelSource(
            folder,
            spec.get("kind", "files"),
            tuple(spec.get("not-labels", ())),
            tuple(spec.get("extra", ())),
        )
    for key in ("include", "exclude"):
        globs.validate(data.get(key, ()), f"{path}: {key}")
    globs.validate(list(data.get("profiles", {})), f"{path}: profiles")
    globs.validate(list(data.get("per-file-ignores", {})), f"{path}: per-file-ignores")
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
        max_file_size=data.get("max-file-size", DEFAULT_MAX_FILE_SIZE),
    )


def discover_config(explicit: Path | None = None) -> Config | None:
    path = explicit if explicit is not None else find()
    if explicit is not None and not explicit.is_file():
        raise UsageError.named("config.missing", path=explicit)
    return load(path) if path is not None else None
