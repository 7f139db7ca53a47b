"""The rule under which suppression comments that suppress nothing are reported.

Suppressions are applied after every check has run (`decide.py`, with the comments read by
`suppress.py`), so that it is also known which of them matched nothing.
"""

from __future__ import annotations

from ..diagnostics import Severity
from .base import Rule

UNUSED_SUPPRESSION = "VL901"

RULES = (
    Rule(
        UNUSED_SUPPRESSION, "unused-suppression", Severity.WARNING, default=False, every_page=True
    ),
)
