"""Which findings are reported: select/ignore, per-file-ignores, suppression comments and the
suppressions that suppressed nothing; then each kept finding as a `Diagnostic`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from . import messages, positions
from .config import Config
from .diagnostics import Diagnostic
from .discover import matches, relative_to_root
from .document import Document
from .errors import UsageError
from .findings import Finding
from .rules import BY_CODE, RULES, lookup
from .rules.suppression import UNUSED_SUPPRESSION
from .suppress import Directive, directives, suppress, unused


def enabled(
    select: tuple[str, ...], ignore: tuple[str, ...], config: Config | None
) -> frozenset[str]:
    """The codes a run reports: --select (else the configuration's, else the default rules)
    without --ignore and the configuration's ignore."""
    select = select or (config.select if config else ())
    ignore = ignore + (config.ignore if config else ())
    chosen = _resolve(select, "select") if select else {r.code for r in RULES if r.default}
    return frozenset(chosen - _resolve(ignore, "ignore"))


def _resolve(selectors: Iterable[str], option: str) -> set[str]:
    codes: set[str] = set()
    for sel in selectors:
        rule = lookup(sel)
        if rule is not None:
            codes.add(rule.code)
            continue
        prefixed = {r.code for r in RULES if r.code.startswith(sel.upper())}
        if not prefixed:
            raise UsageError.named("rule.unknown", option=option, rule=sel)
        codes |= prefixed
    return codes


def per_file_ignores(path: Path, config: Config | None) -> frozenset[str]:
    if config is None or not config.per_file_ignores:
        return frozenset()
    rel = relative_to_root(path, config)
    if rel is None:
        return frozenset()
    codes: set[str] = set()
    for pattern, selectors in config.per_file_ignores:
        if matches(rel, pattern):
            codes |= _resolve(selectors, "per-file-ignores")
    return frozenset(codes)


class Decided(NamedTuple):
    """A file's findings that survived, its suppression comments and which of them were used
    (the repository-wide findings come later and may use more of them)."""

    findings: list[Finding]
    directives: tuple[Directive, ...]
    used: frozenset[int]


def file_findings(
    doc: Document, raw: Iterable[Finding], config: Config | None, codes: frozenset[str]
) -> Decided:
    """The findings of one file that survive select/ignore, per-file-ignores and suppressions."""
    ignored = per_file_ignores(doc.path, config)
    found_directives, problems = directives(doc) if doc.readable else ((), [])
    kept, used = suppress(
        (f for f in [*raw, *problems] if f.code in codes and f.code not in ignored),
        found_directives,
    )
    return Decided(positions.on_their_lines(kept, doc.lines), found_directives, frozenset(used))


def repository_findings(
    found: Iterable[Finding], decided: Decided, codes: frozenset[str]
) -> list[Finding]:
    """The repository-wide findings of a file that its suppressions leave, and then the
    suppressions that suppressed nothing at all."""
    kept, used = suppress((f for f in found if f.code in codes), decided.directives)
    if UNUSED_SUPPRESSION in codes:
        kept += unused(decided.directives, used | decided.used)
    return kept


def other_file_findings(
    path: Path, display: str, found: list[Finding], config: Config | None
) -> list[Finding]:
    """Findings in a file that was not checked itself (a page that links to a changed one,
    mkdocs.yml): its per-file-ignores and suppression comments still apply."""
    ignored = per_file_ignores(path, config)
    found = [f for f in found if f.code not in ignored]
    if path.suffix != ".md" or not found:
        return found
    from .load import load

    doc = load(path, display)
    return suppress(found, directives(doc)[0] if doc.readable else ())[0]


def to_diagnostic(display: str, f: Finding, lang: str) -> Diagnostic:
    rule = BY_CODE[f.code]
    fix = None if f.fix is None or not f.fix.edits else ("safe" if f.fix.safe else "unsafe")
    return Diagnostic(
        display, f.line, f.column, f.code, rule.name, rule.severity, messages.render(f, lang), fix
    )
