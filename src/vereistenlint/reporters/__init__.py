"""Output formats, by name; the table also feeds the command's --format choice.

A reporter turns one run's `Result` (sorted diagnostics and the files checked) into text.
"""

from __future__ import annotations

from collections.abc import Callable

from ..engine import Result
from . import json_report, text

Reporter = Callable[[Result], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
}
