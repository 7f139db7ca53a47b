"""The compiled validator (jsonschema-rs) is only a fast path: it may say "valid" only where
jsonschema finds no error at all. Checked on the front matter of every generated document
(benchmarks/generate.py, with its defects), every document of ../shared/corpus and edits of
them that break each schema in another way, against every profile's schema, with and without
label vocabularies."""

from __future__ import annotations

import copy
import datetime
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vereistenlint import profiles, schema
from vereistenlint.load import load

from .conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # the benchmark generator, a script beside the tests

pytest.importorskip("jsonschema_rs")

VOCABULARIES: tuple[schema.Vocabularies, ...] = (
    (),
    (("levenscyclus", ("ontwerp", "ontwikkelen")), ("rollen", ("jurist",))),
)


def _schemas() -> list[str]:
    return sorted({p.schema_file for p in profiles.all_profiles().values()})


def _front_matter(paths: Iterator[Path]) -> list[Any]:
    found = []
    for path in paths:
        doc = load(path, path.name)
        fm = doc.front_matter
        if fm is not None and fm.parsed is not None:
            found.append(fm.parsed.data)
    return found


def _variants(data: Any) -> Iterator[Any]:
    """The document, and edits that break a schema another way each."""
    yield data
    if not isinstance(data, dict):
        return
    for key in list(data)[:6]:
        less = dict(data)
        del less[key]
        yield less
        for value in (None, 3, "", [], ["x"], {"a": 1}, datetime.date(2026, 6, 1), True, 1.5):
            other = copy.copy(data)
            other[key] = value
            yield other
    yield {**data, "onbekend": 1}
    yield {**data, 7: "a key that is no string"}


def _agree(docs: list[Any]) -> int:
    compared = 0
    for schema_file in _schemas():
        for vocabularies in VOCABULARIES:
            slow = schema.validator(schema_file, vocabularies)
            assert schema.fast_validator(schema_file, vocabularies) is not None
            for data in docs:
                for variant in _variants(data):
                    valid = next(iter(slow.iter_errors(variant)), None) is None
                    fast = schema.surely_valid(schema_file, vocabularies, variant)
                    assert not fast or valid, (schema_file, vocabularies, variant)
                    assert fast == valid or not _json_only(variant), (schema_file, variant)
                    compared += 1
    return compared


def _json_only(value: Any) -> bool:
    """Made only of what JSON has: there the two must agree exactly, both ways."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_only(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def test_agrees_on_generated_documents(tmp_path: Path) -> None:
    generate.generate(tmp_path, 300, seed=7, config=True)
    docs = _front_matter(tmp_path.rglob("*.md"))
    assert len(docs) > 300
    assert _agree(docs) > 10_000


def test_agrees_on_the_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip("no ../shared/corpus")
    docs = _front_matter(CORPUS.rglob("*.md"))
    assert len(docs) > 100
    assert _agree(docs) > 10_000


def test_says_invalid_where_jsonschema_finds_an_error() -> None:
    """The fast path must be able to refuse: a test of agreement that only ever saw valid
    documents could not fail."""
    file = profiles.all_profiles()["maatregel"].schema_file
    assert not schema.surely_valid(file, (), {"title": 3})
    assert not schema.surely_valid(file, (), {"title": "t", "when": datetime.date(2026, 1, 1)})
