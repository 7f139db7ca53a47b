"""The report for people: each finding, the line it is on with a caret, and a summary.

The first line of every finding is ``path:line:col: CODE message``, which editors and
terminals turn into a jump to the spot; the source line and the caret under the column
follow, so that an editor sees what is meant without opening the file. The last line sums
up errors, warnings and files checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import i18n
from ..diagnostics import Diagnostic, Severity
from ..result import Result
from .escape import visible
from .settings import DEFAULT, Settings
from .snippet import visible_line
from .source import SourceLines
from .style import Painter


def render(result: Result, settings: Settings = DEFAULT) -> str:
    paint = Painter(settings.color)
    sources = SourceLines()
    blocks = [finding(d, sources.line(d.path, d.line), paint) for d in result.diagnostics]
    closing = summary(result.diagnostics, len(result.files), result.lang, result.fixed)
    style = ("bold", "green") if not result.diagnostics else ("bold", _colour(result.diagnostics))
    return "".join(block + "\n\n" for block in blocks) + paint(closing, *style) + "\n"


def finding(d: Diagnostic, source: str | None, paint: Painter) -> str:
    """The header line, then (when the line exists) the line and a caret under the column."""
    colour = "red" if d.severity is Severity.ERROR else "yellow"
    header = (
        f"{paint(visible(d.path), 'bold')}:{d.line}:{d.column}: "
        f"{paint(d.code, 'bold', colour)} {visible(d.message)}"
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


def summary(
    diagnostics: Sequence[Diagnostic], files_checked: int, lang: str = "en", fixed: int = 0
) -> str:
    """Errors, warnings and files checked; how many --fix fixed and how many it could fix."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    files = count("file", files_checked, lang)
    if not diagnostics:
        line = i18n.ui("summary.clean", lang).format(files=files)
    else:
        line = i18n.ui("summary.found", lang).format(
            errors=count("error", errors, lang),
            warnings=count("warning", len(diagnostics) - errors, lang),
            files=files,
        )
    fixable = sum(d.fix == "safe" for d in diagnostics)
    if fixable:
        line += " " + i18n.ui("summary.fixable", lang).format(count=count("problem", fixable, lang))
    if fixed:
        line = (
            i18n.ui("summary.fixed", lang).format(count=count("problem", fixed, lang)) + " " + line
        )
    return line


def count(noun: str, n: int, lang: str) -> str:
    return i18n.ui(f"count.{noun}.{'one' if n == 1 else 'many'}", lang).format(n=n)


def _colour(diagnostics: Sequence[Diagnostic]) -> str:
    return "red" if any(d.severity is Severity.ERROR for d in diagnostics) else "yellow"
