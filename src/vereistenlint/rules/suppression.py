"""The rule under which suppression comments that suppress nothing are reported.

The engine applies suppressions after every check has run, so it also knows which of them
matched nothing; see `suppress.py`.
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
