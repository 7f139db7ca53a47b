"""mkdocs.yml read as data: the one place that parses it.

The file holds tags such as ``!!python/name:material.extensions.emoji.twemoji`` and
``!ENV [NAME, default]`` that MkDocs turns into imports and environment look-ups. Here every
tag becomes an `Opaque` value that records what was written and nothing more: no name from the
file is ever imported, no variable read, no code run. Without a mkdocs.yml MkDocs' own defaults
hold (``docs_dir: docs``, no site_url, its three default Markdown extensions).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..paths import display_path

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
#: MkDocs' built-in markdown_extensions, always loaded before the configured ones
DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code")
#: a real mkdocs.yml has a few hundred nodes
MAX_NODES = 100_000


class Opaque(NamedTuple):
    """A tagged YAML value, kept as written: never resolved."""

    tag: str
    value: object = None


class SafeMkDocsLoader(yaml.SafeLoader):
    """PyYAML's safe loader that accepts any tag and makes it an `Opaque` value."""


def _opaque(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Opaque:
    value: object
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:  # pragma: no cover - PyYAML has no other node kinds
        value = None
    return Opaque(node.tag, value)


#: the same loader on libyaml's parser (about ten times faster on a real mkdocs.yml); the
#: constructors are PyYAML's Python ones either way, so the data is the same. Where libyaml
#: is missing, or rejects a file, the pure-Python loader reads it (and says why it fails).
FastMkDocsLoader: type[Any] | None = None
if hasattr(yaml, "CSafeLoader"):

    class _FastMkDocsLoader(yaml.CSafeLoader):
        """`SafeMkDocsLoader` on libyaml's parser."""

    FastMkDocsLoader = _FastMkDocsLoader

# "!" catches local tags (!ENV, !relative), "tag:" every global one (!!python/name:..., ...)
for _loader in (SafeMkDocsLoader, FastMkDocsLoader):
    if _loader is not None:
        _loader.add_multi_constructor("!", _opaque)
        _loader.add_multi_constructor("tag:yaml.org,2002:python/", _opaque)
        _loader.add_multi_constructor("tag:", _opaque)


class NavItem(NamedTuple):
    """One page named in ``nav``, with where it is written in mkdocs.yml (1-based)."""

    title: str | None
    target: str
    line: int
    column: int


@dataclass(frozen=True)
class SiteConfig:
    #: the folder mkdocs.yml is in (or the folder given when there is none)
    root: Path
    config_file: Path | None
    docs_dir: Path
    site_url: str | None = None
    use_directory_urls: bool = True
    nav: tuple[NavItem, ...] | None = None
    #: (name, options) in the order MkDocs loads them, its defaults first
    markdown_extensions: tuple[tuple[str, Mapping[str, Any]], ...] = field(
        default_factory=lambda: tuple((name, {}) for name in DEFAULT_EXTENSIONS)
    )
    #: problems reading mkdocs.yml: (line, column, reason)
    problems: tuple[tuple[int, int, str], ...] = ()

    def extension(self, name: str) -> Mapping[str, Any] | None:
        """The options of a configured extension (merged as MkDocs does), or None."""
        found: dict[str, Any] | None = None
        for ext, options in self.markdown_extensions:
            if _short(ext) == _short(name):
                found = {**(found or {}), **options}
        return found

    @property
    def display_config(self) -> str:
        if self.config_file is None:
            return "mkdocs.yml"
        return display_path(self.config_file)


def _short(name: str) -> str:
    """``markdown.extensions.toc`` and ``toc`` are the same extension."""
    return name.removeprefix("markdown.extensions.")


def find_config(start: Path) -> Path | None:
    """mkdocs.yml in `start` or the nearest folder above it."""
    folder = Path(os.path.abspath(start))
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def defaults(root: Path) -> SiteConfig:
    """What MkDocs assumes with no configuration: the pages are in ``docs/``."""
    return SiteConfig(root=root, config_file=None, docs_dir=root / "docs")


def load_config(path: Path) -> SiteConfig:
    """Read mkdocs.yml; a file that cannot be read or parsed gives the defaults and a problem."""
    root = path.parent
    try:
        text = path.read_text(encoding="utf-8-sig")
        node, data = _parse(text)
    except (OSError, UnicodeDecodeError) as exc:
        return _with_problem(defaults(root), path, 1, 1, str(exc))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = getattr(exc, "problem", None) or str(exc)
        return _with_problem(defaults(root), path, line, col, str(reason))
    if node is not None and _too_complex(node):
        problem = f"more than {MAX_NODES} nodes (aliases expanded)"
        return _with_problem(defaults(root), path, 1, 1, problem)
    if not isinstance(data, dict):
        return SiteConfig(root=root, config_file=path, docs_dir=root / "docs")
    docs = data.get("docs_dir")
    docs_dir = root / (docs if isinstance(docs, str) and docs else "docs")
    site_url = data.get("site_url")
    use_dirs = data.get("use_directory_urls", True)
    nav_node = _child(node, "nav")
    nav = tuple(_nav_items(nav_node)) if nav_node is not None else None
    return SiteConfig(
        root=root,
        config_file=path,
        docs_dir=docs_dir,
        site_url=site_url if isinstance(site_url, str) and site_url else None,
        use_directory_urls=use_dirs if isinstance(use_dirs, bool) else True,
        nav=nav,
        markdown_extensions=tuple(_extensions(data.get("markdown_extensions"))),
    )


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for positions) and its data, from one parse: libyaml's where
    it reads the file, else PyYAML's own (whose error is the one reported). The data is not
    constructed from a tree that is too complex (`_too_complex`). libyaml accepts a tab where
    PyYAML rejects it (``key:<TAB>value``): a file with a tab is left to PyYAML."""
    if FastMkDocsLoader is not None and "\t" not in text:
        try:
            return _compose_and_construct(FastMkDocsLoader(text))
        except yaml.YAMLError:
            pass  # read again by the pure-Python parser: its message and position are reported
    return _compose_and_construct(SafeMkDocsLoader(text))


def _compose_and_construct(loader: Any) -> tuple[yaml.Node | None, Any]:
    try:
        node = loader.get_single_node()
        data = None
        if node is not None and not _too_complex(node):
            data = loader.construct_document(node)
        return node, data
    finally:
        loader.dispose()


def load_site(start: Path) -> SiteConfig:
    """The site `start` belongs to: its mkdocs.yml, else MkDocs' defaults at `start`."""
    found = find_config(start)
    if found is not None:
        return load_config(found)
    folder = Path(os.path.abspath(start))
    return defaults(folder.parent if folder.is_file() else folder)


