"""Texts by language: messages, rule documentation and interface words from `locale/<lang>.toml`.

Dutch is the default because the people who read the findings are the content repo's
editors; English is for developers and for anyone whose environment asks for it. The
language is chosen by --lang, then the configuration's `lang`, then an English locale in
the environment (LC_ALL, LC_MESSAGES, LANG), and otherwise Dutch.

Every language file holds the same keys with the same placeholders; a test enforces that.
A rule's wrong and right examples show Dutch content: where they are the same in every
language they are stored once, in `locale/examples.toml`.
Should a text still be missing at run time, the English one is shown rather than failing
the whole run over one untranslated sentence.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from . import tomlfile
from .resources import PACKAGE

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
#: the language every text exists in first, and the fallback for a missing one
SOURCE = "en"
#: what the environment's locale is read from, strongest first (as POSIX orders them)
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


#: the rule fields that may be shared by every language (locale/examples.toml)
EXAMPLE_FIELDS = ("wrong", "right")


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """The parsed `locale/<lang>.toml`; an unknown language is a programming error."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    return _read(f"{lang}.toml")


@cache
def examples() -> dict[str, Any]:
    """The parsed `locale/examples.toml`: rule code -> wrong/right shared by every language."""
    return _read("examples.toml")


def _read(name: str) -> dict[str, Any]:
    return tomlfile.loads(_text(name))


@cache
def _text(name: str) -> str:
    return (PACKAGE / "locale" / name).read_text(encoding="utf-8")


#: the first rule's table: what comes before it holds the messages and interface words
_RULES_START = re.compile(r"^\[rules\.", re.M)
#: a table of messages or interface words opened after the rules (none is today)
_LATE_TABLE = re.compile(r"^[ \t]*\[+[ \t]*\"?(?:messages|ui)\b", re.M)


@cache
def _head(lang: str) -> dict[str, Any] | None:
    """The messages and interface words of `locale/<lang>.toml`, without parsing the rules'
    documentation after them (four fifths of the file, and a clean run prints one sentence).

    Exact or nothing: the part before the first ``[rules.`` line is parsed only when it is a
    TOML document of its own (else that line stood inside a string) and nothing after it
    opens a messages or interface table; otherwise None, and the whole file is read."""
    text = _text(f"{lang}.toml")
    start = _RULES_START.search(text)
    if start is None or _LATE_TABLE.search(text, start.start()):
        return None
    try:
        return tomlfile.loads(text[: start.start()])
    except tomlfile.TOMLDecodeError:
        return None


def _find(node: Any, *path: str) -> str | None:
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, str) else None


def section(lang: str, name: str) -> Any:
    """One top-level table of `locale/<lang>.toml` ("messages", "ui" or "rules")."""
    head = _head(lang) if name in ("messages", "ui") else None
    return (head if head is not None else catalogue(lang)).get(name)


def _lookup(lang: str, *path: str) -> str:
    for source in (lang, SOURCE):
        found = _find(section(source, path[0]), *path[1:])
        if found is not None:
            return found
    raise KeyError(".".join(path))


def message(key: str, lang: str) -> str:
    """The template of a finding's message (with {placeholders})."""
    return _lookup(lang, "messages", key)


def rule_text(code: str, field: str, lang: str) -> str:
    """One documentation field of a rule: summary, explanation, wrong, right or fix."""
    if field in EXAMPLE_FIELDS:
        found = _find(catalogue(lang), "rules", code, field) or _find(examples(), code, field)
        if found is not None:
            return found
    return _lookup(lang, "rules", code, field)


def ui(key: str, lang: str) -> str:
    """A word or heading of the command's own output (column names, severities, headings)."""
    return _lookup(lang, "ui", key)


def from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """'en' when the environment's locale is English, else None (no preference).

    The first variable that is set decides, as it does for every other program: LC_ALL=C
    with LANG=en_US means the C locale, not English.
    """
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else None
    return None


def choose(
    option: str | None,
    configured: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """--lang, else the configuration's `lang`, else an English environment, else Dutch."""
    return option or configured or from_environment(environ) or DEFAULT
