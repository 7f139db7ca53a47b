"""The front matter's data made without PyYAML's construction machinery (`yamlpos._tree_data`)
is exactly what PyYAML's safe constructor makes, or the document is left to PyYAML.

Compared on the front matter of every fixture, of ../shared/corpus where it exists and of a
generated repository, on hand-picked YAML that must go the slow way, and on generated YAML;
with types compared too (1, 1.0 and True are equal in Python, not in a front matter).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vereistenlint import yamlpos
from vereistenlint.load import load

from .conftest import sample_pages


def _typed(value: Any) -> Any:
    """The value with the type of every part spelled out, for an exact comparison."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


def _slow(text: str) -> Any:
    loader = yamlpos._Loader(text)
    try:
        root = loader.get_single_node()
        return "no document" if root is None else _typed(_plain_construct(loader, root))
    except Exception as exc:  # the error is the result
        return ("error", type(exc).__name__, str(exc))
    finally:
        loader.dispose()


def _plain_construct(loader: Any, root: yaml.Node) -> Any:
    return yaml.constructor.BaseConstructor.construct_document(loader, root)


def _fast(text: str) -> tuple[Any, bool]:
    """(the result as `_slow` gives it, whether `_tree_data` made it)."""
    loader = yamlpos._Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return "no document", False
        data = yamlpos._tree_data(loader, root)
        if data is yamlpos._SLOW:
            return _typed(_plain_construct(loader, root)), False
        return _typed(data), True
    except Exception as exc:  # the error is the result
        return ("error", type(exc).__name__, str(exc)), False
    finally:
        loader.dispose()


def _same(text: str) -> bool:
    got, fast = _fast(text)
    assert got == _slow(text), text
    return fast


@pytest.fixture(scope="module")
def front_matters(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    paths = sample_pages(tmp_path_factory, 16)
    found = []
    for path in paths:
        doc = load(path, path.name)
        fm = doc.front_matter
        if fm is not None:
            found.append("\n".join(doc.lines[fm.open_line + 1 : fm.close_line]) + "\n")
    return found


def test_the_data_is_the_same_for_every_front_matter(front_matters: list[str]) -> None:
    fast = [_same(text) for text in front_matters]
    assert len(fast) > 300
    assert sum(fast) > 0.9 * len(fast)  # nearly every front matter takes the fast way


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # one list, shared
        "a: &x\n  k: v\nb:\n  <<: *x\n  c: d\n",  # a merge key
        "a: &x [1]\nb: &y [*x]\n",
        "=: v\n",  # the value key
        "? [a, b]\n: v\n",  # a key that is a list
        "a: !!set {x, y}\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!omap [x: 1]\n",
        "a: !local x\n",
        "a: !!bool maybe\n",
        "a: !!int x\n",
        "a: !!timestamp nodate\n",
        "a: " + "9" * 1500 + "\n",
        "a: !!str [1]\n",
        "!!map [1]\n",
    ],
)
def test_what_only_pyyaml_may_make_is_left_to_it(text: str) -> None:
    assert not _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 1.5\nc: true\nd: ~\ne: 0x1F\nf: 1_000\ng: 2026-06-17\nh: '1'\n",
        "- [a, {b: c}]\n- {}\n- []\n- !!str 3\n- !!int '4'\n",
        "a: 1\na: 2\n1: x\ntrue: y\n2026-06-17: z\n",
        "plain\n",
        "k: 12:30:00\nn: .inf\nm: -.nan\no: 0o17\np: 0b11\n",
    ],
)
def test_plain_trees_take_the_fast_way(text: str) -> None:
    assert _same(text)


def test_the_comparison_sees_types() -> None:
    """It can fail: values that Python calls equal differ here."""
    one = _typed({"a": 1})
    assert one != _typed({"a": True}) and one != _typed({"a": 1.0}) and one != _typed({"a": "1"})
    day = datetime.date(2026, 6, 17)
    assert _typed([day]) != _typed([datetime.datetime(2026, 6, 17)])


def test_the_loader_uses_it_and_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []
    real = yamlpos._tree_data

    def spy(loader: Any, root: yaml.Node) -> Any:
        made.append(result := real(loader, root))
        return result

    monkeypatch.setattr(yamlpos, "_tree_data", spy)
    parsed = yamlpos.parse("a: [1, x]\n")
    assert parsed is not None and parsed.data == {"a": [1, "x"]} and made[-1] is not yamlpos._SLOW
    parsed = yamlpos.parse("a: &x [1]\nb: *x\n")
    assert parsed is not None and parsed.data["a"] is parsed.data["b"]
    assert made[-1] is yamlpos._SLOW


_SCALARS = [
    "x", "'q'", '"d"', "1", "-2", "1.5", "1e3", "true", "no", "~", "null", "", "2026-06-17",
    "0x1F", "1_0", "12:30", ".inf", "!!str 1", "!!int 2", "!!float 3", "!!bool yes", "!!null ''",
    "!!bool x", "!!set {a}", "!x y", "&a 1", "*a", "<<", "=", "é", "'a: b'",
]  # fmt: skip
_KEYS = ["a", "b", "a", "1", "true", "<<", "=", "? [k]\n", "'q'", "2026-01-01", "~"]


def _yaml(depth: int) -> st.SearchStrategy[str]:
    scalar = st.sampled_from(_SCALARS)
    if depth == 0:
        return scalar
    inner = _yaml(depth - 1)
    flow_list = st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]")
    block_map = st.lists(st.tuples(st.sampled_from(_KEYS), inner), min_size=1, max_size=4).map(
        lambda kvs: "{" + ", ".join(f"{k}: {v}" for k, v in kvs) + "}"
    )
    anchored = st.tuples(st.sampled_from(["", "&a ", "&b "]), flow_list | block_map).map("".join)
    return scalar | anchored


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_KEYS), _yaml(3)), min_size=1, max_size=6))
def test_the_data_is_the_same_on_generated_yaml(items: list[tuple[str, str]]) -> None:
    _same("".join(f"{k}: {v}\n" for k, v in items))


def test_parsing_leaves_no_cycle_for_the_collector() -> None:
    """The check sets the collector's full pass rare (cli.py): a cycle left by each parse
    would keep every file's loader and text until then (at 10,000 files, twice the memory)."""
    import gc

    text = "id: urn:x:1\ntitel: Een\nlijst:\n  - a\n  - b: 1\n"
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            assert yamlpos.parse(text) is not None
        assert gc.collect() == 0
    finally:
        gc.enable()
