"""Check and fix a text held in memory (an editor's unsaved buffer) as if it were the file.

The command reads files; an editor holds text that differs from what is on disk. This is the
library face of the engine for that case: the same stages (load, choose a profile, checks,
select/ignore and suppressions, repository-wide rules, fix rounds), fed a string instead of a
path, and returning the findings themselves, with their fixes and with a range each, so a
language server can offer the fixes and underline the right characters.

Positions here are 0-based lines and 0-based code-point columns into `Document.lines`; the
language server converts them to the client's units (UTF-16 by default).

This module is the one place outside the command that depends on the engine's stages
(load, choose, checks, decide, fix).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import checks, decide, guard, messages, profiles
from .choose import choose_profile
from .config import Config, max_file_size
from .discover import SKIPPED_NAMES, file_key, included, relative_to_root, repo_files, walk_markdown
from .document import Document, Problem, ProblemKind
from .edits import apply_round
from .files import split_lines
from .findings import Edit, Finding, Fix
from .fix import MAX_ROUNDS, chosen_fixes, fixable, reload
from .index import add_rest
from .index import index_file as _index_file
from .load import load_bytes
from .options import Options
from .paths import relative_to
from .profiles import Profile
from .repo import Entry, RepoIndex, entry_for
from .rules import BY_CODE, REPO_CHECKS, Rule
from .rules.reading import DUPLICATE_KEY, UNREADABLE, YAML_SYNTAX
from .rules.reliability import FILE_TOO_LARGE, INTERNAL_ERROR
from .rules.suppression import UNUSED_SUPPRESSION
from .schema import Vocabularies

#: (0-based line, 0-based column in code points)
Point = tuple[int, int]
_BOM = "\ufeff"


class Located(NamedTuple):
    """A finding with the range it covers in the text and its message in one language."""

    finding: Finding
    rule: Rule
    message: str
    start: Point
    end: Point

    @property
    def fix(self) -> Fix | None:
        return self.finding.fix


class Checked(NamedTuple):
    """What a check of one text found, and what the repository index needs from it."""

    doc: Document
    profile: Profile | None
    findings: tuple[Located, ...]
    entry: Entry


# -- which texts are checked -----------------------------------------------------------------


def served(path: Path, config: Config | None, root: Path) -> bool:
    """Whether a Markdown file is content the command would check when it checks `root`.

    With a configuration: what its include/exclude select. Without one: every Markdown file
    under `root` but the folders' overview pages (as `vereistenlint check ROOT` does); the
    caller still leaves alone a file that no profile recognises (see `visible`).
    """
    if path.suffix != ".md" or path.name in SKIPPED_NAMES or relative_to(path, root) is None:
        return False
    if config is not None and config.include:
        return included(path, config) and relative_to_root(path, config) is not None
    return True


#: what is said about a page that is not content: that it cannot be read or parsed at all
EVERY_PAGE = frozenset({UNREADABLE, YAML_SYNTAX, DUPLICATE_KEY, FILE_TOO_LARGE, INTERNAL_ERROR})


def visible(checked: Checked, config: Config | None) -> tuple[Located, ...]:
    """The findings an editor is shown for the text.

    Content (a profile fits, or the configuration names the file) gets every finding. Without
    a configuration, a file no profile fits is an ordinary page (a README, a notes page): it
    is not told 'no profile' or 'no front matter', only what breaks any page, a text that
    cannot be read or front matter that does not parse.
    """
    if checked.profile is not None or (config is not None and config.include):
        return checked.findings
    return tuple(x for x in checked.findings if x.finding.code in EVERY_PAGE)


def repository_files(config: Config | None, root: Path) -> list[Path]:
    """Every file the repository-wide rules judge against, as `check` with no paths sees them."""
    if config is not None and config.include:
        return [p for p, _ in repo_files(config)]
    return [p for p in walk_markdown(root) if p.name not in SKIPPED_NAMES]


def index_file(path: Path, display: str, options: Options) -> Entry:
    """The repository index's entry for a file on disk (not open in the editor)."""
    return _index_file(path, display, options.profile, options.config)


# -- checking --------------------------------------------------------------------------------


def _check_failed(
    exc: BaseException, path: Path, display: str, text: str, options: Options, *args: Any, **kw: Any
) -> Checked:
    """`check_text`'s result when a check raised: the internal error, as `check` reports it."""
    doc = Document(path, display, readable=False)
    f = guard.internal_error(exc)
    located = Located(f, BY_CODE[f.code], messages.render(f, options.lang), (0, 0), (0, 0))
    return Checked(doc, None, (located,), guard.bare_entry(path, display))


