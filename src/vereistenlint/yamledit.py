"""Front-matter edits that are proved, not assumed: the edited text is parsed again and its
data compared with what the edit means.

A fix edits YAML as text, and text can mean something else than it looks like: an escape
(``"...\\x2E"``) hides the character a search finds, an anchor (``hide: &h``) stands where
an item's indentation is read from, an alias makes one edit change two keys. Instead of
teaching every fix every corner of YAML, each fix says which keys it means to change and
to what (`Fix.intent`); the result is accepted only when the front matter parses as well
as before and every other value is exactly what it was.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .document import Document
from .findings import KeyPath
from .load import load_bytes

Intent = Iterable[tuple[KeyPath, object]]

#: reasons (keys of the locale's [ui] table) why an edit was not applied
NOT_PARSED = "fix.refused.yaml_broken"
OTHER_KEYS = "fix.refused.yaml_other_keys"
NOT_MEANT = "fix.refused.yaml_not_meant"


def parse(text: str) -> Document:
    """The text as a Document of its own (front matter split and parsed, body lazily)."""
    return load_bytes(_NOWHERE, "", text.encode("utf-8"))


def verify(before: Document, after_text: str, intent: Intent) -> str | None:
    """None when `after_text` holds the front matter of `before` with exactly the intended
    values changed; else the reason it does not."""
    after = parse(after_text)
    fm = after.front_matter
    if fm is None or fm.parsed is None or len(after.problems) > len(before.problems):
        return NOT_PARSED
    changes = list(intent)
    expected = expected_data(before.data, changes)
    if expected is None:
        return NOT_MEANT
    if same(after.data, expected):
        return None
    wanted = [path for path, _ in changes]
    got = expected_data(after.data, [(p, _lookup(expected, p)) for p in wanted])
    return NOT_MEANT if got is not None and same(got, expected) else OTHER_KEYS


def expected_data(data: object, changes: Iterable[tuple[KeyPath, object]]) -> object | None:
    """`data` with each path set to its value (a missing last key is added); None when a
    path leads through something that is not a mapping or list."""
    result = _unshared(data)
    for path, value in changes:
        if not path:
            result = copy.deepcopy(value)
            continue
        node: Any = result
        for part in path[:-1]:
            if not _has(node, part):
                return None
            node = node[part]
        last = path[-1]
        if not (isinstance(node, dict) or _has(node, last)):
            return None
        node[last] = copy.deepcopy(value)
    return result


def _unshared(data: object) -> object:
    """A deep copy in which no two places share an object. PyYAML gives an alias the very
    object of its anchor, and `copy.deepcopy` keeps that sharing: an intended change to the
    anchored value would then be expected at the alias too, and an edit that changes both
    keys would pass as changing one."""
    if isinstance(data, dict):
        return {k: _unshared(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_unshared(v) for v in data]
    return copy.deepcopy(data)


def same(a: object, b: object) -> bool:
    """Equal and of the same types all the way down: 1, 1.0 and True are different values
    to the schema, and so to a fix."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def related(a: KeyPath, b: KeyPath) -> bool:
    """One path lies inside the other (or they are the same): two fixes meaning to change
    such paths cannot both be proved against the same text."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _has(node: object, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _lookup(data: object, path: KeyPath) -> object:
    node: Any = data
    for part in path:
        node = node[part]
    return node


#: the path of text that is not on disk: only ever shown, never opened
_NOWHERE = Path("<fixed>")
