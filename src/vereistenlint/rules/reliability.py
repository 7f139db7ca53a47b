"""Rules under which the linter says that it could not judge a file (or a folder) as a whole.

They are not about the content's shape: a file too large to parse, a folder the walk cannot
enter and an error inside the linter itself. Each is one finding in place of a traceback,
so that every other file of the run is still checked and reported.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import FILE_TOO_LARGE, UNREADABLE_FOLDER
from .base import Rule

E = Severity.ERROR

INTERNAL_ERROR = "VL007"

RULES = (
    Rule(FILE_TOO_LARGE, "file-too-large", E),
    Rule(INTERNAL_ERROR, "internal-error", E),
    Rule(UNREADABLE_FOLDER, "unreadable-folder", E),
)