@guard.per_file(_check_failed)
def check_text(
    path: Path,
    display: str,
    text: str,
    options: Options,
    vocabularies: Vocabularies = (),
    repo: RepoIndex | None = None,
) -> Checked:
    """Every finding of `text` as the file at `path`, sorted by position.

    With `repo`, the repository-wide rules judge the text against it; the index should hold
    this text's own entry (`Checked.entry` of an earlier call, or of `entry_of`), not the
    file on disk, or an unsaved id change would be compared with the saved one.
    """
    codes = options.enabled()
    shift = 1 if text.startswith(_BOM) else 0
    doc = _load(path, display, text, max_file_size(options.config))
    profile = choose_profile(doc, options.profile, options.config)
    raw = checks.run(doc, profile, vocabularies, codes)
    decided = decide.file_findings(doc, raw, options.config, codes)
    entry = entry_for(doc, profile)
    if repo is None:  # judged against itself alone, as `check FILE` without a repository
        repo = RepoIndex()
        repo.add(entry)
    repo_found = [f for reg in REPO_CHECKS if reg.wanted(codes) for f in reg.check(repo, entry)]
    found = [*decided.findings, *decide.repository_findings(repo_found, decided, codes)]
    # an unreadable text has no lines in its Document; positions are still in the text
    lines = doc.lines or split_lines(bom_stripped(text))
    located = [_locate(doc, lines, f, options.lang, shift) for f in found]
    located.sort(key=lambda x: (x.start, x.finding.code, x.message))
    return Checked(doc, profile, tuple(located), entry)


def entry_of(path: Path, display: str, text: str, options: Options) -> Entry:
    """Only the index entry of a text (its id, references, stem), without running the checks."""
    doc = _load(path, display, text)
    return entry_for(doc, choose_profile(doc, options.profile, options.config))


def _load(path: Path, display: str, text: str, max_size: int | None = None) -> Document:
    # an editor may hand over lone surrogates (JSON allows them): they become an encoding
    # finding, as the same bytes on disk would, not an exception
    raw = text.encode("utf-8", "surrogatepass")
    if max_size is not None and len(raw) > max_size:  # as `load` refuses such a file
        args = (("size", len(raw)), ("limit", max_size))
        problem = Problem(ProblemKind.TOO_LARGE, 1, 1, "read.too_large", args)
        return Document(path, display, problems=(problem,), readable=False)
    return load_bytes(path, display, raw)


def _locate(doc: Document, lines: list[str], f: Finding, lang: str, shift: int) -> Located:
    start, end = span(doc, f, lines)
    if shift:
        start, end = _shifted(start, shift), _shifted(end, shift)
    return Located(f, BY_CODE[f.code], messages.render(f, lang), start, end)


def _shifted(point: Point, shift: int) -> Point:
    return (point[0], point[1] + shift) if point[0] == 0 else point


def span(doc: Document, f: Finding, lines: list[str] | None = None) -> tuple[Point, Point]:
    """The characters a finding is about: the YAML node that starts where it points, else
    the text its fix replaces, else a heading's text or the word at the position."""
    lines = (lines if lines is not None else doc.lines) or [""]
    line = min(max(f.line - 1, 0), len(lines) - 1)
    text = lines[line]
    col = min(max(f.column - 1, 0), len(text))
    start = (line, col)
    node_end = _node_ends(doc).get(start)
    if node_end is not None:
        return start, node_end
    if f.fix is not None:
        for e in f.fix.edits:
            if (e.line, e.column) == start and (e.end_line, e.end_column) > start:
                return start, (e.end_line, e.end_column)
    rest = text[col:]
    in_body = doc.front_matter is None or line > doc.front_matter.close_line
    if in_body and text.lstrip().startswith("#"):
        return start, (line, len(text.rstrip()))
    word = re.match(r"\S+", rest) or re.match(r"\s+", rest)
    return start, (line, col + (word.end() if word else 0))


def _node_ends(doc: Document) -> Mapping[Point, Point]:
    """Where each front-matter key and scalar ends, by where it starts (one-line nodes only)."""
    fm = doc.front_matter
    if fm is None or fm.parsed is None:
        return {}
    offset = fm.open_line + 1
    ends: dict[Point, Point] = {}
    for located in fm.parsed.index.values():
        for node in (located.key, located.value):
            if node is None or not isinstance(node, yaml.ScalarNode):
                continue
            a, b = node.start_mark, node.end_mark
            if a.line == b.line and b.column > a.column:
                ends[(a.line + offset, a.column)] = (b.line + offset, b.column)
    return ends


# -- fixing ----------------------------------------------------------------------------------


