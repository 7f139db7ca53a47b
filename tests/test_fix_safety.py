"""--fix never loses an editor's text (issue 9, data loss): each class of the adversarial run
with cases of our own.

- the applicability tables are regenerated in place: every other line of the section stays;
- the lines a fix writes end as the file's lines end (LF, CRLF, CR);
- a front-matter edit is applied only when a re-parse shows it means what it says;
- a symbolic link stays a link (the file it points to is fixed), a hard link is left alone;
- a file that changed, vanished or became a folder after it was read is not written, and a
  file that cannot be written is said, with exit code 2, while the other files are fixed.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from vereistenlint import engine, yamledit
from vereistenlint import fix as fixing
from vereistenlint.cli import cli
from vereistenlint.load import split_lines
from vereistenlint.rules import RULES

from .conftest import ROOT

ALL = tuple(r.code for r in RULES)
GOOD = (ROOT / "vereisten" / "rechtmatige_verwerking_van_persoonsgegevens.md").read_text(
    encoding="utf-8"
)
STEM = "rechtmatige_verwerking_van_persoonsgegevens"
CHECK = ":material-check-bold:{ style='color: #4DB6AC' }"
CLOSE = ":material-close:{ style='color: #EF5350' }"
HEADING = "## Wanneer van toepassing?\n"


def _write(tmp_path: Path, text: str, name: str = f"{STEM}.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _fix(path: Path, unsafe: bool = False) -> fixing.FixResult:
    return engine.fix_file(path, path.name, engine.Options(select=ALL), unsafe=unsafe)


def _front_matter(data: bytes) -> object:
    lines = split_lines(data.decode("utf-8-sig"))
    close = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:close]))


def _section(text: str) -> str:
    start = text.index(HEADING)
    return text[start : text.index("\n## ", start + 1) + 1]


def _flip_first_icon(text: str) -> str:
    """A table cell that disagrees with the front matter: the mismatch fix regenerates."""
    start = text.index(HEADING)
    at = text.index(CHECK, start)
    return text[:at] + CLOSE + text[at + len(CHECK) :]


# -- D1: the applicability section ---------------------------------------------------------


def _with_editor_text(text: str) -> str:
    """Prose before, between and after the tabs, and a subsection of its own."""
    text = text.replace(HEADING + "\n", HEADING + "\nLet op: er is een overgangstermijn.\n\n")
    text = text.replace(
        '=== "Machine learning"', 'Een zin tussen de tabs.\n\n=== "Machine learning"'
    )
    return text.replace(
        "\n## Risico\n",
        "\n### Uitzondering\n\nVoor archieven gelden andere regels.\n\n## Risico\n",
    )


def test_regenerated_tables_keep_every_line_of_the_section_that_is_no_tab_table(
    tmp_path: Path,
) -> None:
    good = _with_editor_text(GOOD)
    path = _write(tmp_path, _flip_first_icon(good))
    result = _fix(path)
    assert result.changed and result.notes == ()
    assert result.fixed.decode("utf-8") == good  # the table repaired, nothing else touched
    path.write_bytes(result.fixed)
    assert not _fix(path).changed


def test_a_missing_tab_is_added_beside_the_others_and_the_prose_stays(tmp_path: Path) -> None:
    good = _with_editor_text(GOOD)
    start = good.index('=== "Generatieve AI"')
    end = good.index("\n### Uitzondering")
    without = good[:start] + good[end + 1 :]
    path = _write(tmp_path, without)
    result = _fix(path)
    assert result.fixed.decode("utf-8") == good


def test_a_tab_that_holds_more_than_its_table_is_not_regenerated_and_the_note_says_why(
    tmp_path: Path,
) -> None:
    text = _flip_first_icon(GOOD).replace(
        '=== "Rekenregel"\n\n', '=== "Rekenregel"\n\n    Alleen voor nieuwe regels.\n\n'
    )
    path = _write(tmp_path, text)
    result = _fix(path)
    assert b"Alleen voor nieuwe regels." in result.fixed
    assert _section(result.fixed.decode("utf-8")) == _section(text)
    reasons = [(n.code, n.reason) for n in result.notes]
    assert ("VL204", "fix.refused.tab_content") in reasons
    line = text[: text.index(CLOSE)].count("\n") + 1
    assert any(n.line == line for n in result.notes)


def test_prose_but_no_tabs_is_not_guessed_at(tmp_path: Path) -> None:
    start = GOOD.index('=== "Rekenregel"')
    end = GOOD.index("\n## Risico")
    text = GOOD[:start] + "Zie de tabel hieronder.\n\n### Risico\n\nTekst.\n" + GOOD[end:]
    path = _write(tmp_path, text)
    result = _fix(path)
    assert _section(result.fixed.decode("utf-8")) == _section(text)
    assert "fix.refused.tab_place" in {n.reason for n in result.notes}


def test_the_command_says_what_it_did_not_fix(tmp_path: Path) -> None:
    text = _flip_first_icon(GOOD).replace(
        '=== "Rekenregel"\n\n', '=== "Rekenregel"\n\n    Alleen voor nieuwe regels.\n\n'
    )
    path = _write(tmp_path, text)
    result = CliRunner().invoke(cli, ["check", "--fix", "--lang", "en", str(path)])
    assert result.exit_code == 1
    assert "VL204 not fixed: a tab of the section holds more than its one table" in result.stderr


# -- D2: line endings ----------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_every_line_a_fix_writes_ends_as_the_files_lines_do(tmp_path: Path, ending: str) -> None:
    # three fixes that write lines: a tags marker, a regenerated table, a repaired list item
    text = _flip_first_icon(GOOD).replace("<!-- tags -->\n\n", "").replace("- geldend", "- Geldend")
    path = _write(tmp_path, text.replace("\n", ending))
    result = _fix(path)
    assert result.applied >= 3
    fixed = result.fixed.decode("utf-8")
    assert fixing.newline_style(fixed) == ending
    assert fixed.replace(ending, "\n") == GOOD


def test_a_missing_section_at_the_end_of_a_cr_file_gets_cr_lines(tmp_path: Path) -> None:
    start = GOOD.index(HEADING)
    end = GOOD.index("## Risico")
    text = (GOOD[:start] + GOOD[end:]).rstrip("\n")  # no line break after the last line
    path = _write(tmp_path, text.replace("\n", "\r"))
    result = _fix(path)
    fixed = result.fixed.decode("utf-8")
    assert HEADING.replace("\n", "\r") in fixed
    assert "\n" not in fixed


# -- D3/D4: front-matter edits proved by a re-parse -------------------------------------------


#: a clean file of the format whose titles have no full stop and whose hide list must
#: hold 'navigation'
FIXTURE = ROOT / "tests" / "fixtures" / "rules" / "title-full-stop"
VEREISTE = FIXTURE / "abc-01-logboek-bijhouden.fixed.md"
VEREISTE_NAME = "abc-01-logboek-bijhouden.md"


def _titled(title_line: str, extra: str = "") -> str:
    lines = VEREISTE.read_text(encoding="utf-8").split("\n")
    lines[1] = title_line
    return "\n".join(lines).replace("---\n\n<!-- tags", extra + "---\n\n<!-- tags", 1)


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        (r'title: "Art. 4 AI-verordening\x2E"', "Art. 4 AI-verordening"),
        (r'title: "Art. 4: de \"AI\"-verordening."', 'Art. 4: de "AI"-verordening'),
        ("title: 'Art. 4 ''AI''.'", "Art. 4 'AI'"),
        ('title: "Art. 4. "', "Art. 4 "),
        ("title: Art. 4 AI.", "Art. 4 AI"),
    ],
    ids=["escaped-dot", "escaped-quotes", "single-quoted", "trailing-space", "plain"],
)
def test_the_title_loses_exactly_its_last_full_stop(tmp_path: Path, line: str, wanted: str) -> None:
    path = _write(tmp_path, _titled(line), VEREISTE_NAME)
    result = _fix(path)
    data = _front_matter(result.fixed)
    assert isinstance(data, dict) and data["title"] == wanted
    assert data == {**(_front_matter(path.read_bytes())), "title": wanted}  # type: ignore[dict-item]


def test_an_edit_that_would_change_an_aliased_value_too_is_not_applied(tmp_path: Path) -> None:
    text = _titled("title: &t Een titel.").replace("toelichting: Een", "toelichting: *t\nx: Een")
    text = text.replace("\nx: Een", "\n# Een")
    path = _write(tmp_path, text, VEREISTE_NAME)
    result = _fix(path)
    assert _front_matter(result.fixed) == _front_matter(path.read_bytes())
    assert ("VL014", yamledit.OTHER_KEYS) in {(n.code, n.reason) for n in result.notes}


def test_an_item_added_to_an_anchored_list_lands_in_the_list(tmp_path: Path) -> None:
    text = _titled("title: Een titel").replace("hide:\n- navigation\n", "hide: &h\n- toc\n")
    path = _write(tmp_path, text, VEREISTE_NAME)
    result = _fix(path)
    data = _front_matter(result.fixed)
    assert isinstance(data, dict)
    assert data["hide"] == ["navigation", "toc"]
    before = _front_matter(path.read_bytes())
    assert isinstance(before, dict)
    assert data == {**before, "hide": ["navigation", "toc"]}


def test_verify_accepts_only_the_meant_change() -> None:
    before = yamledit.parse("---\ntitle: a.\nx: &x [1]\ny: *x\n---\n")
    assert yamledit.verify(before, "---\ntitle: a\nx: &x [1]\ny: *x\n---\n", []) is not None
    assert (
        yamledit.verify(before, "---\ntitle: a\nx: &x [1]\ny: *x\n---\n", [(("title",), "a")])
        is None
    )
    assert (
        yamledit.verify(before, "---\ntitle: b\nx: &x [1]\ny: *x\n---\n", [(("title",), "a")])
        == yamledit.NOT_MEANT
    )
    assert (
        yamledit.verify(before, "---\ntitle: a.\nx: &x [1, 2]\ny: *x\n---\n", [(("x",), [1, 2])])
        == yamledit.OTHER_KEYS
    )
    assert (
        yamledit.verify(before, "---\ntitle: 'a\n---\n", [(("title",), "a")]) == yamledit.NOT_PARSED
    )
    # through a merge key, an edit of the anchored mapping changes the merging one too
    merged = yamledit.parse("---\nbase: &b {a: 1}\nx: {<<: *b, c: 2}\n---\n")
    assert (
        yamledit.verify(
            merged, "---\nbase: &b {a: 2}\nx: {<<: *b, c: 2}\n---\n", [(("base", "a"), 2)]
        )
        == yamledit.OTHER_KEYS
    )
    assert (
        yamledit.verify(merged, "---\nbase: &b {a: 1}\nx: {<<: *b, c: 3}\n---\n", [(("x", "c"), 3)])
        is None
    )
    # the same value of another type is another value
    assert yamledit.verify(before, "---\ntitle: a.\nx: &x [true]\ny: *x\n---\n", []) is not None


# -- D5: links -------------------------------------------------------------------------------


def _fixable_text() -> str:
    return GOOD.replace("- geldend", "- Geldend")


def test_a_symbolic_link_stays_a_link_and_the_file_it_names_is_fixed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    target = _write(real, _fixable_text())
    os.chmod(target, 0o640)
    links = tmp_path / "links"
    links.mkdir()
    link = links / target.name
    link.symlink_to(os.path.relpath(target, links))
    result = CliRunner().invoke(cli, ["check", "--fix", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(target, links)
    assert b"- geldend" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.iterdir()) == [target.name]  # no temporary file left


def test_a_file_with_two_names_is_left_alone_with_a_note(tmp_path: Path) -> None:
    path = _write(tmp_path, _fixable_text())
    other = tmp_path / "elders.md.bak"
    os.link(path, other)
    result = CliRunner().invoke(cli, ["check", "--fix", "--lang", "en", str(path)])
    assert b"- Geldend" in path.read_bytes() and path.read_bytes() == other.read_bytes()
    assert os.stat(path).st_ino == os.stat(other).st_ino
    assert "has 2 names (hard links)" in result.stderr
    assert result.exit_code == 1  # left alone on purpose: the findings remain


# -- D6/T8/T7: the file on disk is no longer what was read -------------------------------------


Change = Callable[[Path], None]


def _append(path: Path) -> None:
    with open(path, "ab") as fh:
        fh.write(b"\nDE REDACTEUR SLA DIT OP\n")


def _same_size_same_time(path: Path) -> None:
    st = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Vereiste", b"VEREISTE", 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _touch(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _delete(path: Path) -> None:
    path.unlink()


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_append, "fix.skipped.changed"),
        (_same_size_same_time, "fix.skipped.changed"),
        (_touch, "fix.skipped.changed"),
        (_delete, "fix.skipped.vanished"),
        (_folder, "fix.skipped.not_regular"),
    ],
    ids=["edited", "same-size-and-time", "touched", "deleted", "now-a-folder"],
)
def test_a_file_that_changed_after_it_was_read_is_not_written(
    tmp_path: Path, change: Change, reason: str
) -> None:
    path = _write(tmp_path, _fixable_text())
    (result,) = engine.run_fixes([path], engine.Options(select=ALL))
    change(path)
    after_change = path.read_bytes() if path.is_file() else None
    note = fixing.write_back(result)
    assert note is not None and note.reason == reason and not note.failed
    assert (path.read_bytes() if path.is_file() else None) == after_change
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary


def test_a_file_gone_before_it_is_read_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, _fixable_text())
    real_fix_file = fixing.fix_file

    def deleted_first(file: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        file.unlink()
        return real_fix_file(file, *args, **kwargs)

    monkeypatch.setattr(fixing, "fix_file", deleted_first)
    (result,) = fixing.run_fixes([tmp_path], engine.Options(select=ALL), with_notes=True)
    assert result.path == path and not result.changed
    assert [n.reason for n in result.notes] == ["fix.skipped.vanished"]


def test_the_command_reports_a_changed_file_and_fixes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = _write(tmp_path, _fixable_text(), "a.md")
    other = _write(tmp_path, _fixable_text(), "b.md")
    real = fixing.run_fixes

    def then_the_editor_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        results = real(*args, **kwargs)
        _append(edited)
        return results

    monkeypatch.setattr(fixing, "run_fixes", then_the_editor_saves)
    result = CliRunner().invoke(cli, ["check", "--fix", "--lang", "en", str(tmp_path)])
    assert b"DE REDACTEUR SLA DIT OP" in edited.read_bytes()
    assert b"- Geldend" in edited.read_bytes()
    assert b"- geldend" in other.read_bytes()
    assert "a.md: not fixed: the file changed after it was read" in result.stderr
    assert result.exit_code == 1  # the check after the fix sees the unfixed file
    assert "Traceback" not in result.output


def test_a_file_that_cannot_be_written_is_said_exit_2_and_the_others_are_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    stuck = _write(locked, _fixable_text(), "a.md")
    free = _write(tmp_path, _fixable_text(), "b.md")
    real_mkstemp = tempfile.mkstemp

    def read_only_folder(*args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(kwargs.get("dir", "")) == locked:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only_folder)
    result = CliRunner().invoke(cli, ["check", "--fix", "--lang", "en", str(tmp_path)])
    assert result.exit_code == 2
    assert "a.md: not fixed: could not be written: Permission denied" in result.stderr
    assert b"- Geldend" in stuck.read_bytes()
    assert b"- geldend" in free.read_bytes()


def test_a_read_only_file_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, _fixable_text())
    path.chmod(0o444)
    real_access = os.access
    # root may write anything; the file's own mode is what counts
    monkeypatch.setattr(os, "access", lambda p, m: False if Path(p) == path else real_access(p, m))
    result = CliRunner().invoke(cli, ["check", "--fix", "--lang", "en", str(path)])
    assert result.exit_code == 2
    assert "not fixed: could not be written: Permission denied" in result.stderr
    assert b"- Geldend" in path.read_bytes()


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() == 0, reason="root writes into read-only folders"
)
def test_a_read_only_folder_for_real(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    stuck = _write(locked, _fixable_text(), "a.md")
    locked.chmod(0o555)
    try:
        result = CliRunner().invoke(cli, ["check", "--fix", "--lang", "en", str(tmp_path)])
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert "could not be written" in result.stderr
    assert b"- Geldend" in stuck.read_bytes()
