"""Property tests (issue 6, part 2): random edits of the good example files (deleted and
repeated lines, swapped and renamed sections, changed icons, mangled YAML, stray text,
truncation, any line endings, a BOM) never make the linter raise; every finding lies in
its file; --fix is idempotent and changes no byte outside the lines its fixes edit; and
every output format reports the same findings.

"Outside the fixes' own lines" is checked on each round of fixing as `fix.fix_file`
does it (the real code, observed through `fix.apply_fixes`): the edits of one round's
fixes name the lines they may touch, and every line outside them must be there unchanged,
byte for byte and in order, in that round's result. Findings are not a sound bound on
their own: a moved tags marker or a missing applicability section is fixed away from the
line its finding points at. The rounds must also chain up to what `fix_file` returns,
with the file's BOM kept, so the check covers the result as written.

Few examples per property (hypothesis prints any failing one, shrunk) keep the suite fast.
"""

from __future__ import annotations

import codecs
import itertools
import json
import os
import re
import stat
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from vereistenlint import checks, decide, engine, yamledit
from vereistenlint import fix as fixing
from vereistenlint.choose import choose_profile
from vereistenlint.diagnostics import Diagnostic, Severity
from vereistenlint.document import Document
from vereistenlint.findings import Edit, Fix
from vereistenlint.load import load_bytes, split_lines
from vereistenlint.reporters import REPORTERS, github
from vereistenlint.reporters.escape import visible
from vereistenlint.reporters.settings import Settings
from vereistenlint.rules import BY_CODE, RULES

from .conftest import CORPUS, FIXTURES, ROOT

ALL = tuple(r.code for r in RULES)
OPTIONS = engine.Options(select=ALL)
SOURCES: dict[str, str] = {
    path.name: path.read_text(encoding="utf-8")
    for path in [
        *sorted((ROOT / "vereisten").glob("*.md")),
        *sorted((FIXTURES / "repos" / "inhoud" / "docs").glob("*/*-*.md")),
    ]
}
ICONS = (":material-check-bold:", ":material-close:")
#: Characters that mean something to YAML or Markdown, and some odd ones (tabs, line and
#: paragraph separators, NEL, vertical tab, form feed, a non-breaking space).
ODD = "aZ é€:#-[]{}&*!|>'\"%@`,?=<>\t\\/()_~\u00a0\u2028\u2029\x0b\x0c\x85\r\n"
HEADINGS = ("Vereiste", "Toelichting", "Normen", "Risico", "Maatregelen", "Bronnen", "x")
#: Values for a front-matter key or list item: right, nearly right and of the wrong kind.
SCALARS: tuple[str, ...] = ("Ja", "Nee", "ja", "Geldend", "geldend", "", "~", "&x a", "*x", "'x'", "1", "1.5",
           "true", "null", ".inf", "0x1F", "2024-01-01", "2001-12-14t21:59:43.10-05:00",
           "!!binary aGk=", '"\\u00e9"', "x: y")  # fmt: skip
COLLECTIONS = ("[a, b]", "{a: b}", "[]", "{}", "[[a]]", "[{a: b}]", "!!set {a}", "!!omap [a: 1]")
#: Block scalars, whose line breaks must not reach a message.
SCALARS += ("|\n  x", ">-\n  x\n  y")