def fix_text(
    path: Path,
    display: str,
    text: str,
    options: Options,
    vocabularies: Vocabularies = (),
    *,
    unsafe: bool = False,
    only: Iterable[Fix] | None = None,
) -> tuple[str, int]:
    """The text with fixes applied, and how many were: every safe one (and the unsafe ones
    with `unsafe`) in rounds as `check --fix` applies them, or exactly the fixes in `only`.

    A text whose front matter does not parse is returned unchanged, as `--fix` leaves such a
    file alone; so is one that a round would leave with no fewer findings.
    """
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom) :]
    doc = _load(path, display, body, max_file_size(options.config))
    if not fixable(doc):
        return text, 0
    if only is not None:
        done = apply_round(doc, body, list(only))
        return (bom + done.text, done.applied) if done.applied else (text, 0)
    codes = options.enabled()

    def findings(doc: Document) -> list[Finding] | None:
        profile = choose_profile(doc, options.profile, options.config)
        if profile is None:
            return None
        raw = checks.run(doc, profile, vocabularies, codes)
        return decide.file_findings(doc, raw, options.config, codes).findings

    found = findings(doc)
    applied = 0
    for _ in range(MAX_ROUNDS):
        fixes = chosen_fixes(found or [], unsafe)
        if found is None or not fixes:
            break
        done = apply_round(doc, body, fixes, found)
        new_body, count = done.text, done.applied
        new_doc = reload(doc, new_body)
        if count == 0 or new_body == body or not fixable(new_doc):
            break
        remaining = findings(new_doc)
        if len(remaining or []) >= len(found):
            break
        body, doc, found, applied = new_body, new_doc, remaining, applied + count
    return bom + body, applied


# -- suppressing -----------------------------------------------------------------------------

_BODY_DIRECTIVE = re.compile(r"<!--\s*vereistenlint-disable-next-line\b(?P<codes>[^>]*?)\s*-->")
_FRONT_DIRECTIVE = re.compile(r"#\s*vereistenlint:\s*ignore\[(?P<codes>[^\]]*)\]")


def suppression_edit(doc: Document, located: Located) -> Edit | None:
    """The edit that writes a suppression comment for this finding's rule on its line, or
    None where a comment cannot be written without changing what the file means.

    Front matter: ``# vereistenlint: ignore[CODE]`` at the end of the line (added to the one
    already there). Body: ``<!-- vereistenlint-disable-next-line CODE -->`` on the line
    above, where a new line breaks no paragraph, list or table (else on the end of the line
    above, inside the same paragraph, where it is invisible).
    """
    code = located.finding.code
    if code == UNUSED_SUPPRESSION:
        return None
    line = located.start[0]
    if line >= len(doc.lines):
        return None
    fm = doc.front_matter
    if fm is not None and fm.open_line < line < fm.close_line:
        return _front_matter_edit(doc, line, code)
    if fm is not None and line <= fm.close_line:
        return None  # on a '---' line: a comment there would end or move the front matter
    if doc.front_matter is None and not doc.readable:
        return None
    return _body_edit(doc, line, code)


def _front_matter_edit(doc: Document, line: int, code: str) -> Edit | None:
    text = doc.lines[line]
    existing = _FRONT_DIRECTIVE.search(text)
    if existing is not None:
        codes = existing.group("codes").strip()
        new = f"{codes}, {code}" if codes else code
        return Edit(line, existing.start("codes"), line, existing.end("codes"), new)
    trimmed = len(text.rstrip())
    return Edit(line, trimmed, line, len(text), f"  # vereistenlint: ignore[{code}]")


def _body_edit(doc: Document, line: int, code: str) -> Edit | None:
    above = doc.lines[line - 1] if line > doc.body_start else ""
    existing = _BODY_DIRECTIVE.search(above) if line > doc.body_start else None
    if existing is not None:
        codes = existing.group("codes").strip()
        new = f" {codes}, {code}" if codes else ""
        if not codes:
            return None  # it already names every rule
        return Edit(line - 1, existing.start("codes"), line - 1, existing.end("codes"), new)
    text = doc.lines[line]
    indent = text[: len(text) - len(text.lstrip())]
    comment = f"<!-- vereistenlint-disable-next-line {code} -->"
    starts_block = not above.strip() or text.lstrip().startswith("#")
    if starts_block:
        return Edit(line, 0, line, 0, f"{indent}{comment}\n")
    if above.lstrip().startswith("|") or text.lstrip().startswith("|"):
        return None  # a comment between table rows ends the table
    return Edit(line - 1, len(above), line - 1, len(above), f" {comment}")


