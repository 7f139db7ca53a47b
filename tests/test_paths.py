"""The one relative-path helper: inside, equal, outside, and paths that only look inside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vereistenlint.paths import relative_to


@pytest.mark.parametrize(
    ("path", "base", "expected"),
    [
        ("/x/y/z.md", "/x", "y/z.md"),
        ("/x/y", "/x/y", "."),
        ("/x/../x/y/./z.md", "/x/", "y/z.md"),
        ("/a", "/", "a"),
        ("/xy/z", "/x", None),  # a sibling whose name starts like the base
        ("/x/y", "/x/y/z", None),
    ],
)
def test_relative_to(path: str, base: str, expected: str | None) -> None:
    assert relative_to(path, base) == expected


def test_relative_paths_are_taken_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert relative_to(Path("docs") / "a.md", ".") == "docs/a.md"
    assert relative_to("../a.md", ".") is None
    assert relative_to(os.fspath(tmp_path / "docs"), "docs") == "."
