"""What the editor is offered at the cursor (`completion.complete`), and the `server` command
without its extra."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vereistenlint import buffer, cli, completion, engine, profiles

from .pages import CLEAN, page

STEM = "abc-01-logboek-bijhouden"
PROFILE = profiles.get("vereiste")


def _at(text: str, line: int, column: int, **kwargs: object) -> list[completion.Item]:
    lines = buffer.lines_of(text)
    return completion.complete(lines, line, column, PROFILE, stem=STEM, **kwargs)  # type: ignore[arg-type]


def _labels(items: list[completion.Item]) -> list[str]:
    return [i.label for i in items]


def test_label_values_in_a_block_list_leave_out_what_it_holds() -> None:
    text = page(STEM).replace("- ontwikkelen\n", "- ontwikkelen\n- \n")
    items = _at(text, 7, 2)
    labels = _labels(items)
    assert "implementatie" in labels and "ontwerp" not in labels and "ontwikkelen" not in labels
    assert {i.start for i in items} == {2} and {i.kind for i in items} == {"value"}


def test_label_values_after_a_bare_dash_get_their_space() -> None:
    text = page(STEM).replace("- transparantie\n", "- transparantie\n-\n")
    items = _at(text, 9, 1)
    assert items and all(i.insert == " " + i.label for i in items)
    assert "transparantie" not in _labels(items)


def test_label_values_in_a_flow_list() -> None:
    text = page(STEM).replace("rollen:\n- projectleider\n", "rollen: [projectleider, \n")
    line = buffer.lines_of(text).index("rollen: [projectleider, ")
    labels = _labels(_at(text, line, len("rollen: [projectleider, ")))
    assert labels and "projectleider" not in labels


def test_configured_label_folders_replace_the_schema_values() -> None:
    text = page(STEM).replace("- ontwikkelen\n", "- ontwikkelen\n- x\n")
    vocabularies = (("levenscyclus", ("xontwerp", "xtra")),)
    assert _labels(_at(text, 7, 3, vocabularies=vocabularies)) == ["xontwerp", "xtra"]


def test_front_matter_keys_the_profile_allows_and_the_text_lacks() -> None:
    text = page(STEM).replace("hide:\n- navigation\n", "t\n")
    line = buffer.lines_of(text).index("t")
    items = _at(text, line, 1)
    # title and toelichting are already there
    assert _labels(items) == ["transparantieverplichting"]
    assert all(i.insert == i.label + ": " and i.start == 0 for i in items)
    everything = _labels(_at(text, line, 0))
    assert "hide" in everything and "title" not in everything


def test_measures_list_stems_own_first() -> None:
    text = page(STEM).replace(f"vereiste/{STEM} no-search", "vereiste/ab")
    lines = buffer.lines_of(text)
    line = next(i for i, t in enumerate(lines) if "list_maatregelen" in t)
    column = lines[line].index("vereiste/ab") + len("vereiste/ab")
    repo = buffer.LiveIndex(
        {
            "x": buffer.entry_of(
                Path("abc-02-ander.md"), "abc-02-ander.md", page("abc-02-ander"), OPTIONS
            )
        }
    ).index
    items = _at(text, line, column, repo=repo)
    assert _labels(items) == [STEM, "abc-02-ander"]
    assert {i.start for i in items} == {column - 2}


def test_measures_list_filter_values() -> None:
    text = page(STEM).replace("no-search -->", "onderwerp/tr -->")
    lines = buffer.lines_of(text)
    line = next(i for i, t in enumerate(lines) if "list_maatregelen" in t)
    column = lines[line].index("onderwerp/tr") + len("onderwerp/tr")
    assert _labels(_at(text, line, column)) == ["transparantie"]


def test_nothing_outside_a_list_or_marker() -> None:
    lines = buffer.lines_of(CLEAN)
    assert _at(CLEAN, 1, 8) == []  # inside the title's text
    assert _at(CLEAN, lines.index("## Risico"), 3) == []
    assert completion.complete(lines, 2, 0, None, stem=STEM) == []


OPTIONS = engine.Options(lang="en")


def test_server_command_says_how_to_install_pygls(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in sys.modules if n.split(".")[0] in ("pygls", "lsprotocol")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "lsprotocol", None)
    monkeypatch.delitem(sys.modules, "vereistenlint.langserver", raising=False)
    monkeypatch.delattr("vereistenlint.langserver", raising=False)
    result = CliRunner().invoke(cli.cli, ["server"])
    assert result.exit_code == 2
    assert "pip install 'vereistenlint[server]'" in result.output
