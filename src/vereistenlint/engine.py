"""find files -> parse -> run the profile's checks -> select/ignore -> sort. No I/O but reading."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import messages, profiles
from .diagnostics import Diagnostic
from .discover import discover
from .document import Document
from .errors import UsageError
from .findings import Finding
from .load import load
from .rules import BY_CODE, CHECKS, RULES, Context, Rule, lookup

DEFAULT_PROFILE = "vereiste-2024"


@dataclass(frozen=True)
class Options:
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "en"

    def enabled(self) -> frozenset[str]:
        chosen = _resolve(self.select, "select") if self.select else {r.code for r in RULES}
        return frozenset(chosen - _resolve(self.ignore, "ignore"))


def _resolve(selectors: Iterable[str], option: str) -> set[str]:
    codes: set[str] = set()
    for sel in selectors:
        rule = lookup(sel)
        if rule is not None:
            codes.add(rule.code)
            continue
        prefixed = {r.code for r in RULES if r.code.startswith(sel.upper())}
        if not prefixed:
            raise UsageError(f"--{option}: unknown rule '{sel}' (see 'vereistenlint rules')")
        codes |= prefixed
    return codes


@dataclass(frozen=True)
class Result:
    """What one run found, and which files it looked at (display paths, in order)."""

    diagnostics: list[Diagnostic]
    files: list[str]


def check(
    paths: Sequence[str | os.PathLike[str]],
    *,
    profile: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    lang: str = "en",
) -> list[Diagnostic]:
    """Check files and folders; returns the diagnostics sorted by path and position.

    Raises UsageError for a path that does not exist or an unknown rule or profile.
    """
    options = Options(profile, tuple(select), tuple(ignore), lang)
    return run_check(paths, options).diagnostics


def run_check(paths: Sequence[str | os.PathLike[str]], options: Options) -> Result:
    enabled = options.enabled()
    if options.profile is not None and options.profile not in profiles.all_profiles():
        known = ", ".join(profiles.all_profiles())
        raise UsageError(f"unknown profile '{options.profile}'; known profiles: {known}")
    files = discover(paths)
    diagnostics: list[Diagnostic] = []
    for path, display in files:
        diagnostics.extend(check_file(path, display, options, enabled))
    diagnostics.sort(key=Diagnostic.sort_key)
    return Result(diagnostics, [display for _, display in files])


def check_file(
    path: Path, display: str, options: Options, enabled: frozenset[str] | None = None
) -> list[Diagnostic]:
    doc = load(path, display)
    enabled = options.enabled() if enabled is None else enabled
    ctx = Context(profiles.get(options.profile or DEFAULT_PROFILE))
    return [to_diagnostic(doc, f, options.lang) for f in run(doc, ctx) if f.code in enabled]


def run(doc: Document, ctx: Context) -> list[Finding]:
    if not doc.readable:
        return list(doc.parse_findings)
    found: list[Finding] = []
    for check_fn in CHECKS:
        found.extend(check_fn(doc, ctx))
    return found


def to_diagnostic(doc: Document, f: Finding, lang: str) -> Diagnostic:
    rule: Rule = BY_CODE[f.code]
    return Diagnostic(
        doc.display, f.line, f.column, f.code, rule.name, rule.severity, messages.render(f, lang)
    )


__all__ = ["DEFAULT_PROFILE", "Options", "Result", "check", "check_file", "run", "run_check"]
