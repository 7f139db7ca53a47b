"""Label vocabularies taken from the content repo's own folders, as the website builds them.

A label is valid when a page for it exists: the stems of docs/levenscyclus/*.md, the sub-folder
names of docs/bouwblokken/, and so on; without index.md, without the names the configuration
marks as not being labels, and with the values it adds.
"""

from __future__ import annotations

from collections.abc import Mapping

from .config import LabelSource
from .schema import Vocabularies


def values(source: LabelSource) -> tuple[str, ...]:
    if source.kind == "folders":
        found = {
            p.name for p in source.folder.iterdir() if p.is_dir() and not p.name.startswith(".")
        }
    else:
        found = {p.stem for p in source.folder.glob("*.md") if p.name != "index.md"}
    found -= set(source.not_labels)
    found |= set(source.extra)
    return tuple(sorted(found))


def vocabularies(sources: Mapping[str, LabelSource]) -> Vocabularies:
    return tuple(sorted((name, values(src)) for name, src in sources.items()))
