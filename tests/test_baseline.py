"""The JSON report on the whole of ../shared/corpus, compared with the one stored before the
engine was split into stages (issue 10): a restructuring must not change a single byte of
output. Each case runs in a temporary copy, so paths in the report are relative and no
configuration above the corpus can leak in. Skips when ../shared is absent.

Rules added after the baseline do not make it fail: their findings (codes the baseline's
rules listing does not know) are left out of the comparison, which is then of the parsed
findings; without them the report must be the same byte for byte. The same holds for the
rules listing (JSON, both languages): every rule of the baseline exactly as it was.

To store a new baseline after an intended change of output:
``python -m tests.test_baseline`` (from the repository root)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS
from .test_corpus_2026 import CONFIG

BASELINE = Path(__file__).resolve().parent / "data" / "baseline"

#: name -> (folder of the corpus to copy, path to check inside the copy or None, config text)
CASES: dict[str, tuple[str, str | None, str | None]] = {
    "seed": ("seed", "seed", None),
    "2024-05-vereisten": ("algoritmekader-2024-05", "docs/vereisten", None),
    "2026-06-voldoen": ("algoritmekader-2026-06", "docs/voldoen-aan-wetten-en-regels", None),
    "2026-06-configured": ("algoritmekader-2026-06", None, CONFIG),
}
LANGS = ("en", "nl")


def baseline_rules(lang: str) -> list[dict[str, object]]:
    rules: list[dict[str, object]] = json.loads(
        (BASELINE / f"rules.{lang}.json").read_text(encoding="utf-8")
    )
    return rules


BASE_CODES = {str(r["code"]) for r in baseline_rules("en")}


def report(work: Path, name: str, lang: str) -> str:
    """The JSON report of one case, run in a fresh copy below `work`."""
    folder, target, config = CASES[name]
    copy = work / name
    if not copy.exists():
        source = CORPUS / folder
        shutil.copytree(source, copy / folder if folder == "seed" else copy)
        if config is not None:
            (copy / "vereistenlint.toml").write_text(config, encoding="utf-8")
    args = [sys.executable, "-m", "vereistenlint", "check", "--format", "json", "--lang", lang]
    proc = subprocess.run(
        [*args, *([target] if target else [])],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return tmp_path_factory.mktemp("baseline")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_output_on_the_corpus_is_unchanged(work: Path, name: str, lang: str) -> None:
    expected = (BASELINE / f"{name}.{lang}.json").read_text(encoding="utf-8")
    actual = report(work, name, lang)
    found = json.loads(actual)
    known = [d for d in found if d["code"] in BASE_CODES]
    if known == found:
        assert actual == expected
    else:  # a rule added since: the baseline's rules must still find exactly what they found
        assert known == json.loads(expected)


@pytest.mark.parametrize("lang", LANGS)
def test_the_rules_listing_is_unchanged(lang: str) -> None:
    listed = json.loads(rules_listing(lang, "json"))
    assert [r for r in listed if r["code"] in BASE_CODES] == baseline_rules(lang)


def rules_listing(lang: str, fmt: str) -> str:
    args = ["rules", "--format", fmt, "--lang", lang]
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", *args], capture_output=True, text=True, check=True
    )
    return proc.stdout


def test_the_baseline_finds_something() -> None:
    """A baseline of empty reports would compare equal to a linter that checks nothing."""
    assert all(
        (BASELINE / f"{name}.en.json").read_text(encoding="utf-8").count('"code"') > 0
        for name in CASES
    )


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            for language in LANGS:
                out = BASELINE / f"{case}.{language}.json"
                out.write_text(report(Path(tmp), case, language), encoding="utf-8")
                print(out)
    for language in LANGS:
        out = BASELINE / f"rules.{language}.json"
        out.write_text(rules_listing(language, "json"), encoding="utf-8")
