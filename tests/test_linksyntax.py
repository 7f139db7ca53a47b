"""The link-syntax scanner on its own: each broken form found at its place, valid forms left
alone (the rules' fixtures show the same inside real files)."""

from __future__ import annotations

import pytest

from vereistenlint.linksyntax import Problem, scan

CASES = [
    ("[a]()", [Problem("empty", 0)]),
    ("[a]( )", [Problem("empty", 0)]),
    ("[a] (https://x.nl)", [Problem("space", 0)]),
    ("[a] (zie boven)", []),  # a remark in brackets and an aside: no link was meant
    ("Zie de wet](https://x.nl) en", [Problem("no-open", 0)]),
    ("Dat is mooi! Echt](niet) een link.", []),  # no address: not a link that lost its '['
    ("- !Schema](img.png)", [Problem("image-no-open", 2)]),
    ("[a]([b](https://x))", [Problem("nested", 0)]),
    ("[a](https://x", [Problem("unclosed", 0)]),
    ("- [Artikel 5 AVG]", [Problem("bare", 2, "Artikel 5 AVG")]),
    ("[a [b] c](u)", []),  # brackets inside link text
    ("[^1] en [x] en [ref][r] en *[AVG]: uitleg", []),  # footnote, task, reference, abbr
    ("[a](u) b](https://y)", [Problem("no-open", 7)]),
    ("| [A]() | b](http://c) |", [Problem("empty", 2), Problem("no-open", 10)]),
    ("[over twee\nregels](u)", []),
    ("[wiki](https://nl.wikipedia.org/wiki/Algoritme_(informatica))", []),
    ("\\[geen link\\]()", []),
]


@pytest.mark.parametrize(("text", "problems"), CASES, ids=[c[0] for c in CASES])
def test_scan(text: str, problems: list[Problem]) -> None:
    assert list(scan(text)) == problems


def test_a_long_run_of_brackets_is_read_once() -> None:
    """Every ']' of a line of ten thousand is looked at once: as many problems as brackets."""
    text = "[a]()" * 10_000
    assert len(list(scan(text))) == 10_000
