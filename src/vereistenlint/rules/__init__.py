"""The one explicit registry of rules and of the checks that report under them.

Every rule module is listed once in `MODULES`, in the order `vereistenlint rules` lists its
rules. A module holds its rules (`RULES`: code, name, severity, fixability, default) and
registers its checks, each with the codes it reports, in the tables it needs:

- `READING_CHECKS`: run on every file first, whatever its profile (what reading and parsing met)
- `UNRECOGNISED_CHECKS`: run on a file read without problems that no profile fits
- `CHECKS`: run on every readable file with a profile, with the profile in the `Context`
- `REPO_CHECKS`: run on each checked file against the index of the whole repository

A check runs only when one of its codes is enabled. Adding a rule: a new module here and
its line in `MODULES` (README, "Adding a rule").
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import (
    applicability,
    conflicts,
    containers,
    front_matter,
    links,
    lists,
    maatregelen,
    profile,
    reading,
    reliability,
    repository,
    schema,
    sections,
    site,
    site_links,
    suppression,
    text,
)
from .base import Check, Context, DocumentCheck, Fixability, Registered, RepoCheck, Rule

MODULES: tuple[ModuleType, ...] = (
    reading,
    reliability,
    profile,
    front_matter,
    schema,
    site,
    sections,
    text,
    links,
    conflicts,
    applicability,
    maatregelen,
    lists,
    repository,
    containers,
    suppression,
    site_links,
)


def _gather(table: str) -> tuple[Any, ...]:
    """One table of every module, in the modules' order (a module without it adds nothing)."""
    return tuple(entry for module in MODULES for entry in getattr(module, table, ()))


RULES: tuple[Rule, ...] = _gather("RULES")
READING: tuple[Registered[DocumentCheck], ...] = _gather("READING_CHECKS")
UNRECOGNISED: tuple[Registered[DocumentCheck], ...] = _gather("UNRECOGNISED_CHECKS")
CHECKS: tuple[Registered[Check], ...] = _gather("CHECKS")
REPO_CHECKS: tuple[Registered[RepoCheck], ...] = _gather("REPO_CHECKS")

#: The link family judges pages against the whole site (its docs folder and mkdocs.yml), in a
#: stage of its own after the repository-wide checks (site/stage.py); it runs when one of
#: these codes is enabled.
SITE_CODES: frozenset[str] = site_links.CODES
#: The rules that apply to every page of the site, ordinary pages (profile kind "page")
#: included: each rule declares it (`Rule.every_page`).
EVERY_PAGE: frozenset[str] = frozenset(r.code for r in RULES if r.every_page)
#: What runs on an ordinary page: the checks that report only rules of every page.
PAGE_CHECKS: tuple[Registered[Check], ...] = tuple(r for r in CHECKS if r.codes <= EVERY_PAGE)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def lookup(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


__all__ = [
    "BY_CODE",
    "BY_NAME",
    "CHECKS",
    "EVERY_PAGE",
    "MODULES",
    "PAGE_CHECKS",
    "READING",
    "REPO_CHECKS",
    "RULES",
    "SITE_CODES",
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
