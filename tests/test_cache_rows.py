"""The cache files' rows (`cache.Rows`, `read_rows`, `write_rows`): what is read back is
what was written, row for row, as a dict of text would hold it, after any mix of setting and
removing; `heads_of` and `holding` answer as a search of each row would; a file cut short or
changed by hand anywhere is read as no rows at all, never as other rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vereistenlint import cache

PATHS = st.sampled_from(["a.md", "b/c.md", "d.md", "é.md", "e f.md"])
ROWS = st.builds(
    lambda size, mtime, fields, tail: (
        f"{size}\t{mtime}\t" + "".join(f + "\t" for f in fields) + tail
    ),
    st.integers(0, 10**6),
    st.integers(0, 10**19),
    st.lists(st.sampled_from(["vereiste", "", "x", '"urn:a"', "null"]), max_size=3),
    st.sampled_from(["", "[]", '[["a"],[]]', '{"é":"x.md"}', "x.md", "zonder tab"]),
)
ODD = st.sampled_from(["", "geen tab", "\t", "a\t\t", "x.md\tx.md"])
OPS = st.lists(st.tuples(st.sampled_from(["set", "pop"]), PATHS, st.one_of(ROWS, ODD)), max_size=12)


def _check(rows: cache.Rows, model: dict[str, str]) -> None:
    assert dict(rows.items()) == model
    assert list(rows.keys()) == list(model) and len(rows) == len(model)
    for rel in ["a.md", "b/c.md", "d.md", "é.md", "e f.md", "nergens.md"]:
        assert rows.get(rel) == model.get(rel)
        assert (rel in rows) == (rel in model)
    heads = rows.heads_of(["a.md", "nergens.md", "d.md"])
    for head, rel in zip(heads, ["a.md", "nergens.md", "d.md"], strict=True):
        row = model.get(rel, "")
        assert head == row[: row.rfind("\t") + 1]
    for text in ["x.md", "urn", "é", "[", "a"]:
        holding = rows.holding(text)
        assert holding <= set(model)
        wanted = {rel for rel, row in model.items() if text in row[row.rfind("\t") + 1 :]}
        assert wanted <= holding


@given(st.dictionaries(PATHS, st.one_of(ROWS, ODD)), OPS, OPS)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_rows_read_back_as_written(
    tmp_path_factory: pytest.TempPathFactory,
    first: dict[str, str],
    ops: list[tuple[str, str, str]],
    more: list[tuple[str, str, str]],
) -> None:
    folder = tmp_path_factory.mktemp("rows")
    path = folder / ".vereistenlint_cache" / "t.json"
    rows, model = cache.Rows(), {}
    for rel, row in first.items():
        rows[rel] = model[rel] = row
    for round_ in (ops, more):
        cache.write_rows(path, "fp", rows)
        rows, written = cache.read_rows(path, "fp")
        assert written > 0
        _check(rows, model)
        for op, rel, row in round_:
            if op == "set":
                rows[rel] = model[rel] = row
            else:
                assert rows.pop(rel) == model.pop(rel, None)
            _check(rows, model)
    assert cache.read_rows(path, "another")[0].heads == {}


def test_a_file_cut_short_or_changed_is_no_rows(tmp_path: Path) -> None:
    path = tmp_path / ".vereistenlint_cache" / "t.json"
    rows = cache.Rows()
    for i in range(4):
        rows[f"p{i}.md"] = f'{i}\t{i}\tveld\t["p{i}.md"]'
    cache.write_rows(path, "fp", rows)
    whole = path.read_bytes()
    assert len(cache.read_rows(path, "fp")[0]) == 4
    head_end = whole.index(b"\n") + 1
    for cut in range(head_end, len(whole) - 1):
        path.write_bytes(whole[:cut])
        found, _ = cache.read_rows(path, "fp")
        assert len(found) == 0, cut
    for at in range(head_end, len(whole)):  # a line break added or removed anywhere
        changed = whole[:at] + b"\n" + whole[at:]
        path.write_bytes(changed)
        found, _ = cache.read_rows(path, "fp")
        assert len(found) == 0 or dict(found.items()) == dict(rows.items()), at


def test_a_tail_that_is_not_utf8_is_no_row(tmp_path: Path) -> None:
    path = tmp_path / ".vereistenlint_cache" / "t.json"
    rows = cache.Rows()
    rows["a.md"] = '1\t2\t["é"]'
    rows["b.md"] = '3\t4\t["x"]'
    cache.write_rows(path, "fp", rows)
    whole = path.read_bytes()
    path.write_bytes(whole.replace("é".encode(), b"\xff\xfe"))
    found, _ = cache.read_rows(path, "fp")
    assert found.get("a.md") is None and dict(found.items()) == {"b.md": '3\t4\t["x"]'}
    assert found.holding("x") == {"b.md"}
