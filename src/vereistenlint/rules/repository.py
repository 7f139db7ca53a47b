"""Rules that compare a file with the rest of the repository: unique ids, file names that carry
the id's code, and measures that point at requirements that exist.

They report only on the files being checked, but judge them against the whole repository
(the index of every file, `repo.RepoIndex`, built by the engine and `index.py`), so that an
edited file whose id collides with an untouched one is caught.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import partial

from ..diagnostics import Severity
from ..document import Document
from ..findings import Edit, Finding, Fix, finding, term
from ..repo import LIST_KEY, Entry, RepoIndex
from .base import Check, Context, Fixability, Registered, RepoCheck, Rule, codes

E = Severity.ERROR

DUPLICATE_ID = "VL401"
ID_FILE_NAME = "VL402"
UNKNOWN_REFERENCE = "VL403"
UNKNOWN_MAATREGEL = "VL404"
LIST_UNKNOWN_STEM = "VL405"
#: which rule reports a stem that names no file, by the front-matter key it stands under
REFERENCE_CODES = {
    "vereiste": UNKNOWN_REFERENCE,
    "maatregel": UNKNOWN_MAATREGEL,
    LIST_KEY: LIST_UNKNOWN_STEM,
}

RULES = (
    Rule(
        DUPLICATE_ID,
        "duplicate-id",
        E,
    ),
    Rule(
        ID_FILE_NAME,
        "id-file-name",
        E,
    ),
    Rule(
        UNKNOWN_REFERENCE,
        "unknown-vereiste",
        E,
        Fixability.UNSAFE,
    ),
    Rule(
        UNKNOWN_MAATREGEL,
        "unknown-maatregel",
        E,
        Fixability.UNSAFE,
    ),
    Rule(
        LIST_UNKNOWN_STEM,
        "list-unknown-stem",
        E,
        Fixability.UNSAFE,
    ),
)
CODES = codes(RULES)


#: Other files a duplicate-id message names; the rest are counted. Each of N files with one
#: id names the others, so naming them all would make the report grow as N squared.
MAX_NAMED = 5


def check_file_name(doc: Document, ctx: Context) -> Iterator[Finding]:
    data = doc.mapping()
    fm = doc.front_matter
    spec = ctx.profile.id
    if not spec or data is None or fm is None or fm.parsed is None:
        return
    ident = data.get("id")
    if not isinstance(ident, str) or not ident.startswith(spec.prefix):
        return
    code = ident[len(spec.prefix) :]
    m = re.match(spec.file_name, doc.path.name)
    if m is None or m.group("code") != code:
        line, col = doc.node_position(fm.parsed.index[("id",)].value)
        yield finding(
            ID_FILE_NAME, line, col, "repo.file_name", name=doc.path.name, code=code, id=ident
        )


def check_repository(repo: RepoIndex, entry: Entry) -> Iterator[Finding]:
    """Findings for one checked file, judged against every file of the repository."""
    others, total = repo.first_others_with_id(entry, MAX_NAMED)
    if others:
        names = [f"{o.display}:{o.id_line}" for o in others]
        more = total - len(others)
        yield finding(
            DUPLICATE_ID,
            entry.id_line,
            entry.id_column,
            "repo.duplicate_id_more" if more else "repo.duplicate_id",
            id=entry.id,
            others=names,
            more=more,
        )
    for ref in entry.references:
        known = repo.stems_by_profile.get(ref.profile)
        if not known or ref.value in known:
            continue  # none of that kind in view: nothing to judge against
        code = REFERENCE_CODES.get(ref.key, UNKNOWN_REFERENCE)
        table = repo.derived(("names", ref.profile), partial(Names, known))
        guesses = likely_intended(ref.value, table)
        key = "repo.list_unknown_stem" if ref.key == LIST_KEY else "repo.unknown_reference"
        fix = None
        if len(guesses) == 1 and _certain(ref.value, *guesses[0]) and ref.edit_line >= 0:
            edit = Edit(ref.edit_line, ref.edit_start, ref.edit_line, ref.edit_end, guesses[0][0])
            intent = (((ref.key, ref.index), guesses[0][0]),) if ref.index >= 0 else ()
            fix = Fix((edit,), safe=False, intent=intent)
        yield finding(
            code,
            ref.line,
            ref.column,
            key + ("_suggest" if guesses else ""),
            name=ref.value,
            key=ref.key,
            kind=term(f"kind.{ref.profile}"),
            suggestion=[f"'{g}' ({term('why.' + why)})" for g, why in guesses],
            fix=fix,
        )


#: the measure stem '2-owp-11-duurzaam-inkopen': phase '2-', code 'owp-11', slug 'duurzaam-inkopen'
_STEM = re.compile(r"^(?P<phase>[0-9]+-)?(?P<code>[a-z]+-[0-9]{2})(?:-(?P<slug>.+))?$", re.I)


class Names:
    """The names of one kind, tabled once for every unknown reference to it: by family (the
    code's letters), by their first one or two parts (for `_candidates`) and by what follows
    their first part. Each finding then looks at its family only, not at every name."""

    def __init__(self, known: set[str]) -> None:
        self.by_family: dict[str, list[tuple[str, str, str]]] = {}
        self.by_prefix: dict[str, list[str]] = {}
        self.by_rest: dict[str, list[str]] = {}
        for k in sorted(known):
            m = _STEM.match(k)
            if m is not None:
                code = m.group("code").lower()
                row = (k, code, (m.group("slug") or "").lower())
                self.by_family.setdefault(code.split("-")[0], []).append(row)
            parts = k.split("-")
            for j in range(1, min(2, len(parts) - 1) + 1):  # k starts with '<prefix>-'
                self.by_prefix.setdefault("-".join(parts[:j]), []).append(k)
            rest = k.partition("-")[2]
            if rest:
                self.by_rest.setdefault(rest, []).append(k)


def likely_intended(name: str, names: Names | set[str]) -> list[tuple[str, str]]:
    """The files a name that matches none most likely meant, each with why: the same code
    ('2-owp-11', under any phase), the same slug under another number (renumbered), else the
    nearest names of its family. Linear in the names of its family: no name is compared with
    all."""
    if not isinstance(names, Names):
        names = Names(names)
    m = _STEM.match(name)
    found: dict[str, str] = {}
    if m is not None:
        code, slug = m.group("code").lower(), (m.group("slug") or "").lower()
        for k, other_code, other_slug in names.by_family.get(code.split("-")[0], ()):
            if slug and other_slug == slug:
                found.setdefault(k, "renumbered")
            elif other_code == code:
                found.setdefault(k, "same_code")
    if "renumbered" in found.values():
        # the same name under another number is what was meant; a file that merely has the
        # old number now is another requirement, unless its name is alike too
        found = {k: w for k, w in found.items() if w == "renumbered" or _certain(name, k, w)}
    if not found:
        for guess in difflib.get_close_matches(name, _candidates(name, names), n=3, cutoff=0.8):
            found[guess] = "nearest"
    order = {"renumbered": 0, "same_code": 1, "nearest": 2}
    return sorted(found.items(), key=lambda kv: order[kv[1]])


#: how alike a name and a file of the same code must be for the file to be the one meant
CERTAIN_RATIO = 0.8


def _certain(name: str, guess: str, why: str) -> bool:
    """A renumbered file (its name unchanged) is certain; a file of the same code only when the
    names are alike (a misspelling), not when the code now belongs to another requirement."""
    if why == "renumbered":
        return True
    return (
        why == "same_code" and difflib.SequenceMatcher(None, name, guess).ratio() >= CERTAIN_RATIO
    )


def _candidates(name: str, names: Names) -> list[str]:
    """The names worth comparing: those of the same family (the part before the first '-',
    as 'aia' in 'aia-08-...', or the phase and family of a measure) or with the same rest
    after it; comparing with thousands of names is slow, and a name that shares neither is
    no likely intended one anyway."""
    m = _STEM.match(name)
    family = (
        (m.group("phase") or "") + m.group("code").split("-")[0] if m else name.partition("-")[0]
    )
    rest = name.partition("-")[2]
    found = set(names.by_prefix.get(family, ()))
    if rest:
        found.update(names.by_rest.get(rest, ()))
    return sorted(found)


CHECKS: tuple[Registered[Check], ...] = (Registered(check_file_name, frozenset({ID_FILE_NAME})),)
REPO_CHECKS: tuple[Registered[RepoCheck], ...] = (
    Registered(
        check_repository,
        frozenset({DUPLICATE_ID, UNKNOWN_REFERENCE, UNKNOWN_MAATREGEL, LIST_UNKNOWN_STEM}),
    ),
)