SETTINGS = settings(
    max_examples=int(os.environ.get("VEREISTENLINT_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- random edits -----------------------------------------------------------------------------


def _front_matter_end(lines: Sequence[str]) -> int:
    return next((i for i in range(1, len(lines)) if lines[i] == "---"), min(len(lines), 12))


def _sections(lines: Sequence[str]) -> list[tuple[int, int]]:
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    return list(itertools.pairwise([*starts, len(lines)])) if starts else []


@st.composite
def _edit(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """One random edit of a file's lines."""
    if not lines:
        return [draw(st.text(ODD, max_size=20))]
    kind = draw(
        st.sampled_from(
            [
                "delete-line",
                "repeat-line",
                "swap-sections",
                "drop-section",
                "rename-section",
                "change-icon",
                "mangle-yaml",
                "change-value",
                "change-key",
                "insert-text",
                "truncate",
            ]
        )
    )
    i = draw(st.integers(0, len(lines) - 1))
    sections = _sections(lines)
    if kind == "delete-line":
        return lines[:i] + lines[i + 1 :]
    if kind == "repeat-line":
        return lines[: i + 1] + lines[i:]
    if kind == "swap-sections" and len(sections) >= 2:
        a, b = sorted(
            draw(st.lists(st.sampled_from(sections), min_size=2, max_size=2, unique=True))
        )
        (a0, a1), (b0, b1) = a, b
        return [*lines[:a0], *lines[b0:b1], *lines[a1:b0], *lines[a0:a1], *lines[b1:]]
    if kind == "drop-section" and sections:
        start, end = draw(st.sampled_from(sections))
        return lines[:start] + lines[end:]
    if kind == "rename-section" and sections:
        start, _ = draw(st.sampled_from(sections))
        return [*lines[:start], f"## {draw(st.sampled_from(HEADINGS))}", *lines[start + 1 :]]
    if kind == "change-icon":
        spots = [(k, icon) for k, line in enumerate(lines) for icon in ICONS if icon in line]
        if spots:
            k, icon = draw(st.sampled_from(spots))
            new = draw(st.sampled_from([*ICONS, "", "ja", ":material-check:"]))
            return [*lines[:k], lines[k].replace(icon, new, 1), *lines[k + 1 :]]
    if kind == "mangle-yaml":
        k = draw(st.integers(0, max(0, _front_matter_end(lines) - 1)))
        line = lines[k]
        at = draw(st.integers(0, len(line)))
        cut = draw(st.integers(0, 2))
        mangled = line[:at] + draw(st.text(ODD, max_size=3)) + line[at + cut :]
        return [*lines[:k], mangled, *lines[k + 1 :]]
    if kind == "change-value":
        k = draw(st.integers(0, max(0, _front_matter_end(lines) - 1)))
        key, colon, _ = lines[k].partition(": ")
        values = SCALARS + COLLECTIONS
        if colon:
            return [*lines[:k], f"{key}: {draw(st.sampled_from(values))}", *lines[k + 1 :]]
        if lines[k].startswith("- "):
            return [*lines[:k], f"- {draw(st.sampled_from(values))}", *lines[k + 1 :]]
        if lines[k].endswith(":"):
            return [*lines[:k], f"{lines[k]} {draw(st.sampled_from(values))}", *lines[k + 1 :]]
    if kind == "change-key":
        k = draw(st.integers(0, max(0, _front_matter_end(lines) - 1)))
        _, colon, rest = lines[k].partition(":")
        if colon:
            key = draw(
                st.sampled_from(["1", "true", "null", "'x y'", "<<", "2024-01-01", "tit le"])
            )
            return [*lines[:k], f"{key}:{rest}", *lines[k + 1 :]]
    if kind == "insert-text":
        return [*lines[:i], draw(st.text(ODD, max_size=30)), *lines[i:]]
    if kind == "truncate":
        return [*lines[:i], lines[i][: draw(st.integers(0, len(lines[i])))]]
    return lines


@st.composite
def _fixable_defect(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """One defect that some rule can fix, so that the fix property has fixing to check."""
    text = "\n".join(lines)
    choices: list[tuple[str, str]] = [
        ("- geldend", "- Geldend"),
        ("- ontwerp", "- Ontwerp"),
        ("- navigation", "- Navigation"),
        ("<!-- tags -->\n", ""),
        ("<!-- tags -->\n\n## Vereiste\n", "## Vereiste\n\n<!-- tags -->\n"),
        ("<!-- tags-ai-act -->", ""),
        ("<!-- list_vereisten_on_maatregelen_page -->", ""),
        ("<!-- list_maatregelen vereiste/", "<!-- list_maatregelen vereiste/ander-"),
        ("- impactvol: Ja", "- impactvol: Nee"),
        ("- hoog-risico: Ja", "- hoog-risico: Nee"),
        ("\n## Risico\n", "\n## Risico   \n"),
    ]
    present = [c for c in choices if c[0] in text]
    if draw(st.booleans()) or not present:  # a full stop after the title
        return [f"{line}." if line.startswith("title: ") else line for line in lines]
    old, new = draw(st.sampled_from(present))
    return text.replace(old, new, 1).split("\n")


@st.composite
def edited_files(draw: st.DrawFn, fixable: bool = False) -> tuple[str, bytes]:
    """(file name, bytes): a good example after one to four random edits (and, when
    `fixable`, first a defect that a fix repairs), with random line endings (LF, CRLF, CR
    or mixed) and sometimes a BOM. The name is kept, so the file's own stem still matches
    its list_maatregelen comment."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[name].split("\n")
    if fixable:
        lines = draw(_fixable_defect(lines))
    for _ in range(draw(st.integers(0 if fixable else 1, 4))):
        lines = draw(_edit(lines))
    text = "\n".join(lines)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if ending == "mixed":
        cut = draw(st.integers(0, len(text)))
        text = text[:cut].replace("\n", "\r\n") + text[cut:]
    else:
        text = text.replace("\n", ending)
    bom = codecs.BOM_UTF8 if draw(st.booleans()) else b""
    return name, bom + text.encode("utf-8")


@contextmanager
def folder(files: Sequence[tuple[str, bytes]]) -> Iterator[Path]:
    """The files in a fresh docs/ folder, with the current folder set to its parent (so the
    paths in reports are relative, as a user would give them). Hypothesis runs many examples
    in one test call, so pytest's per-test tmp_path and monkeypatch cannot be used."""
    before = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for name, data in files:
            (docs / name).write_bytes(data)
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(before)


# -- never raise; every finding in its file ---------------------------------------------------


@SETTINGS
@given(st.lists(edited_files(), min_size=1, max_size=3, unique_by=lambda f: f[0]))
def test_random_edits_never_raise_and_every_finding_is_in_its_file(
    files: list[tuple[str, bytes]],
) -> None:
    with folder(files):
        result = engine.run_check(["docs"], OPTIONS)
    contents = {f"docs/{name}": data for name, data in files}
    assert sorted(result.files) == sorted(contents)
    for d in result.diagnostics:
        rule = BY_CODE[d.code]
        assert (d.name, d.severity) == (rule.name, rule.severity)
        assert d.message and "\x1f" not in d.message  # no untranslated term left
        data = contents[d.path]
        try:
            lines = split_lines(data.decode("utf-8-sig"))
        except UnicodeDecodeError:  # pragma: no cover - edits keep the text UTF-8
            lines = []
        assert 1 <= d.line <= max(1, len(lines)), d
        if d.line > len(lines):
            continue
        width = len(lines[d.line - 1]) if lines else 0
        assert 1 <= d.column <= width + 1, d


# -- --fix -------------------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines_with_ends(text: str) -> list[str]:
    """Lines as `load.split_lines` counts them, each with its own line break."""
    return _LINE.findall(text)


def _touched(fixes: Sequence[Fix]) -> set[int]:
    """0-based lines any edit of these fixes may change (an insertion: the line it precedes)."""
    return {i for fix in fixes for e in fix.edits for i in range(e.line, e.end_line + 1)}


def off_their_line(text: str, fixes: Sequence[Fix]) -> list[Edit]:
    """Edits whose start or end is not a place on a line of `text` (or its very end)."""
    lines = split_lines(text) if text else []
    bad = []
    for edit in (e for fix in fixes for e in fix.edits):
        for line, column in ((edit.line, edit.column), (edit.end_line, edit.end_column)):
            width = len(lines[line]) if 0 <= line < len(lines) else 0
            if not (0 <= line <= len(lines) and 0 <= column <= width):
                bad.append(edit)
                break
        else:
            if (edit.end_line, edit.end_column) < (edit.line, edit.column):
                bad.append(edit)
    return bad


def assert_only_edited_lines_change(before: str, after: str, fixes: Sequence[Fix]) -> None:
    """Every run of lines that no edit touches is in `after` unchanged and in order; the
    lines before the first touched line and after the last one are its exact start and end."""
    lines = _lines_with_ends(before)
    touched = _touched(fixes)
    runs: list[str] = []
    current: list[str] = []
    for i in range(max(len(lines), max(touched, default=0) + 1)):
        if i in touched:  # an insertion at the end touches the line after the last
            runs.append("".join(current))
            current = []
        elif i < len(lines):
            current.append(lines[i])
    runs.append("".join(current))
    assert len(runs) > 1, "a round of fixes that touches no line"
    assert after.startswith(runs[0]), (runs[0], after)
    assert after.endswith(runs[-1]), (runs[-1], after)
    cursor = len(runs[0])
    for run in runs[1:-1]:
        found = after.find(run, cursor)
        assert found >= 0, (run, after)
        cursor = found + len(run)
    assert cursor <= len(after) - len(runs[-1])


@SETTINGS
@given(st.one_of(edited_files(fixable=True), edited_files()), st.booleans())
def test_fix_is_idempotent_and_changes_only_the_lines_it_fixes(
    file: tuple[str, bytes], unsafe: bool
) -> None:
    name, original = file
    rounds: list[tuple[str, list[Fix], str]] = []
    real_apply = fixing.apply_round  # what fix_file calls, as fix.apply_fixes

    def observed(
        doc: Document, text: str, fixes: Sequence[Fix], found: Sequence[Any] = ()
    ) -> fixing.Round:
        done = real_apply(doc, text, fixes, found)
        rounds.append((text, list(fixes), done.text))
        return done

    with folder([(name, original)]) as root, pytest.MonkeyPatch.context() as patch:
        path = root / "docs" / name
        patch.setattr(fixing, "apply_fixes", observed)
        result = engine.fix_file(path, f"docs/{name}", OPTIONS, unsafe=unsafe)
        patch.undo()
        assert result.original == original
        for before, fixes, after in rounds:
            assert fixes
            if not any(f.edits for f in fixes):
                assert after == before  # only fixes that say why they cannot be made
                continue
            assert off_their_line(before, fixes) == []
            assert_only_edited_lines_change(before, after, fixes)
        event(f"fix rounds: {len(rounds)}")
        if not result.changed:
            assert result.applied == 0
            return
        # the rounds chain up: each starts from the one before, which was accepted (fix_file
        # stops at the first round it does not accept), and the first from the file itself
        assert rounds[0][0] == original.decode("utf-8-sig")
        for (_, _, done), (start, _, _) in itertools.pairwise(rounds):
            assert start == done
        # the result is the last round's text, or the one before when the last was refused,
        # encoded as the original was (with its BOM, if it had one)
        text = result.fixed.decode("utf-8-sig")
        assert text in (rounds[-1][2], rounds[-1][0])
        assert result.fixed.startswith(codecs.BOM_UTF8) == original.startswith(codecs.BOM_UTF8)
        assert result.fixed.removeprefix(codecs.BOM_UTF8) == text.encode("utf-8")
        # idempotent: fixing the fixed file changes nothing more
        path.write_bytes(result.fixed)
        again = engine.fix_file(path, f"docs/{name}", OPTIONS, unsafe=unsafe)
        assert not again.changed, (result.fixed, again.fixed)
        # only a file whose front matter parsed is fixed, and it still parses
        fixed_codes = {d.code for d in engine.check_file(path, name, OPTIONS)[0]}
        assert not {"VL001", "VL002", "VL003"} & fixed_codes


# -- --fix keeps what it does not mean to change (issue 9) ------------------------------------

#: Real files too, where ../shared/corpus is there: a sample of each kind of the current repo.
REAL: dict[str, str] = {}
for _kind in ("voldoen-aan-wetten-en-regels/vereisten", "voldoen-aan-wetten-en-regels/maatregelen"):
    _folder = CORPUS / "algoritmekader-2026-06" / "docs" / _kind
    for _path in sorted(_folder.glob("*-*.md"))[:12] if _folder.is_dir() else []:
        REAL[_path.name] = _path.read_text(encoding="utf-8", errors="replace")
MODES = (0o600, 0o640, 0o644, 0o664, 0o755)


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real or generated file with a fixable defect and random edits, any line endings, BOM."""
    sources = {**SOURCES, **REAL}
    name = draw(st.sampled_from(sorted(sources)))
    lines = draw(_fixable_defect(sources[name].split("\n")))
    for _ in range(draw(st.integers(0, 3))):
        lines = draw(st.one_of(_edit(lines), _yaml_in_disguise(lines)))
    text = "\n".join(lines)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if ending == "mixed":
        cut = draw(st.integers(0, len(text)))
        text = text[:cut].replace("\n", "\r\n") + text[cut:]
    else:
        text = text.replace("\n", ending)
    bom = codecs.BOM_UTF8 if draw(st.booleans()) else b""
    return name, bom + text.encode("utf-8")


@st.composite
def _yaml_in_disguise(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """What makes YAML text mean something other than it looks: an anchor on a key's value
    with an alias of it under another key, or a value written with escapes."""
    end = _front_matter_end(lines)
    keys = [k for k in range(1, end) if re.match(r"[a-z-]+:( |$)", lines[k])]
    if not keys:
        return lines
    k = draw(st.sampled_from(keys))
    key, _, value = lines[k].partition(":")
    if draw(st.booleans()):
        alias = draw(st.sampled_from(["samenvatting", "toelichting", "hide", "rollen"]))
        lines = [*lines[:k], f"{key}: &a{value}", *lines[k + 1 :]]
        at = draw(st.integers(k + 1, end))
        return [*lines[:at], f"{alias}: *a", *lines[at:]]
    text = value.strip()
    if not text or text.startswith(("'", '"', "&", "*", "[", "{", "|", ">", "!")):
        return lines
    escaped = "".join(f"\\x{ord(c):02X}" if c in ".:-" else c for c in text)
    return [*lines[:k], f'{key}: "{escaped}"', *lines[k + 1 :]]


def _top_keys_changed(before: object, after: object) -> set[object]:
    if not (isinstance(before, dict) and isinstance(after, dict)):
        return {"<root>"} if not yamledit.same(before, after) else set()
    return {
        k
        for k in before.keys() | after.keys()
        if k not in before or k not in after or not yamledit.same(before[k], after[k])
    }


@SETTINGS
@given(mutated_files(), st.sampled_from(MODES), st.booleans())
def test_fix_changes_only_the_keys_it_means_and_keeps_bom_endings_and_mode(
    file: tuple[str, bytes], mode: int, unsafe: bool
) -> None:
    name, original = file
    offered: list[Fix] = []
    real_apply = fixing.apply_round

    def observed(
        doc: Document, text: str, fixes: Sequence[Fix], found: Sequence[Any] = ()
    ) -> fixing.Round:
        offered.extend(fixes)
        return real_apply(doc, text, fixes, found)

    with folder([(name, original)]) as root, pytest.MonkeyPatch.context() as patch:
        path = root / "docs" / name
        os.chmod(path, mode)
        patch.setattr(fixing, "apply_fixes", observed)
        results = engine.run_fixes(["docs"], OPTIONS, unsafe=unsafe)
        patch.undo()
        for result in results:
            assert fixing.write_back(result) is None  # nothing changed it meanwhile
        written = path.read_bytes()
        assert stat.S_IMODE(path.stat().st_mode) == mode
        assert sorted(p.name for p in path.parent.iterdir()) == [name]
        again = engine.run_fixes(["docs"], OPTIONS, unsafe=unsafe)
    assert written.startswith(codecs.BOM_UTF8) == original.startswith(codecs.BOM_UTF8)
    old, new = original.decode("utf-8-sig"), written.decode("utf-8-sig")
    style = fixing.newline_style(old)
    if style is None:  # mixed endings: no fix
        assert written == original
        return
    if written == original:
        return
    event("fixed")
    assert fixing.newline_style(new) == style or not re.search("[\r\n]", new)
    before, after = yamledit.parse(old), yamledit.parse(new)
    assert after.front_matter is not None and after.front_matter.parsed is not None
    meant = {path[0] for fix in offered for path, _ in fix.intent if path}
    assert _top_keys_changed(before.data, after.data) <= meant
    assert again == [], "a second --fix changes the file again"


PROSE = st.text("abcdefghij klmnop.,:;ëé", min_size=1, max_size=30).map(lambda t: "Z" + t.strip())


@st.composite
def applicability_with_prose(draw: st.DrawFn) -> tuple[str, list[str], str]:
    """(name, inserted lines, text): prose and a subsection put anywhere in the applicability
    section of a file whose tables are made to disagree with its front matter."""
    sources = {**SOURCES, **REAL}
    names = [n for n, t in sorted(sources.items()) if "\n## Wanneer van toepassing?\n" in t]
    name = draw(st.sampled_from(names))
    lines = sources[name].split("\n")
    start = lines.index("## Wanneer van toepassing?") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    inserted = []
    for _ in range(draw(st.integers(1, 4))):
        text = draw(st.one_of(PROSE, PROSE.map(lambda t: "### " + t)))
        at = draw(st.integers(start, end))
        lines[at:at] = ["", text, ""]
        end += 3
        inserted.append(text)
    spots = [k for k in range(start, end) for icon in ICONS if icon in lines[k]]
    if spots:
        k = draw(st.sampled_from(spots))
        icon = next(i for i in ICONS if i in lines[k])
        other = ICONS[1 - ICONS.index(icon)]
        lines[k] = lines[k].replace(icon, other, 1)
    return name, inserted, "\n".join(lines)


@SETTINGS
@given(applicability_with_prose())
def test_regenerated_applicability_tables_keep_the_editors_lines(
    case: tuple[str, list[str], str],
) -> None:
    name, inserted, text = case
    with folder([(name, text.encode("utf-8"))]) as root:
        path = root / "docs" / name
        result = engine.fix_file(path, f"docs/{name}", OPTIONS)
    fixed = split_lines(result.fixed.decode("utf-8"))
    for line in inserted:
        assert fixed.count(line) >= text.split("\n").count(line), line
    # and in the order they were written
    positions = [i for i, line in enumerate(fixed) if line in inserted]
    assert [fixed[i] for i in positions] == [line for line in text.split("\n") if line in inserted]


# -- the formats report the same findings -------------------------------------------------------

Found = tuple[str, int, int, str, str, str]  # path, line, column, code, severity, message
_HEADER = re.compile(
    r"(?P<path>[^ \n].*?):(?P<line>\d+):(?P<col>\d+): (?P<code>VL\d{3}) (?P<msg>.*)"
)
_JUNIT = re.compile(
    r"(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>VL\d{3}) \[(?P<sev>\w+)\] (?P<msg>.*)"
)
_ANNOTATION = re.compile(
    r"::(?P<sev>error|warning) file=(?P<path>[^,]*),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<code>[^:]*)::(?P<msg>.*)"
)


def _expected(diagnostics: Sequence[Diagnostic]) -> list[Found]:
    return [(d.path, d.line, d.column, d.code, d.severity.value, d.message) for d in diagnostics]


def _from_text(report: str, severities: dict[tuple[str, int, int, str], str]) -> list[Found]:
    """Headers of the text report; it shows no severity, so the library's is looked up by
    (path, line, column, code) and must exist."""
    found = []
    for line in report.split("\n"):
        m = _HEADER.fullmatch(line)
        if m:
            key = (m["path"], int(m["line"]), int(m["col"]), m["code"])
            found.append((*key, severities[key], m["msg"]))
    return found


def _from_json(report: str) -> list[Found]:
    items: list[dict[str, Any]] = json.loads(report)
    return [
        (i["path"], i["line"], i["column"], i["code"], i["severity"], i["message"]) for i in items
    ]


def _from_sarif(report: str) -> list[Found]:
    (run,) = json.loads(report)["runs"]
    found = []
    for r in run["results"]:
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        path = os.fsdecode(unquote_to_bytes(location["artifactLocation"]["uri"]))
        level = {"error": "error", "warning": "warning"}[r["level"]]
        line, column = region["startLine"], region["startColumn"]
        found.append((path, line, column, r["ruleId"], level, r["message"]["text"]))
    return found


def _from_junit(report: str, files: Sequence[str]) -> list[Found]:
    root = ET.fromstring(report)
    cases = root.findall("./testsuite/testcase")
    assert sorted(c.get("name", "") for c in cases) == sorted(files)
    found = []
    for case in cases:
        failure = case.find("failure")
        for line in (failure.text or "").split("\n") if failure is not None else []:
            if line:
                m = _JUNIT.fullmatch(line)
                assert m, line
                found.append(
                    (m["path"], int(m["line"]), int(m["col"]), m["code"], m["sev"], m["msg"])
                )
    return found


_GITHUB_ESCAPES = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ",", "%25": "%"}


def _unescape(text: str) -> str:
    return re.sub("%(?:0D|0A|3A|2C|25)", lambda m: _GITHUB_ESCAPES[m.group()], text)


def _from_github(report: str) -> tuple[list[Found], list[str]]:
    """(annotations, the listing of every finding between ::stop-commands:: and its token)."""
    lines = report.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[start].removeprefix("::stop-commands::")
    end = lines.index(f"::{token}::")
    annotations = []
    for line in lines[:start]:
        m = _ANNOTATION.fullmatch(line)
        if m:
            where = (_unescape(m["path"]), int(m["line"]), int(m["col"]))
            annotations.append((*where, _unescape(m["code"]), m["sev"], _unescape(m["msg"])))
    return annotations, lines[start + 1 : end - 1]


def assert_formats_agree(result: engine.Result) -> None:
    """Every format lists the same findings: JSON exactly; the formats people read with what
    could act on a terminal or log shown as escapes (reporters/escape.py); SARIF with its
    paths as URIs of the file names' bytes and its messages shown that way."""
    exact = _expected(result.diagnostics)
    expected = [
        (visible(p), line, col, code, sev, visible(m)) for p, line, col, code, sev, m in exact
    ]
    severities = {f[:4]: f[4] for f in expected}
    assert _from_text(REPORTERS["text"](result), severities) == expected
    assert _from_json(REPORTERS["json"](result)) == exact
    assert _from_sarif(REPORTERS["sarif"](result)) == [
        (p, line, col, code, sev, visible(m)) for p, line, col, code, sev, m in exact
    ]
    shown_files = [visible(f) for f in result.files]
    assert sorted(_from_junit(REPORTERS["junit"](result), shown_files)) == sorted(expected)
    annotations, listing = _from_github(github.render(result, Settings(environ={})))
    errors = [f for f in expected if f[4] == Severity.ERROR.value]
    warnings = [f for f in expected if f[4] != Severity.ERROR.value]
    limit = github.MAX_ANNOTATIONS
    assert annotations == errors[:limit] + warnings[:limit]
    assert listing == [f"{p}:{line}:{col}: {code} {msg}" for p, line, col, code, _, msg in expected]


@SETTINGS
@given(st.lists(edited_files(), min_size=1, max_size=3, unique_by=lambda f: f[0]))
def test_every_format_reports_the_same_findings(files: list[tuple[str, bytes]]) -> None:
    with folder(files):
        result = engine.run_check(["docs"], OPTIONS)
        assert_formats_agree(result)


def test_formats_agree_on_the_good_examples_and_the_rule_fixtures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same comparison over fixed inputs: every rule's failing fixtures (many findings of
    every kind, more than GitHub annotates) and the clean examples (no findings)."""
    monkeypatch.chdir(ROOT)
    fixtures = engine.run_check(["tests/fixtures/rules"], OPTIONS)
    assert len({d.code for d in fixtures.diagnostics}) > 20
    assert_formats_agree(fixtures)
    clean = engine.run_check(["vereisten"], engine.Options())
    assert clean.diagnostics == []
    assert_formats_agree(clean)


def test_fix_for_a_section_after_an_unclosed_comment_is_idempotent(tmp_path: Path) -> None:
    name = "kwaliteitsbeheersysteem_voor_hoog_risico_ai.md"
    text = SOURCES[name]
    path = tmp_path / name
    path.write_text(text[: text.index("\n---\n") + 5] + "\n<!--\n", encoding="utf-8")
    first = engine.fix_file(path, name, OPTIONS)
    assert first.fixed.count(b"## Wanneer van toepassing?") <= 1
    path.write_bytes(first.fixed)
    assert not engine.fix_file(path, name, OPTIONS).changed


def test_title_full_stop_fix_with_a_repeated_title_stays_on_its_line(tmp_path: Path) -> None:
    # the current format asks for a title without a full stop (the 2024 format does not)
    source = ROOT / "tests/fixtures/repos/inhoud/docs/vereisten/abc-01-logboek-bijhouden.md"
    name = source.name
    text = source.read_text(encoding="utf-8")
    title = text.split("\n")[1]
    path = tmp_path / name
    path.write_text(text.replace(title, f"{title}\n{title}.", 1), encoding="utf-8")
    doc = load_bytes(path, name, path.read_bytes())
    codes = OPTIONS.enabled()
    profile = choose_profile(doc, OPTIONS.profile, OPTIONS.config)
    found = decide.file_findings(doc, checks.run(doc, profile, (), codes), None, codes).findings
    fixes = [f.fix for f in found if f.code == "VL014" and f.fix is not None]
    assert fixes
    assert off_their_line(doc.text, fixes) == []
