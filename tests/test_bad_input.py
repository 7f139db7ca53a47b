"""Bad input, each a case (issue 6, part 1): every way a file or a path can be wrong gives a
finding with a position or a clear usage error, never a traceback; the other files are
still checked; the exit code is the documented one (0 clean, 1 an error, 2 a usage error).

Each bad file stands in a folder beside a good file and a readable file with one known
finding, so a test sees at once that the bad file is reported where it should be, that
it did not stop the run, and that the others were checked as usual. Every case runs
through the library (`vereistenlint.check`), through the command in a subprocess (text
format, the default for people, which reads the files again for the source lines) and
through the command in-process with `--format json` (whose findings must equal the
library's).

No assertion is about time. An alias bomb or deep nesting that was expanded or recursed
into would not finish (or would raise), so the structure of the answer is what is checked:
the document is refused with a diagnostic, and the YAML constructor is never reached.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from vereistenlint import Diagnostic, UsageError, check, engine, yamlpos
from vereistenlint.cli import cli
from vereistenlint.load import split_lines

from .conftest import ROOT

SOURCE = ROOT / "vereisten" / "rechtmatige_verwerking_van_persoonsgegevens.md"
SOURCE_STEM = SOURCE.stem
#: The readable file's one finding: 'Geldend' for 'geldend' (line 5, column 3).
READABLE_FINDING = ("VL012", 5, 3)
#: Variables that would change the command's default format or colour.
CI_VARIABLES = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "NO_COLOR")

Position = tuple[str, int, int]


def good_text(stem: str) -> str:
    """The 2024 example, naming itself in its list_maatregelen comment (so it is clean)."""
    text = SOURCE.read_text(encoding="utf-8")
    return text.replace(f"vereiste/{SOURCE_STEM}", f"vereiste/{stem}")


def readable_text(stem: str) -> str:
    """A readable file with exactly one finding, `READABLE_FINDING`."""
    return good_text(stem).replace("- geldend", "- Geldend")


def several_findings_text(stem: str) -> str:
    """Findings spread over the file (front matter, a table, a section), for positions."""
    text = readable_text(stem)
    text = text.replace("## Risico", "## Normen\n\nIn afwachting.\n\n## Risico")
    return text.replace(
        "rekenregels:\n- niet-impactvol: Ja\n- impactvol: Ja",
        "rekenregels:\n- niet-impactvol: Nee\n- impactvol: Ja",
    )


def make_folder(root: Path) -> Path:
    """docs/ with a good file and a readable file with one finding; the case adds its own."""
    docs = root / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(good_text("good"), encoding="utf-8")
    (docs / "readable.md").write_text(readable_text("readable"), encoding="utf-8")
    return docs


def positions(diagnostics: Sequence[Diagnostic], path: str) -> list[Position]:
    return [(d.code, d.line, d.column) for d in diagnostics if d.path == path]


def assert_others_checked(diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> None:
    """The bad file did not stop the run: both neighbours were checked as usual."""
    assert "docs/good.md" in files and "docs/readable.md" in files
    assert positions(diagnostics, "docs/good.md") == []
    assert positions(diagnostics, "docs/readable.md") == [READABLE_FINDING]


def assert_inside(diagnostics: Sequence[Diagnostic], root: Path) -> None:
    """Every finding has a position: a line of its file (line 1 of an empty or unreadable one)."""
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1, d
        path = root / d.path
        try:
            raw = path.read_bytes() if path.is_file() else b""
        except OSError:
            raw = b""
        lines = split_lines(raw.decode("utf-8-sig", errors="replace"))
        assert d.line <= max(1, len(lines)), d


# -- running the command -------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    env["LANG"] = "en_US.UTF-8"
    return env


#: Run the command with reading one path failing as it does without read permission (EACCES).
#: Used when the tests run as root, for whom a mode-000 file is readable anyway.
_DENY_READ_BOOT = """
import errno, os, pathlib, sys
denied = os.path.realpath(os.environ["VEREISTENLINT_TEST_DENY_READ"])
real = pathlib.Path.read_bytes
def read_bytes(self):
    if os.path.realpath(self) == denied:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
    return real(self)
