"""Output formats, by name; the table also feeds the command's --format choice.

A reporter turns one run's `Result` (sorted diagnostics and the files checked) into text;
it depends on the result and diagnostics types only, never on the engine.
`text` is for people, `json` for scripts, `github` for workflow logs, `sarif` for code
scanning and `junit` for CI test reports; all of them carry the same findings. Writing a
report where the user asked for it is `output.emit`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from ..result import Result
from .settings import Settings

#: every format has this signature: the run's result and the settings it may use
Reporter = Callable[[Result, Settings], str]


# Each format's module is imported only when the format is asked for, so that the pre-commit
# case (text, one file) does not pay for XML, hashing or workflow code.
def _text() -> Reporter:
    from .text import render

    return render


def _json() -> Reporter:
    from .json_report import render

    return render


def _github() -> Reporter:
    from .github import render

    return render


def _sarif() -> Reporter:
    from .sarif import render

    return render


def _junit() -> Reporter:
    from .junit import render

    return render


_LOADERS: dict[str, Callable[[], Reporter]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
    "junit": _junit,
}


class _Reporters(Mapping[str, Reporter]):
    def __getitem__(self, name: str) -> Reporter:
        return _LOADERS[name]()

    def __iter__(self) -> Iterator[str]:
        return iter(_LOADERS)

    def __len__(self) -> int:
        return len(_LOADERS)


REPORTERS: Mapping[str, Reporter] = _Reporters()
