"""A JSON array of findings: path, line, column, code, name, severity, message (stable keys)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..diagnostics import Diagnostic


def render(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"
