"""Find, read and validate the configuration: [tool.vereistenlint] in pyproject.toml, or
vereistenlint.toml / .vereistenlint.toml, searched from the current folder upwards, on top of
the built-in preset whose layout the repository has (see `preset`).

The file is TOML (data only, nothing is executed or imported) and is validated against
`schemas/config.schema.json`; an unknown key or value is a usage error that names it. The
effective configuration remembers, per key, which layer (preset, file) it came from, so that
`vereistenlint config` can show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import globs, profiles, tomlfile
from . import preset as presets
from .config_schema import check_depth, validate
from .errors import UsageError
from .files import DEFAULT_MAX_FILE_SIZE
from .findings import term
from .origin import Origin

#: the configuration files looked for in each folder, in this order
CANDIDATES = ("vereistenlint.toml", ".vereistenlint.toml", "pyproject.toml")


def candidates_text(or_word: str = "or") -> str:
    """The configuration files as the messages and the help name them."""
    *first, last = (*CANDIDATES[:-1], f"[tool.vereistenlint] in {CANDIDATES[-1]}")
    return f"{', '.join(first)} {or_word} {last}"


CANDIDATES_TEXT = candidates_text()
#: tables merged entry by entry (a later layer wins per entry); every other key is replaced
TABLES = ("profiles", "labels", "per-file-ignores")
#: tables whose later layer's entries come first, because the first matching glob decides
FIRST_MATCH_TABLES = ("profiles",)

#: a key of the configuration: ("include",), ("profiles", "<glob>"), ("labels", "rollen")
KeyPath = tuple[str, ...]


class LabelSource(NamedTuple):
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
    #: the built-in preset under the file (or alone), if any
    preset: str | None = None
    #: the effective configuration as TOML data, and where each key of it came from
    data: dict[str, Any] = field(default_factory=dict, compare=False)
    origins: dict[KeyPath, Origin] = field(default_factory=dict, compare=False)


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


def read(path: Path) -> dict[str, Any]:
    """The validated configuration table of one file."""
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
    check_depth(data, path)
    validate(data, path, table_name)
    return data


def load(path: Path) -> Config:
    """A configuration file on top of the preset it names, or whose layout its folder has."""
    data = read(path)
    root = path.parent
    name = data.get("preset")
    if name == presets.NONE:
        chosen = None
    elif name is not None:
        chosen = presets.get(name, path)
    else:
        chosen = presets.detect(root)
    layers = [(chosen.origin, chosen.data)] if chosen is not None else []
    layers.append((Origin("file", path.name), data))
    return build(layers, root, path, chosen)


def from_preset(root: Path, chosen: presets.Preset) -> Config:
    """The configuration of a repository that has a preset's layout and no file."""
    return build([(chosen.origin, chosen.data)], root, None, chosen)


Layer = tuple[Origin, dict[str, Any]]


def merge(layers: list[Layer]) -> tuple[dict[str, Any], dict[KeyPath, Origin]]:
    """Layers (weakest first) into one configuration, and the origin of each of its keys."""
    merged: dict[str, Any] = {}
    origins: dict[KeyPath, Origin] = {}
    for origin, layer in layers:
        for key, value in layer.items():
            if key not in TABLES:
                merged[key] = value
                origins[(key,)] = origin
                continue
            old = merged.get(key, {})
            if key in FIRST_MATCH_TABLES:
                merged[key] = {**value, **{k: v for k, v in old.items() if k not in value}}
            else:
                merged[key] = {**old, **value}
            origins.update({(key, entry): origin for entry in value})
    return merged, origins


def build(
    layers: list[Layer],
    root: Path,
    source: Path | None,
    chosen: presets.Preset | None = None,
) -> Config:
    data, origins = merge(layers)
    path = source if source is not None else (chosen.path if chosen else root)
    from_chosen = chosen.origin if chosen is not None else None
    known_profiles = profiles.all_profiles()
    for glob, name in list(data.get("profiles", {}).items()):
        if name in known_profiles:
            continue
        stand_in = chosen.fallback_profiles.get(name) if chosen is not None else None
        if origins[("profiles", glob)] == from_chosen and stand_in:
            data["profiles"][glob] = stand_in
            origins[("profiles", glob)] = origins[("profiles", glob)]._replace(
                stand_in=(name, stand_in)
            )
            continue
        raise UsageError.named(
            "config.unknown_profile",
            path=path,
            name=name,
            glob=glob,
            known=list(known_profiles),
        )
    labels = {}
    for name, spec in list(data.get("labels", {}).items()):
        if profiles.vocabulary(name, "labels.schema.json") is None:
            raise UsageError.named("config.unknown_label", path=path, name=name)
        folder = root / spec["folder"]
        if not folder.is_dir():
            if origins[("labels", name)] == from_chosen:
                del data["labels"][name], origins[("labels", name)]
                continue  # this copy of the repo lacks the folder: the schema's list applies
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
        source=source,
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
        preset=chosen.name if chosen is not None else None,
        data=data,
        origins=origins,
    )


def discover_config(explicit: Path | None = None, start: Path | None = None) -> Config | None:
    """The named file, else the nearest file, else the nearest preset layout, else None."""
    if explicit is not None and not explicit.is_file():
        raise UsageError.named("config.missing", path=explicit)
    path = explicit if explicit is not None else find(start)
    if path is not None:
        return load(path)
    located = presets.find(start or Path.cwd())
    return from_preset(*located) if located is not None else None
