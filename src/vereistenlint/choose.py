"""Which profile a file is checked against: --profile first, then the configuration's globs,
then what its front matter looks like."""

from __future__ import annotations

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
    if forced is not None:
        return profiles.get(forced)
    if config is not None and config.profiles:
        rel = relative_to_root(doc.path, config) if rel is None else rel
        if rel is not None:
            for pattern, name in config.profiles:
                if matches(rel, pattern):
                    return profiles.get(name)
    return profiles.recognise(doc.data)
