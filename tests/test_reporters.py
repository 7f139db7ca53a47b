"""The output formats: text with source and caret, JSON, GitHub annotations, SARIF, JUnit.

Every format must carry the same findings; SARIF must validate against the official OASIS
schema (kept in tests/data/sarif with its notice) and its fingerprints must not depend on
line numbers.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from click.testing import CliRunner

from vereistenlint import __version__
from vereistenlint.cli import cli
from vereistenlint.diagnostics import Diagnostic, Severity
from vereistenlint.engine import Result
from vereistenlint.reporters import REPORTERS, github, junit, sarif
from vereistenlint.reporters.settings import Settings
from vereistenlint.reporters.snippet import TAB_WIDTH, visible_line
from vereistenlint.reporters.style import use_color
from vereistenlint.rules import RULES

from .conftest import FIXTURES, ROOT

GOOD = ROOT / "vereisten"
STATUS_FILE = "rechtmatige_verwerking_van_persoonsgegevens.md"
SECTION_FILE = "menselijk_toezicht_bij_hoog_risico_ai.md"
SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8")
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
HEADER = re.compile(r"^(?P<path>[^ ].*?):(?P<line>\d+):(?P<col>\d+): (?P<code>VL\d+) (?P<msg>.*)$")
GITHUB_ENV_NAMES = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "NO_COLOR")

Finding = tuple[str, int, int, str, str]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """The command in-process, with the GitHub and colour variables of this shell cleared."""
    environ: dict[str, str | None] = dict.fromkeys(GITHUB_ENV_NAMES)
    environ.update(env or {})
    result = CliRunner(env=environ).invoke(cli, list(args))
    return result.exit_code, result.stdout


def broken(text: str, *, status: bool = False, section: bool = False, tabs: bool = False) -> str:
    if status:
        text = text.replace("- geldend", "- Geldend")
    if section:
        text = text.replace("## Risico", "## Normen\n\nIn afwachting.\n\n## Risico")
    if tabs:  # tab-indented tables, and a table that disagrees with the front matter
        text = text.replace("\n    |", "\n\t|").replace(
            "rekenregels:\n- niet-impactvol: Ja\n- impactvol: Ja",
            "rekenregels:\n- niet-impactvol: Ja\n- impactvol: Nee",
        )
    return text


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of requirements with errors, a warning and tab-indented tables; cwd is its root."""
    docs = tmp_path / "docs"
    variants = {
        "ok": (SECTION_FILE, {}),
        "status": (STATUS_FILE, {"status": True}),
        "extra": (SECTION_FILE, {"section": True}),
        "tabs": (STATUS_FILE, {"tabs": True, "status": True}),
    }
    for folder, (name, how) in variants.items():
        (docs / folder).mkdir(parents=True)
        text = (GOOD / name).read_text(encoding="utf-8")
        (docs / folder / name).write_text(broken(text, **how), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- text ------------------------------------------------------------------------------------


def test_text_shows_the_line_and_a_caret_under_the_column(tree: Path) -> None:
    code, out = run("check", f"docs/status/{STATUS_FILE}")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        f"docs/status/{STATUS_FILE}:5:3: VL012 'Geldend' is not allowed for status_vereiste[1]; "
        "did you mean 'geldend'? (allowed: geldend, nog-niet-geldend)"
    )
    assert lines[1] == " 5 | - Geldend"
    assert lines[2] == "   |   ^"
    assert (
        lines[-1] == "Found 1 error and 0 warnings in 1 file checked. 1 problem fixable with --fix."
    )


def test_text_caret_lines_up_under_tabs(tree: Path) -> None:
    code, out = run("check", f"docs/tabs/{STATUS_FILE}")
    assert code == 1
    lines = out.splitlines()
    index = next(i for i, line in enumerate(lines) if " VL204 " in line)
    match = HEADER.match(lines[index])
    assert match is not None
    source_line = (
        (tree / "docs" / "tabs" / STATUS_FILE)
        .read_text("utf-8")
        .splitlines()[int(match["line"]) - 1]
    )
    assert source_line.startswith("\t")
    shown, caret = lines[index + 1], lines[index + 2]
    assert "\t" not in shown and "\t" not in caret
    gutter = shown.index("| ") + 2
    assert caret.index("^") - gutter == len(source_line[: int(match["col"]) - 1].expandtabs(4))
    assert shown[caret.index("^") :].startswith(source_line[int(match["col"]) - 1 :][:10])


