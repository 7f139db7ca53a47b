"""An unexpected error while checking one file is that file's finding, never the run's end.

Bad input is meant to become findings of the rules that own it; this is the net under them.
A traceback would stop every other file from being reported, and the exit code 1 ("problems
found") would blame the content. Instead the file gets one internal-error finding naming the
error and where it was raised, the rest of the run goes on, and the run exits with 2.
"""

from __future__ import annotations

import functools
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from .diagnostics import Diagnostic, Severity
from .discover import file_key
from .errors import UsageError
from .findings import Finding, finding
from .messages import render
from .repo import Entry, RepoIndex
from .rules import BY_CODE
from .rules.reliability import INTERNAL_ERROR

#: Exit codes of `vereistenlint check`.
EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2

#: An error's text can quote a whole file; the message keeps its start.
_MAX_ERROR_TEXT = 200


def internal_error(exc: BaseException) -> Finding:
    """The finding for an unexpected exception: its type, its text and the line that raised it."""
    text = str(exc)
    if len(text) > _MAX_ERROR_TEXT:
        text = text[:_MAX_ERROR_TEXT] + "…"
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    error = f"{type(exc).__name__}: {text}{where}" if text else f"{type(exc).__name__}{where}"
    return finding(INTERNAL_ERROR, 1, 1, "internal.error", error=error)


def exit_code(diagnostics: list[Diagnostic]) -> int:
    """2 when the linter failed on a file (its findings are incomplete), 1 for errors, else 0."""
    if any(d.code == INTERNAL_ERROR for d in diagnostics):
        return EXIT_ERROR
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return EXIT_PROBLEMS
    return EXIT_CLEAN


P = ParamSpec("P")
T = TypeVar("T")


def per_file(
    fallback: Callable[Concatenate[BaseException, P], T],
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Run a per-file function so that an unexpected exception becomes `fallback`'s result
    (called with the exception and the same arguments)."""

    def decorate(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return fn(*args, **kwargs)
            except UsageError:  # the configuration's fault, not the file's: the run stops
                raise
            except Exception as exc:  # the net under every rule: see the module's docstring
                return fallback(exc, *args, **kwargs)

        return guarded

    return decorate


def bare_entry(path: Path, display: str) -> Entry:
    """What the repository-wide rules may know of a file whose check failed: that it exists."""
    try:
        key = file_key(path)
    except (OSError, ValueError):
        key = os.path.abspath(path)
    return Entry(key=key, display=display, stem=path.stem, profile=None)


def diagnostic(display: str, f: Finding, lang: str) -> Diagnostic:
    rule = BY_CODE[f.code]
    return Diagnostic(display, f.line, f.column, f.code, rule.name, rule.severity, render(f, lang))


def failed_index(exc: BaseException, path: Path, display: str, *args: Any, **kwargs: Any) -> Entry:
    """`engine.index_file`'s result for a file that could not be indexed (it is not being
    checked, so there is no one to tell; the files that are checked still are)."""
    return bare_entry(path, display)


def repo_findings(
    checks: Sequence[Callable[[RepoIndex, Entry], Iterable[Finding]]],
    repo: RepoIndex,
    entry: Entry,
) -> list[Finding]:
    """The repository-wide findings of one checked file, or its internal error."""
    try:
        return [f for check in checks for f in check(repo, entry)]
    except UsageError:
        raise
    except Exception as exc:  # as in per_file
        return [internal_error(exc)]
