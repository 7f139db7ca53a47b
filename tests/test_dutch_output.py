"""A Dutch run prints Dutch: the reporters' own words (GitHub's notice and step summary, JUnit's
failure text, SARIF's rule texts), the summary of an unused suppression and `profiles`
(only click's own usage line may stay English)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from vereistenlint import check, i18n
from vereistenlint.cli import cli
from vereistenlint.diagnostics import Diagnostic, Severity
from vereistenlint.reporters import REPORTERS, github
from vereistenlint.reporters.settings import Settings
from vereistenlint.result import Result
from vereistenlint.rules import BY_CODE

from .conftest import ROOT

#: English words of the reporters that must not be in a Dutch report
ENGLISH = re.compile(
    r"\b(Annotated|errors?|warnings?|Rule|Severity|Findings|File|Line|Column|Message|more findings)\b"
)


def many(lang: str) -> Result:
    found = [
        Diagnostic(f"docs/{i:02}.md", 3, 1, "VL012", "invalid-value", severity, "x")
        for i in range(12)
        for severity in (Severity.ERROR, Severity.WARNING)
    ]
    return Result(found, [d.path for d in found], lang=lang)


def without_codes(text: str) -> str:
    """The report without what is not ours to translate: rule names, file names, workflow commands."""
    text = re.sub(r"^::(error|warning) .*$", "", text, flags=re.M)
    return re.sub(r"`[^`]*`", "", text)


def test_github_notice_and_listing_in_dutch() -> None:
    report = github.render(many("nl"), Settings(environ={}))
    assert "als annotatie getoond" in report
    assert not ENGLISH.search(without_codes(report))
    assert "Annotated 10 of 12 errors" in github.render(many("en"), Settings(environ={}))


def test_step_summary_headers_and_severities_in_dutch() -> None:
    summary = github.step_summary(many("nl"), Settings(environ={}))
    assert "| Regel | Naam | Ernst | Bevindingen |" in summary
    assert "| Bestand | Regelnr. | Kolom | Regel | Ernst | Melding |" in summary
    assert "| fout |" in summary and "| waarschuwing |" in summary
    assert not ENGLISH.search(without_codes(summary))


def test_junit_failure_text_in_dutch() -> None:
    report = REPORTERS["junit"](many("nl"), Settings())
    assert 'message="1 fout en 1 waarschuwing"' in report
    assert "[fout]" in report and "[error]" not in report


def test_sarif_rule_texts_in_the_run_language() -> None:
    log = json.loads(REPORTERS["sarif"](many("nl"), Settings()))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["VL012"]["shortDescription"]["text"] == BY_CODE["VL012"].text("summary", "nl")
    assert rules["VL012"]["shortDescription"]["text"] != BY_CODE["VL012"].summary


def test_unused_suppression_of_every_rule_in_dutch(tmp_path: Path) -> None:
    source = ROOT / "vereisten" / "rechtmatige_verwerking_van_persoonsgegevens.md"
    path = tmp_path / source.name
    path.write_text(
        source.read_text(encoding="utf-8") + "\n<!-- vereistenlint-disable -->\n",
        encoding="utf-8",
    )
    (found,) = check([path], select=["VL901"], lang="nl")
    assert "(alle regels)" in found.message
    (english,) = check([path], select=["VL901"], lang="en")
    assert "(all rules)" in english.message


def test_profiles_in_dutch_and_every_profile_described_in_both_languages() -> None:
    out = CliRunner().invoke(cli, ["profiles", "--lang", "nl"]).output
    assert "Vereiste in het huidige formaat" in out
    assert not re.search(r"\b(Requirement|Measure|format)\b", out)
    from vereistenlint import profiles

    for name in profiles.all_profiles():
        for lang in i18n.LANGUAGES:
            assert i18n.catalogue(lang)["ui"][f"profile.{name}"].strip()


def test_usage_errors_in_the_run_language(tmp_path: Path) -> None:
    """Only click's own words ('Usage:', 'Error:') stay English."""
    runner = CliRunner()
    out = runner.invoke(cli, ["check", "--lang", "nl", str(tmp_path / "nope.md")]).output
    assert "pad bestaat niet:" in out and "path does not exist" not in out
    out = runner.invoke(cli, ["check", "--lang", "nl", "--select", "VL999", str(tmp_path)]).output
    assert "onbekende regel 'VL999'" in out
    (tmp_path / "vereistenlint.toml").write_text("includ = []\n", encoding="utf-8")
    out = runner.invoke(
        cli, ["check", "--lang", "nl", "--config", str(tmp_path / "vereistenlint.toml")]
    ).output
    assert "onbekende sleutel 'includ' in het hoogste niveau; bekende sleutels:" in out
    english = runner.invoke(
        cli, ["check", "--lang", "en", "--config", str(tmp_path / "vereistenlint.toml")]
    ).output
    assert "unknown key 'includ' in the top level; known keys:" in english
