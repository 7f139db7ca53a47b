"""Issue 9: never crash, never report "problems found" for a failure of the linter, never let
a file's name or text drive the terminal or the CI log, never go quadratic.

Each class of defect has a test of its own here, with inputs made by the test: YAML that
builds values of the wrong kind, names the file system refuses or that are not UTF-8,
folders nested or locked, configurations nested or with many globs, hostile names in every
output format, inputs of size n and 4n for every rule that was quadratic, and a property
test over generated front matter for positions.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from vereistenlint import checks, engine
from vereistenlint import fix as fixing
from vereistenlint.cli import cli
from vereistenlint.config import load as load_config
from vereistenlint.errors import UsageError
from vereistenlint.files import split_lines
from vereistenlint.reporters import REPORTERS, github
from vereistenlint.reporters.settings import Settings
from vereistenlint.rules.base import Registered

from .test_bad_input import (
    CI_VARIABLES,
    READABLE_FINDING,
    check_everywhere,
    good_text,
    make_folder,
    positions,
    run_cli,
)
from .test_properties import assert_formats_agree

TITLE = "title: Persoonsgegevens"


def with_title_value(value: str) -> bytes:
    """The good example with its title's value replaced by `value` (on line 2, column 8)."""
    lines = good_text("bad").split("\n")
    assert lines[1].startswith(TITLE)
    lines[1] = f"title: {value}"
    return "\n".join(lines).encode()


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder with docs/good.md and docs/readable.md, and the current folder."""
    make_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- T1-T4, N1: front matter that builds what it should not ------------------------------------


def _merged_title() -> bytes:
    lines = good_text("bad").split("\n")
    lines[1] = "<<: {" + lines[1] + "}"
    return "\n".join(lines).encode()


def _merged_from_an_anchor() -> bytes:
    """A required key taken from an anchor defined in a list item, merged in a later key."""
    lines = good_text("bad").split("\n")
    title = lines[1].removeprefix("title: ")
    lines[1] = f"<<: [{{title: {title}}}]"
    return "\n".join(lines).encode()


#: file content -> the bad file's findings (code, line, column) and a text its message holds
FRONT_MATTER_CASES: dict[str, tuple[Callable[[], bytes], tuple[tuple[str, int, int], ...], str]] = {
    "merge-key-with-a-required-key": (_merged_title, (), ""),
    "merge-key-list": (_merged_from_an_anchor, (), ""),
    "bool-tag": (lambda: with_title_value("!!bool maybe"), (("VL003", 2, 8),), "!!bool"),
    "binary-tag": (lambda: with_title_value("!!binary not*base64"), (("VL003", 2, 8),), "base64"),
    "timestamp-tag": (
        lambda: with_title_value("!!timestamp gisteren"),
        (("VL003", 2, 8),),
        "!!timestamp",
    ),
    "int-tag": (lambda: with_title_value("!!int twaalf"), (("VL003", 2, 8),), "!!int"),
    "float-tag": (lambda: with_title_value("!!float veel"), (("VL003", 2, 8),), "!!float"),
    "huge-hex": (lambda: with_title_value("0x" + "f" * 5000), (("VL003", 2, 8),), "1000 digits"),
    "huge-decimal": (lambda: with_title_value("9" * 5000), (("VL003", 2, 8),), "!!int"),
    "huge-int-key": (
        # (an implicit key has at most 1024 characters: a longer one is a syntax error)
        lambda: good_text("bad").replace("title:", "0x" + "f" * 1000 + ": x\ntitle:", 1).encode(),
        (("VL003", 2, 1),),
        "1000 digits",
    ),
    "set-tag": (
        lambda: with_title_value("!!set {delta, alpha, charlie, bravo}"),
        (("VL013", 2, 8),),
        "set ({'alpha', 'bravo', 'charlie', 'delta'})",
    ),
}


@pytest.mark.parametrize("name", sorted(FRONT_MATTER_CASES))
def test_front_matter_that_builds_odd_values_is_a_finding(name: str, root: Path) -> None:
    content, expected, says = FRONT_MATTER_CASES[name]
    (root / "docs" / "bad.md").write_bytes(content())
    diagnostics = check_everywhere(root, ["docs"])  # the others are checked, exit 1
    assert positions(diagnostics, "docs/bad.md") == list(expected)
    for d in diagnostics:
        if d.path == "docs/bad.md":
            assert says in d.message


def test_a_merged_key_is_found_where_it_is_written(root: Path) -> None:
    """A merged key's findings point into the merged mapping, at the key's own value."""
    text = good_text("bad").replace("- geldend", "- Geldend", 1).split("\n")
    status = text.index("status_vereiste:")
    merged = f"<<: {{status_vereiste: [{text[status + 1].removeprefix('- ')}]}}"
    text[status : status + 2] = [merged]
    (root / "docs" / "bad.md").write_text("\n".join(text), encoding="utf-8")
    found = positions(check_everywhere(root, ["docs"]), "docs/bad.md")
    assert found == [("VL012", status + 1, merged.index("Geldend") + 1)]


@pytest.mark.parametrize(
    "front_matter",
    [
        '<<: {id: "urn:nl:ak:ver:aia-01"}\ntitle: Iets',
        'id: urn:nl:ak:ver:aia-01\n<<: {title: "Iets."}',
    ],
    ids=["id", "title"],
)
def test_required_keys_of_the_current_format_may_come_from_a_merge_key(
    front_matter: str, tmp_path: Path
) -> None:
    """T1, T2: the id and the title are looked up by the file-name and full-stop rules."""
    path = tmp_path / "aia-01-x.md"
    path.write_text(f"---\n{front_matter}\n---\n", encoding="utf-8")
    found = engine.check([path])
    assert found and "VL007" not in {d.code for d in found}
    assert {d.code for d in found} >= {"VL010", "VL102"}  # the format's checks did run


ANCHORED = """---
title: Het algoritme houdt een logboek bij
id: urn:nl:ak:ver:abc-01
toelichting: Een algoritme legt vast wanneer het wordt gebruikt.
levenscyclus:
- ontwerp
onderwerp:
- transparantie
rollen:
- projectleider
hide: &a
- Navigation
samenvatting: *a
---

