"""A JSON array of findings: path, line, column, code, name, severity, message (stable keys)."""

from __future__ import annotations

import json

from ..result import Result
from .settings import DEFAULT, Settings


def render(result: Result, settings: Settings = DEFAULT) -> str:
    return (
        json.dumps([d.as_dict() for d in result.diagnostics], ensure_ascii=False, indent=2) + "\n"
    )
