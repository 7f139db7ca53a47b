"""Checking and fixing a text in memory (`buffer`), and the server's position arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vereistenlint import buffer, completion, engine, profiles
from vereistenlint.discover import discover

from .pages import CLEAN, DEFECTS, page

OPTIONS = engine.Options(lang="en")
PATH = Path("vereisten/abc-01-logboek-bijhouden.md")
STEM = PATH.stem


def _check(text: str) -> buffer.Checked:
    return buffer.check_text(PATH, PATH.as_posix(), text, OPTIONS)


def _found(checked: buffer.Checked) -> list[tuple[str, buffer.Point, buffer.Point]]:
    return [(x.rule.code, x.start, x.end) for x in checked.findings]


def test_findings_carry_their_fixes_and_ranges() -> None:
    checked = _check(page(STEM, DEFECTS))
    assert _found(checked) == [
        ("VL014", (1, 44), (1, 45)),  # code points: the rocket is one
        ("VL016", (6, 2), (6, 14)),  # the whole misspelt value (its YAML node)
        ("VL302", (45, 31), (45, 45)),
    ]
    fixes = {x.rule.code: x.fix for x in checked.findings}
    assert fixes["VL014"] is not None and fixes["VL014"].safe
    assert fixes["VL016"] is not None and not fixes["VL016"].safe


def test_a_clean_text_has_no_findings() -> None:
    assert _check(page(STEM)).findings == ()


def test_a_bom_moves_first_line_columns_only() -> None:
    text = "\ufeff" + page(STEM, DEFECTS)
    assert _found(_check(text))[0] == ("VL014", (1, 44), (1, 45))
    broken = "\ufeff---\nid: [\n"
    (only,) = _check(broken).findings
    assert only.rule.code == "VL002" and only.start == (0, 1)


def test_fix_all_applies_safe_fixes_only_and_keeps_bom_and_crlf() -> None:
    text = "\ufeff" + page(STEM, DEFECTS).replace("\n", "\r\n")
    fixed, count = buffer.fix_text(PATH, PATH.as_posix(), text, OPTIONS)
    assert count == 2
    assert fixed.startswith("\ufeff---\r\n") and "\n" not in fixed.replace("\r\n", "")
    assert "logboek bij\r\n" in fixed and f"vereiste/{STEM} no-search" in fixed
    assert "- ontwikkelenn\r\n" in fixed  # unsafe: left alone
    unsafe, count = buffer.fix_text(PATH, PATH.as_posix(), text, OPTIONS, unsafe=True)
    assert count == 3 and "- ontwikkelen\r\n" in unsafe


def test_fix_leaves_a_text_whose_front_matter_does_not_parse() -> None:
    text = '---\ntitle: "open\n---\n'
    assert buffer.fix_text(PATH, PATH.as_posix(), text, OPTIONS) == (text, 0)


def _suppressed(text: str, code: str) -> str | None:
    checked = _check(text)
    located = next(x for x in checked.findings if x.rule.code == code)
    result = buffer.suppressed_text(checked, located, text, OPTIONS)
    if result is None:
        return None
    assert code not in {x.rule.code for x in _check(result).findings}
    return result


def test_suppression_in_front_matter_is_a_comment_at_the_end_of_the_line() -> None:
    text = page(STEM, DEFECTS)
    new = _suppressed(text, "VL016")
    assert new is not None and "- ontwikkelenn  # vereistenlint: ignore[VL016]\n" in new
    again = _suppressed(new.replace("ontwerp\n", "ontwerpp\n"), "VL016")
    assert again is not None and "- ontwerpp  # vereistenlint: ignore[VL016]\n" in again


def test_suppression_in_the_body_is_a_comment_line_above_after_a_blank_line() -> None:
    new = _suppressed(page(STEM, DEFECTS), "VL302")
    assert new is not None
    assert (
        "\n\n<!-- vereistenlint-disable-next-line VL302 -->\n<!-- list_maatregelen vereiste/" in new
    )


def test_suppression_inside_a_paragraph_stays_on_the_line_above() -> None:
    text = page(STEM).replace("De registratie maakt", "Eerste regel.\nTODO: de registratie maakt")
    new = _suppressed(text, "VL108")
    assert new is not None
    assert "Eerste regel. <!-- vereistenlint-disable-next-line VL108 -->\nTODO:" in new


def test_no_suppression_where_a_comment_would_break_a_table() -> None:
    checked = _check(page(STEM).replace("## Risico\n\n", "## Risico\n\n| a |\n|---|\n| TODO |\n"))
    located = next(x for x in checked.findings if x.rule.code == "VL108")
    assert buffer.suppressed_text(checked, located, "", OPTIONS) is None


def test_served_files() -> None:
    root = Path("/repo")
    assert buffer.served(root / "docs" / "a.md", None, root)
    assert not buffer.served(root / "docs" / "index.md", None, root)
    assert not buffer.served(root / "docs" / "a.txt", None, root)
    assert not buffer.served(Path("/elsewhere/a.md"), None, root)


def test_live_index_replaces_one_entry(tmp_path: Path) -> None:
    (tmp_path / "abc-01-a.md").write_text(page("abc-01-a"))
    (tmp_path / "abc-02-b.md").write_text(page("abc-02-b").replace("abc-01", "abc-02"))
    files = [(p, p.name) for p in sorted(tmp_path.glob("*.md"))]
    live = buffer.LiveIndex.build(files, OPTIONS)
    first = tmp_path / "abc-01-a.md"
    assert live.index.others_with_id(live.entries[str(first.resolve())]) == []
    twin = page("abc-02-b")  # an unsaved edit: the id of abc-01 in abc-02's buffer
    second = tmp_path / "abc-02-b.md"
    assert live.put(buffer.entry_of(second, second.name, twin, OPTIONS))
    others = live.index.others_with_id(live.entries[str(first.resolve())])
    assert [o.display for o in others] == ["abc-02-b.md"]
    assert not live.put(buffer.entry_of(second, second.name, twin + "\nmore\n", OPTIONS))


def test_same_findings_as_the_command_on_the_corpus(corpus: Path) -> None:
    """Each file's buffer check, against an index of the folder, says what `check` says."""
    folder = corpus / "algoritmekader-2026-06" / "docs"
    expected = {
        (d.path, d.line, d.column, d.code, d.message)
        for d in engine.run_check([folder], OPTIONS).diagnostics
    }
    files = discover([folder])
    live = buffer.LiveIndex.build(files, OPTIONS)
    got = set()
    for path, display in files:
        text = path.read_text(encoding="utf-8")
        checked = buffer.check_text(path, display, text, OPTIONS, (), live.index)
        for x in checked.findings:
            got.add((display, x.finding.line, x.finding.column, x.rule.code, x.message))
    assert expected, "the corpus gives findings to compare"
    assert got == expected


