"""A readable file whose front matter no profile fits: it is checked against nothing, so it
is reported, naming the profiles there are."""

from __future__ import annotations

from collections.abc import Iterator

from .. import profiles
from ..diagnostics import Severity
from ..document import Document
from ..findings import Finding, finding
from .base import DocumentCheck, Registered, Rule

NO_PROFILE = "VL005"

RULES = (Rule(NO_PROFILE, "no-profile", Severity.ERROR),)


def check(doc: Document) -> Iterator[Finding]:
    """Only for a mapping: a problem of reading, or another type, is reported by its own rule."""
    fm = doc.front_matter
    if doc.problems or not isinstance(doc.data, dict):
        return
    line = fm.first_line if fm is not None else 1
    yield finding(NO_PROFILE, line, 1, "profile.none", profiles=list(profiles.all_profiles()))


UNRECOGNISED_CHECKS: tuple[Registered[DocumentCheck], ...] = (
    Registered(check, frozenset({NO_PROFILE})),
)
