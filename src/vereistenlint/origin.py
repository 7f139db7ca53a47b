"""Where a key of the effective configuration came from: a preset, a file, the command line."""

from __future__ import annotations

from typing import NamedTuple


class Origin(NamedTuple):
    """Where a key of the effective configuration came from; `vereistenlint config` words it
    in the chosen language (the locale's [ui] keys origin.<kind>)."""

    #: preset, file, command-line, default, environment or detected
    kind: str
    #: the preset's or file's name, or the option
    name: str = ""
    #: a profile the preset names that this version lacks, and the one that stands in for it
    stand_in: tuple[str, str] | None = None
