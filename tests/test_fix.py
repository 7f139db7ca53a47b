"""--fix and --diff: each fixable rule against an expected result of ours, and the promises a
fix makes: idempotent, nothing outside the fixed lines changes, encoding, BOM, line endings
and file mode kept, a file whose front matter does not parse never written."""

from __future__ import annotations

import codecs
import difflib
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from vereistenlint import check, engine
from vereistenlint.cli import cli
from vereistenlint.rules import BY_NAME, RULES

from .conftest import FIXTURES, ROOT

RULE_DIR = FIXTURES / "rules"
FIXED = ".fixed.md"


def fixed(case: Path) -> Path:
    """Where the expected result of fixing a fixture is: ``fail-x.md`` -> ``fail-x.fixed.md``."""
    return case.with_name(case.name.removesuffix(".md") + FIXED)


#: every rule fixture that has an expected result of --fix beside it
CASES = sorted(
    p for p in RULE_DIR.glob("*/*.md") if not p.name.endswith(FIXED) and fixed(p).exists()
)
ALL = tuple(r.code for r in RULES)
#: the same without the link rules, whose site is found from the file by --fix but from the
#: named folder by check: over the corpus folder (no site) their fixes are tested in test_links
NO_LINKS = tuple(code for code in ALL if not code.startswith("VL6"))


def _fix(path: Path, unsafe: bool = False) -> engine.FixResult:
    return engine.fix_file(path, path.name, engine.Options(select=ALL), unsafe=unsafe)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_fix_gives_the_expected_file_which_checks_clean_for_the_rule(
    case: Path, tmp_path: Path
) -> None:
    rule = BY_NAME[case.parent.name]
    unsafe = case.name.startswith("unsafe-")
    target = tmp_path / case.name
    shutil.copy(case, target)
    assert rule.code in {d.code for d in check([target], select=ALL)}
    result = _fix(target, unsafe)
    assert result.fixed == fixed(case).read_bytes()
    target.write_bytes(result.fixed)
    assert rule.code not in {d.code for d in check([target], select=ALL)}
    assert not _fix(target, unsafe).changed  # a second fix changes nothing


#: rules whose fix needs the whole repository (the file a reference most likely meant): their
#: fixes are shown on the fixture repo of tests/test_repository.py
REPOSITORY_FIXES = {"unknown-vereiste", "unknown-maatregel", "list-unknown-stem"}


def test_every_fixable_rule_has_a_fix_fixture() -> None:
    covered = {c.parent.name for c in CASES}
    # the link rules' fixes need a site around the file: tests/test_links.py shows each one
    fixable = {r.name for r in RULES if r.fix and not r.code.startswith("VL6")}
    assert fixable - REPOSITORY_FIXES <= covered


def test_unsafe_fixes_wait_for_the_flag(tmp_path: Path) -> None:
    case = RULE_DIR / "unknown-label" / "unsafe-fail-misspelled-bouwblok.md"
    target = tmp_path / case.name
    shutil.copy(case, target)
    assert not _fix(target).changed
    assert _fix(target, unsafe=True).changed


def _bad(tmp_path: Path, text_transform=lambda t: t, name: str = "vereiste.md") -> Path:  # type: ignore[no-untyped-def]
    src = (ROOT / "vereisten" / "rechtmatige_verwerking_van_persoonsgegevens.md").read_text(
        encoding="utf-8"
    )
    text = src.replace("- geldend", "- Geldend").replace(
        "vereiste/rechtmatige_verwerking_van_persoonsgegevens", f"vereiste/{Path(name).stem}"
    )
    path = tmp_path / name
    path.write_bytes(text_transform(text).encode("utf-8"))
    return path


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "vereiste.md"
    path.write_bytes(
        codecs.BOM_UTF8
        + _bad(tmp_path).read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8")
    )
    result = CliRunner().invoke(cli, ["check", "--fix", "--lang", "en", str(path)])
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert b"- geldend\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_mixed_line_endings_are_not_fixed_and_the_note_says_why(tmp_path: Path) -> None:
    """No ending would be the file's own for a line a fix writes (issue 9: then no fix)."""
    path = _bad(tmp_path)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    mixed = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1]))
    path.write_bytes(mixed.encode("utf-8"))
    result = _fix(path)
    assert not result.changed
    assert [n.reason for n in result.notes] == ["fix.refused.mixed_endings"]


def test_broken_yaml_is_never_written(tmp_path: Path) -> None:
    path = _bad(tmp_path, lambda t: t.replace("title: ", "title: 'niet gesloten "))
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = CliRunner().invoke(cli, ["check", "--fix", str(path)])
    assert result.exit_code == 1
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


