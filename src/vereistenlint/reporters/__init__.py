"""Output formats, by name; the table also feeds the command's --format choice."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..diagnostics import Diagnostic
from . import json_report, text

Reporter = Callable[[Sequence[Diagnostic], int], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
}
