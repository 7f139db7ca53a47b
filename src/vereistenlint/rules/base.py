"""What a rule is (metadata) and what the registry holds: checks, each with the codes it reports.

A rule's summary, explanation and examples are text, not code: they live in the locale
files (`locale/en.toml`, `locale/nl.toml`) next to the messages, in every language.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from .. import i18n
from ..diagnostics import Severity
from ..document import Document
from ..findings import Finding
from ..profiles import Profile
from ..repo import Entry, RepoIndex
from ..schema import Vocabularies


class Fixability(enum.Enum):
    """What --fix can do about a rule's findings; an unsafe fix may change what the file
    means and is applied only with --unsafe-fixes."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    #: some findings have a safe fix, others an unsafe one
    SAFE_UNSAFE = "safe/unsafe"

    def __bool__(self) -> bool:
        """True when there is a fix."""
        return self is not Fixability.NONE

    @property
    def parts(self) -> tuple[str, ...]:
        """The words it is made of: () for none, ("safe", "unsafe") for safe/unsafe."""
        return () if self is Fixability.NONE else tuple(self.value.split("/"))


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    fix: Fixability = Fixability.NONE
    #: off-by-default rules run only when selected
    default: bool = True
    #: True: the rule applies to every page of the site, ordinary pages included (profile
    #: kind "page"); False: only to content (requirements, measures, tools)
    every_page: bool = False

    def text(self, field: str, lang: str = "en") -> str:
        return i18n.rule_text(self.code, field, lang)

    @property
    def summary(self) -> str:
        return self.text("summary")

    @property
    def explanation(self) -> str:
        return self.text("explanation")


class Context(NamedTuple):
    """Everything a check may consult besides the document; no state between files."""

    profile: Profile
    #: label vocabularies that replace the schema's own enums (for example taken from the repo)
    vocabularies: Vocabularies = ()

    def vocabulary(self, name: str) -> list[str] | None:
        for key, values in self.vocabularies:
            if key == name:
                return list(values)
        return self.profile.vocabulary(name)


#: a check of one file with the profile it was recognised as
Check = Callable[[Document, Context], Iterable[Finding]]
#: a check of one file that needs no profile (reading problems, a file no profile fits)
DocumentCheck = Callable[[Document], Iterable[Finding]]
#: a check of one checked file against the whole repository
RepoCheck = Callable[[RepoIndex, Entry], Iterable[Finding]]

F = TypeVar("F", Check, DocumentCheck, RepoCheck)


@dataclass(frozen=True)
class Registered(Generic[F]):
    """A check and every code it can report: it runs only when one of them is enabled."""

    check: F
    codes: frozenset[str]

    def wanted(self, enabled: Collection[str]) -> bool:
        return any(code in enabled for code in self.codes)


def codes(rules: Iterable[Rule]) -> frozenset[str]:
    return frozenset(r.code for r in rules)
