"""Which profile a file is checked against: --profile first, then the configuration's globs,
then what its front matter looks like."""

from __future__ import annotations

from typing import Any

from . import profiles
from .config import Config
from .discover import matches, relative_to_root
from .document import Document
from .errors import UsageError
from .profiles import Profile


def check_profile_name(name: str | None) -> None:
    """A --profile that names no profile is a usage error, raised before any file is read."""
    if name is not None and name not in profiles.all_profiles():
        raise UsageError.named(
            "option.unknown_profile", name=name, known=list(profiles.all_profiles())
        )


def choose_profile(
    doc: Document, forced: str | None, config: Config | None, rel: str | None = None
) -> Profile | None:
    """`rel`: the file's path relative to the configuration's folder, when the caller knows
    it already (the repository walk does)."""
    if forced is None and config is not None and config.profiles and rel is None:
        rel = relative_to_root(doc.path, config)
    found = profile_by_path(forced, config, rel)
    return profiles.recognise(doc.data) if found is BY_CONTENT else found


#: `profile_by_path`'s answer when only the front matter can say
BY_CONTENT: Any = object()


def profile_by_path(forced: str | None, config: Config | None, rel: str | None) -> Profile | None:
    """The profile `choose_profile` gives a file of this relative path without reading it,
    or `BY_CONTENT` when its front matter decides."""
    if forced is not None:
        return profiles.get(forced)
    if config is not None and config.profiles and rel is not None:
        for pattern, name in config.profiles:
            if matches(rel, pattern):
                return profiles.get(name)
    return BY_CONTENT  # type: ignore[no-any-return]
