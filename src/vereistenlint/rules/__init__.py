"""The one explicit registry of rules and of the checks that report under them."""

from __future__ import annotations

from . import (
    applicability,
    front_matter,
    links,
    maatregelen,
    repository,
    sections,
    suppression,
    text,
)
from .base import Check, Context, Rule

RULES: tuple[Rule, ...] = (
    *front_matter.RULES,
    *sections.RULES,
    *text.RULES,
    *applicability.RULES,
    *maatregelen.RULES,
    *repository.RULES,
    *suppression.RULES,
    *links.RULES,
)

#: Checks run in this order on every document; each is a pure function of document and context.
CHECKS: tuple[Check, ...] = (
    front_matter.check,
    front_matter.check_text_fields,
    sections.check,
    text.check_comments,
    text.check_placeholders,
    text.check_links,
    text.check_trailing_whitespace,
    applicability.check,
    maatregelen.check,
    repository.check_file_name,
)

#: Checks that judge one checked file against the whole repository, after every file is read.
REPO_CHECKS = (repository.check_repository,)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def lookup(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


__all__ = [
    "BY_CODE",
    "BY_NAME",
    "CHECKS",
    "REPO_CHECKS",
    "RULES",
    "Check",
    "Context",
    "Rule",
    "lookup",
]