@pytest.mark.parametrize(
    ("encoding", "units", "before_stop"),
    [("utf-16", 7, 6), ("utf-8", 11, 10), ("utf-32", 6, 5)],
)
def test_units(encoding: str, units: int, before_stop: int) -> None:
    text = "één 🚀."
    pytest.importorskip("pygls")
    from vereistenlint import langserver

    assert langserver.units(text, encoding) == units
    assert langserver.code_points(text, units, encoding) == len(text)
    assert langserver.code_points(text, before_stop, encoding) == 5


def test_diff_edit_never_splits_a_crlf() -> None:
    pytest.importorskip("pygls")
    from vereistenlint import langserver

    edit = langserver.diff_edit("a 🚀\r\nb\r\n", "a 🚀\r\nx\r\nb\r\n")
    start, end = edit.range.start, edit.range.end
    assert (start.line, start.character, end.line, end.character) == (1, 0, 1, 0)
    assert edit.new_text == "x\r\n"
    edit = langserver.diff_edit("t 🚀.\n", "t 🚀\n")
    assert (edit.range.start.character, edit.range.end.character, edit.new_text) == (4, 5, "")


def test_clean_page_is_clean() -> None:
    assert CLEAN.count("STEM") == 1


def test_a_lone_surrogate_from_the_editor_is_a_finding() -> None:
    (only,) = _check("---\ntitle: a\ud800\n---\n").findings
    assert only.rule.code == "VL001"


_PIECES = st.sampled_from(
    [
        "---\n",
        "title: é🚀.\n",
        "- ontwerpp\n",
        "levenscyclus:\n",
        "id: [\n",
        "## Risico\n",
        "<!-- list_maatregelen vereiste/x",
        " -->\n",
        "\r\n",
        "\r",
        "| a |\n",
        "\ufeff",
        "\x00",
        "  # vereistenlint: ignore[VL016]\n",
        "<!-- vereistenlint-disable-next-line -->\n",
        "\t",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join), st.integers(0, 20), st.integers(0, 40))