def _too_complex(root: yaml.Node) -> bool:
    """More nodes than a real mkdocs.yml holds once aliases are expanded (a billion laughs),
    which every walk of the data would pay for."""
    stack: list[yaml.Node] = [root]
    count = 0
    while stack:
        node = stack.pop()
        count += 1
        if count > MAX_NODES:
            return True
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def _with_problem(site: SiteConfig, path: Path, line: int, col: int, reason: str) -> SiteConfig:
    return SiteConfig(
        root=site.root,
        config_file=path,
        docs_dir=site.docs_dir,
        problems=((line, col, reason),),
    )


def _extensions(raw: object) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """MkDocs' defaults, then each configured entry: a name, or a one-key mapping of options."""
    for name in DEFAULT_EXTENSIONS:
        yield name, {}
    if isinstance(raw, dict):  # MkDocs also accepts a mapping of name -> options
        raw = [{k: v} for k, v in raw.items()]
    if not isinstance(raw, list):
        return
    for item in raw:
        if isinstance(item, str):
            yield item, {}
        elif isinstance(item, dict) and len(item) == 1:
            ((name, options),) = item.items()
            if isinstance(name, str):
                yield name, options if isinstance(options, dict) else {}


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.Node):
            return v
    return None


def _nav_items(node: yaml.Node, title: str | None = None) -> Iterator[NavItem]:
    """Every page path in nav, depth first, with its position; URLs and sections are not pages."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str" or node.tag.endswith(":str"):
            value = str(node.value)
            yield NavItem(title, value, node.start_mark.line + 1, node.start_mark.column + 1)
    elif node.tag not in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
        return  # a tagged collection is an opaque value, not a navigation
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_items(item)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else None
            yield from _nav_items(v, str(name) if name is not None else None)