def test_visible_line_expands_tabs_to_stops_and_counts_wide_characters() -> None:
    assert visible_line("\tab", 2) == (" " * TAB_WIDTH + "ab", TAB_WIDTH)
    assert visible_line("a\tb", 3) == ("a" + " " * (TAB_WIDTH - 1) + "b", TAB_WIDTH)
    assert visible_line("漢字x", 3) == ("漢字x", 4)
    assert visible_line("e\u0301x", 3) == ("e\u0301x", 1)
    assert visible_line("ab", 5) == ("ab", 4)


def test_visible_line_neutralises_control_characters() -> None:
    shown, caret = visible_line("a\x1b[31mb\u202ec", 9)
    assert "\x1b" not in shown and "\u202e" not in shown
    assert shown == "a\u241b[31mb\ufffdc"
    assert caret == 8


def test_unreadable_file_has_no_source_line(tree: Path) -> None:
    (tree / "binary.md").write_bytes(b"---\ntitle: x\x00\n---\n")
    code, out = run("check", "binary.md")
    assert code == 1
    lines = out.splitlines()
    assert HEADER.match(lines[0]) and "VL001" in lines[0]
    assert lines[1] == ""
    assert lines[2] == "Found 1 error and 0 warnings in 1 file checked."


def test_colour_only_when_asked_or_on_a_terminal(tree: Path) -> None:
    _, plain = run("check", "docs")
    _, auto = run("check", "docs")  # CliRunner's stdout is not a terminal
    _, coloured = run("check", "--color", "always", "docs")
    _, no_color = run("check", "--color", "always", "docs", env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "\x1b[" not in auto
    assert "\x1b[" in coloured and no_color == coloured
    assert ANSI.sub("", coloured) == plain
    assert "\x1b[" not in run("check", "--color", "never", "docs")[1]


def test_use_color_honours_no_color_and_dumb_terminals() -> None:
    assert use_color("auto", True, {})
    assert not use_color("auto", False, {})
    assert not use_color("auto", True, {"NO_COLOR": "1"})
    assert use_color("auto", True, {"NO_COLOR": ""})
    assert not use_color("auto", True, {"TERM": "dumb"})
    assert use_color("always", False, {"NO_COLOR": "1"})
    assert not use_color("never", True, {})


def test_summary_counts_errors_warnings_and_files(tree: Path) -> None:
    code, out = run("check", "docs")
    assert code == 1
    assert out.splitlines()[-1] == (
        "Found 3 errors and 1 warning in 4 files checked. 3 problems fixable with --fix."
    )
    assert run("check", "docs/ok")[1].splitlines()[-1] == "All good: 1 file checked, no problems."


# -- --output and the default format -----------------------------------------------------------


def test_output_writes_the_report_to_a_file(tree: Path) -> None:
    code, out = run("check", "--format", "json", "--output", "reports/out.json", "docs")
    assert code == 1
    assert out == ""
    written = (tree / "reports" / "out.json").read_text(encoding="utf-8")
    assert written == run("check", "--format", "json", "docs")[1]
    assert len(json.loads(written)) == 4


def test_output_that_cannot_be_written_is_a_usage_error(tree: Path) -> None:
    (tree / "file").write_text("x", encoding="utf-8")
    code, _ = run("check", "--output", "file/report.txt", "docs")
    assert code == 2


def test_github_is_the_default_format_under_github_actions(tree: Path) -> None:
    summary = tree / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code, out = run("check", "docs", env=env)
    assert code == 1
    assert out.startswith("::error file=docs/")
    assert "| VL012 | `invalid-value` | error | 2 |" in summary.read_text(encoding="utf-8")
    summary.unlink()
    code, out = run("check", "--format", "text", "docs", env=env)
    assert HEADER.match(out.splitlines()[0])
    assert not summary.exists()


def test_json_keeps_its_documented_keys(tree: Path) -> None:
    _, out = run("check", "--format", "json", "docs")
    data = json.loads(out)
    assert data and all(
        list(item) == ["path", "line", "column", "code", "name", "severity", "message", "fix"]
        for item in data
    )


# -- github ----------------------------------------------------------------------------------


def _diag(path: str, line: int, code: str, severity: Severity, message: str) -> Diagnostic:
    return Diagnostic(path, line, 1, code, "name", severity, message)


def test_github_annotations_are_capped_per_kind_errors_first() -> None:
    warnings = [_diag("a.md", i, "VL106", Severity.WARNING, f"w{i}") for i in range(1, 13)]
    errors = [_diag("b.md", i, "VL012", Severity.ERROR, f"e{i}") for i in range(1, 26)]
    result = Result(warnings + errors, ["a.md", "b.md"])
    lines = github.render(result, Settings(environ={})).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines if line.startswith(("::error ", "::warning "))]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10
    assert "Annotated 10 of 25 errors and 10 of 12 warnings" in "\n".join(lines)
    listing = _github_listing(lines)
    assert len(listing) == 37