pathlib.Path.read_bytes = read_bytes
from vereistenlint.cli import main
sys.argv[0] = "vereistenlint"
main()
"""


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(args: Sequence[str], cwd: Path, deny_read: Path | None = None) -> Run:
    """`python -m vereistenlint ARGS` in a subprocess, in English, outside GitHub Actions."""
    env = _env()
    if deny_read is None:
        command = [sys.executable, "-m", "vereistenlint", *args]
    else:
        env["VEREISTENLINT_TEST_DENY_READ"] = str(deny_read)
        command = [sys.executable, "-c", _DENY_READ_BOOT, *args]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return Run(done.returncode, done.stdout, done.stderr)


def header(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"


def check_everywhere(
    root: Path, paths: Sequence[str], *, deny_read: Path | None = None
) -> list[Diagnostic]:
    """The library's findings for `paths` (relative to `root`), after checking that the command
    in a subprocess (text) and in-process (json) reports exactly them with exit code 1."""
    diagnostics = check(list(paths))
    result = engine.run_check(list(paths), engine.Options())
    assert result.diagnostics == diagnostics
    assert_others_checked(diagnostics, result.files)
    assert_inside(diagnostics, root)

    done = run_cli(["check", "--lang", "en", "--format", "text", *paths], root, deny_read)
    assert done.code == 1, done
    headers = [line for line in done.stdout.splitlines() if line.startswith("docs/")]
    assert headers == [header(d) for d in diagnostics]
    assert done.stdout.rstrip().splitlines()[-1].startswith("Found ")

    ran = CliRunner(env=dict.fromkeys(CI_VARIABLES)).invoke(
        cli, ["check", "--lang", "en", "--format", "json", *paths]
    )
    assert ran.exception is None or isinstance(ran.exception, SystemExit), ran.exc_info
    assert ran.exit_code == 1
    assert [
        {k: v for k, v in item.items() if k in ("path", "line", "column", "code", "message")}
        for item in json.loads(ran.stdout)
    ] == [
        {"path": d.path, "line": d.line, "column": d.column, "code": d.code, "message": d.message}
        for d in diagnostics
    ]
    return diagnostics


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder with docs/good.md and docs/readable.md, and the current folder."""
    make_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- the matrix of bad files ---------------------------------------------------------------


