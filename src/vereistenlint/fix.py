"""--fix: apply the fixes that checks attach to their findings, in rounds, over the same stages
as a check (discover, load, choose a profile, run the checks, decide), and write the results.

A fix never loses data:
- the edits of a round are applied by `edits.apply_round`: no overlaps, the file's own line
  ending (none at all when mixed), front-matter edits proved by a re-parse;
- rounds repeat until nothing is left to fix, and a round that does not leave fewer
  findings is undone; a file whose front matter does not parse is left alone;
- the result replaces the file only if the file is still what was read, through symbolic
  links, atomically, with its encoding, BOM and mode (`write.replace`).
What is not applied or not written is said, as a `Note`, in the fix summary.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import checks, decide, guard, index, labels, parallel
from .choose import choose_profile
from .config import max_file_size
from .discover import repo_files, select_files
from .document import Document, ProblemKind
from .edits import Note, Round, apply, apply_round, encode, newline_style
from .findings import Finding, Fix
from .index import index_file
from .load import load_bytes
from .options import Options
from .repo import RepoIndex, entry_for
from .rules import REPO_CHECKS
from .schema import Vocabularies
from .site import stage as site_stage
from .write import VANISHED, Skipped, Stamp, read_stamped, replace

MAX_ROUNDS = 10
#: what the rounds call to apply fixes (a test observes each round through it)
apply_fixes = apply_round


@dataclass(frozen=True)
class FixResult:
    path: Path
    display: str
    original: bytes
    fixed: bytes  # equal to original when nothing changed
    applied: int
    #: fixes that were not applied, and why
    notes: tuple[Note, ...] = ()
    #: the file as it was read, to be sure it still is when the result is written
    stamp: Stamp | None = field(default=None, compare=False)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def run_fixes(
    paths: Sequence[str | os.PathLike[str]],
    options: Options,
    *,
    unsafe: bool = False,
    with_notes: bool = False,
) -> list[FixResult]:
    """The fixed content of every file that fixes would change (and, `with_notes`, of every
    file with fixes that were not applied, see `FixResult.notes`); nothing is written here."""
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
    results = parallel.map_files(work, files, options.jobs)
    return [r for r in results if r.changed or (with_notes and r.notes)]


def _unchanged(
    exc: BaseException, path: Path, display: str, *args: Any, **kwargs: Any
) -> FixResult:
    """`fix_file`'s result for a file whose fixing raised: it is left as it is, and the check
    that follows --fix reports the error (internal-error)."""
    return FixResult(path, display, b"", b"", 0)


@guard.per_file(_unchanged)
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
        raw, stamp = read_stamped(path)
    except FileNotFoundError:  # gone between finding the files and reading this one
        return FixResult(path, display, b"", b"", 0, (Note(0, "", VANISHED),))
    except OSError:  # the check reports why it cannot be read
        return FixResult(path, display, b"", b"", 0)
    if len(raw) > max_file_size(options.config):  # not parsed: file-too-large says so
        return FixResult(path, display, raw, raw, 0, stamp=stamp)
    doc = load_bytes(path, display, raw)
    if not fixable(doc):
        return FixResult(path, display, raw, raw, 0, stamp=stamp)

    def findings(doc: Document) -> list[Finding] | None:
        # the link rules' fixes are all unsafe: the site is consulted only for --unsafe-fixes
        links = site_stage.page_findings(doc, codes) if unsafe else []
        profile = choose_profile(doc, options.profile, options.config)
        if profile is None:
            return links or None
        raw_found = checks.run(doc, profile, vocabularies, codes)
        decided = decide.file_findings(doc, raw_found, options.config, codes)
        if repo is None:
            return decided.findings + links
        # judged against the repository: a reference to a renamed file has an unsafe fix
        entry = entry_for(doc, profile)
        repo_found = [f for reg in REPO_CHECKS if reg.wanted(codes) for f in reg.check(repo, entry)]
        return decided.findings + decide.repository_findings(repo_found, decided, codes) + links

    original = text = doc.text
    applied = 0
    notes: tuple[Note, ...] = ()
    found = findings(doc)
    for _ in range(MAX_ROUNDS):
        fixes = chosen_fixes(found or [], unsafe)
        if found is None or not fixes:
            break
        done: Round = apply_fixes(doc, text, fixes, found)
        notes = done.notes
        new_doc = reload(doc, done.text)
        if done.applied == 0 or done.text == text or not fixable(new_doc):
            break
        remaining = findings(new_doc)
        if len(remaining or []) >= len(found):
            break  # a round must leave fewer findings; one that does not is undone
        text, doc, found, applied = done.text, new_doc, remaining, applied + done.applied
    if text == original:
        return FixResult(path, display, raw, raw, 0, notes, stamp)
    fixed = encode(text, raw.startswith(codecs.BOM_UTF8))
    return FixResult(path, display, raw, fixed, applied, notes, stamp)


def write_back(result: FixResult) -> Note | None:
    """Replace the file with its fixed content; a Note when it was not written."""
    if result.stamp is None or not result.changed:
        return None
    skipped: Skipped | None = replace(result.path, result.fixed, result.stamp)
    if skipped is None:
        return None
    return Note(0, "", skipped.reason, skipped.detail, skipped.failed)


def fixable(doc: Document) -> bool:
    """Only files that were read and whose front matter, if any, parsed may be written."""
    fm = doc.front_matter
    return (
        doc.readable
        and (fm is None or fm.parsed is not None)
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
    "Note",
    "Round",
    "apply",
    "apply_round",
    "chosen_fixes",
    "fix_file",
    "fixable",
    "newline_style",
    "reload",
    "run_fixes",
    "unified_diff",
    "write_back",
]