<!-- tags -->

## Vereiste

Het systeem registreert gebeurtenissen.
"""


def test_a_fix_of_an_anchored_value_that_an_alias_repeats_is_not_applied(tmp_path: Path) -> None:
    """Found by the property test: 'hide: &a' and 'samenvatting: *a' share one list, and the
    fix of 'Navigation' changed both keys; the check of the edit expected that too."""
    path = tmp_path / "abc-01-logboek-bijhouden.md"
    path.write_text(ANCHORED, encoding="utf-8")
    assert any(d.code == "VL012" for d in engine.check([path]))  # there is a fix to refuse
    results = fixing.run_fixes([path], engine.Options())
    assert [r for r in results if b"- navigation" in r.fixed] == []


def test_a_set_prints_the_same_in_every_process(tmp_path: Path) -> None:
    """N1: a set's order comes from string hashing, which differs per process."""
    (tmp_path / "x.md").write_bytes(with_title_value("!!set {delta, alpha, charlie, bravo, echo}"))
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "LANG": "en_US.UTF-8"}
        done = subprocess.run(
            [sys.executable, "-m", "vereistenlint", "check", "x.md", "--format", "json"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_output_is_the_same_for_any_number_of_jobs(tmp_path: Path) -> None:
    """N1: enough files for two workers (32 each), with findings of every kind of order."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(80):
        value = "!!set {b, a, c}" if i % 3 == 0 else f"Titel {i}."
        (docs / f"f{i:02d}.md").write_bytes(with_title_value(value))
    os.chdir(tmp_path)
    one = engine.run_check(["docs"], engine.Options(jobs=1))
    two = engine.run_check(["docs"], engine.Options(jobs=2))
    assert one.diagnostics == two.diagnostics and len(one.diagnostics) > 80
    assert REPORTERS["json"](one) == REPORTERS["json"](two)


# -- T5, T6, T9, E1: file names and folders --------------------------------------------------


def test_a_name_that_is_not_utf8_is_reported_in_every_format(root: Path) -> None:
    """T5: the name holds the byte 0xFF; each format shows it (as \\xff) or encodes it (SARIF's
    URI, JSON's exact value), and --fix does not stumble over it."""
    name = os.fsdecode(b"bad-\xff.md")
    (root / "docs" / name).write_text(good_text("other"), encoding="utf-8")  # a stem to fix
    result = engine.run_check(["docs"], engine.Options())
    assert any(d.path == f"docs/{name}" for d in result.diagnostics)
    assert_formats_agree(result)
    for fmt in sorted(REPORTERS):
        done = run_cli(["check", "--format", fmt, "docs"], root)
        assert done.code == 1, (fmt, done)
        shown = ("bad-\\xff.md", "bad-%FF.md", "bad-\\udcff.md")  # text, SARIF's URI, JSON
        assert any(form in done.stdout for form in shown), fmt
    done = run_cli(["check", "--fix", "docs"], root)
    assert done.code == 1, done


def test_a_path_too_long_for_the_file_system_is_a_usage_error(root: Path) -> None:
    """T6: the name's component is longer than NAME_MAX; the path cannot even be looked up."""
    done = run_cli(["check", "docs/" + "x" * 300 + ".md"], root)
    assert done.code == 2
    assert "path cannot be used" in done.stderr


def test_the_longest_name_the_file_system_allows_is_checked_and_fixed(root: Path) -> None:
    """T6: a fix writes a temporary file beside the file; its name must not be too long."""
    name = "x" * (255 - len(".md")) + ".md"
    (root / "docs" / name).write_text(good_text("bad").replace("- geldend", "- Geldend"))
    done = run_cli(["check", "--fix", "docs"], root)
    assert done.code in (0, 1), done
    assert "- geldend" in (root / "docs" / name).read_text(encoding="utf-8")


def test_deeply_nested_folders_are_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """T9: 1,100 nested folders (past Python's recursion limit for a recursive walk)."""
    monkeypatch.chdir(tmp_path)
    fds = [os.open(".", os.O_RDONLY)]
    try:
        for _ in range(1100):
            os.mkdir("d", dir_fd=fds[-1])
            fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
        flags = os.O_WRONLY | os.O_CREAT
        with os.fdopen(os.open("bad.md", flags, 0o644, dir_fd=fds[-1]), "w") as fh:
            fh.write(good_text("bad").replace("- geldend", "- Geldend"))
        result = engine.run_check(["."], engine.Options())
        assert [(d.code, d.line, d.column) for d in result.diagnostics] == [READABLE_FINDING]
        assert result.files[0].count("d/") == 1100
    finally:  # bottom up: pytest's own clean-up (shutil.rmtree) recurses, and would fail
        os.unlink("bad.md", dir_fd=fds[-1])
        for inner, outer in zip(reversed(fds[1:]), reversed(fds[:-1]), strict=True):
            os.close(inner)
            os.rmdir("d", dir_fd=outer)
        os.close(fds[0])


def _deny_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Listing `folder` fails with EACCES, as it does for a user without the right (root, who
    runs CI, may list anything: then os.scandir is made to fail for that one folder)."""
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if os.path.realpath(os.fspath(path)) == os.path.realpath(folder):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_read_is_reported(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """E1: the folder's files are not checked, and the run says so instead of passing."""
    secret = root / "docs" / "geheim"
    secret.mkdir()
    (secret / "x.md").write_text(good_text("x"), encoding="utf-8")
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            _deny_listing(monkeypatch, secret)
        result = engine.run_check(["docs"], engine.Options())
        assert positions(result.diagnostics, "docs/geheim") == [("VL009", 1, 1)]
        (folder,) = [d for d in result.diagnostics if d.path == "docs/geheim"]
        assert os.strerror(errno.EACCES) in folder.message
        assert positions(result.diagnostics, "docs/readable.md") == [READABLE_FINDING]
        ran = CliRunner(env=dict.fromkeys(CI_VARIABLES)).invoke(cli, ["check", "docs"])
        assert ran.exit_code == 1 and "docs/geheim:1:1: VL009" in ran.output
    finally:
        secret.chmod(0o755)


# -- T10, T11: configurations that are too much --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        ("select = " + "[" * 20 + '"VL001"' + "]" * 20, "nested more than"),
    ],
    ids=["toml-recursion", "deep-value"],
)
def test_a_configuration_that_is_too_much_is_a_usage_error(
    text: str, says: str, root: Path
) -> None:
    (root / "vereistenlint.toml").write_text(text + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match=says):
        load_config(root / "vereistenlint.toml")
    done = run_cli(["check", "docs"], root)
    assert done.code == 2 and says in done.stderr


def test_a_configuration_with_thousands_of_globs_works(root: Path) -> None:
    """T11: wcmatch's pattern limit (1,000) counted plain globs too."""
    globs = [f'"docs/d{i}/*.md"' for i in range(3000)] + ['"docs/*.md"']
    per_file = "\n".join(f'"docs/p{i}/*.md" = ["VL012"]' for i in range(1500))
    (root / "vereistenlint.toml").write_text(
        f"include = [{', '.join(globs)}]\n[per-file-ignores]\n{per_file}\n", encoding="utf-8"
    )
    done = run_cli(["check", "--format", "json"], root)
    assert done.code == 1, done
    assert [(d["path"], d["code"]) for d in json.loads(done.stdout)] == [
        ("docs/readable.md", READABLE_FINDING[0])
    ]


# -- VL006: a file over the size limit ---------------------------------------------------------


def test_a_file_over_the_configured_size_limit_is_not_parsed(root: Path) -> None:
    big = good_text("big").replace("- geldend", "- Geldend") + "\n" + "tekst " * 200
    (root / "docs" / "big.md").write_text(big, encoding="utf-8")
    (root / "vereistenlint.toml").write_text(
        'include = ["docs/*.md"]\nmax-file-size = 2000\n', encoding="utf-8"
    )
    done = run_cli(["check", "--format", "json", "--fix"], root)
    found = [(d["path"], d["code"], d["line"], d["column"]) for d in json.loads(done.stdout)]
    assert ("docs/big.md", "VL006", 1, 1) in found
    assert [f for f in found if f[0] == "docs/big.md"] == [("docs/big.md", "VL006", 1, 1)]
    assert (root / "docs" / "big.md").read_text(encoding="utf-8") == big  # not fixed either
    (root / "vereistenlint.toml").write_text("max-file-size = 0\n", encoding="utf-8")
    assert run_cli(["check", "docs"], root).code == 2


def test_a_file_over_the_default_limit_is_not_read_for_the_report(tmp_path: Path) -> None:
    """One 5 MB line: the report shows the finding without the line (showing it char by
    char took half a minute and a gigabyte at 100 MB)."""
    path = tmp_path / "big.md"
    path.write_text("a" * 5_000_000, encoding="utf-8")
    result = engine.run_check([path], engine.Options())
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("VL006", 1, 1)]
    report = REPORTERS["text"](result)
    assert len(report) < 1000 and " 1 | " not in report
    assert len(REPORTERS["sarif"](result)) < 200_000  # no snippet


