"""The whole repository as the repository-wide rules see it, whichever files are being checked.

pre-commit passes only the changed files, shuffled and split across processes; uniqueness of
ids and references between files can only be judged against every file of the repo. An entry
holds, per file, only what those rules need, so files can be checked in separate processes and
their entries gathered afterwards.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Any, NamedTuple, TypeVar, cast

import yaml

from . import markers, yamlpos
from .discover import file_key
from .document import Document
from .profiles import Profile

_T = TypeVar("_T")

#: the `Reference.key` of a stem named in a list comment rather than in the front matter
LIST_KEY = "<!-- list -->"


@dataclass(frozen=True)
class Reference:
    value: str
    line: int
    column: int
    #: the front-matter key it stands under, and the profile whose file stems it names
    key: str = ""
    profile: str = ""
    #: 0-based line and columns of the value as written, when it is a plain one-line scalar
    #: that a fix may replace; edit_line -1 when it is not
    edit_line: int = -1
    edit_start: int = 0
    edit_end: int = 0
    #: its place in the front-matter list (-1: in a list comment of the body)
    index: int = -1


class Entry(NamedTuple):
    key: str  # real path: one entry per file, however it was named
    display: str
    stem: str
    profile: str | None
    id: str | None = None
    id_line: int = 0
    id_column: int = 0
    references: tuple[Reference, ...] = ()


def entry_for(doc: Document, profile: Profile | None, key: str | None = None) -> Entry:
    """`key`: the file's `file_key` when the caller knows it already (the walk does)."""
    data: dict[str, Any] = doc.mapping() or {}
    fm = doc.front_matter
    index: _Nodes | dict[Any, Any] = (
        _Nodes(fm.parsed.root) if fm is not None and fm.parsed is not None else {}
    )
    raw_id = data.get("id")
    # an ordinary page is not content: its id (if any) is nobody's identifier; a profile
    # without an id scheme (tools) takes no part in uniqueness either: the 'id' its template
    # carries is a measure's example URN
    indexed = profile is None or (profile.id is not None and not profile.is_page)
    ident = raw_id if isinstance(raw_id, str) and indexed else None
    id_line = id_col = 0
    if ident is not None:
        id_line, id_col = doc.node_position(index[("id",)].value)
    refs: list[Reference] = []
    for spec in profile.references if profile else ():
        items = data.get(spec.key)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                node = index[(spec.key, i)]
                line, col = doc.value_position(node)
                span = _plain_span(doc, node.value, item)
                refs.append(Reference(item, line, col, spec.key, spec.profile, *span, i))
    refs.extend(_list_references(doc, profile))
    return Entry(
        key=file_key(doc.path) if key is None else key,
        display=doc.display,
        stem=doc.stem,
        profile=profile.name if profile else None,
        id=ident,
        id_line=id_line,
        id_column=id_col,
        references=tuple(refs),
    )


class _Nodes:
    """The nodes of a few JSON paths, as `yamlpos.ParsedYaml.index` has them (a repeated key:
    the last one; a key that is not a plain scalar matches no name), found by walking down
    to each instead of indexing every node of the front matter: an entry needs two or three."""

    def __init__(self, root: yaml.Node) -> None:
        self.root = root

    def __getitem__(self, path: yamlpos.JsonPath) -> yamlpos.Located:
        node, key = self.root, None
        for part in path:
            if isinstance(part, str) and isinstance(node, yaml.MappingNode):
                found = None
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == part:
                        found = (v, k)
                if found is None:
                    raise KeyError(path)
                node, key = found
            elif isinstance(part, int) and isinstance(node, yaml.SequenceNode):
                if not 0 <= part < len(node.value):
                    raise KeyError(path)
                node, key = node.value[part], None
            else:
                raise KeyError(path)
        return yamlpos.Located(node, key)


