"""The one explicit registry of rules and of the checks that report under them.

Adding a rule: a module in this folder with its code, `Rule` and check (see README,
"Adding a rule"), then one line in `RULES` and one in the table of checks below.
A check runs only when one of the codes it is registered with is enabled.
"""

from __future__ import annotations

from . import (
    applicability,
    front_matter,
    lists,
    maatregelen,
    profile,
    reading,
    repository,
    schema,
    sections,
    site,
    suppression,
    text,
)
from .base import Check, Context, DocumentCheck, Fixability, Registered, RepoCheck, Rule

RULES: tuple[Rule, ...] = (
    *reading.RULES,
    *profile.RULES,
    *front_matter.RULES,
    *schema.RULES,
    *site.RULES,
    *sections.RULES,
    *text.RULES,
    *applicability.RULES,
    *maatregelen.RULES,
    *lists.RULES,
    *repository.RULES,
    *suppression.RULES,
)


#: Run on every file first, whatever its profile: what reading and parsing it met.
READING: tuple[Registered[DocumentCheck], ...] = (Registered(reading.check, reading.CODES),)

#: Run on a file that was read and parsed without problems but that no profile fits.
UNRECOGNISED: tuple[Registered[DocumentCheck], ...] = (
    Registered(schema.check_unrecognised, frozenset({schema.INVALID_TYPE})),
    Registered(profile.check, frozenset({profile.NO_PROFILE})),
)

#: Run in this order on every readable file with a profile; each is a pure function of
#: document and context.
CHECKS: tuple[Registered[Check], ...] = (
    Registered(schema.check, schema.CODES),
    Registered(front_matter.check_text_fields, front_matter.CODES),
    Registered(site.check, site.CODES),
    Registered(sections.check, sections.CODES),
    Registered(text.check_comments, frozenset({text.UNCLOSED_COMMENT})),
    Registered(text.check_placeholders, frozenset({text.PLACEHOLDER})),
    Registered(text.check_links, frozenset({text.BROKEN_LINK})),
    Registered(text.check_trailing_whitespace, frozenset({text.TRAILING_WHITESPACE})),
    Registered(applicability.check, applicability.CODES),
    Registered(maatregelen.check, maatregelen.CODES),
    Registered(lists.check, lists.CODES),
    Registered(repository.check_file_name, frozenset({repository.ID_FILE_NAME})),
)

#: Checks that judge one checked file against the whole repository, after every file is read.
REPO_CHECKS: tuple[Registered[RepoCheck], ...] = (
    Registered(
        repository.check_repository,
        frozenset(
            {
                repository.DUPLICATE_ID,
                repository.UNKNOWN_REFERENCE,
                repository.UNKNOWN_MAATREGEL,
                repository.LIST_UNKNOWN_STEM,
            }
        ),
    ),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def lookup(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


__all__ = [
    "BY_CODE",
    "BY_NAME",
    "CHECKS",
    "READING",
    "REPO_CHECKS",
    "RULES",
    "UNRECOGNISED",
    "Check",
    "Context",
    "DocumentCheck",
    "Fixability",
    "Registered",
    "RepoCheck",
    "Rule",
    "lookup",
]
