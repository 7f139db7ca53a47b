"""find files -> parse -> choose a profile -> run its checks -> repository-wide checks ->
select/ignore -> sort. Reading files is the only I/O."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from wcmatch import glob

from . import labels, messages, parallel, profiles
from .config import Config
from .diagnostics import Diagnostic
from .discover import SKIPPED_NAMES, discover, walk_markdown
from .document import Document
from .errors import UsageError
from .findings import Finding, finding, quote, term
from .fix import MAX_ROUNDS, FixResult, chosen_fixes, encode, fixable, reload
from .fix import apply as apply_fixes
from .load import load, load_bytes, read_bytes
from .profiles import Profile
from .repo import Entry, RepoIndex, entry_for, file_key
from .rules import BY_CODE, CHECKS, REPO_CHECKS, RULES, Context, Rule, lookup
from .rules.base import Vocabularies
from .rules.front_matter import NO_PROFILE
from .rules.suppression import UNUSED_SUPPRESSION
from .schema import INVALID_TYPE
from .site import stage as site_stage
from .suppress import Directive, directives, suppress, unused

GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB


def _matches(path: str, *patterns: str) -> bool:
    return _matcher(patterns).match(path)


@cache
def _matcher(patterns: tuple[str, ...]) -> glob.WcMatcher[str]:
    """Globs compiled once per run, not once per file."""
    return glob.compile(list(patterns), flags=GLOB_FLAGS)


@dataclass(frozen=True)
class Options:
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "en"
    config: Config | None = None
    #: worker processes; None: one per CPU. Output is the same for any number.
    jobs: int | None = 1
    #: keep the repository index in .vereistenlint_cache/ beside the configuration
    cache: bool = False

    def enabled(self) -> frozenset[str]:
        select = self.select or (self.config.select if self.config else ())
        ignore = self.ignore + (self.config.ignore if self.config else ())
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
            raise UsageError(f"{option}: unknown rule '{sel}' (see 'vereistenlint rules')")
        codes |= prefixed
    return codes


@dataclass(frozen=True)
class Result:
    """What one run found, and which files it looked at (display paths, in order)."""

    diagnostics: list[Diagnostic]
    files: list[str]
    #: problems fixed by --fix before this check ran
    fixed: int = 0
    #: the language of the messages, for the reporters' own words
    lang: str = "en"


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
    enabled = options.enabled()
    if options.profile is not None and options.profile not in profiles.all_profiles():
        known = ", ".join(profiles.all_profiles())
        raise UsageError(f"unknown profile '{options.profile}'; known profiles: {known}")
    config = options.config
    everything = repo_files(config) if config is not None and config.include else []
    files = select_files(paths, config, everything)
    vocabularies = labels.vocabularies(config.labels) if config else ()
    diagnostics: list[Diagnostic] = []
    repo = RepoIndex()
    checked: list[Entry] = []
    work = partial(check_file, options=options, vocabularies=vocabularies, enabled=enabled)
    for file_diagnostics, entry in parallel.map_files(work, files, options.jobs):
        diagnostics.extend(file_diagnostics)
        repo.add(entry)
        checked.append(entry)
    if everything and config is not None:
        _index_rest(
            repo,
            [(p, d) for p, d in everything if file_key(p) not in repo.entries],
            options,
            config,
        )
    site_found = site_stage.run(
        paths,
        files,
        enabled,
        root=config.root if config else None,
        use_cache=options.cache,
        selected=bool(options.select or (config.select if config else ())),
    )
    for entry in checked:
        repo_found = [f for fn in REPO_CHECKS for f in fn(repo, entry) if f.code in enabled]
        ignored = per_file_ignores(Path(entry.key), config)
        repo_found += [f for f in site_found.by_key.get(entry.key, ()) if f.code not in ignored]
        kept, used = suppress(repo_found, entry.directives)
        if UNUSED_SUPPRESSION in enabled:
            kept += unused(entry.directives, used | entry.used)
        diagnostics.extend(to_diagnostic(entry.display, f, options.lang) for f in kept)
    for path, display, found in site_found.others:
        diagnostics.extend(
            to_diagnostic(display, f, options.lang) for f in _decided(path, display, found, config)
        )
    diagnostics.sort(key=Diagnostic.sort_key)
    return Result(diagnostics, [display for _, display in files], lang=options.lang)


def _decided(
    path: Path, display: str, found: list[Finding], config: Config | None
) -> list[Finding]:
    """Findings in a file that was not checked itself (a page linking to a changed one,
    mkdocs.yml): its per-file-ignores and suppression comments still apply."""
    ignored = per_file_ignores(path, config)
    found = [f for f in found if f.code not in ignored]
    if path.suffix != ".md" or not found:
        return found
    doc = load(path, display)
    return suppress(found, directives(doc)[0] if doc.readable else ())[0]


def check_file(
    path: Path,
    display: str,
    options: Options,
    vocabularies: Vocabularies = (),
    enabled: frozenset[str] | None = None,
) -> tuple[list[Diagnostic], Entry]:
    """Every per-file finding of one file, and its entry for the repository-wide rules."""
    doc = load(path, display)
    enabled = options.enabled() if enabled is None else enabled
    profile = choose_profile(doc, options)
    found, found_directives, used = evaluate(doc, profile, options, vocabularies, enabled)
    diagnostics = [to_diagnostic(display, f, options.lang) for f in found]
    return diagnostics, entry_for(doc, profile, found_directives, frozenset(used))


def evaluate(
    doc: Document,
    profile: Profile | None,
    options: Options,
    vocabularies: Vocabularies,
    enabled: frozenset[str],
) -> tuple[list[Finding], tuple[Directive, ...], set[int]]:
    """The findings of one file that survive select/ignore, per-file-ignores and suppressions."""
    raw = unrecognised(doc) if profile is None else run(doc, Context(profile, vocabularies))
    ignored = per_file_ignores(doc.path, options.config)
    found_directives, problems = directives(doc) if doc.readable else ((), [])
    kept, used = suppress(
        (f for f in [*raw, *problems] if f.code in enabled and f.code not in ignored),
        found_directives,
    )
    return kept, found_directives, used


def per_file_ignores(path: Path, config: Config | None) -> frozenset[str]:
    if config is None or not config.per_file_ignores:
        return frozenset()
    rel = relative_to_root(path, config)
    if rel is None:
        return frozenset()
    codes: set[str] = set()
    for pattern, selectors in config.per_file_ignores:
        if _matches(rel, pattern):
            codes |= _resolve(selectors, "per-file-ignores")
    return frozenset(codes)


def fix_file(
    path: Path,
    display: str,
    options: Options,
    vocabularies: Vocabularies = (),
    enabled: frozenset[str] | None = None,
    unsafe: bool = False,
) -> FixResult:
    """Apply fixes to one file in memory, round after round until nothing is left to fix."""
    enabled = options.enabled() if enabled is None else enabled
    try:
        raw = read_bytes(path)
    except OSError:
        return FixResult(path, display, b"", b"", 0)
    doc = load_bytes(Document(path=path, display=display), raw)
    if not fixable(doc):
        return FixResult(path, display, raw, raw, 0)
    original = text = doc.text
    applied = 0
    profile = choose_profile(doc, options)
    found = evaluate(doc, profile, options, vocabularies, enabled)[0] if profile else []
    found += site_stage.page_findings(doc, enabled) if unsafe else []
    for _ in range(MAX_ROUNDS):
        fixes = chosen_fixes(found, unsafe)
        if not fixes:
            break
        new_text, count = apply_fixes(text, fixes)
        new_doc = reload(doc, new_text)
        if count == 0 or new_text == text or not fixable(new_doc):
            break
        profile = choose_profile(new_doc, options)
        remaining = evaluate(new_doc, profile, options, vocabularies, enabled)[0] if profile else []
        remaining += site_stage.page_findings(new_doc, enabled) if unsafe else []
        if len(remaining) >= len(found):
            break  # a round must leave fewer findings; one that does not is undone
        text, doc, found, applied = new_text, new_doc, remaining, applied + count
    if text == original:
        return FixResult(path, display, raw, raw, 0)
    return FixResult(path, display, raw, encode(text, raw.startswith(codecs.BOM_UTF8)), applied)


def run_fixes(
    paths: Sequence[str | os.PathLike[str]], options: Options, *, unsafe: bool = False
) -> list[FixResult]:
    """The fixed content of every file that fixes would change (nothing is written here)."""
    config = options.config
    files = select_files(paths, config)
    vocabularies = labels.vocabularies(config.labels) if config else ()
    work = partial(
        fix_file,
        options=options,
        vocabularies=vocabularies,
        enabled=options.enabled(),
        unsafe=unsafe,
    )
    return [r for r in parallel.map_files(work, files, options.jobs) if r.changed]


def _index_rest(
    repo: RepoIndex, rest: list[tuple[Path, str]], options: Options, config: Config
) -> None:
    """Entries for the repository's files that are not being checked, from the cache where it
    still holds for the file, else read (and remembered) anew."""
    store = None
    if options.cache:
        from .cache import IndexCache

        store = IndexCache(config.root, _index_fingerprint(options, config))
    missing = []
    for path, display in rest:
        cached = store.get(path, display) if store is not None else None
        if cached is not None:
            repo.add(cached)
        else:
            missing.append((path, display))
    work = partial(index_file, options=options)
    for (path, _), entry in zip(
        missing, parallel.map_files(work, missing, options.jobs), strict=True
    ):
        repo.add(entry)
        if store is not None:
            store.put(path, entry)
    if store is not None:
        store.save()


def _index_fingerprint(options: Options, config: Config) -> str:
    """What an entry depends on besides the file itself: how profiles are chosen."""
    return repr((options.profile, config.profiles))


def index_file(path: Path, display: str, options: Options) -> Entry:
    """Only what the repository-wide rules need from a file that is not being checked."""
    doc = load(path, display)
    return entry_for(doc, choose_profile(doc, options))


def choose_profile(doc: Document, options: Options) -> Profile | None:
    """--profile first, then the configuration's globs, then what the front matter looks like."""
    if options.profile is not None:
        return profiles.get(options.profile)
    config = options.config
    if config is not None and config.profiles:
        rel = relative_to_root(doc.path, config)
        if rel is not None:
            for pattern, name in config.profiles:
                if _matches(rel, pattern):
                    return profiles.get(name)
    return profiles.recognise(doc.data)


