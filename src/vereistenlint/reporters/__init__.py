"""Output formats, by name; the table also feeds the command's --format choice.

A reporter turns one run's `Result` (sorted diagnostics and the files checked) into text.
`text` is for people, `json` for scripts, `github` for workflow logs, `sarif` for code
scanning and `junit` for CI test reports; all of them carry the same findings. Writing a
report where the user asked for it is `output.emit`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..engine import Result
from . import github, json_report, junit, sarif, text

Reporter = Callable[[Result], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
}
