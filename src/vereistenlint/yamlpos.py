"""YAML front matter parsed twice over in one pass: Python data for the schema, nodes for positions.

PyYAML keeps the last of two equal keys without a word and loses every position once
data is constructed, so the composed node tree is kept next to the data and indexed by
JSON path. Loading is always safe (no tags that build objects), and aliases are counted
so that a billion-laughs document is refused before anything walks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from .files import LINE_BREAK

try:  # the C loader is several times faster and keeps the same marks
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader

MERGE_TAG = "tag:yaml.org,2002:merge"
#: Digits past which a number is refused: Python will not print an int of more than 4300
#: digits (every message quoting it would fail), and no front-matter value has 100.
MAX_INT_DIGITS = 1000
_MAX_INT_BITS = int(MAX_INT_DIGITS * 3.33)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader, with a value that a tag cannot make (``!!bool maybe``, ``!!binary``
    that is not base64, ``!!timestamp`` that is no date) or a number too large to print
    reported as a YAML error at its node, like every other error of the front matter."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            value = super().construct_object(node, deep)
        except (yaml.MarkedYAMLError, RecursionError):
            raise
        except Exception:  # each constructor fails in its own way: KeyError, ValueError, ...
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{_shown(node)} cannot be read as {_short_tag(node.tag)}",
                node.start_mark,
            ) from None
        if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of more than {MAX_INT_DIGITS} digits", node.start_mark
            )
        return value

    def construct_document(self, node: yaml.Node) -> Any:
        """The document's data, made by `_tree_data` where it can, else by PyYAML."""
        data = _tree_data(self, node)
        return super().construct_document(node) if data is _SLOW else data


MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
VALUE_TAG = "tag:yaml.org,2002:value"
#: the scalar tags `_tree_data` makes with the safe constructor's own function
_SCALAR_TAGS = (
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    INT_TAG,
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
)
_SAFE = yaml.constructor.SafeConstructor.yaml_constructors
_SCALARS = {tag: _SAFE[tag] for tag in _SCALAR_TAGS}
_SLOW = object()


class _Slow(Exception):
    """Raised inside `_tree_data` where only PyYAML's own construction is sure to be right."""


def _tree_data(loader: Any, root: yaml.Node) -> Any:
    """The data PyYAML's safe constructor makes of a plain tree, without its machinery, or
    `_SLOW`: about a third of the time, and the front matter of nearly every page is one.

    PyYAML constructs each node through `construct_object`, which remembers every node made,
    defers the filling of each mapping and list to a generator and looks up the node's tag;
    for a tree of mappings, lists and scalars with the safe tags none of that changes the
    result, and the scalars are made by the safe constructor's own functions. Everything
    else is left to PyYAML, for the whole document: a node met twice (an alias: the data
    shares one object, and may contain itself), a merge key (``<<``, which rewrites the
    mapping's nodes) or a ``=`` key, a key that is not a scalar, any other tag (``!!set``,
    ``!!binary``, ``!!omap``, local tags), a constructor the loader has replaced, a value a
    constructor refuses and a number too large (both then raise as PyYAML does, through
    `_Loader.construct_object`). The caller has refused alias bombs and deep nesting
    (`_check`). tests/test_yaml_fast.py compares the two on every front matter it has.
    """
    own = loader.yaml_constructors
    if any(own.get(tag) is not _SAFE[tag] for tag in (MAP_TAG, SEQ_TAG, STR_TAG, *_SCALAR_TAGS)):
        return _SLOW
    try:
        return _make(root, loader, set())
    except _Slow:
        return _SLOW


def _make(node: yaml.Node, loader: Any, containers: set[int]) -> Any:
    """`_tree_data` of one node (a function of the module, not a closure: a closure that calls
    itself is a cycle, and each parse would leave one holding its loader and text until the
    collector's rare full pass, which cli.py sets rare)."""
    tag = node.tag
    kind = type(node)
    if kind is yaml.ScalarNode:
        if tag == STR_TAG:
            return node.value
        made = _SCALARS.get(tag)
        if made is None:
            raise _Slow
        try:
            value = made(loader, node)
        except Exception:  # refused: PyYAML raises it as our loader does
            raise _Slow from None
        if tag == INT_TAG and value.bit_length() > _MAX_INT_BITS:
            raise _Slow
        return value
    if id(node) in containers:
        raise _Slow
    containers.add(id(node))
    if kind is yaml.MappingNode and tag == MAP_TAG:
        mapping: dict[Any, Any] = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or key.tag in (MERGE_TAG, VALUE_TAG):
                raise _Slow
            mapping[_make(key, loader, containers)] = _make(value, loader, containers)
        return mapping
    if kind is yaml.SequenceNode and tag == SEQ_TAG:
        return [_make(item, loader, containers) for item in node.value]
    raise _Slow