def test_any_text_is_checked_fixed_suppressed_and_completed_without_an_error(
    text: str, line: int, column: int
) -> None:
    checked = _check(text)
    lines = buffer.lines_of(text)
    for x in checked.findings:
        assert x.start <= x.end
        assert x.start[0] < len(lines) and x.start[1] <= len(lines[x.start[0]]) + 1
        new = buffer.suppressed_text(checked, x, text, OPTIONS)
        if new is not None:  # offered only where it works
            assert len(_check(new).findings) == len(checked.findings) - 1
    buffer.fix_text(PATH, PATH.as_posix(), text, OPTIONS, unsafe=True)
    completion.complete(lines, line, column, profiles.get("vereiste"), stem=STEM)


def test_messages_in_the_configured_language() -> None:
    text = page(STEM, DEFECTS)
    dutch = buffer.check_text(PATH, PATH.as_posix(), text, engine.Options(lang="nl"))
    english = _check(text)
    assert [x.rule.code for x in dutch.findings] == [x.rule.code for x in english.findings]
    assert dutch.findings[0].message != english.findings[0].message
    assert "titel" in dutch.findings[0].message


def test_a_configured_repository_is_indexed_through_the_cache(tmp_path: Path) -> None:
    from vereistenlint import config

    folder = tmp_path / "docs" / "vereisten"
    folder.mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    for stem in ("abc-01-a", "abc-02-b"):
        (folder / f"{stem}.md").write_text(page(stem).replace("abc-01", stem[:6]))
    (tmp_path / "templates" / "abc-01-t.md").write_text(page("abc-01-t"))
    (tmp_path / "vereistenlint.toml").write_text(
        'include = ["docs/**/*.md"]\nexclude = ["templates/**"]\n'
    )
    configuration = config.load(tmp_path / "vereistenlint.toml")
    options = engine.Options(lang="en", config=configuration, cache=True)
    assert buffer.served(folder / "abc-01-a.md", configuration, tmp_path)
    assert not buffer.served(tmp_path / "templates" / "abc-01-t.md", configuration, tmp_path)
    files = [(p, p.name) for p in buffer.repository_files(configuration, tmp_path)]
    assert [name for _, name in files] == ["abc-01-a.md", "abc-02-b.md"]
    first = buffer.LiveIndex.build(files, options)
    assert (tmp_path / ".vereistenlint_cache").is_dir()
    again = buffer.LiveIndex.build(files, options)
    assert again.entries == first.entries
    assert sorted(e.stem for e in first.entries.values()) == ["abc-01-a", "abc-02-b"]


@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_all_is_what_check_fix_makes_of_the_corpus(corpus: Path, unsafe: bool) -> None:
    from vereistenlint.fix import fix_file

    changed = 0
    for path, display in discover([corpus / "algoritmekader-2024-05" / "docs"]):
        raw = path.read_bytes()
        expected = fix_file(path, display, OPTIONS, unsafe=unsafe)
        text = raw.decode("utf-8")  # a BOM stays in the text, as an editor may hold it
        fixed, count = buffer.fix_text(path, display, text, OPTIONS, unsafe=unsafe)
        assert fixed.encode("utf-8") == expected.fixed, display
        assert count == expected.applied, display
        changed += fixed != text
    assert changed, "the corpus has something to fix"


def test_no_suppression_that_would_not_work() -> None:
    """A finding on the opening '---' (or of a file without front matter) cannot be
    suppressed by a comment: none is offered rather than one that does nothing."""
    for text in ("# Geen front matter\n\nTekst.\n", "---\ntitle: x\n---\n"):
        checked = _check(text)
        for located in checked.findings:
            if located.start[0] == 0:
                assert buffer.suppressed_text(checked, located, text, OPTIONS) is None


def test_a_rule_link_template_must_format() -> None:
    pytest.importorskip("pygls")
    from vereistenlint import langserver

    assert langserver._formats("https://example.org/rules/{code}#{name}")
    assert not langserver._formats("https://example.org/{rule}")
    assert not langserver._formats("https://example.org/{")


def test_a_failing_check_is_an_internal_error_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    from vereistenlint import checks

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(checks, "run", broken)
    (only,) = _check(page(STEM)).findings
    assert only.rule.code == "VL007" and "RuntimeError: boom" in only.message
    assert buffer.visible(_check(page(STEM)), None) == (only,)


def test_a_buffer_over_the_size_limit_is_refused_as_the_file_would_be(tmp_path: Path) -> None:
    from vereistenlint.config import Config

    options = engine.Options(lang="en", config=Config(root=tmp_path, max_file_size=100))
    checked = buffer.check_text(PATH, PATH.as_posix(), page(STEM), options)
    assert [x.rule.code for x in checked.findings] == ["VL006"]
    assert buffer.fix_text(PATH, PATH.as_posix(), page(STEM, DEFECTS), options)[1] == 0
