"""Every check of the registry that one file calls for: reading problems always, then either
the checks of its profile or, when none fits, the checks that say why. An ordinary page
(profile kind "page") gets only the rules that apply to every page."""

from __future__ import annotations

from .document import Document
from .findings import Finding
from .profiles import Profile
from .rules import CHECKS, EVERY_PAGE, PAGE_CHECKS, READING, UNRECOGNISED, Context
from .schema import Vocabularies


def run(
    doc: Document, profile: Profile | None, vocabularies: Vocabularies, codes: frozenset[str]
) -> list[Finding]:
    """The raw findings of one file; a check none of whose codes is enabled is not run."""
    found = [f for reg in READING if reg.wanted(codes) for f in reg.check(doc)]
    if profile is None:
        if not doc.problems:
            found += [f for reg in UNRECOGNISED if reg.wanted(codes) for f in reg.check(doc)]
    elif profile.is_page:
        # MkDocs needs no front matter: a missing or empty one is fine on a page
        found = [f for f in found if f.code in EVERY_PAGE]
        if doc.readable:
            ctx = Context(profile, vocabularies)
            found += [f for reg in PAGE_CHECKS if reg.wanted(codes) for f in reg.check(doc, ctx)]
    elif doc.readable:
        ctx = Context(profile, vocabularies)
        found += [f for reg in CHECKS if reg.wanted(codes) for f in reg.check(doc, ctx)]
    return found
