"""Turn a finding into text in the chosen language; the texts live in `locale/<lang>.toml`."""

from __future__ import annotations

from . import i18n
from .findings import Finding


def render(f: Finding, lang: str = "en") -> str:
    return i18n.message(f.key, lang).format(**dict(f.args))
