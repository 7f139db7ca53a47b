from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_copy(name: str, target: Path) -> Path:
    """A copy of one tree of ../shared/corpus at `target` (the tests may change it); the test
    is skipped when the corpus is not there."""
    source = CORPUS / name
    if not source.is_dir():
        pytest.skip("../shared/corpus is not present")
    shutil.copytree(source, target)
    return target


def sample_pages(tmp_path_factory: pytest.TempPathFactory, seed: int) -> list[Path]:
    """The Markdown files a fast path is compared with its slow path on: every fixture, a
    generated repository of 300 files (`benchmarks/generate.py`, seeded) and the corpus when
    it is there."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate  # the benchmark generator, a script beside the tests

    generated = tmp_path_factory.mktemp("generated")
    generate.generate(generated, 300, seed=seed)
    paths = sorted(FIXTURES.rglob("*.md")) + sorted(generated.rglob("*.md"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.rglob("*.md"))
    return paths


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command speaks Dutch unless the environment is English; the suite's expectations
    are English, so every test starts in an English locale (tests of the Dutch default set
    a non-English one themselves)."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default format and colour depend on the environment (GitHub Actions, NO_COLOR);
    the suite's expectations are for a plain run, wherever the suite itself runs."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
