"""`vereistenlint config`: the effective configuration as TOML, each key with its origin.

The output is itself a valid configuration (the same keys, validated by the same schema), so
a maintainer can paste it into a file and edit it. Where a key came from stands in a comment
after it: the preset, the file, the command line, or the default.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import tomlkit
from tomlkit.items import Table

from . import i18n
from .config import TABLES, Config, KeyPath

#: the order keys are printed in: plain keys, then tables
PLAIN_KEYS = ("preset", "include", "exclude", "select", "ignore", "lang")
DEFAULTS: dict[str, Any] = {"include": [], "exclude": [], "select": [], "ignore": []}
COMMAND_LINE = "command line"


def effective(
    config: Config | None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    lang: str | None = None,
) -> tuple[dict[str, Any], dict[KeyPath, str]]:
    """The configuration the command would run with, and the origin of every key of it."""
    data: dict[str, Any] = copy.deepcopy(config.data) if config is not None else {}
    origins: dict[KeyPath, str] = dict(config.origins) if config is not None else {}
    if config is not None and config.preset is not None and "preset" not in data:
        data["preset"] = config.preset
        origins[("preset",)] = "detected: this folder has the preset's layout"
    if select:  # --select replaces the configured list
        data["select"] = list(select)
        origins[("select",)] = f"{COMMAND_LINE} (--select)"
    if ignore:  # --ignore adds to it
        before = origins.get(("ignore",))
        data["ignore"] = [*data.get("ignore", []), *ignore]
        origins[("ignore",)] = f"{before} + " * bool(before) + f"{COMMAND_LINE} (--ignore)"
    chosen = i18n.choose(lang, data.get("lang"))
    if lang is not None:
        origins[("lang",)] = f"{COMMAND_LINE} (--lang)"
    elif "lang" not in data:
        origins[("lang",)] = "default" + (" (environment)" if i18n.from_environment() else "")
    data["lang"] = chosen
    for key, value in DEFAULTS.items():
        if key not in data:
            data[key] = value
            origins[(key,)] = "default"
    return data, origins


def render(
    config: Config | None,
    data: dict[str, Any],
    origins: dict[KeyPath, str],
    profile: str | None = None,
) -> str:
    doc = tomlkit.document()
    doc.add(
        tomlkit.comment("vereistenlint: the effective configuration; after each key, its origin")
    )
    if config is None:
        doc.add(tomlkit.comment("no configuration file and no preset layout found"))
    else:
        doc.add(tomlkit.comment(f"root: {config.root}"))
        source = config.source.as_posix() if config.source is not None else "none"
        doc.add(tomlkit.comment(f"configuration file: {source}"))
    if profile is not None:
        doc.add(
            tomlkit.comment(
                f"{COMMAND_LINE} (--profile {profile}): every file gets this profile; "
                "[profiles] is not used"
            )
        )
    doc.add(tomlkit.nl())
    for key in PLAIN_KEYS:
        if key in data:
            doc.add(key, data[key])
            doc[key].comment(origins.get((key,), "default"))
    for key in TABLES:
        entries = data.get(key) or {}
        if not entries:
            continue
        if key == "labels":
            labels = tomlkit.table(is_super_table=True)
            for name, spec in entries.items():
                table = tomlkit.table()
                for field, value in spec.items():
                    table.add(field, value)
                table.comment(origins.get((key, name), ""))
                labels.add(name, table)
            doc.add(key, labels)
            continue
        table = tomlkit.table()
        for entry, value in entries.items():
            table.add(entry, value)
            item = table[entry]
            assert not isinstance(item, Table)
            item.comment(origins.get((key, entry), ""))
        doc.add(key, table)
    return tomlkit.dumps(doc)
