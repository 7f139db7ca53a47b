"""The one walk of the repository (`discover.walk_repo`) names every file exactly as the
per-file path functions do (display path, real-path key, relative name), and the compiled
globs match exactly as wcmatch does: the speed of issue 14 without a change of meaning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from wcmatch import glob

from vereistenlint import config, discover
from vereistenlint.paths import display_path, relative_to

PATTERNS = (
    ("docs/**/*.md",),
    ("docs/voldoen-aan-wetten-en-regels/vereisten/*.md",),
    ("templates/**", "docs/.hidden/*.md"),
    ("**/index.md", "docs/*/[a-c]*.md"),
    ("docs/**",),
)
PATHS = (
    "docs/a.md",
    "docs/x/y/z.md",
    "docs/voldoen-aan-wetten-en-regels/vereisten/aia-01.md",
    "docs/voldoen-aan-wetten-en-regels/vereisten/sub/aia-01.md",
    "docs/.hidden/a.md",
    "docs/x/.a.md",
    "templates/t.md",
    "templates/sub/t.md",
    "index.md",
    "docs/b/index.md",
    "docs/b/c.md",
    "docs/b/d.md",
    "other/a.md",
    "docs/a.md\n",
    "docs/../docs/a.md",
    "docs",
)


@pytest.mark.parametrize("patterns", PATTERNS)
def test_compiled_globs_match_as_wcmatch_does(patterns: tuple[str, ...]) -> None:
    reference = glob.compile(list(patterns), flags=discover.GLOB_FLAGS)
    for path in PATHS:
        assert discover.matches(path, *patterns) == reference.match(path), (patterns, path)


def _repo(root: Path) -> None:
    for rel in (
        "docs/b.md",
        "docs/a.md",
        "docs/index.md",
        "docs/sub/c.md",
        "docs/sub/deeper/d.md",
        "docs/.verborgen/e.md",
        "docs/z/f.md",
        "notes.txt",
    ):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: t\n---\n", encoding="utf-8")
    (root / "docs" / "link.md").symlink_to(root / "docs" / "a.md")
    (root / "docs" / "folder-link").symlink_to(root / "docs" / "sub", target_is_directory=True)
    (root / "vereistenlint.toml").write_text('include = ["docs/**/*.md"]\n', encoding="utf-8")


@pytest.mark.parametrize("where", [".", "docs", "docs/sub", ".."])
def test_one_walk_names_files_as_the_path_functions_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    _repo(root)
    monkeypatch.chdir(root / where)
    conf = config.load(root / "vereistenlint.toml")
    walked = discover.walk_repo(conf)
    expected = [
        p
        for p in discover.walk_markdown(conf.root)
        if p.name not in discover.SKIPPED_NAMES and discover.included(p, conf)
    ]
    assert [Path(f.full) for f in walked] == [Path(os.path.abspath(p)) for p in expected]
    for file, path in zip(walked, expected, strict=True):
        assert file.display == display_path(path)
        assert file.key == discover.file_key(path)
        assert file.rel == relative_to(path, conf.root)
    assert "docs/link.md" in [f.rel for f in walked]
    assert not any("folder-link" in f.rel or ".verborgen" in f.rel for f in walked)