def _list_references(doc: Document, profile: Profile | None) -> list[Reference]:
    """File stems the list comments of a content page filter on (`markers`)."""
    if profile is None or not doc.readable or not profile.site_lists:
        return []
    spec = profile.maatregelen
    own = (spec.marker, spec.own) if spec else None
    refs = []
    for marker, arg, kind in markers.stem_references(doc.lines, doc.body_start, own):
        col = arg.value_column
        end = col + len(arg.value)
        refs.append(
            Reference(arg.value, marker.line + 1, col + 1, LIST_KEY, kind, marker.line, col, end)
        )
    return refs


def _plain_span(doc: Document, node: Any, value: str) -> tuple[int, int, int]:
    """Where a fix may replace the value: only a one-line scalar written exactly as it loads."""
    edit = doc.scalar_edit(node, "")
    if edit is None or doc.lines[edit.line][edit.column : edit.end_column] != value:
        return (-1, 0, 0)
    return (edit.line, edit.column, edit.end_column)


@dataclass
class RepoIndex:
    _entries: dict[str, Entry] = field(default_factory=dict)
    by_id: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    stems_by_profile: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: by_id's lists sorted by display name, made when first asked for (once per id, not
    #: once per file that has it: 4,000 files with one id would sort 4,000 times)
    _sorted: dict[str, list[Entry]] = field(default_factory=dict)
    #: entries known by their profile, stem and id only, made when a rule reads them (see
    #: `add_pending`): key -> how to make it, and id (as JSON) -> keys
    _pending: dict[str, Callable[[], Entry]] = field(default_factory=dict)
    _pending_ids: dict[str, list[str]] = field(default_factory=dict)
    #: pending entries whose id is not known, only that it is none of `_screened` (see
    #: `add_pending`); any other id asked for makes them all
    _unsure: list[str] = field(default_factory=list)
    _screened: frozenset[str] = frozenset()
    #: pending entries' ids (as JSON) and keys, as `add_pending_many` was given them: scanned
    #: for each id asked for, until `_SCANS` ids were, then sorted into `_pending_ids`
    _id_columns: list[tuple[Sequence[str], Sequence[str]]] = field(default_factory=list)
    _scans: int = 0
    #: what rules derive from the index (see `derived`), forgotten when a stem is added
    _derived: dict[object, object] = field(default_factory=dict)

    def derived(self, key: object, make: Callable[[], _T]) -> _T:
        """A table a rule derives from the index, made once for every entry it checks (not
        once per entry: a lookup over 10,000 names per finding is quadratic)."""
        if key not in self._derived:
            self._derived[key] = make()
        return cast(_T, self._derived[key])

    @property
    def entries(self) -> dict[str, Entry]:
        """Every entry, by key (the pending ones are made now)."""
        if self._pending:
            for key in list(self._pending):
                self._make(key)
        return self._entries

    def add(self, entry: Entry) -> None:
        if entry.key in self._entries or entry.key in self._pending:
            return
        self._put(entry)
        if entry.profile is not None:
            self.stems_by_profile[entry.profile].add(entry.stem)
            self._derived.clear()

    def add_pending(
        self,
        key: str,
        stem: str,
        profile: str | None,
        id_json: str | None,
        make: Callable[[], Entry],
    ) -> None:
        """An entry of which only the profile, the stem and the id are known yet (the id as
        `cache.dumps` writes it): `make` gives the whole entry, with those three the same,
        when a rule asks for it. In a one-file check that is only the files that share the
        checked file's id: the other 10,000 of a large repository are never made.

        `id_json` None: the id is not known, only that it is none of the ids given to
        `screen` (what `index.add_rest` knows of a file it has not parsed)."""
        if key in self._entries or key in self._pending:
            return
        self._pending[key] = make
        if id_json is None:
            self._unsure.append(key)
        elif id_json != "null":
            self._pending_ids.setdefault(id_json, []).append(key)
        if profile is not None:
            self.stems_by_profile[profile].add(stem)
            self._derived.clear()

    def add_pending_many(
        self,
        keys: Sequence[str],
        stems: Sequence[str],
        profiles: Sequence[str],
        id_jsons: Sequence[str],
        makes: Sequence[Callable[[], Entry]],
    ) -> None:
        """`add_pending` of many entries (a profile "" is none), without a Python step per
        entry when no key is known yet or given twice: a one-file check of a 10,000-file
        repository adds 10,000 pending entries. Who has an id is found when an id is asked
        for (`_same_id`), by a scan that makes no Python call per entry."""
        if (
            len(set(keys)) != len(keys)
            or not self._entries.keys().isdisjoint(keys)
            or not self._pending.keys().isdisjoint(keys)
        ):
            for key, stem, profile, id_json, make in zip(
                keys, stems, profiles, id_jsons, makes, strict=True
            ):
                self.add_pending(key, stem, profile or None, id_json, make)
            return
        self._pending.update(zip(keys, makes, strict=True))
        self._id_columns.append((id_jsons, keys))
        named = set(profiles) - {""}
        for name in named:
            self.stems_by_profile[name].update(compress(stems, map(name.__eq__, profiles)))
        if named:
            self._derived.clear()

    def screen(self, ids: frozenset[str]) -> None:
        """The ids that the entries added with an unknown id (`add_pending`) are known not to
        have; set before they are added."""
        assert not self._unsure
        self._screened = ids

    def _make(self, key: str) -> Entry | None:
        make = self._pending.pop(key, None)
        if make is None:
            return self._entries.get(key)
        entry = make()
        self._put(entry)
        return entry

    def _put(self, entry: Entry) -> None:
        self._entries[entry.key] = entry
        if entry.id is not None:
            self.by_id[entry.id].append(entry)
            self._sorted.pop(entry.id, None)

    def _same_id(self, ident: str) -> list[Entry]:
        if self._unsure and ident not in self._screened:
            unsure, self._unsure = self._unsure, []
            for key in unsure:
                self._make(key)
        wanted = _dumps(ident)
        if self._id_columns:
            self._scans += 1
            if self._scans > _SCANS:  # many ids asked for: sort them all once
                for id_jsons, keys in self._id_columns:
                    for id_json, key in zip(id_jsons, keys, strict=True):
                        if id_json != "null":
                            self._pending_ids.setdefault(id_json, []).append(key)
                self._id_columns.clear()
            for id_jsons, keys in self._id_columns:
                for key in compress(keys, map(wanted.__eq__, id_jsons)):
                    self._make(key)
        waiting = self._pending_ids.pop(wanted, None)
        for key in waiting or ():
            self._make(key)
        if ident not in self._sorted:
            self._sorted[ident] = sorted(self.by_id.get(ident, []), key=lambda e: e.display)
        return self._sorted[ident]

    def others_with_id(self, entry: Entry) -> list[Entry]:
        if entry.id is None:
            return []
        return [e for e in self._same_id(entry.id) if e.key != entry.key]

    def first_others_with_id(self, entry: Entry, limit: int) -> tuple[list[Entry], int]:
        """The first `limit` other files with the entry's id (by name), and how many there
        are in all; in time proportional to `limit`, not to their number."""
        if entry.id is None:
            return [], 0
        same = self._same_id(entry.id)
        shown: list[Entry] = []
        for e in same:
            if len(shown) == limit:
                break
            if e.key != entry.key:
                shown.append(e)
        stored = self._make(entry.key)
        total = len(same) - (1 if stored is not None and stored.id == entry.id else 0)
        return shown, total


#: ids asked for by a scan of every pending entry (see `_id_columns`) before they are sorted
_SCANS = 8


def _dumps(ident: str) -> str:
    """An id as the cache writes it (`cache.dumps`: repo.py cannot import the cache)."""
    return json.dumps(ident, ensure_ascii=False, separators=(",", ":"))
