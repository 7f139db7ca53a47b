"""What one run hands to the reporters: nothing of the engine, only diagnostics and names."""

from __future__ import annotations

from typing import NamedTuple

from .diagnostics import Diagnostic


class Result(NamedTuple):
    """What one run found, and which files it looked at (display paths, in order)."""

    diagnostics: list[Diagnostic]
    files: list[str]
    #: problems fixed by --fix before this check ran
    fixed: int = 0
    #: the language of the messages, for the reporters' own words
    lang: str = "en"
    #: named paths that gave no file to check, each with the reason (a [ui] key)
    unmatched: tuple[tuple[str, str], ...] = ()
