"""What a reporter may be told besides the result, the same for every format: each takes what
it needs and ignores the rest, so that all of them have one signature."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple


class Settings(NamedTuple):
    #: colour the text report (decided by `style.use_color`)
    color: bool = False
    #: the environment, for GitHub's workspace and step summary; None: this process's
    environ: Mapping[str, str] | None = None
    #: the folder a SARIF log's relative paths are resolved against; None: the current one
    base: Path | None = None


DEFAULT = Settings()
