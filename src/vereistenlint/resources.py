"""Where the schemas and profiles live: inside the installed package, or beside src/ in a checkout.

Nothing is ever fetched: every schema and every `$ref` resolves from this folder.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

#: the package's own folder (what importlib.resources gives for a package on disk, without
#: importing it: a one-file check pays for every import)
PACKAGE = Path(__file__).parent


@cache
def data_dir() -> Path:
    packaged = PACKAGE / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"  # editable install / checkout


@cache
def load_json(name: str) -> Any:
    with (data_dir() / name).open(encoding="utf-8") as fh:
        return json.load(fh)
