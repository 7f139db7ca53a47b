"""The configuration's globs, compiled once, with a limit that grows with their number.

wcmatch expands braces (``{a,b}``) and refuses a list whose expansion passes 1,000 patterns,
so that a brace bomb cannot take the memory; the limit counts plain globs as well, and a
repository can well list more than 1,000 of them. Every glob may expand to a few patterns of
its own here, and past that the configuration is refused with a usage error that says so,
when it is loaded rather than when the first file is matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from wcmatch import glob
from wcmatch._wcparse import PatternLimitException

from .errors import UsageError

FLAGS = glob.GLOBSTAR | glob.DOTGLOB
#: Patterns a list of globs may expand to: wcmatch's own limit, plus this many per glob.
BASE_LIMIT = 1000
PER_GLOB = 16


@cache
def matcher(patterns: tuple[str, ...]) -> glob.WcMatcher[str]:
    """Globs compiled once per run, not once per file."""
    return glob.compile(list(patterns), flags=FLAGS, limit=limit(len(patterns)))


def limit(count: int) -> int:
    return BASE_LIMIT + PER_GLOB * count


def matches(path: str, patterns: tuple[str, ...]) -> bool:
    return matcher(patterns).match(path)


def validate(patterns: Sequence[str], where: str) -> None:
    """Raise UsageError naming `where` when the globs cannot be compiled."""
    try:
        matcher(tuple(patterns))
    except PatternLimitException:
        raise UsageError.named("glob.too_many", where=where, limit=limit(len(patterns))) from None
    except (ValueError, re.error) as exc:
        raise UsageError.named("glob.unreadable", where=where, reason=exc) from None
