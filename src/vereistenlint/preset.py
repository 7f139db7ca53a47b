"""Built-in presets: the configuration a known content repo needs, applied without any file.

A preset is data, `schemas/presets/<name>.toml`: ordinary configuration keys (validated by
`config.schema.json`, like a user's file) plus a `[preset]` table (validated by
`preset.schema.json`) that says how the repository is recognised: paths that must all
exist. Recognising by existence, not by reading `mkdocs.yml`, keeps the layout a statement
of fact that anyone can check with `ls`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from . import tomlfile
from .config_schema import validate  # the same validation as a user's file
from .errors import UsageError
from .origin import Origin
from .resources import data_dir, load_json

FOLDER = "presets"
#: the value of the configuration key `preset` that turns presets off
NONE = "none"


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    detect: tuple[str, ...]
    #: profile name -> the profile used while this version does not have it
    fallback_profiles: dict[str, str] = field(hash=False, compare=False)
    #: the configuration it applies, as the TOML says it (without [preset])
    data: dict[str, Any] = field(hash=False, compare=False)
    path: Path = field(compare=False, default=Path())

    def fits(self, root: Path) -> bool:
        """True when every path of `detect` exists under `root`."""
        return all((root / rel).exists() for rel in self.detect)

    @property
    def origin(self) -> Origin:
        return Origin("preset", self.name)


@cache
def available() -> dict[str, Preset]:
    """Every preset shipped with the package, by name; a malformed one is a usage error."""
    found = {}
    for path in sorted((data_dir() / FOLDER).glob("*.toml")):
        preset = _read(path)
        found[preset.name] = preset
    return found


def _read(path: Path) -> Preset:
    try:
        data = tomlfile.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlfile.TOMLDecodeError) as exc:
        raise UsageError(f"built-in preset {path.name}: {exc}") from None
    meta = data.pop("preset", None)
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(load_json("preset.schema.json")).iter_errors(meta)
    )
    if error is not None:
        raise UsageError(f"built-in preset {path.name}: [preset]: {error.message}")
    assert isinstance(meta, dict)
    validate(data, path, "the top level")
    return Preset(
        meta["name"],
        meta.get("description", ""),
        tuple(meta["detect"]),
        dict(meta.get("fallback-profiles", {})),
        data,
        path,
    )


def get(name: str, where: Path) -> Preset:
    """The preset a configuration names; an unknown name is a usage error naming the known."""
    try:
        return available()[name]
    except KeyError:
        raise UsageError.named(
            "config.unknown_preset", path=where, name=name, known=[*available(), NONE]
        ) from None


def detect(root: Path) -> Preset | None:
    """The first preset (by name) whose layout `root` has."""
    return next((p for p in available().values() if p.fits(root)), None)


def find(start: Path) -> tuple[Path, Preset] | None:
    """The nearest folder from `start` upwards that has a preset's layout, and that preset."""
    here = start.resolve()
    for folder in (here, *here.parents):
        preset = detect(folder)
        if preset is not None:
            return folder, preset
    return None
