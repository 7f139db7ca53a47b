"""Whether to colour, and how: plain ANSI SGR codes, no terminal library.

Colour is for people at a terminal. `auto` colours only when the output is one, and not
when the NO_COLOR convention (https://no-color.org) asks for none or TERM is 'dumb';
`always` and `never` are the user's explicit word and win over the environment.
"""

from __future__ import annotations

from collections.abc import Mapping

COLOR_CHOICES = ("auto", "always", "never")

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "cyan": "36",
}


def use_color(choice: str, isatty: bool, environ: Mapping[str, str]) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR", "") != "":
        return False
    return isatty and environ.get("TERM") != "dumb"


class Painter:
    """Wraps text in SGR codes when enabled and returns it untouched otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles or not text:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"
