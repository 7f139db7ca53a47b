"""A file that cannot be read or parsed: the problems `load` recorded, as findings.

They are reported for every file, whether or not a profile fits it; a file that could not
be read gets no other finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..document import Document, ProblemKind
from ..findings import Finding, fmt
from .base import DocumentCheck, Registered, Rule, codes

E = Severity.ERROR

UNREADABLE = "VL001"
NO_FRONT_MATTER = "VL002"
YAML_SYNTAX = "VL003"
DUPLICATE_KEY = "VL004"

RULES = (
    Rule(UNREADABLE, "unreadable-file", E, every_page=True),
    Rule(NO_FRONT_MATTER, "front-matter-missing", E),
    Rule(YAML_SYNTAX, "yaml-syntax", E, every_page=True),
    Rule(DUPLICATE_KEY, "duplicate-key", E, every_page=True),
)
CODES = codes(RULES)

#: the rule that reports each kind of problem
CODE_OF = {
    ProblemKind.UNREADABLE: UNREADABLE,
    ProblemKind.NO_FRONT_MATTER: NO_FRONT_MATTER,
    ProblemKind.YAML_SYNTAX: YAML_SYNTAX,
    ProblemKind.DUPLICATE_KEY: DUPLICATE_KEY,
}


def check(doc: Document) -> Iterator[Finding]:
    for p in doc.problems:
        if p.kind in CODE_OF:  # the others are rules/reliability.py's
            args = tuple((name, fmt(value)) for name, value in p.args)
            yield Finding(CODE_OF[p.kind], p.line, p.column, p.key, args)


READING_CHECKS: tuple[Registered[DocumentCheck], ...] = (Registered(check, CODES),)
