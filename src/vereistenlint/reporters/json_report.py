"""A JSON array of findings: path, line, column, code, name, severity, message (stable keys)."""

from __future__ import annotations

from ..result import Result
from .escape import dumps
from .settings import DEFAULT, Settings


def render(result: Result, settings: Settings = DEFAULT) -> str:
    """Paths and messages exactly, with controls as JSON escapes (see escape.py)."""
    return dumps([d.as_dict() for d in result.diagnostics]) + "\n"
