"""A JSON array of findings: path, line, column, code, name, severity, message (stable keys)."""

from __future__ import annotations

from ..engine import Result
from .escape import dumps


def render(result: Result) -> str:
    """Paths and messages exactly, with controls as JSON escapes (see escape.py)."""
    return dumps([d.as_dict() for d in result.diagnostics]) + "\n"
