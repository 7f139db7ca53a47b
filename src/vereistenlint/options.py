"""What the caller asks of a run: profile, rules, language, configuration, workers, cache."""

from __future__ import annotations

from typing import NamedTuple

from . import decide
from .config import Config


class Options(NamedTuple):
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "en"
    config: Config | None = None
    #: worker processes; None: one per CPU. Output is the same for any number.
    jobs: int | None = 1
    #: keep the repository index in .vereistenlint_cache/ beside the configuration
    cache: bool = False

    def enabled(self) -> frozenset[str]:
        """The codes of the rules this run reports (before per-file-ignores)."""
        return decide.enabled(self.select, self.ignore, self.config)
