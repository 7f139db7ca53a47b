"""vereistenlint: lint the requirement files of the Algoritmekader.

The library API is `check(paths, ...)`, which returns sorted `Diagnostic` records; the
command line is a thin layer over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Severity
from .errors import UsageError
from .version import __version__

if TYPE_CHECKING:
    from .engine import check


def __getattr__(name: str) -> Any:
    """`check` and the engine behind it, imported when first asked for: the command line
    sets up the interpreter (see cli.py) before the engine's modules are imported."""
    if name == "check":
        from .engine import check

        return check
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Diagnostic", "Severity", "UsageError", "__version__", "check"]
