"""``path:line:col: CODE message`` per finding, then a one-line summary."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from ..engine import Result


def render(result: Result) -> str:
    diagnostics = result.diagnostics
    lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in diagnostics]
    lines.append(summary(diagnostics, len(result.files)))
    return "\n".join(lines) + "\n"


def summary(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = "file" if files_checked == 1 else "files"
    if not diagnostics:
        return f"All good: {files_checked} {files} checked, no problems."
    return (
        f"Found {errors} error{'s' * (errors != 1)} and {warnings} warning{'s' * (warnings != 1)} "
        f"in {files_checked} {files} checked."
    )