def test_github_escapes_and_fences_file_text() -> None:
    evil = "bad\n::warning::injected 100%"
    result = Result([_diag("dir,x/a:b.md", 3, "VL012", Severity.ERROR, evil)], ["dir,x/a:b.md"])
    lines = github.render(result, Settings(environ={})).splitlines()
    assert lines[0] == (
        "::error file=dir%2Cx/a%3Ab.md,line=3,col=1,title=VL012::bad\\u000a::warning::injected 100%25"
    )  # the line break shown as in every other format (reporters/escape.py), '%' as GitHub asks
    assert not any(line.startswith("::warning::") for line in lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[start].split("::")[2]
    assert lines[-1] == f"::{token}::"
    assert token not in "\n".join(lines[start + 1 : -1])


def test_github_paths_are_relative_to_the_workspace(tmp_path: Path) -> None:
    path = (tmp_path / "docs" / "a.md").as_posix()
    result = Result([_diag(path, 1, "VL012", Severity.ERROR, "m")], [path])
    out = github.render(result, Settings(environ={"GITHUB_WORKSPACE": str(tmp_path)}))
    assert out.startswith("::error file=docs/a.md,line=1,col=1,title=VL012::m")


def test_step_summary_lists_every_finding_with_counts_per_rule() -> None:
    found = [
        _diag("docs/a|b.md", 1, "VL012", Severity.ERROR, "x | y <b>"),
        _diag("docs/c.md", 2, "VL012", Severity.ERROR, "z"),
        _diag("docs/c.md", 3, "VL106", Severity.WARNING, "w"),
    ]
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "1"}
    text = github.step_summary(Result(found, ["docs/a|b.md", "docs/c.md"]), Settings(environ=env))
    assert "Found 2 errors and 1 warning in 2 files checked." in text
    assert "| VL012 | `invalid-value` | error | 2 |" in text
    assert "| VL106 | `unexpected-section` | warning | 1 |" in text
    rows = [row for row in text.splitlines() if row.startswith("| [")]
    assert len(rows) == 3
    assert rows[0].startswith("| [`docs/a\\|b.md`](https://github.com/o/r/blob/1/docs/a%7Cb.md#L1)")
    assert rows[0].endswith("| x \\| y \\<b\\> |")


def test_step_summary_stays_under_githubs_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(github, "SUMMARY_LIMIT", 2000)
    found = [_diag("a.md", i, "VL012", Severity.ERROR, "m" * 50) for i in range(1, 100)]
    text = github.step_summary(Result(found, ["a.md"]), Settings(environ={}))
    assert len(text.encode("utf-8")) < 2200
    assert re.search(r"\d+ more findings are not shown here", text)


