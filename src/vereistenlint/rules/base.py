"""What a rule is: metadata plus the checks that report under its code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
    summary: str
    explanation: str


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
