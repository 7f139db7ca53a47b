"""vereistenlint: lint the requirement files of the Algoritmekader.

The library API is `check(paths, ...)`, which returns sorted `Diagnostic` records; the
command line is a thin layer over it.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, Severity
from .engine import check
from .errors import UsageError

__version__ = "0.1.0"

__all__ = ["Diagnostic", "Severity", "UsageError", "__version__", "check"]
