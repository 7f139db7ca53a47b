"""Texts by language: messages and rule documentation from `locale/<lang>.toml`.

Dutch is the editors' language and the default; English is for developers. The language is
chosen by --lang, then the configuration's `lang`, then an English locale in the environment.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LANGUAGES = ("nl", "en")
DEFAULT = "nl"


@cache
def catalogue(lang: str) -> dict[str, Any]:
    text = (resources.files("vereistenlint") / "locale" / f"{lang}.toml").read_text(
        encoding="utf-8"
    )
    return tomllib.loads(text)


def message(key: str, lang: str) -> str:
    texts: dict[str, str] = catalogue(lang)["messages"]
    return texts[key]


def rule_text(code: str, field: str, lang: str) -> str:
    return str(catalogue(lang)["rules"][code][field])


def from_environment(environ: dict[str, str] | None = None) -> str | None:
    """'en' when the environment's locale is English, else None (no preference)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else None
    return None


def choose(option: str | None, configured: str | None = None) -> str:
    return option or configured or from_environment() or DEFAULT
