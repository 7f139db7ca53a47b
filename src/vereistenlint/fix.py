"""--fix: apply the fixes that checks attach to their findings, in rounds, over the same stages
as a check (discover, load, choose a profile, run the checks, decide).

A fix never loses data: edits of one round do not overlap (an overlapping fix waits for the
next round, after the file is parsed again), rounds repeat until nothing is left to fix, a
round that does not leave fewer findings is undone, a file whose front matter does not
parse is left alone, and the result is written to a temporary file that then replaces the
original, with its encoding, BOM, line endings and mode kept (`edits.write_atomically`).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import checks, decide, index, labels, parallel
from .choose import choose_profile
from .discover import repo_files, select_files
from .document import Document, ProblemKind
from .edits import apply, encode, write_atomically
from .files import read_bytes
from .findings import Finding, Fix
from .index import index_file
from .load import load_bytes
from .options import Options
from .repo import RepoIndex, entry_for
from .rules import REPO_CHECKS
from .rules.base import Vocabularies

MAX_ROUNDS = 10
#: what the rounds call to apply fixes (a test observes each round through it)
apply_fixes = apply


@dataclass(frozen=True)
class FixResult:
    path: Path
    display: str
    original: bytes
    fixed: bytes  # equal to original when nothing changed
    applied: int

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def run_fixes(
    paths: Sequence[str | os.PathLike[str]], options: Options, *, unsafe: bool = False
) -> list[FixResult]:
    """The fixed content of every file that fixes would change (nothing is written here)."""
    config = options.config
    everything = repo_files(config) if unsafe and config is not None and config.include else []
    files = select_files(paths, config, everything or None)
    vocabularies = labels.vocabularies(config.labels) if config else ()
    repo = None
    if unsafe:  # only the repository-wide rules' fixes need the repository, and all are unsafe
        repo = RepoIndex()
        for entry in parallel.map_files(
            partial(index_file, forced=options.profile, config=config), files, options.jobs
        ):
            repo.add(entry)
        if config is not None and everything:
            index.add_rest(
                repo, everything, options.profile, config, cache=options.cache, jobs=options.jobs
            )
    work = partial(
        fix_file,
        options=options,
        vocabularies=vocabularies,
        enabled=options.enabled(),
        unsafe=unsafe,
        repo=repo,
    )
    return [r for r in parallel.map_files(work, files, options.jobs) if r.changed]


def fix_file(
    path: Path,
    display: str,
    options: Options,
    vocabularies: Vocabularies = (),
    enabled: frozenset[str] | None = None,
    unsafe: bool = False,
    repo: RepoIndex | None = None,
) -> FixResult:
    """Apply fixes to one file in memory, round after round until nothing is left to fix."""
    codes = options.enabled() if enabled is None else enabled
    try:
        raw = read_bytes(path)
    except OSError:
        return FixResult(path, display, b"", b"", 0)
    doc = load_bytes(path, display, raw)
    if not fixable(doc):
        return FixResult(path, display, raw, raw, 0)

    def findings(doc: Document) -> list[Finding] | None:
        profile = choose_profile(doc, options.profile, options.config)
        if profile is None:
            return None
        raw_found = checks.run(doc, profile, vocabularies, codes)
        decided = decide.file_findings(doc, raw_found, options.config, codes)
        if repo is None:
            return decided.findings
        # judged against the repository: a reference to a renamed file has an unsafe fix
        entry = entry_for(doc, profile)
        repo_found = [f for reg in REPO_CHECKS if reg.wanted(codes) for f in reg.check(repo, entry)]
        return decided.findings + decide.repository_findings(repo_found, decided, codes)

    original = text = doc.text
    applied = 0
    found = findings(doc)
    for _ in range(MAX_ROUNDS):
        fixes = chosen_fixes(found or [], unsafe)
        if found is None or not fixes:
            break
        new_text, count = apply_fixes(text, fixes)
        new_doc = reload(doc, new_text)
        if count == 0 or new_text == text or not fixable(new_doc):
            break
        remaining = findings(new_doc)
        if len(remaining or []) >= len(found):
            break  # a round must leave fewer findings; one that does not is undone
        text, doc, found, applied = new_text, new_doc, remaining, applied + count
    if text == original:
        return FixResult(path, display, raw, raw, 0)
    return FixResult(path, display, raw, encode(text, raw.startswith(codecs.BOM_UTF8)), applied)


def fixable(doc: Document) -> bool:
    """Only files that were read and whose front matter parsed may be written."""
    fm = doc.front_matter
    return (
        doc.readable
        and fm is not None
        and fm.parsed is not None
        and not any(p.kind is ProblemKind.YAML_SYNTAX for p in doc.problems)
    )


def chosen_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Fix]:
    fixes: list[Fix] = []
    for f in findings:
        if f.fix is not None and (f.fix.safe or unsafe) and f.fix not in fixes:
            fixes.append(f.fix)
    return fixes


def reload(doc: Document, text: str) -> Document:
    return load_bytes(doc.path, doc.display, text.encode("utf-8"))


def unified_diff(result: FixResult) -> str:
    """The change as a unified diff, decoded, with the file's display name."""
    import difflib

    before = result.original.decode("utf-8-sig").splitlines(keepends=True)
    after = result.fixed.decode("utf-8-sig").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"a/{result.display}", f"b/{result.display}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


__all__ = [
    "MAX_ROUNDS",
    "FixResult",
    "apply",
    "chosen_fixes",
    "fix_file",
    "fixable",
    "reload",
    "run_fixes",
    "unified_diff",
    "write_atomically",
]