# -- VL007: an error inside the linter ----------------------------------------------------------


def test_an_internal_error_in_one_file_is_that_files_finding_and_exit_2(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (root / "docs" / "bad.md").write_text(good_text("bad"), encoding="utf-8")

    def fails_on_bad(doc: object, ctx: object) -> list[object]:
        if getattr(doc, "display", "").endswith("bad.md"):
            raise KeyError("een sleutel")
        return []

    first = checks.CHECKS[0]
    patched = (Registered(fails_on_bad, first.codes), *checks.CHECKS)  # type: ignore[arg-type]
    monkeypatch.setattr(checks, "CHECKS", patched)
    result = engine.run_check(["docs"], engine.Options())
    assert positions(result.diagnostics, "docs/bad.md") == [("VL007", 1, 1)]
    (internal,) = [d for d in result.diagnostics if d.path == "docs/bad.md"]
    assert "KeyError: 'een sleutel' at test_reliability.py:" in internal.message
    assert positions(result.diagnostics, "docs/readable.md") == [READABLE_FINDING]
    ran = CliRunner(env=dict.fromkeys(CI_VARIABLES)).invoke(cli, ["check", "docs"])
    assert ran.exit_code == 2, ran.output  # not 1: the content is not known to be wrong
    assert "docs/bad.md:1:1: VL007 internal error" in ran.output
    ran = CliRunner(env=dict.fromkeys(CI_VARIABLES)).invoke(cli, ["check", "--fix", "docs"])
    assert ran.exit_code == 2, ran.output
    assert "- Geldend" not in (root / "docs" / "readable.md").read_text(encoding="utf-8")


# -- I1, I2: names and values that would drive the terminal or the log ----------------------------

HOSTILE_NAMES = (
    "nl\n::error file=README.md,line=1::Your token leaked.md",
    "cr\r::set-output name=x::y.md",
    "pct%0A::warning::x%25.md",
    "esc\x1b]0;pwned\x07\x1b[31mred\x1b[0m.md",
    "c1\x9b31m\x9d0;t\x9c.md",
    "bidi\u202eexe.md\u2066\u2069\u200f.md",
    "seps\u2028\u2029\x85.md",
)
HOSTILE_VALUE = "x\u202e ::error::y \x1b[2J%0A"


def _unsafe_characters(text: str) -> set[str]:
    """Characters in a report that could act on a terminal or a log (line breaks aside)."""
    found = re.findall(
        "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]",
        text,
    )
    return set(found)


def _forged_commands(report: str) -> list[str]:
    """Lines of a report that a GitHub runner would read as a workflow command, besides the
    annotations and the stop-commands fence the github format writes itself."""
    ours = re.compile(
        r"::(error|warning) file=[^,:]*,line=\d+,col=\d+,title=VL\d{3}::[^\r\n]*"
        r"|::stop-commands::[0-9a-f]{64}|::[0-9a-f]{64}::"
    )
    return [
        line
        for line in re.split("\r\n|\r|\n", report)
        if "::" in line[:2] and not ours.fullmatch(line)
    ]


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in HOSTILE_NAMES:
        (docs / name).write_bytes(with_title_value(HOSTILE_VALUE))
    (docs / os.fsdecode(b"raw\xff\xfe.md")).write_bytes(with_title_value("!!set {x}"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_hostile_names_and_values_reach_no_report_raw(hostile: Path) -> None:
    result = engine.run_check(["docs"], engine.Options())
    assert len(result.files) == len(HOSTILE_NAMES) + 1
    assert {d.path for d in result.diagnostics} == {
        f"docs/{f.removeprefix('docs/')}" for f in result.files
    }
    reports = {fmt: REPORTERS[fmt](result) for fmt in sorted(REPORTERS)}
    reports["github"] = github.render(result, Settings(environ={}))
    reports["summary"] = github.step_summary(result, Settings(environ={"GITHUB_SHA": "1"}))
    for fmt, report in reports.items():
        assert _unsafe_characters(report) == set(), fmt
        assert _forged_commands(report) == [], fmt
        report.encode("utf-8")  # strictly: a name that is not UTF-8 is escaped, not kept
    assert_formats_agree(result)


def test_hostile_names_reach_no_output_of_the_command(hostile: Path) -> None:
    for args in (["--format", fmt] for fmt in sorted(REPORTERS)):
        done = subprocess.run(
            [sys.executable, "-m", "vereistenlint", "check", "docs", "--color", "always", *args],
            cwd=hostile,
            env={**os.environ, "LANG": "en_US.UTF-8"},
            capture_output=True,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        out = done.stdout.decode("utf-8")
        # colour codes of our own are the only ESC in the coloured text report
        own_colours = re.sub(r"\x1b\[[0-9;]*m", "", out) if args[1] == "text" else out
        assert _unsafe_characters(own_colours) == set(), args
        assert _forged_commands(out) == [], args
    done = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", "docs/" + HOSTILE_NAMES[0] + "x"],
        cwd=hostile,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2 and b"\n::error" not in done.stderr  # the usage error too


# -- H1-H6, H3: work that grows as the input grows, not faster ------------------------------------

HEAD = "---\nid: urn:nl:ak:ver:aia-01\ntitle: Titel\n---\n\n<!-- tags -->\n\n## Vereiste\n\nx\n\n"

#: input of size n for each rule that was quadratic (or worse) on it
GROWING: dict[str, Callable[[int], str]] = {
    "H1-link-text": lambda n: HEAD + "## Bronnen\n\n" + "a" * n + "](x](http:\n",
    "H1-unclosed-links": lambda n: HEAD + "## Bronnen\n\n" + "[a](" * (n // 4) + ")\n",
    "H1-scheme-in-text": lambda n: HEAD + "## Bronnen\n\n[" + "(a://" * (n // 5) + "\n",
    "H1-many-broken": lambda n: HEAD + "## Bronnen\n\n" + "[a]() " * (n // 6) + "\n",
    "H2-headings": lambda n: HEAD + "".join(f"## Kop {i}\n\ntekst\n\n" for i in range(n // 20)),
    "H4-list-openers": lambda n: (
        HEAD + "## Maatregelen\n\n" + "<!-- list_maatregelen " * (n // 22) + "\n"
    ),
    "H4-comment-openers": lambda n: HEAD + "## Risico\n\n" + "<!--" * (n // 4) + "\n",
    "H5-suppressions": lambda n: (
        HEAD
        + "".join(
            f"<!-- vereistenlint-disable-next-line VL106 -->\n## Extra {i}\n\nx\n\n"
            for i in range(n // 60)
        )
    ),
    "H5-directive-openers": lambda n: HEAD + "<!-- vereistenlint-disable " * (n // 27) + ">\n",
    "H5-front-matter-directives": lambda n: HEAD.replace(
        "title: Titel", "title: Titel # " + "#vereistenlint:ignore[" * (n // 22)
    ),
    "H6-backticks": lambda n: HEAD + "x" + "`" * n + "\n",
    "H6-backtick-pairs": lambda n: HEAD + "``a`" * (n // 4) + "\n",
    "placeholders-in-comments": lambda n: HEAD + "<!-- a --> TODO " * (n // 16) + "\n",
}


def _cost(path: Path, text: str) -> float:
    """The least of three runs of checking `text`, without the garbage collector (whose
    passes grow with the heap, not with the rule's work)."""
    path.write_text(text, encoding="utf-8")
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            engine.check_file(path, path.name, engine.Options())
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("name", sorted(GROWING))
def test_work_grows_linearly_with_the_input(name: str, tmp_path: Path) -> None:
    """Not a timed assertion: the ratio of the costs of size 4n and n is compared, which is
    about 4 for linear work and 16 for quadratic; 10 leaves room for noise. The sizes grow
    until the smaller run takes long enough to be measured."""
    make = GROWING[name]
    path = tmp_path / "aia-01-x.md"
    _cost(path, make(2_000))  # warm up: imports, compiled patterns, schemas
    n = 8_000
    small = _cost(path, make(n))
    while small < 0.03 and n < 1_000_000:  # big enough that noise is small beside the work
        n *= 2
        small = _cost(path, make(n))
    large = _cost(path, make(4 * n))  # still under the 4 MiB size limit
    assert large / small < 10, (name, n, small, large)


def test_duplicate_id_messages_do_not_grow_with_the_number_of_files(tmp_path: Path) -> None:
    """H3: each of N files with one id named all N-1 others: N squared bytes of report."""
    sizes = {}
    for count in (10, 40):
        docs = tmp_path / str(count)
        docs.mkdir()
        for i in range(count):
            (docs / f"aia-01-{i:03d}.md").write_text(HEAD, encoding="utf-8")
        found = [d for d in engine.check([docs]) if d.code == "VL401"]
        assert len(found) == count
        sizes[count] = max(len(d.message) for d in found)
        assert f"and {count - 6} more files" in found[0].message
    assert sizes[40] <= sizes[10] + 10  # the count has more digits, nothing else grows


# -- P1: positions on their line -----------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        '"a\\x2E"', '"a\\u00e9."', "'it''s.'", '"\\t."', "x.", "|\n  x.", ">-\n  a\n  b.",
        "!!bool maybe", "0x" + "f" * 50, "&a x.", "*a", "{a: b}", "[a, b.]", '"\\\n  x."',
        "\u2028x.", "\x85.", "é.", "\t.", "",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    title=_PIECES,
    extra=st.lists(_PIECES, max_size=3),
    body=st.text("`[]()<!->x \t.:#|", max_size=40),
)
def test_every_finding_lies_on_its_line(title: str, extra: list[str], body: str) -> None:
    """P1: whatever the value's escapes, block scalars, anchors and odd breaks, no finding
    points at column 0 or past the end of its line."""
    keys = "".join(f"k{i}: {value}\n" for i, value in enumerate(extra))
    text = (
        f"---\nid: urn:nl:ak:ver:aia-01\ntitle: {title}\n{keys}---\n\n<!-- tags -->\n\n"
        f"## Vereiste\n\n{body}\n\n## Bronnen\n\n{body}\n"
    )
    with _folder_with(text) as path:
        diagnostics = engine.check([path])
    lines = split_lines(text)
    for d in diagnostics:
        assert 1 <= d.line <= len(lines), d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1])


class _folder_with:
    """A temporary aia-01-x.md with `text` (hypothesis runs many examples in one test call,
    so pytest's tmp_path cannot be used)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __enter__(self) -> Path:
        import tempfile

        self._dir = tempfile.TemporaryDirectory()
        path = Path(self._dir.name) / "aia-01-x.md"
        path.write_text(self.text, encoding="utf-8")
        return path

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()
