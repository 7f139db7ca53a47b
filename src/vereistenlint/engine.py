"""A check run as a chain of stages, each its own module:

discover (which files) -> load (bytes to a Document) -> choose (which profile) -> checks (the
registry's checks) -> decide (select/ignore, per-file-ignores, suppressions) -> the
repository-wide checks over the index of every file -> a sorted `Result` for the reporters.
`--fix` runs over the same stages in `fix.py`. Reading files is the only I/O.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import cache, checks, decide, guard, index, labels, parallel
from .choose import check_profile_name, choose_profile
from .config import Config, max_file_size
from .decide import to_diagnostic
from .diagnostics import Diagnostic
from .discover import select
from .load import load
from .options import Options
from .repo import Entry, RepoIndex, entry_for
from .result import Result
from .rules import REPO_CHECKS
from .rules.reliability import INTERNAL_ERROR
from .schema import Vocabularies
from .site import stage as site_stage
from .site.outline import PageOutline
from .site.pages import JudgedPage, Pages

if TYPE_CHECKING:
    from .fix import FixResult, fix_file, run_fixes


class Outcome(NamedTuple):
    """What checking one file gives: its diagnostics, its index entry and its suppression
    comments (which the repository-wide findings are judged against; its decided findings
    are in the diagnostics and not kept twice), and for a page of the site its outline made
    from the tokens the check parsed, with its links judged where the site allows (the link
    stage then reads and tokenizes no checked page again). The run keeps one per file until
    the end: it holds no more than the later stages read."""

    diagnostics: list[Diagnostic]
    entry: Entry
    decided: decide.Decided
    page: PageOutline | JudgedPage | None = None


def check(
    paths: Sequence[str | os.PathLike[str]],
    *,
    profile: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    lang: str = "en",
    config: Config | None = None,
    jobs: int | None = 1,
) -> list[Diagnostic]:
    """Check files and folders; returns the diagnostics sorted by path and position.

    Raises UsageError for a path that does not exist or an unknown rule or profile.
    """
    options = Options(profile, tuple(select), tuple(ignore), lang, config, jobs)
    return run_check(paths, options).diagnostics


def run_check(paths: Sequence[str | os.PathLike[str]], options: Options) -> Result:
    codes = options.enabled()
    check_profile_name(options.profile)
    config = options.config
    everything = index.walk(config, cache=options.cache) if config and config.include else []
    files, unmatched = select(paths, config, None if paths else [f.target for f in everything])
    vocabularies = labels.vocabularies(config.labels) if config else ()
    root = config.root if config else None
    selected = bool(options.select or (config.select if config else ()))
    pages = site_stage.pages(
        paths, codes, root=root, selected=selected, use_cache=options.cache, files=len(files)
    )
    work = partial(
        check_file, options=options, vocabularies=vocabularies, enabled=codes, pages=pages
    )
    outcomes = list(parallel.map_files(work, files, options.jobs))
    repo = RepoIndex()
    for outcome in outcomes:
        repo.add(outcome.entry)
    with cache.one_run():  # the repository index and the site index stat each file once
        if everything and config is not None:
            index.add_rest(
                repo, everything, options.profile, config, cache=options.cache, jobs=options.jobs
            )
        site = site_stage.run(
            paths,
            files,
            codes,
            root=root,
            use_cache=options.cache,
            selected=selected,
            outlines=[outcome.page for outcome in outcomes if outcome.page is not None],
            pages=pages,
            keys={
                path: outcome.entry.key for (path, _), outcome in zip(files, outcomes, strict=True)
            },
        )
    diagnostics = [d for outcome in outcomes for d in outcome.diagnostics]
    wanted = [reg.check for reg in REPO_CHECKS if reg.wanted(codes)]
    reported = codes | {INTERNAL_ERROR}
    for _, entry, decided, _page in outcomes:
        found = guard.repo_findings(wanted, repo, entry)
        linked = site.by_key.get(entry.key)
        if linked:  # per-file-ignores apply to them (and only then is the key a Path)
            ignored = decide.per_file_ignores(Path(entry.key), config)
            found += [f for f in linked if f.code not in ignored]
        if not found and not decided.directives:
            continue  # nothing to report, no suppression that could go unused
        kept = decide.repository_findings(found, decided, reported)
        diagnostics.extend(to_diagnostic(entry.display, f, options.lang) for f in kept)
    for path, display, found in site.others:
        kept = decide.other_file_findings(path, display, found, config)
        diagnostics.extend(to_diagnostic(display, f, options.lang) for f in kept)
    diagnostics.sort(key=Diagnostic.sort_key)
    displays = [display for _, display in files]
    # pages the link stage judged besides the files named (index.md, pages linking to them)
    displays += [display for _, display, _ in site.others if display not in displays]
    return Result(diagnostics, displays, lang=options.lang, unmatched=unmatched)


def _check_failed(
    exc: BaseException, path: Path, display: str, options: Options, *args: Any, **kwargs: Any
) -> Outcome:
    """`check_file`'s outcome for a file whose check raised: the internal error, and an entry
    that says no more than that the file exists."""
    diagnostic = guard.diagnostic(display, guard.internal_error(exc), options.lang)
    return Outcome(
        [diagnostic], guard.bare_entry(path, display), decide.Decided([], (), frozenset())
    )


@guard.per_file(_check_failed)
def check_file(
    path: Path,
    display: str,
    options: Options,
    vocabularies: Vocabularies = (),
    enabled: frozenset[str] | None = None,
    pages: Pages | None = None,
) -> Outcome:
    """Every per-file finding of one file, and its entry for the repository-wide rules; with
    `pages` (the link stage will run), the outline of a page of the site."""
    codes = options.enabled() if enabled is None else enabled
    before = cache.stamp(path) if pages is not None else None  # a change while reading shows later
    doc = load(path, display, max_file_size(options.config))
    profile = choose_profile(doc, options.profile, options.config)
    decided = decide.file_findings(
        doc, checks.run(doc, profile, vocabularies, codes), options.config, codes
    )
    diagnostics = [to_diagnostic(display, f, options.lang) for f in decided.findings]
    page = pages.judge(path, before, doc, codes) if pages is not None else None
    kept = decide.Decided([], decided.directives, decided.used) if decided.directives else _NONE
    return Outcome(diagnostics, entry_for(doc, profile), kept, page)


#: the suppressions of a file that has none (most files): one object for all of them
_NONE = decide.Decided([], (), frozenset())


def __getattr__(name: str) -> Any:
    """fix.py's names, re-exported here, imported when first asked for: a check does not fix
    (and the pre-commit call does not pay for importing the fixers and the writer)."""
    if name in ("FixResult", "fix_file", "run_fixes"):
        from . import fix

        return getattr(fix, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FixResult",
    "Options",
    "Outcome",
    "Result",
    "check",
    "check_file",
    "fix_file",
    "run_check",
    "run_fixes",
]