def unrecognised(doc: Document) -> list[Finding]:
    """One finding for a file no profile fits: why it cannot be read, or that it fits nothing."""
    if doc.parse_findings:
        return list(doc.parse_findings)
    fm = doc.front_matter
    line = fm.first_line if fm is not None else 1
    data = doc.data
    if fm is not None and fm.parsed is not None and not isinstance(data, dict):
        line, col = doc.node_position(fm.parsed.root)
        kind = (
            term("type.list")
            if isinstance(data, list)
            else f"{term('type.single_value')} {quote(data)}"
        )
        return [
            finding(
                INVALID_TYPE,
                line,
                col,
                "schema.type",
                where=term("where.front_matter"),
                expected=term("type.object"),
                found=kind,
            )
        ]
    return [finding(NO_PROFILE, line, 1, "profile.none", profiles=list(profiles.all_profiles()))]


def run(doc: Document, ctx: Context) -> list[Finding]:
    if not doc.readable:
        return list(doc.parse_findings)
    found: list[Finding] = []
    for check_fn in CHECKS:
        found.extend(check_fn(doc, ctx))
    return found


def to_diagnostic(display: str, f: Finding, lang: str) -> Diagnostic:
    rule: Rule = BY_CODE[f.code]
    fix = None if f.fix is None else ("safe" if f.fix.safe else "unsafe")
    return Diagnostic(
        display, f.line, f.column, f.code, rule.name, rule.severity, messages.render(f, lang), fix
    )