def _alias_bomb() -> bytes:
    """Billion laughs: nine levels of nine aliases, 9**9 (387 million) strings expanded."""
    lines = ["---", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
        previous = name
    lines += ["---", "", "## Vereiste", ""]
    return "\n".join(lines).encode()


def _without_closing_line() -> bytes:
    lines = good_text("bad").split("\n")
    close = lines.index("---", 1)
    return "\n".join(lines[:close] + lines[close + 1 :]).encode()


def _big() -> bytes:
    """About 10 MB: the good file and a very long body in its last section."""
    paragraph = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n\n").encode()
    body = paragraph * (10_000_000 // len(paragraph) + 1)
    return good_text("bad").encode() + b"\n" + body


@dataclass(frozen=True)
class Case:
    content: Callable[[], bytes]
    #: (code, line, column) of the bad file's findings; a line or column of 0: any
    expected: tuple[Position, ...]
    #: a text every message of the bad file holds (English)
    says: str = ""


CASES: dict[str, Case] = {
    "non-utf8-in-title": Case(
        lambda: good_text("bad").encode().replace(b"title: ", b"title: caf\xe9 ", 1),
        (("VL001", 2, 11),),
        "not valid UTF-8",
    ),
    "non-utf8-in-body": Case(
        lambda: good_text("bad").encode().replace(b"## Risico\n", b"## Risico\n\xff\xfe", 1),
        (("VL001", 67, 1),),
        "byte 0xFF",
    ),
    "utf16": Case(
        lambda: good_text("bad").encode("utf-16"),
        (("VL001", 1, 0),),
        "binary data",
    ),
    "bom-utf8": Case(lambda: b"\xef\xbb\xbf" + good_text("bad").encode(), ()),
    "crlf": Case(lambda: good_text("bad").replace("\n", "\r\n").encode(), ()),
    "cr-only": Case(lambda: good_text("bad").replace("\n", "\r").encode(), ()),
    "mixed-line-endings": Case(
        lambda: good_text("bad").replace("\n", "\r\n", 12).replace("\n\n", "\r\r", 3).encode(),
        (),
    ),
    "empty": Case(lambda: b"", (("VL002", 1, 1),), "empty"),
    "only-blank-lines": Case(lambda: b"\n \n\t\n", (("VL002", 1, 1),), "empty"),
    "binary-png": Case(
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        (("VL001", 3, 1),),
        "binary data",
    ),
    "binary-all-bytes": Case(lambda: bytes(range(256)) * 4, (("VL001", 1, 1),), "binary"),
    "no-front-matter": Case(
        lambda: b"# Titel\n\nEen pagina zonder front matter.\n", (("VL002", 1, 1),), "no front"
    ),
    "front-matter-not-on-line-1": Case(
        lambda: b"\n" + good_text("bad").encode(), (("VL002", 1, 1),), "first line"
    ),
    "unterminated-front-matter": Case(_without_closing_line, (("VL002", 1, 1),), "never closed"),
    "front-matter-is-a-list": Case(
        lambda: b"---\n- title\n- toelichting\n---\n\n## Vereiste\n", (("VL013", 2, 1),), "a list"
    ),
    "front-matter-is-a-scalar": Case(
        lambda: b"---\nEen titel\n---\n", (("VL013", 2, 1),), "single value 'Een titel'"
    ),
    "front-matter-is-null": Case(lambda: b"---\nnull\n---\n", (("VL013", 2, 1),), "mapping"),
    "front-matter-is-tilde": Case(lambda: b"---\n~\n---\n", (("VL013", 2, 1),), "mapping"),
    "front-matter-is-empty": Case(lambda: b"---\n---\n\n## Vereiste\n", (("VL002", 1, 1),)),
    "front-matter-only-a-comment": Case(
        lambda: b"---\n# niets\n---\n", (("VL002", 1, 1),), "front matter is empty"
    ),
    "yaml-colon-in-plain-value": Case(
        lambda: good_text("bad").replace("title: Persoonsgegevens", "title: Let op: dit").encode(),
        (("VL003", 2, 14),),
        "mapping values are not allowed",
    ),
    "yaml-unclosed-quote": Case(
        lambda: good_text("bad").replace("title: ", 'title: "', 1).encode(),
        (("VL003", 2, 8),),
        "YAML syntax error",
    ),
    "yaml-unclosed-bracket-at-end": Case(
        lambda: b"---\ntitle: x\nlevenscyclus: [ontwerp, ontwikkelen\n---\n",
        (("VL003", 3, 15),),
        "YAML syntax error",
    ),
    "yaml-undefined-alias": Case(
        lambda: good_text("bad").replace("title: ", "title: *nergens ", 1).encode(),
        (("VL003", 2, 8),),
        "alias",
    ),
    "yaml-bad-indentation": Case(
        lambda: good_text("bad").replace("- probleemanalyse\n", "  - probleemanalyse\n ").encode(),
        (("VL003", 8, 2),),
        "did not find expected key",
    ),
    "yaml-tab-indentation": Case(
        lambda: good_text("bad").replace("\n- ontwerp", "\n\t- ontwerp", 1).encode(),
        (("VL003", 8, 1),),
        "tab",
    ),
    "yaml-duplicate-key": Case(
        lambda: good_text("bad").replace("rollen:", "title: nogmaals\nrollen:", 1).encode(),
        (("VL004", 13, 1),),
        "first on line 2",
    ),
    "alias-bomb": Case(_alias_bomb, (("VL003", 0, 0),), "refused"),
    "deep-flow-nesting": Case(
        lambda: b"---\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n---\n", (("VL003", 2, 0),)
    ),
    "deep-flow-nesting-unclosed": Case(
        lambda: b"---\nx: " + b"[" * 10_000 + b"\n---\n", (("VL003", 2, 0),)
    ),
    "deep-mapping-nesting": Case(
        lambda: b"---\nx: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n---\n",
        (("VL003", 2, 0),),
    ),
    "nesting-past-our-limit": Case(
        lambda: b"---\nx: " + b"[" * 100 + b"]" * 100 + b"\n---\n",
        (("VL003", 2, 0),),
        f"nested deeper than {yamlpos.MAX_DEPTH} levels",
    ),
    "deep-nesting-in-the-body": Case(
        lambda: (
            good_text("bad").encode()
            + b"\n"
            + b">" * 10_000
            + b" diep\n\n"
            + b"- " * 10_000
            + b"lijst\n\n"
            + b"[" * 10_000
            + b"\n"
        ),
        (),
    ),
    "python-tag": Case(
        lambda: (
            good_text("bad")
            .replace("title: Persoonsgegevens", "title: !!python/object/apply:os.getcwd []\nx: ", 1)
            .encode()
        ),
        (("VL003", 2, 8),),
        "could not determine a constructor",
    ),
    # over the default max-file-size (4 MiB): one finding, and the file is not parsed
    "10-mb": Case(_big, (("VL006", 1, 1),), "over the limit of 4194304 bytes"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gets_a_positioned_finding_and_the_others_are_checked(
    name: str, root: Path
) -> None:
    case = CASES[name]
    (root / "docs" / "bad.md").write_bytes(case.content())
    diagnostics = check_everywhere(root, ["docs"])
    found = positions(diagnostics, "docs/bad.md")
    assert len(found) == len(case.expected), diagnostics
    for (code, line, column), (want_code, want_line, want_column) in zip(
        found, case.expected, strict=True
    ):
        assert code == want_code, diagnostics
        assert want_line in (0, line), diagnostics
        assert want_column in (0, column), diagnostics
    for d in diagnostics:
        if d.path == "docs/bad.md":
            assert case.says in d.message, d
    # --fix never raises, and never changes a file it could not read or parse
    for change in engine.run_fixes(["docs"], engine.Options()):
        assert change.path.name != "bad.md" or not case.expected, change


def test_alias_bomb_is_refused_before_anything_is_constructed(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused while counting composed nodes: the constructor, which would expand every
    alias into Python data, is never called for it (only for the good files)."""
    constructed: list[object] = []  # the first key of each document constructed

    class Loader(yamlpos._Loader):  # type: ignore[misc,valid-type]
        def construct_document(self, node: yaml.Node) -> object:
            constructed.append(node.value[0][0].value if node.value else None)
            return super().construct_document(node)

    monkeypatch.setattr(yamlpos, "_Loader", Loader)
    (root / "docs" / "bad.md").write_bytes(_alias_bomb())
    found = [d for d in check(["docs"]) if d.path == "docs/bad.md"]
    assert [(d.code, d.name) for d in found] == [("VL003", "yaml-syntax")]
    assert "refused" in found[0].message
    assert str(yamlpos.MAX_NODES) in found[0].message
    assert constructed == ["title", "title"]  # good.md and readable.md, never the bomb ('a')


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
@pytest.mark.parametrize(
    "content",
    [
        b"---\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n---\n",
        b"---\nx: " + b"[" * 10_000 + b"\n---\n",
        b"---\n" + b"".join(b" " * i + b"k%d:\n" % i for i in range(1_500)) + b"---\n",
        _alias_bomb(),
    ],
    ids=["balanced", "unclosed", "block-mapping", "alias-bomb"],
)
def test_deep_or_exploding_yaml_is_a_finding_with_either_loader(
    loader: str, content: bytes, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyYAML without libyaml recurses in Python: the RecursionError must become a finding
    too (and the alias bomb must be refused the same way)."""
    if loader == "pure-python":
        monkeypatch.setattr(yamlpos, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML is built without libyaml here")
    (root / "docs" / "bad.md").write_bytes(content)
    diagnostics = check(["docs"])
    assert_others_checked(diagnostics, engine.run_check(["docs"], engine.Options()).files)
    found = [d for d in diagnostics if d.path == "docs/bad.md"]
    assert [d.code for d in found] == ["VL003"]
    assert found[0].line >= 2


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode(),
        lambda t: b"\xef\xbb\xbf" + t.encode(),
        lambda t: t.replace("\n", "\r\n").encode(),
        lambda t: t.replace("\n", "\r").encode(),
        lambda t: (
            t[:700].replace("\n", "\r\n") + t[700:1400].replace("\n", "\r") + t[1400:]
        ).encode(),
    ],
    ids=["lf", "bom", "crlf", "cr", "mixed"],
)
def test_bom_and_line_endings_do_not_move_positions(
    encode: Callable[[str], bytes], root: Path
) -> None:
    """A finding is where an editor shows it, whatever the BOM and line endings: the same
    findings, at the same lines and columns, as for the plain LF file."""
    text = several_findings_text("bad")
    reference = root / "reference"
    reference.mkdir()
    (reference / "bad.md").write_bytes(text.encode())
    (root / "docs" / "bad.md").write_bytes(encode(text))
    want = [(d.code, d.line, d.column, d.message) for d in check([reference / "bad.md"])]
    assert len(want) >= 3
    diagnostics = check_everywhere(root, ["docs"])
    got = [(d.code, d.line, d.column, d.message) for d in diagnostics if d.path == "docs/bad.md"]
    assert got == want


def test_good_files_in_any_encoding_and_line_ending_are_clean(root: Path) -> None:
    docs = root / "clean"
    docs.mkdir()
    text = good_text("x")
    for name, data in {
        "lf": text.encode(),
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
    }.items():
        (docs / f"{name}.md").write_bytes(
            data.replace(b"vereiste/x ", f"vereiste/{name} ".encode())
        )
    assert check(["clean"]) == []
    done = run_cli(["check", "--lang", "en", "--format", "text", "clean"], root)
    assert done.code == 0, done
    assert done.stdout.strip() == "All good: 4 files checked, no problems."


# -- paths that are not plain files ---------------------------------------------------------


def test_a_folder_named_like_a_markdown_file_is_a_folder(root: Path) -> None:
    """Found while walking it is not a file to read; named, it is searched like any folder."""
    folder = root / "docs" / "x.md"
    folder.mkdir()
    (folder / "inner.md").write_text(readable_text("inner"), encoding="utf-8")
    (root / "docs" / "bad.md").write_text(readable_text("bad"), encoding="utf-8")
    diagnostics = check_everywhere(root, ["docs"])
    files = engine.run_check(["docs"], engine.Options()).files
    assert "docs/x.md" not in files and "docs/x.md/inner.md" in files
    assert positions(diagnostics, "docs/x.md/inner.md") == [READABLE_FINDING]
    named = engine.run_check(["docs/x.md"], engine.Options())
    assert named.files == ["docs/x.md/inner.md"]
    assert positions(named.diagnostics, "docs/x.md/inner.md") == [READABLE_FINDING]


def _symlink(link: Path, target: str, *, directory: bool = False) -> None:
    try:
        link.symlink_to(target, target_is_directory=directory)
    except (OSError, NotImplementedError) as exc:  # pragma: no cover - Windows without rights
        pytest.skip(f"cannot create symbolic links here: {exc}")


def test_symlink_loop_is_an_unreadable_file_when_walked_and_when_named(root: Path) -> None:
    docs = root / "docs"
    _symlink(docs / "a.md", "b.md")
    _symlink(docs / "b.md", "a.md")
    for paths in (["docs"], ["docs", "docs/a.md", "docs/b.md"]):
        diagnostics = check_everywhere(root, paths)
        for name in ("docs/a.md", "docs/b.md"):
            assert positions(diagnostics, name) == [("VL001", 1, 1)], diagnostics


def test_dangling_symlink_is_an_unreadable_file(root: Path) -> None:
    _symlink(root / "docs" / "gone.md", "nergens.md")
    for paths in (["docs"], ["docs/gone.md", "docs"]):
        diagnostics = check_everywhere(root, paths)
        assert positions(diagnostics, "docs/gone.md") == [("VL001", 1, 1)]


def test_directory_symlink_to_its_parent_is_not_followed_into_a_loop(root: Path) -> None:
    """A link back up is not followed while walking; named, it is searched once, and a file
    reached both through it and directly is checked once."""
    sub = root / "docs" / "sub"
    sub.mkdir()
    _symlink(sub / "up", "..", directory=True)
    (sub / "deeper.md").write_text(readable_text("deeper"), encoding="utf-8")
    walked = engine.run_check(["docs"], engine.Options())
    assert walked.files == ["docs/good.md", "docs/readable.md", "docs/sub/deeper.md"]
    check_everywhere(root, ["docs"])

    through = engine.run_check(["docs/sub/up"], engine.Options())
    assert through.files == [
        "docs/sub/up/good.md",
        "docs/sub/up/readable.md",
        "docs/sub/up/sub/deeper.md",
    ]
    both = engine.run_check(["docs", "docs/sub/up"], engine.Options())
    assert both.files == walked.files
    assert both.diagnostics == walked.diagnostics


def _guard_reads(monkeypatch: pytest.MonkeyPatch, forbidden: Path) -> None:
    """Reading `forbidden` raises instead of blocking: a FIFO must never be opened."""
    real = Path.read_bytes
    target = os.path.realpath(forbidden)

    def read_bytes(self: Path) -> bytes:
        if os.path.realpath(self) == target:
            raise AssertionError(f"{self} is a FIFO and was read; that blocks forever")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


@pytest.fixture
def fifo(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not hasattr(os, "mkfifo"):  # pragma: no cover - Windows
        pytest.skip("no FIFOs here")
    path = root / "docs" / "pipe.md"
    os.mkfifo(path)
    _guard_reads(monkeypatch, path)
    return path


def test_fifo_is_an_unreadable_file_not_a_hang(fifo: Path) -> None:
    """A FIFO (or a device) named *.md would block or never end when read; it gets a finding
    without being opened. (The guard makes a read fail instead of hang.)"""
    for paths in (["docs"], ["docs/pipe.md", "docs"]):
        result = engine.run_check(paths, engine.Options())
        assert_others_checked(result.diagnostics, result.files)
        found = [d for d in result.diagnostics if d.path == "docs/pipe.md"]
        assert [(d.code, d.line, d.column) for d in found] == [("VL001", 1, 1)]
        assert "not a regular file" in found[0].message


def test_fifo_in_the_text_report_is_not_read(fifo: Path) -> None:
    ran = CliRunner(env=dict.fromkeys(CI_VARIABLES)).invoke(
        cli, ["check", "--lang", "en", "--format", "text", "docs"]
    )
    assert ran.exception is None or isinstance(ran.exception, SystemExit), ran.exc_info
    assert ran.exit_code == 1
    assert "docs/pipe.md:1:1: VL001 " in ran.stdout


def test_fifo_is_not_read_by_fix(fifo: Path) -> None:
    changed = engine.run_fixes(["docs"], engine.Options())  # returns: the FIFO is not read
    assert fifo.name not in {c.path.name for c in changed}


def test_file_without_read_permission_is_an_unreadable_file(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mode 000 gives EACCES, except to root (as in CI), who reads any file. Then reading
    that one path is made to fail with EACCES the way the kernel would (in the library by
    patching Path.read_bytes, in the command by the same patch in the subprocess), so the
    test still shows what a user without the right sees instead of being skipped."""
    path = root / "docs" / "secret.md"
    path.write_text(good_text("secret"), encoding="utf-8")
    path.chmod(0)
    try:
        readable_anyway = os.access(path, os.R_OK)
        if readable_anyway:
            real = Path.read_bytes

            def read_bytes(self: Path) -> bytes:
                if os.path.realpath(self) == os.path.realpath(path):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
                return real(self)

            monkeypatch.setattr(Path, "read_bytes", read_bytes)
        diagnostics = check_everywhere(root, ["docs"], deny_read=path if readable_anyway else None)
        found = [d for d in diagnostics if d.path == "docs/secret.md"]
        assert [(d.code, d.line, d.column) for d in found] == [("VL001", 1, 1)]
        assert os.strerror(errno.EACCES) in found[0].message
        fixed = [c.path.name for c in engine.run_fixes(["docs"], engine.Options())]
        assert fixed == ["readable.md"]
    finally:
        path.chmod(0o644)


# -- paths on the command line ---------------------------------------------------------------


@pytest.mark.parametrize(
    "paths",
    [["docs/nergens.md"], ["docs", "docs/nergens.md"], ["nergens"], ["docs/good.md", ""]],
    ids=["missing-file", "missing-beside-a-folder", "missing-folder", "empty-string"],
)
def test_path_that_does_not_exist_is_a_usage_error(paths: list[str], root: Path) -> None:
    """Nothing is checked then: a typo must not pass as a clean run. An empty argument (an
    empty shell variable) names no path; it is not taken as the current folder."""
    missing = paths[-1]
    said = f"path does not exist: {missing}" if missing else "an empty path was given"
    with pytest.raises(UsageError, match=said):
        check(paths)
    done = run_cli(["check", "--lang", "en", *paths], root)
    assert done.code == 2, done
    assert done.stdout == ""
    assert said in done.stderr


def test_unknown_option_is_a_usage_error(root: Path) -> None:
    done = run_cli(["check", "--lang", "en", "--no-such-option", "docs"], root)
    assert done.code == 2, done
    assert "--no-such-option" in done.stderr


def test_same_path_given_twice_is_checked_once(root: Path) -> None:
    """However a file is named twice (again, through its folder, with ./, absolute, through
    a symbolic link), it is checked once and its findings are reported once."""
    (root / "docs" / "bad.md").write_text(readable_text("bad"), encoding="utf-8")
    _symlink(root / "link.md", "docs/bad.md")
    once = engine.run_check(["docs"], engine.Options())
    spellings = [
        "docs/bad.md",
        "docs",
        "./docs/bad.md",
        "docs/./bad.md",
        str(root / "docs" / "bad.md"),
        "link.md",
        "docs",
        "docs/bad.md",
    ]
    twice = engine.run_check(spellings, engine.Options())
    assert len(twice.files) == len(set(twice.files)) == 3
    assert sorted((d.code, d.line, d.column) for d in twice.diagnostics) == sorted(
        (d.code, d.line, d.column) for d in once.diagnostics
    )
    done = run_cli(["check", "--lang", "en", "--format", "text", *spellings], root)
    assert done.code == 1, done
    summary = done.stdout.rstrip().splitlines()[-1]
    assert summary.startswith("Found 2 errors and 0 warnings in 3 files checked.")


def test_boolean_front_matter_is_not_a_mapping(root: Path) -> None:
    (root / "docs" / "bad.md").write_bytes(b"---\ntrue\n---\n")
    found = [d for d in check(["docs"]) if d.path == "docs/bad.md"]
    assert [(d.code, d.line, d.column) for d in found] == [("VL013", 2, 1)]


@pytest.mark.parametrize("value", [b"null", b"~", b"true"])
def test_scalar_front_matter_is_quoted_as_yaml(value: bytes, root: Path) -> None:
    (root / "docs" / "bad.md").write_bytes(b"---\n" + value + b"\n---\n")
    (found,) = [d for d in check(["docs"]) if d.path == "docs/bad.md"]
    assert "None" not in found.message and "True" not in found.message


def test_missing_tags_marker_in_a_file_that_ends_after_its_front_matter_is_on_a_line_of_it(
    root: Path,
) -> None:
    text = good_text("bad")
    front_matter = text[: text.index("\n---\n") + 5]
    (root / "docs" / "bad.md").write_text(front_matter, encoding="utf-8")
    found = [d for d in check(["docs"]) if d.path == "docs/bad.md"]
    assert "VL101" in {d.code for d in found}
    assert_inside(found, root)


@pytest.mark.parametrize("value", ["[Ja]", "{a: Ja}", "[]", "!!set {Ja}", "!!omap [a: 1]"])
def test_applicability_value_that_is_a_collection_is_a_finding(value: str, root: Path) -> None:
    text = good_text("bad").replace("- impactvol: Ja", f"- impactvol: {value}", 1)
    (root / "docs" / "bad.md").write_text(text, encoding="utf-8")
    diagnostics = check_everywhere(root, ["docs"])
    assert [d.code for d in diagnostics if d.path == "docs/bad.md"] == ["VL013"]


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_line_breaks_only_yaml_sees_do_not_move_positions(
    loader: str, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML 1.1 breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors (and
    the body's line numbers) do not. A finding after one is still on the editor's line."""
    if loader == "pure-python":
        monkeypatch.setattr(yamlpos, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML is built without libyaml here")
    text = readable_text("bad").replace(
        "title: Persoonsgegevens worden", 'title: "Persoonsgegevens\u2028worden', 1
    )
    text = text.replace("wettelijke grondslag\n", 'wettelijke grondslag"\n', 1)
    text = text.replace("rollen:\n", "rollen: # rollen\u2029\x85\n", 1)
    (root / "docs" / "bad.md").write_text(text, encoding="utf-8")
    broken = good_text("broken").replace("toelichting: Een", "toelichting: Een\x85zin", 1)
    (root / "docs" / "broken.md").write_text(broken, encoding="utf-8")
    diagnostics = check_everywhere(root, ["docs"])
    assert positions(diagnostics, "docs/bad.md") == [READABLE_FINDING]
    # in YAML the NEL ends the value; the next line lacks its ':' (found at the next key)
    assert positions(diagnostics, "docs/broken.md") == [("VL003", 4, 1)]
