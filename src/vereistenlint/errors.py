"""The one exception type of the library: a usage or configuration error (exit code 2).

Its text names the path, key or value at fault. One made with `UsageError.named` carries the
key of its text in the locale files, so that the command can show it in the user's language;
`str()` is the English text, for library callers.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import i18n, messages
from .findings import fmt


class UsageError(Exception):
    def __init__(
        self, message: str, key: str | None = None, values: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.key = key
        self.values = dict(values or {})

    @classmethod
    def named(cls, key: str, /, **values: object) -> UsageError:
        """The error whose text is `error.<key>` of the locale's [ui] table."""
        error = cls("", key, values)
        error.args = (error.render(i18n.SOURCE),)
        return error

    def render(self, lang: str) -> str:
        """The text in `lang` (words of ours inside the values are translated too)."""
        if self.key is None:
            return str(self)
        values = {k: messages.translate(fmt(v), lang) for k, v in self.values.items()}
        return i18n.ui(f"error.{self.key}", lang).format(**values)
