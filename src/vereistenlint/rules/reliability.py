"""Rules under which the linter says that it could not judge a file (or a folder) as a whole.

They are not about the content's shape: a file too large to parse, a folder the walk cannot
enter and an error inside the linter itself. Each is one finding in place of a traceback,
so that every other file of the run is still checked and reported. The first two are
problems `load` records; the internal error is made by `guard.py` when a check raises.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..document import Document, ProblemKind
from ..findings import Finding, fmt
from .base import DocumentCheck, Registered, Rule, codes

E = Severity.ERROR

FILE_TOO_LARGE = "VL006"
INTERNAL_ERROR = "VL007"
UNREADABLE_FOLDER = "VL009"

RULES = (
    Rule(FILE_TOO_LARGE, "file-too-large", E),
    Rule(INTERNAL_ERROR, "internal-error", E),
    Rule(UNREADABLE_FOLDER, "unreadable-folder", E),
)

#: the rule that reports each kind of problem of this module's
CODE_OF = {
    ProblemKind.TOO_LARGE: FILE_TOO_LARGE,
    ProblemKind.UNREADABLE_FOLDER: UNREADABLE_FOLDER,
}


def check(doc: Document) -> Iterator[Finding]:
    for p in doc.problems:
        if p.kind in CODE_OF:
            args = tuple((name, fmt(value)) for name, value in p.args)
            yield Finding(CODE_OF[p.kind], p.line, p.column, p.key, args)


READING_CHECKS: tuple[Registered[DocumentCheck], ...] = (
    Registered(check, codes(r for r in RULES if r.code in CODE_OF.values())),
)