# -- which files ---------------------------------------------------------------------------


def select_files(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | None,
    everything: list[tuple[Path, str]] | None = None,
) -> list[tuple[Path, str]]:
    if not paths:
        if config is None or not config.include:
            raise UsageError(
                "no paths given, and no configuration with 'include' was found "
                "(vereistenlint.toml, .vereistenlint.toml or [tool.vereistenlint] in pyproject.toml)"
            )
        return everything if everything is not None else repo_files(config)
    files = discover(paths)
    if config is None:
        return files
    return [(p, d) for p, d in files if included(p, config)]


def repo_files(config: Config) -> list[tuple[Path, str]]:
    """Every file of the repository: what the configuration includes and does not exclude."""
    found = []
    for path in walk_markdown(config.root):
        if path.name not in SKIPPED_NAMES and included(path, config):
            found.append((path, _display(path)))
    return found


def included(path: Path, config: Config) -> bool:
    rel = relative_to_root(path, config)
    if rel is None:
        return True  # outside the configured repository: named explicitly, so checked
    if config.include and not _matches(rel, *config.include):
        return False
    return not (config.exclude and _matches(rel, *config.exclude))


def relative_to_root(path: Path, config: Config) -> str | None:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(config.root)).as_posix()
    except ValueError:
        return None


def _display(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


__all__ = [
    "Options",
    "Result",
    "check",
    "check_file",
    "choose_profile",
    "fix_file",
    "run",
    "run_check",
    "run_fixes",
]
