"""The report for people: each finding, the line it is on with a caret, and a summary.

The first line of every finding is ``path:line:col: CODE message``, which editors and
terminals turn into a jump to the spot; the source line and the caret under the column
follow, so that an editor sees what is meant without opening the file. The last line sums
up errors, warnings and files checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from ..engine import Result
from .snippet import visible_line
from .source import SourceLines
from .style import Painter


def render(result: Result, *, color: bool = False) -> str:
    paint = Painter(color)
    sources = SourceLines()
    blocks = [finding(d, sources.line(d.path, d.line), paint) for d in result.diagnostics]
    closing = summary(result.diagnostics, len(result.files))
    style = ("bold", "green") if not result.diagnostics else ("bold", _colour(result.diagnostics))
    return "".join(block + "\n\n" for block in blocks) + paint(closing, *style) + "\n"


def finding(d: Diagnostic, source: str | None, paint: Painter) -> str:
    """The header line, then (when the line exists) the line and a caret under the column."""
    colour = "red" if d.severity is Severity.ERROR else "yellow"
    header = (
        f"{paint(d.path, 'bold')}:{d.line}:{d.column}: {paint(d.code, 'bold', colour)} {d.message}"
    )
    if source is None:
        return header
    shown, offset = visible_line(source, d.column)
    number = str(d.line)
    gutter = " " * len(number)
    return "\n".join(
        [
            header,
            f" {paint(number + ' |', 'blue', 'bold')} {shown}".rstrip(),
            f" {paint(gutter + ' |', 'blue', 'bold')} {' ' * offset}{paint('^', 'bold', colour)}",
        ]
    )


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


def _colour(diagnostics: Sequence[Diagnostic]) -> str:
    return "red" if any(d.severity is Severity.ERROR for d in diagnostics) else "yellow"