def test_file_mode_is_kept_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    path = _bad(tmp_path)
    os.chmod(path, 0o640)
    CliRunner().invoke(cli, ["check", "--fix", str(path)])
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vereiste.md"]


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = _bad(tmp_path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["check", "--diff", str(path)])
    assert result.exit_code == 1
    assert "-- Geldend\n+- geldend\n" in result.output
    assert path.read_bytes() == before
    path.write_bytes(before.replace(b"- Geldend", b"- geldend"))
    assert CliRunner().invoke(cli, ["check", "--diff", str(path)]).exit_code == 0


def test_fix_then_check_reports_what_remains(tmp_path: Path) -> None:
    path = _bad(tmp_path, lambda t: t.replace("## Risico", "## Normen\n\nNog niets.\n\n## Risico"))
    result = CliRunner().invoke(
        cli, ["check", "--fix", "--lang", "en", "--format", "json", str(path)]
    )
    assert result.exit_code == 0  # the warning remains, the error is fixed
    assert '"VL106"' in result.output and '"VL012"' not in result.output


def _changed_lines(before: str, after: str) -> set[int]:
    """1-based lines of `before` that the change replaced or removed."""
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return changed


def test_fix_over_the_whole_corpus(corpus: Path, tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    for p in copy.rglob("*"):
        p.chmod(p.stat().st_mode | stat.S_IWUSR)
    files = sorted(p for p in copy.rglob("*.md") if p.name != "index.md")
    before = {p: p.read_bytes() for p in files}
    # the whole corpus at once: a reference's fix comes from the rest of the repository
    everything = check([copy], select=NO_LINKS)
    found = {p: [d for d in everything if Path(d.path).resolve() == p.resolve()] for p in files}
    options = engine.Options(select=NO_LINKS)
    for change in engine.run_fixes([copy], options, unsafe=True):
        change.path.write_bytes(change.fixed)
    changed_files = [p for p in files if p.read_bytes() != before[p]]
    assert changed_files, "the corpus has fixable problems"
    for p in changed_files:
        old = before[p].decode("utf-8-sig")
        new = p.read_text(encoding="utf-8-sig")
        named = {d.line for d in found[p] if BY_NAME[d.name].fix}
        # a table rule regenerates the section; a value's case fix sets its table cell
        applicability = any(
            BY_NAME[d.name].code.startswith("VL20") or d.code == "VL012" for d in found[p]
        )
        for line in _changed_lines(old, new):
            in_tables = applicability and _in_applicability_section(old, line)
            # a changed line is a line a finding named, or one the inserted lines stand before,
            # or a line of a regenerated applicability section
            assert (
                line in named or line - 1 in named or in_tables or _inserted_only(old, new, line)
            ), (p, line)
        # no file loses or gains text a fix did not write: the prose is the same
        assert _prose(old) == _prose(new), p
    for change in engine.run_fixes([copy], options, unsafe=True):
        pytest.fail(f"a second --fix would change {change.display}")


def _in_applicability_section(text: str, line: int) -> bool:
    lines = text.splitlines()
    heading = next(
        (i for i, text in enumerate(lines) if text.startswith("## Wanneer van toepassing")), None
    )
    if heading is None:
        return False
    end = next(
        (i for i in range(heading + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
    )
    return heading < line <= end + 1


def _inserted_only(old: str, new: str, line: int) -> bool:
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    return all(
        tag in ("equal", "insert")
        for tag, i1, i2, *_ in matcher.get_opcodes()
        if i1 <= line - 1 < max(i2, i1 + 1)
    )


def _prose(text: str) -> list[str]:
    """Lines that no fix ever touches: prose outside front matter, tables, comments and headings;
    link destinations masked (the link rules' unsafe fixes rewrite those, and only those)."""
    out = []
    in_fm = False
    for i, line in enumerate(text.splitlines()):
        s = line.strip()
        if i == 0 and s == "---":
            in_fm = True
            continue
        if in_fm:
            in_fm = s != "---"
            continue
        if not s or s.startswith(("|", "<!--", "===", "#")) or ":material-" in s:
            continue
        out.append(re.sub(r"\]\([^()\s]*\)", "](...)", line))
    return out


def test_summary_says_what_was_fixed_and_what_remains(tmp_path: Path) -> None:
    path = _bad(tmp_path, lambda t: t.replace("## Risico", "## Normen\n\nNog niets.\n\n## Risico"))
    result = CliRunner().invoke(cli, ["check", "--fix", "--lang", "en", str(path)])
    assert result.output.splitlines()[-1] == (
        "Fixed 1 problem. Found 0 errors and 1 warning in 1 file checked."
    )
    dutch = CliRunner().invoke(cli, ["check", "--lang", "nl", str(path)])
    assert dutch.output.splitlines()[-1] == (
        "0 fouten en 1 waarschuwing gevonden in 1 bestand gecontroleerd."
    )
