"""The per-file checks judge each page's links (site/pages.py): exactly what the link stage
gives when it reads and judges every page itself.

The fast path is compared with the slow one (`stage.pages` returning None: the stage reads,
outlines and judges every page, as before) on the fixture site, a generated repository
(benchmarks/generate.py, with broken links, moved pages and missing anchors) and the content
repo's snapshot where ../shared/corpus is present (in a copy): a full check without the cache
(every link into another page's anchor is left to the stage: `JudgedPage.later`), a full
check with the site cache filled (other pages' anchors come from the cache in the check), a
folder and a single page named, and a link check that raises. Each comparison also asserts
that the fast path was taken, so that it cannot pass by falling back.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vereistenlint import config, engine
from vereistenlint.options import Options
from vereistenlint.result import Result
from vereistenlint.rules import site_links
from vereistenlint.site import stage
from vereistenlint.site.index import SiteCache
from vereistenlint.site.outline import Link, Outline, pack, unpack
from vereistenlint.site.pages import JudgedPage

from .conftest import CORPUS, FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # the benchmark generator, a script beside the tests

FULL = CORPUS / "algoritmekader-2026-06-full"


def _aged(root: Path) -> Path:
    """Every file an hour old, so that the cache written next trusts them (racy-file guard)."""
    past = time.time() - 3600
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    made = tmp_path_factory.mktemp("judged")
    fixture = made / "fixture"
    shutil.copytree(FIXTURES / "site", fixture)
    generated = made / "generated"
    generate.generate(generated, 500, seed=11, config=True)
    found = [_aged(fixture), _aged(generated)]
    if FULL.is_dir():
        snapshot = made / "snapshot"
        shutil.copytree(
            FULL, snapshot, ignore=shutil.ignore_patterns(".git", ".vereistenlint_cache")
        )
        found.append(_aged(snapshot))
    return found


def _run(
    root: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str], *, cache: bool, slow: bool
) -> tuple[Result, list[Any]]:
    """A check in `root`; with `slow`, the stage judges every page itself. Also what the
    checks handed to the stage."""
    handed: list[Any] = []
    real_run, real_pages = stage.run, stage.pages

    def run(*args: Any, **kwargs: Any) -> stage.LinkFindings:
        handed.extend(kwargs.get("outlines") or ())
        return real_run(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.chdir(root)
        patch.setattr(stage, "run", run)
        patch.setattr(stage, "pages", (lambda *a, **k: None) if slow else real_pages)
        conf = config.discover_config()
        if paths == ["<all>"]:  # the whole repository: the configuration's, else docs/
            paths = [] if conf is not None and conf.include else ["docs"]
        result = engine.run_check(paths, Options(config=conf, jobs=1, cache=cache))
    return result, handed


def _judged(handed: list[Any]) -> list[JudgedPage]:
    return [p for p in handed if isinstance(p, JudgedPage)]


def _same(root: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str], cache: bool) -> list[Any]:
    fast, handed = _run(root, monkeypatch, paths, cache=cache, slow=False)
    slow, none = _run(root, monkeypatch, paths, cache=cache, slow=True)
    assert not none
    assert fast.diagnostics == slow.diagnostics
    assert fast.files == slow.files
    return handed


def test_a_full_check_without_the_cache_is_the_stage_s_own(
    sites: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for root in sites:
        handed = _same(root, monkeypatch, ["<all>"], cache=False)
        judged = _judged(handed)
        assert len(judged) > 0.9 * len(handed)  # the fast path, not the fallback
        assert all(p.packed is not None for p in judged)
        if root.name == "generated":
            assert sum(len(p.later) for p in judged) > 50  # links left to the stage
            assert any(p.found for p in judged)


def test_a_full_check_with_the_cache_filled_is_the_stage_s_own(
    sites: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for root in sites:
        _run(root, monkeypatch, ["<all>"], cache=True, slow=True)  # fills the site cache
        handed = _same(root, monkeypatch, ["<all>"], cache=True)
        judged = _judged(handed)
        assert len(judged) > 0.9 * len(handed)
        if root.name == "generated":
            # outlines and other pages' anchors taken from the cache within the checks
            assert sum(p.packed is None for p in judged) > 0.9 * len(judged)
            assert sum(len(p.later) for p in judged) == 0
            assert any(p.found for p in judged)


def test_a_folder_and_a_page_named_are_judged_as_by_the_stage(
    sites: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for root in sites:
        pages = sorted((root / "docs").rglob("*.md"))
        linked = next(
            p for p in pages if p.name != "index.md" and "](" in p.read_text(encoding="utf-8")
        )
        folder = linked.parent.relative_to(root).as_posix()
        for cache in (False, True):
            for paths in ([folder], [linked.relative_to(root).as_posix()]):
                handed = _same(root, monkeypatch, paths, cache)
                assert _judged(handed)


def test_a_link_check_that_raises_gives_the_stage_s_internal_error(
    sites: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = site_links._check_link

    def failing(index: Any, rel: str, link: Link) -> Iterator[Any]:
        if rel.endswith("index.md") or "#" in link.url:
            raise RuntimeError(f"broken on {rel}")
        return real(index, rel, link)

    monkeypatch.setattr(site_links, "_check_link", failing)
    root = sites[1]
    fast, _ = _run(root, monkeypatch, ["<all>"], cache=False, slow=False)
    slow, _ = _run(root, monkeypatch, ["<all>"], cache=False, slow=True)
    assert fast.diagnostics == slow.diagnostics
    assert any(d.code == "VL007" and "broken on" in d.message for d in fast.diagnostics)


def test_a_packed_outline_is_the_site_cache_s_row(tmp_path: Path) -> None:
    made = Outline(
        ("kop", "é-ü", 'aan"hal'),
        (Link("link", "a.md#x", 3, 5, 6), Link("html-image", "b c.png", 9, 1, 0)),
    )
    assert unpack(pack(made)) == made
    assert unpack("[1]") is None
    cache = SiteCache(tmp_path, "ids")
    cache.keep("a.md", [10, 20], made)
    assert cache.rows.get("a.md") == "10\t20\t" + pack(made)


def test_spawned_workers_hand_back_outlines_and_the_stage_judges_them(
    sites: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spawned worker gets no site (`Pages.__getstate__`): it makes outlines as before, and
    the pages the site cache holds are left to the stage; the findings are the same."""
    import multiprocessing

    from vereistenlint import parallel

    root = sites[1]
    one, _ = _run(root, monkeypatch, ["<all>"], cache=True, slow=False)
    monkeypatch.chdir(root)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)  # no fork
    methods: list[str | None] = []
    real = multiprocessing.get_context

    def context(method: str | None = None) -> Any:
        methods.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", context)
    conf = config.discover_config()
    spawned = engine.run_check([], Options(config=conf, jobs=2, cache=True))
    assert methods == ["spawn"]
    assert spawned.diagnostics == one.diagnostics
