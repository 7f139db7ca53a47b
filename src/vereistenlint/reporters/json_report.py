"""A JSON array of findings: path, line, column, code, name, severity, message (stable keys)."""

from __future__ import annotations

import json

from ..engine import Result


def render(result: Result) -> str:
    return (
        json.dumps([d.as_dict() for d in result.diagnostics], ensure_ascii=False, indent=2) + "\n"
    )
