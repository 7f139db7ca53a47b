"""The one exception type of the library: a usage or configuration error (exit code 2)."""

from __future__ import annotations


class UsageError(Exception):
    """Raised with a message that names the path, key or value at fault."""
