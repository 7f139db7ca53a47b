"""vereistenlint: lint the requirement files of the Algoritmekader.

The library API is `check(paths, ...)`, which returns sorted `Diagnostic` records; the
command line is a thin layer over it.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, Severity
from .engine import check
from .errors import UsageError
from .version import __version__

__all__ = ["Diagnostic", "Severity", "UsageError", "__version__", "check"]
