"""The record every check produces: one immutable problem at one place in one file.

Line and column are 1-based everywhere; conversion from parser offsets happens in
`Document`'s position helpers and the loader, never in rules or reporters.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Diagnostic(NamedTuple):
    """One finding. Sorted by path, then position, then code."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    #: "safe" when --fix can repair it, "unsafe" when only --unsafe-fixes can, else None
    fix: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
        }
