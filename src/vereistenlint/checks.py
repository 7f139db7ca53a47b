"""Every check of the registry that one file calls for: reading problems always, then either
the checks of its profile or, when none fits, the checks that say why."""

from __future__ import annotations

from .document import Document
from .findings import Finding
from .profiles import Profile
from .rules import CHECKS, READING, UNRECOGNISED, Context
from .schema import Vocabularies


def run(
    doc: Document, profile: Profile | None, vocabularies: Vocabularies, codes: frozenset[str]
) -> list[Finding]:
    """The raw findings of one file; a check none of whose codes is enabled is not run."""
    found = [f for reg in READING if reg.wanted(codes) for f in reg.check(doc)]
    if profile is None:
        if not doc.problems:
            found += [f for reg in UNRECOGNISED if reg.wanted(codes) for f in reg.check(doc)]
    elif doc.readable:
        ctx = Context(profile, vocabularies)
        found += [f for reg in CHECKS if reg.wanted(codes) for f in reg.check(doc, ctx)]
    return found
