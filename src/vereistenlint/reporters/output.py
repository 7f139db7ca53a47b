"""Where a report goes: standard output or --output FILE, in colour or not, and, under
GitHub Actions, the step summary as well.

This is the command's only output path, so the rules live in one place: the default
format is `github` when GITHUB_ACTIONS=true (the runner sets it) and `text` otherwise;
colour is decided by `style.use_color` and applies to the text format only; a report
written to a file is never coloured unless --color=always asks for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from .. import i18n
from ..result import Result
from . import REPORTERS
from .settings import Settings
from .style import use_color


def default_format(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def emit(
    result: Result,
    fmt: str,
    *,
    output: Path | None = None,
    color: str = "auto",
    environ: Mapping[str, str] | None = None,
) -> None:
    """Render `result` as `fmt` and write it; raise click.UsageError if FILE cannot be written."""
    env = os.environ if environ is None else environ
    coloured = use_color(color, output is None and _is_terminal(), env)
    report = REPORTERS[fmt](result, Settings(color=coloured, environ=env))
    if output is None:
        click.echo(report, nl=False, color=coloured)
    else:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(report, encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or exc
            message = i18n.ui("error.output", result.lang).format(path=output, reason=reason)
            raise click.UsageError(message) from None
    summary_file = env.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        from . import github

        _append(Path(summary_file), github.step_summary(result, Settings(environ=env)), result.lang)


def _append(path: Path, markdown: str, lang: str) -> None:
    """The step summary is a courtesy: failing to write it must not hide the findings."""
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        click.echo(i18n.ui("error.step_summary", lang).format(path=path, reason=exc), err=True)


def _is_terminal() -> bool:
    stream = sys.stdout
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()
