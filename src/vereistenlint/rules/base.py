"""What a rule is: metadata plus the checks that report under its code.

A rule's summary, explanation and examples are text, not code: they live in the locale
files (`locale/en.toml`, `locale/nl.toml`) next to the messages, in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import i18n
from ..diagnostics import Severity
from ..document import Document
from ..findings import Finding
from ..profiles import Profile

Vocabularies = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    #: "safe", "unsafe" (applied only with --unsafe-fixes) or None when there is no fix
    fix: str | None = None
    #: off-by-default rules run only when selected
    default: bool = True

    def text(self, field: str, lang: str = "en") -> str:
        return i18n.rule_text(self.code, field, lang)

    @property
    def summary(self) -> str:
        return self.text("summary")

    @property
    def explanation(self) -> str:
        return self.text("explanation")


@dataclass(frozen=True)
class Context:
    """Everything a check may consult besides the document; no state between files."""

    profile: Profile
    #: label vocabularies that replace the schema's own enums (for example taken from the repo)
    vocabularies: Vocabularies = ()

    def vocabulary(self, name: str) -> list[str] | None:
        for key, values in self.vocabularies:
            if key == name:
                return list(values)
        return self.profile.vocabulary(name)


Check = Callable[[Document, Context], Iterable[Finding]]