# -- SARIF -----------------------------------------------------------------------------------


def validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_schema_copy_is_the_official_one() -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert len(SCHEMA["definitions"]) == 52


def test_the_schema_rejects_a_broken_log() -> None:
    with pytest.raises(AssertionError):
        validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]})


def test_sarif_for_the_rule_fixtures_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out = run("check", "--format", "sarif", "rules")
    assert code == 1
    log = json.loads(out)
    validate(log)
    assert len(log["runs"][0]["results"]) > len(RULES)


def test_sarif_for_the_real_corpus_is_valid(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    code, out = run("check", "--format", "sarif", ".")
    assert code in (0, 1)
    log = json.loads(out)
    validate(log)
    assert log["runs"][0]["results"]


def test_sarif_describes_the_tool_and_every_rule(tree: Path) -> None:
    log = json.loads(run("check", "--format", "sarif", "docs")[1])
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("vereistenlint", __version__)
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    for described, rule in zip(driver["rules"], RULES, strict=True):
        assert described["shortDescription"]["text"] == rule.summary
        assert described["fullDescription"]["text"] == rule.explanation
        assert rule.explanation in described["help"]["text"]
        assert described["defaultConfiguration"]["level"] == rule.severity.value


def test_sarif_locations_are_relative_and_one_based(tree: Path) -> None:
    log = json.loads(run("check", "--format", "sarif", "docs")[1])
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tree.resolve().as_uri() + "/"
    first = run_["results"][0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": f"docs/extra/{SECTION_FILE}",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    assert location["region"]["snippet"]["text"].startswith("## Normen")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run_["results"])


def test_sarif_uri_outside_the_base_is_absolute_and_escaped(tmp_path: Path) -> None:
    path = tmp_path / "met spatie" / "a.md"
    result = Result([_diag(path.as_posix(), 1, "VL012", Severity.ERROR, "m")], [path.as_posix()])
    log = json.loads(sarif.render(result, Settings(base=tmp_path / "elders")))
    validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": path.as_uri()} and "%20" in uri["uri"]
    inside = json.loads(sarif.render(result, Settings(base=tmp_path)))
    loc = inside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "met%20spatie/a.md", "uriBaseId": "%SRCROOT%"}


def _fingerprints(log: dict[str, Any]) -> dict[tuple[str, str], tuple[int, str]]:
    found = {}
    for r in log["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        key = (loc["artifactLocation"]["uri"], r["ruleId"])
        found[key] = (
            loc["region"]["startLine"],
            r["partialFingerprints"]["primaryLocationLineHash"],
        )
    return found


def test_sarif_fingerprints_survive_a_line_shift(tree: Path) -> None:
    before = _fingerprints(json.loads(run("check", "--format", "sarif", "docs")[1]))
    for path in (tree / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\n# een opmerking\n", 1), encoding="utf-8")
    after = _fingerprints(json.loads(run("check", "--format", "sarif", "docs")[1]))
    assert before.keys() == after.keys()
    assert any("(line " in m for m in _messages())  # a message quoting a line number
    for key, (line, fp) in before.items():
        assert after[key] == (line + 1, fp), key
    assert len({fp for _, fp in before.values()}) == len(before)


def _messages() -> list[str]:
    return [d["message"] for d in json.loads(run("check", "--format", "json", "docs")[1])]


def test_sarif_fingerprints_number_identical_findings() -> None:
    found = [_diag("a.md", i, "VL012", Severity.ERROR, "same") for i in (1, 2)]
    log = json.loads(sarif.render(Result(found, ["a.md"])))
    prints = [
        r["partialFingerprints"]["primaryLocationLineHash"] for r in log["runs"][0]["results"]
    ]
    assert prints[0].split(":")[0] == prints[1].split(":")[0]
    assert [p.split(":")[1] for p in prints] == ["1", "2"]


# -- JUnit -----------------------------------------------------------------------------------


def test_junit_has_one_test_case_per_file_checked(tree: Path) -> None:
    code, out = run("check", "--format", "junit", "docs")
    assert code == 1
    root = ET.fromstring(out)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [
        f"docs/extra/{SECTION_FILE}",
        f"docs/ok/{SECTION_FILE}",
        f"docs/status/{STATUS_FILE}",
        f"docs/tabs/{STATUS_FILE}",
    ]
    assert root.get("tests") == "4" and root.get("failures") == "3"
    failures = {c.get("name"): c.find("failure") for c in cases}
    assert failures[f"docs/ok/{SECTION_FILE}"] is None
    warning_only = failures[f"docs/extra/{SECTION_FILE}"]
    assert warning_only is not None and warning_only.get("type") == "warning"
    assert failures[f"docs/status/{STATUS_FILE}"].get("type") == "error"  # type: ignore[union-attr]


def test_junit_replaces_characters_xml_cannot_hold() -> None:
    result = Result([_diag("a.md", 1, "VL012", Severity.ERROR, "esc \x1b here")], ["a.md"])
    root = ET.fromstring(junit.render(result))
    failure = root.find("./testsuite/testcase/failure")
    # shown as an escape, as in every other format (reporters/escape.py)
    assert failure is not None and "esc \\u001b here" in (failure.text or "")


# -- the same findings in every format -----------------------------------------------------------


def _from_headers(lines: list[str]) -> list[Finding]:
    found = []
    for line in lines:
        match = HEADER.match(line)
        if match:
            found.append(
                (match["path"], int(match["line"]), int(match["col"]), match["code"], match["msg"])
            )
    return found


def _from_text(out: str) -> list[Finding]:
    return _from_headers(out.splitlines()[:-1])


def _from_json(out: str) -> list[Finding]:
    return [(d["path"], d["line"], d["column"], d["code"], d["message"]) for d in json.loads(out)]


def _from_sarif(out: str) -> list[Finding]:
    found = []
    for r in json.loads(out)["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        path = unquote(loc["artifactLocation"]["uri"])
        region = loc["region"]
        found.append(
            (path, region["startLine"], region["startColumn"], r["ruleId"], r["message"]["text"])
        )
    return found


JUNIT_LINE = re.compile(r"^(.+?):(\d+):(\d+): (VL\d+) \[(?:error|warning)\] (.*)$")


def _from_junit(out: str) -> list[Finding]:
    found = []
    for case in ET.fromstring(out).iter("testcase"):
        failure = case.find("failure")
        for line in (failure.text or "").splitlines() if failure is not None else []:
            match = JUNIT_LINE.match(line)
            assert match, line
            found.append((match[1], int(match[2]), int(match[3]), match[4], match[5]))
    return found


def _github_listing(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    return [line for line in lines[start + 1 : -2] if HEADER.match(line)]


def _from_github(out: str) -> list[Finding]:
    return _from_headers(_github_listing(out.splitlines()))


PARSERS = {
    "text": _from_text,
    "json": _from_json,
    "sarif": _from_sarif,
    "junit": _from_junit,
    "github": _from_github,
}


def _all_formats(*paths: str) -> dict[str, list[Finding]]:
    assert set(PARSERS) == set(REPORTERS)
    found = {}
    for fmt, parse in PARSERS.items():
        code, out = run("check", "--format", fmt, *paths)
        assert code in (0, 1), out
        found[fmt] = parse(out)
    return found


def test_every_format_reports_the_same_findings(tree: Path) -> None:
    found = _all_formats("docs")
    assert {d[3] for d in found["json"]} >= {"VL012", "VL106", "VL204"}
    for fmt, findings in found.items():
        assert sorted(findings) == sorted(found["json"]), fmt


def test_every_format_reports_the_same_findings_for_the_corpus(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus)
    found = _all_formats("seed", "algoritmekader-2024-05/docs/vereisten")
    assert found["json"]
    for fmt, findings in found.items():
        assert sorted(findings) == sorted(found["json"]), fmt


def test_the_bundled_examples_are_clean_in_every_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert all(not findings for findings in _all_formats("vereisten").values())