def suppressed_text(
    checked: Checked,
    located: Located,
    text: str,
    options: Options,
    vocabularies: Vocabularies = (),
    repo: RepoIndex | None = None,
) -> str | None:
    """The text with the suppression comment written, or None unless it is proven to work:
    the front matter keeps its data, nothing becomes unreadable, and a check of the new text
    has one finding fewer of the rule and no finding the old text did not have."""
    edit = suppression_edit(checked.doc, located)
    if edit is None:
        return None
    bom = _BOM if text.startswith(_BOM) else ""
    done = apply_round(checked.doc, text[len(bom) :], [Fix((edit,))])
    if done.applied != 1:
        return None
    before, after = checked.doc, reload(checked.doc, done.text)
    if after.data != before.data or len(after.problems) > len(before.problems):
        return None
    new = bom + done.text
    code = located.finding.code
    again = check_text(before.path, before.display, new, options, vocabularies, repo)
    old_codes = [x.finding.code for x in checked.findings]
    new_codes = [x.finding.code for x in again.findings]
    if new_codes.count(code) != old_codes.count(code) - 1:
        return None
    if any(new_codes.count(c) > old_codes.count(c) for c in set(new_codes)):
        return None
    return new


# -- completion ------------------------------------------------------------------------------


def label_vocabulary(
    profile: Profile, key: str, vocabularies: Vocabularies = ()
) -> list[str] | None:
    """The values a front-matter label list may hold: the repo's label folders when the
    configuration names them, else the schema's own list."""
    prop = profile.schema.get("properties", {}).get(key)
    if not isinstance(prop, dict):
        return None
    ref = prop.get("items", {}).get("$ref", "") if isinstance(prop.get("items"), dict) else ""
    name = ref.rpartition("/$defs/")[2] if "/$defs/" in ref else key
    for known, values in vocabularies:
        if known == name:
            return list(values)
    return profile.vocabulary(name)


def front_matter_keys(profile: Profile) -> list[str]:
    """The keys the profile's schema allows, in the schema's order."""
    return list(profile.schema.get("properties", {}))


def list_marker(profile: Profile) -> tuple[str, str, Mapping[str, str | None]] | None:
    """The measures-list marker of a profile: (marker, own filter, filters), if it has one."""
    spec = profile.maatregelen
    if spec is None:
        return None
    return spec.marker, spec.own, spec.filters


def stems_for(repo: RepoIndex, own: str) -> list[str]:
    """The stems a ``<marker> <own>/...`` filter may name: the files of every profile whose
    list marker uses the same filter name (the requirements, for ``vereiste/``)."""
    names = set()
    for name, profile in profiles.all_profiles().items():
        marker = list_marker(profile)
        if marker is not None and marker[1] == own:
            names.add(name)
    return sorted({stem for name in names for stem in repo.stems_by_profile.get(name, ())})


# -- the repository index, kept up to date ---------------------------------------------------


@dataclass
class LiveIndex:
    """Entries of every file of the repository, replaced one at a time as files change.

    The rules read a `RepoIndex`; it is rebuilt from the entries in memory (no file is read)
    when one changed, which costs a dictionary walk, not a reread of the repository.
    """

    entries: dict[str, Entry]
    _index: RepoIndex | None = None

    @classmethod
    def build(cls, files: Iterable[tuple[Path, str]], options: Options) -> LiveIndex:
        """Every file's entry; in a configured repository from the index cache where it
        still holds (as `check` keeps it), so that a large repository is not reread."""
        targets = list(files)
        config = options.config
        if config is not None and config.include and options.cache:
            repo = RepoIndex()
            add_rest(repo, targets, options.profile, config, cache=True, jobs=1)
            return cls(dict(repo.entries))
        entries = {}
        for path, display in targets:
            entry = index_file(path, display, options)
            entries[entry.key] = entry
        return cls(entries)

    def put(self, entry: Entry) -> bool:
        """Replace a file's entry; True when what other files are judged by changed."""
        old = self.entries.get(entry.key)
        self.entries[entry.key] = entry
        # any difference counts: which parts other files are judged by grows with the rules
        # (link targets next), and a recheck of the few open documents costs milliseconds
        changed = old != entry
        if changed:
            self._index = None
        return changed

    def remove(self, path: Path) -> bool:
        if self.entries.pop(file_key(path), None) is None:
            return False
        self._index = None
        return True

    @property
    def index(self) -> RepoIndex:
        if self._index is None:
            repo = RepoIndex()
            for entry in self.entries.values():
                repo.add(entry)
            self._index = repo
        return self._index


def bom_stripped(text: str) -> str:
    return text[1:] if text.startswith(_BOM) else text


def lines_of(text: str) -> list[str]:
    """Lines as the checks number them (CRLF, CR and LF), BOM left in place."""
    return split_lines(text) or [""]


__all__ = [
    "Checked",
    "LiveIndex",
    "Located",
    "check_text",
    "entry_of",
    "fix_text",
    "front_matter_keys",
    "label_vocabulary",
    "lines_of",
    "list_marker",
    "served",
    "span",
    "stems_for",
    "suppressed_text",
    "visible",
]
