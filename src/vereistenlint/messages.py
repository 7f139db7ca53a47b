"""Turn a finding into text in the chosen language; the texts live in `locale/<lang>.toml`."""

from __future__ import annotations

import re

from . import i18n
from .findings import TERM, Finding
from .reporters.escape import escaped

_TERM = re.compile(f"{TERM}([^{TERM}]+){TERM}")


def render(f: Finding, lang: str = "en") -> str:
    args = {k: printable(translate(v, lang)) for k, v in f.args}
    return i18n.message(f.key, lang).format(**args)


def printable(text: str) -> str:
    """Control and format characters from a file shown as escapes, so that a value can neither
    break a finding over lines nor send commands to a terminal or a CI log."""
    if all(c.isprintable() for c in text):
        return text
    return "".join(c if c.isprintable() else escaped(c) for c in text)


def translate(text: str, lang: str) -> str:
    """Replace the words of ours marked inside an argument by their text in `lang`."""
    if TERM not in text:
        return text
    return _TERM.sub(lambda m: i18n.ui(m.group(1), lang), text)
