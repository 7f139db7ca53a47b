"""`vereistenlint config`: the effective configuration as TOML, each key with its origin.

The output is itself a valid configuration (the same keys, validated by the same schema), so
a maintainer can paste it into a file and edit it. Where a key came from stands in a comment
after it, in the chosen language: the preset, the file, the command line, or the default.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import tomlkit
from tomlkit.items import Table

from . import i18n
from .config import TABLES, Config, KeyPath
from .messages import printable
from .origin import Origin

#: the order keys are printed in: plain keys, then tables
PLAIN_KEYS = ("preset", "include", "exclude", "select", "ignore", "lang", "max-file-size")
DEFAULTS: dict[str, Any] = {"include": [], "exclude": [], "select": [], "ignore": []}
DEFAULT = Origin("default")

Origins = dict[KeyPath, tuple[Origin, ...]]


def effective(
    config: Config | None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    lang: str | None = None,
) -> tuple[dict[str, Any], Origins]:
    """The configuration the command would run with, and the origin(s) of every key of it."""
    data: dict[str, Any] = copy.deepcopy(config.data) if config is not None else {}
    origins: Origins = {k: (o,) for k, o in config.origins.items()} if config else {}
    if config is not None and config.preset is not None and "preset" not in data:
        data["preset"] = config.preset
        origins[("preset",)] = (Origin("detected"),)
    if select:  # --select replaces the configured list
        data["select"] = list(select)
        origins[("select",)] = (Origin("command-line", "--select"),)
    if ignore:  # --ignore adds to it
        data["ignore"] = [*data.get("ignore", []), *ignore]
        origins[("ignore",)] = (*origins.get(("ignore",), ()), Origin("command-line", "--ignore"))
    if lang is not None:
        origins[("lang",)] = (Origin("command-line", "--lang"),)
    elif "lang" not in data:
        origins[("lang",)] = (Origin("environment" if i18n.from_environment() else "default"),)
    data["lang"] = i18n.choose(lang, data.get("lang"))
    for key, value in DEFAULTS.items():
        if key not in data:
            data[key] = value
            origins[(key,)] = (DEFAULT,)
    return data, origins


def describe(origins: tuple[Origin, ...], lang: str) -> str:
    """The origins of one key in words, as `preset algoritmekader + command line (--ignore)`."""
    words = []
    for origin in origins or (DEFAULT,):
        text = i18n.ui(f"origin.{origin.kind}", lang).format(name=origin.name)
        if origin.stand_in is not None:
            missing, used = origin.stand_in
            text += " " + i18n.ui("origin.stand_in", lang).format(name=missing, stand_in=used)
        words.append(text)
    return " + ".join(words)


def render(
    config: Config | None,
    data: dict[str, Any],
    origins: Origins,
    lang: str,
    profile: str | None = None,
) -> str:
    def ui(key: str, **args: str) -> str:
        return i18n.ui(key, lang).format(**args)

    def origin(*key: str) -> str:
        return describe(origins.get(key, ()), lang)

    doc = tomlkit.document()
    doc.add(tomlkit.comment(ui("config.header")))
    if config is None:
        doc.add(tomlkit.comment(ui("config.nothing_found")))
    else:
        # a folder's name may hold a line break or a terminal escape: shown as escapes
        doc.add(tomlkit.comment(ui("config.root", path=printable(str(config.root)))))
        source = config.source.as_posix() if config.source is not None else ui("config.no_file")
        doc.add(tomlkit.comment(ui("config.file", path=printable(source))))
    if profile is not None:
        doc.add(tomlkit.comment(ui("config.forced_profile", profile=profile)))
    doc.add(tomlkit.nl())
    for key in PLAIN_KEYS:
        if key in data:
            doc.add(key, data[key])
            doc[key].comment(origin(key))
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
                table.comment(origin(key, name))
                labels.add(name, table)
            doc.add(key, labels)
            continue
        table = tomlkit.table()
        for entry, value in entries.items():
            table.add(entry, value)
            item = table[entry]
            assert not isinstance(item, Table)
            item.comment(origin(key, entry))
        doc.add(key, table)
    return tomlkit.dumps(doc)
