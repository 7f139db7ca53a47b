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

from ..diagnostics import Severity
from ..document import Document
from ..findings import Finding, finding
from ..repo import Entry, RepoIndex
from .base import Check, Context, Registered, RepoCheck, Rule, codes

E = Severity.ERROR

DUPLICATE_ID = "VL401"
ID_FILE_NAME = "VL402"
UNKNOWN_REFERENCE = "VL403"

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
    known = repo.stems_by_profile.get(entry.reference_profile) if entry.reference_profile else None
    if not known:
        return  # no requirement in view: nothing to judge against
    for ref in entry.references:
        if ref.value not in known:
            guess = difflib.get_close_matches(
                ref.value, _candidates(ref.value, known), n=1, cutoff=0.8
            )
            key = "repo.unknown_reference_suggest" if guess else "repo.unknown_reference"
            yield finding(
                UNKNOWN_REFERENCE,
                ref.line,
                ref.column,
                key,
                name=ref.value,
                key=entry.reference_key,
                suggestion=guess[0] if guess else "",
            )


def _candidates(name: str, known: set[str]) -> list[str]:
    """The names worth comparing: those of the same family (the part before the first '-',
    as 'aia' in 'aia-08-...') or with the same rest after it; comparing with thousands of
    names is slow, and a name that shares neither is no likely intended one anyway."""
    family, _, rest = name.partition("-")
    return sorted(
        k for k in known if k.startswith(family + "-") or (rest and k.partition("-")[2] == rest)
    )


CHECKS: tuple[Registered[Check], ...] = (Registered(check_file_name, frozenset({ID_FILE_NAME})),)
REPO_CHECKS: tuple[Registered[RepoCheck], ...] = (
    Registered(check_repository, frozenset({DUPLICATE_ID, UNKNOWN_REFERENCE})),
)
