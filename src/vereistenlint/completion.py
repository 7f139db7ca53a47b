"""What an editor may offer at the cursor: label values inside a label list, the front-matter
keys the profile allows, and the stems and values of a measures-list marker comment.

Pure functions of the text, the position and what the profile and the repository know; the
language server turns the items into its protocol's shape. The text is read line by line,
not parsed: while typing, the front matter is seldom valid YAML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from . import buffer
from .profiles import Profile
from .repo import RepoIndex
from .schema import Vocabularies

_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)\s*:")
_KEY_ONLY = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)\s*:\s*(#.*)?$")
_ITEM = re.compile(r"^\s*-\s+(?P<word>[^\s#,\[\]]*)$|^\s*-(?P<bare>)$")
_FLOW = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)\s*:\s*\[(?P<inside>[^\]]*)$")
_TYPED_KEY = re.compile(r"^(?P<word>[A-Za-z0-9_-]*)$")
_MARKER = re.compile(r"<!--\s*(?P<marker>[\w-]+)(?P<args>(?:(?!-->).)*)$")
_FILTER = re.compile(r"(?:^|\s)(?P<name>[\w-]+)/(?P<value>[\w-]*)$")
_OPEN = re.compile(r"---[ \t]*\Z")
_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*\Z")


class Item(NamedTuple):
    label: str
    kind: str  # "value", "key" or "file"
    #: the column (code points) where the typed word starts: the item replaces it up to the cursor
    start: int
    text: str = ""  # what is inserted; the label when empty

    @property
    def insert(self) -> str:
        return self.text or self.label


def complete(
    lines: Sequence[str],
    line: int,
    column: int,
    profile: Profile | None,
    *,
    stem: str,
    vocabularies: Vocabularies = (),
    repo: RepoIndex | None = None,
) -> list[Item]:
    """Items for the cursor at 0-based `line` and code-point `column`, best first."""
    if profile is None or not 0 <= line < len(lines):
        return []
    before = lines[line][:column]
    close = _front_matter_end(lines)
    if close is not None and 0 < line < close:
        return _in_front_matter(lines, line, before, close, profile, vocabularies)
    if close is not None and line <= close:
        return []
    return _in_marker(before, profile, stem, vocabularies, repo)


def _front_matter_end(lines: Sequence[str]) -> int | None:
    if not lines or not _OPEN.match(lines[0]):
        return None
    return next((i for i in range(1, len(lines)) if _CLOSE.match(lines[i])), len(lines))


def _in_front_matter(
    lines: Sequence[str],
    line: int,
    before: str,
    close: int,
    profile: Profile,
    vocabularies: Vocabularies,
) -> list[Item]:
    flow = _FLOW.match(before)
    if flow is not None:
        inside = flow.group("inside")
        typed = re.split(r"[,\s]", inside)[-1]
        taken = {v.strip() for v in inside.split(",")}
        start = len(before) - len(typed)
        return _values(profile, flow.group("key"), vocabularies, taken, typed, start)
    item = _ITEM.match(before)
    if item is not None:
        key = _owner(lines, line)
        if key is None:
            return []
        typed = item.group("word") or ""
        taken = set(_items_of(lines, key, close))
        start = len(before) - len(typed)
        prefix = "" if item.group("bare") is None else " "
        return [
            Item(v.label, v.kind, v.start, prefix + v.label)
            for v in _values(profile, key, vocabularies, taken, typed, start)
        ]
    typed_key = _TYPED_KEY.match(before)
    if typed_key is not None:
        present = {m.group("key") for i in range(1, close) if (m := _KEY_LINE.match(lines[i]))}
        typed = typed_key.group("word")
        return [
            Item(k, "key", 0, f"{k}: ")
            for k in buffer.front_matter_keys(profile)
            if k.startswith(typed) and k not in present
        ]
    return []


def _owner(lines: Sequence[str], line: int) -> str | None:
    """The key whose block list holds the line: the nearest ``key:`` line above with nothing
    after the colon, passing only other items of the list."""
    for i in range(line - 1, 0, -1):
        text = lines[i]
        m = _KEY_ONLY.match(text)
        if m is not None:
            return m.group("key")
        if not text.strip() or text.lstrip().startswith("-") or text.startswith((" ", "\t")):
            continue
        return None
    return None


def _items_of(lines: Sequence[str], key: str, close: int) -> list[str]:
    values: list[str] = []
    inside = False
    for i in range(1, close):
        text = lines[i]
        m = _KEY_LINE.match(text)
        if m is not None:
            inside = m.group("key") == key
            continue
        if inside:
            item = re.match(r"^\s*-\s*(?P<v>[^\s#]+)", text)
            if item is not None:
                values.append(item.group("v").strip("'\""))
    return values


def _values(
    profile: Profile,
    key: str,
    vocabularies: Vocabularies,
    taken: set[str],
    typed: str,
    start: int,
) -> list[Item]:
    allowed = buffer.label_vocabulary(profile, key, vocabularies) or []
    return [Item(v, "value", start) for v in allowed if v not in taken and v.startswith(typed)]


def _in_marker(
    before: str,
    profile: Profile,
    stem: str,
    vocabularies: Vocabularies,
    repo: RepoIndex | None,
) -> list[Item]:
    marker = buffer.list_marker(profile)
    found = _MARKER.search(before)
    if marker is None or found is None or found.group("marker") != marker[0]:
        return []
    name, own, filters = marker
    flt = _FILTER.search(found.group("args"))
    if flt is None:
        return []
    filter_name, typed = flt.group("name"), flt.group("value")
    start = len(before) - len(typed)
    if filter_name == own:
        # the requirement's own stem is the one the site accepts here; the others follow
        others = buffer.stems_for(repo, own) if repo is not None else []
        stems = [stem, *(s for s in others if s != stem)]
        return [Item(s, "file", start) for s in stems if s.startswith(typed)]
    vocabulary = filters.get(filter_name)
    if vocabulary is None:
        return []
    values = profile.vocabulary(vocabulary) or []
    for known, configured in vocabularies:
        if known == vocabulary:
            values = list(configured)
    _ = name
    return [Item(v, "value", start) for v in values if v.startswith(typed)]