def _short_tag(tag: str) -> str:
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


def _shown(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        return "the value"
    text = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return f"the value '{text}'"


JsonPath = tuple[str | int, ...]

#: More nodes than any front matter has; past it the document is an alias bomb or worse.
MAX_NODES = 20_000
MAX_DEPTH = 64


class YamlTooComplex(Exception):
    """The front matter expands to more nodes, or nests deeper, than a front matter can."""

    def __init__(self, node: yaml.Node, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


class Located(NamedTuple):
    """Where one value sits: its node, and the key node when it is a mapping value."""

    value: yaml.Node
    key: yaml.Node | None = None


@dataclass
class ParsedYaml:
    root: yaml.Node
    data: Any
    #: (first key node, duplicate key node) for every repeated key
    duplicates: list[tuple[yaml.Node, yaml.Node]] = field(default_factory=list)
    _index: dict[JsonPath, Located] | None = field(default=None, repr=False, compare=False)

    @property
    def index(self) -> dict[JsonPath, Located]:
        """Every node by JSON path, built on first use: a file read only for the repository
        index needs the positions of two or three values, not of every node."""
        if self._index is None:
            self._index = {}
            _index(self.root, (), None, self._index)
        return self._index


def parse(text: str) -> ParsedYaml | None:
    """Compose and construct one YAML document; None when the text holds no document.

    Raises yaml.YAMLError for syntax errors, YamlTooComplex for alias bombs and deep nesting.
    """
    loader = _Loader(text)
    remap = _remapper(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            if remap is not None:
                exc.context_mark = remap(exc.context_mark)
                exc.problem_mark = remap(exc.problem_mark)
            raise
        if root is None:
            return None
        if remap is not None:
            _remap_nodes(root, remap)
        parsed = ParsedYaml(root=root, data=None)
        _check(root, parsed.duplicates, [0])
        parsed.data = loader.construct_document(root)
        return parsed
    finally:
        loader.dispose()


#: Line breaks to YAML 1.1 (PyYAML and libyaml) that are none to an editor or to
#: `files.split_lines`: NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")

Remap = Callable[["yaml.Mark | None"], "yaml.Mark | None"]


def _remapper(text: str) -> Remap | None:
    """Marks from YAML's lines to the text's lines, when the two differ (else None).

    Without this, every position after such a character would be a line off in the editor.
    """
    if not _YAML_ONLY_BREAKS.search(text):
        return None
    starts: list[tuple[int, int]] = []  # YAML line -> (text line, column where it starts)
    for number, line in enumerate(LINE_BREAK.split(text)):
        starts.append((number, 0))
        starts.extend((number, m.end()) for m in _YAML_ONLY_BREAKS.finditer(line))

    def remap(mark: yaml.Mark | None) -> yaml.Mark | None:
        if mark is None:
            return None
        line, offset = starts[min(mark.line, len(starts) - 1)]
        return yaml.Mark(mark.name, mark.index, line, offset + mark.column, None, 0)

    return remap


def _remap_nodes(root: yaml.Node, remap: Remap) -> None:
    """Move every node's marks to the text's lines (iteratively: nesting may be deep)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias shares its anchor's node
            continue
        seen.add(id(node))
        node.start_mark, node.end_mark = remap(node.start_mark), remap(node.end_mark)
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _check(
    node: yaml.Node,
    duplicates: list[tuple[yaml.Node, yaml.Node]],
    count: list[int],
    depth: int = 0,
) -> None:
    """Refuse an alias bomb or deep nesting, and find repeated keys, in the order of `_index`
    but building nothing (the depth is checked before it can pass the recursion limit)."""
    count[0] += 1
    if count[0] > MAX_NODES:
        raise YamlTooComplex(node, f"more than {MAX_NODES} nodes (aliases expanded)")
    if depth > MAX_DEPTH:
        raise YamlTooComplex(node, f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, yaml.Node] = {}
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else repr(k)
            if name in seen:
                duplicates.append((seen[name], k))
            else:
                seen[name] = k
            _check(v, duplicates, count, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check(item, duplicates, count, depth + 1)


def _index(
    node: yaml.Node, path: JsonPath, key: yaml.Node | None, index: dict[JsonPath, Located]
) -> None:
    index[path] = Located(node, key)  # a repeated key: the last one, as in the data
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else repr(k)
            _index(v, (*path, name), k, index)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), None, index)


def is_empty_scalar(node: yaml.Node) -> bool:
    """An implicit null such as the value of ``key:`` with nothing after it.

    PyYAML gives such a node the position of the next token, often on the next line;
    callers point at the key instead.
    """
    return (
        isinstance(node, yaml.ScalarNode)
        and node.value == ""
        and node.start_mark.index == node.end_mark.index
        and not node.style
    )
