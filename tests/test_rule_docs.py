"""`vereistenlint rules` and `vereistenlint rule CODE`: every rule, every field, both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vereistenlint import i18n, ruledocs
from vereistenlint.cli import cli
from vereistenlint.rules import BY_CODE, RULES, Fixability, Rule

FIXABILITY = {
    Fixability.NONE: "—",
    Fixability.SAFE: "safe",
    Fixability.UNSAFE: "unsafe",
    Fixability.SAFE_UNSAFE: "safe/unsafe",
}
DUTCH_FIXABILITY = {
    Fixability.NONE: "—",
    Fixability.SAFE: "veilig",
    Fixability.UNSAFE: "onveilig",
    Fixability.SAFE_UNSAFE: "veilig/onveilig",
}


@pytest.fixture(autouse=True)
def no_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty folder, so that no configuration's `lang` takes part."""
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_every_rule_has_a_known_fixability() -> None:
    assert {r.fix for r in RULES} <= set(FIXABILITY)


# --- rules -------------------------------------------------------------------------------


def test_rules_lists_every_rule_in_english() -> None:
    code, out = run("rules", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "Code",
        "Name",
        "Severity",
        "Fix",
        "Default",
        "What",
        "it",
        "checks",
    ]
    assert len(lines) == len(RULES) + 1
    for rule, line in zip(RULES, lines[1:], strict=True):
        assert line.split()[:5] == [
            rule.code,
            rule.name,
            rule.severity.value,
            FIXABILITY[rule.fix],
            "on" if rule.default else "off",
        ]
        assert line.endswith(rule.text("summary", "en"))


def test_rules_lists_every_rule_in_dutch_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    code, out = run("rules")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Code") and "Naam" in lines[0] and "Ernst" in lines[0]
    by_code = {line.split()[0]: line for line in lines[1:]}
    assert set(by_code) == set(BY_CODE)
    for rule in RULES:
        cells = by_code[rule.code].split()
        severity = {"error": "fout", "warning": "waarschuwing"}[rule.severity.value]
        assert cells[1:5] == [
            rule.name,
            severity,
            DUTCH_FIXABILITY[rule.fix],
            "aan" if rule.default else "uit",
        ]
        assert by_code[rule.code].endswith(rule.text("summary", "nl"))
    assert "De titel eindigt op een punt." in by_code["VL014"]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_rules_as_json_has_every_field(lang: str) -> None:
    code, out = run("rules", "--format", "json", "--lang", lang)
    assert code == 0
    rows = json.loads(out)
    assert [row["code"] for row in rows] == [r.code for r in RULES]
    for rule, row in zip(RULES, rows, strict=True):
        assert row["name"] == rule.name
        assert row["severity"] == rule.severity.value
        assert row["fixability"] == (rule.fix.value if rule.fix else None)
        assert row["default"] is rule.default
        for field in ruledocs.FIELDS:
            assert row[field] == rule.text(field, lang).strip("\n"), (rule.code, field)
            assert row[field].strip()


def test_json_texts_differ_by_language() -> None:
    english = json.loads(run("rules", "--format", "json", "--lang", "en")[1])
    dutch = json.loads(run("rules", "--format", "json", "--lang", "nl")[1])
    assert english[0]["summary"] == "The file cannot be read as UTF-8 text."
    assert dutch[0]["summary"] == "Het bestand is niet te lezen als UTF-8-tekst."


def test_rules_as_markdown_is_the_readme_table() -> None:
    code, out = run("rules", "--format", "markdown", "--lang", "en")
    assert code == 0
    assert out == ruledocs.as_markdown()
    lines = out.splitlines()
    assert lines[0] == "| Code | Name | Severity | Fix | Default | What it checks |"
    assert len(lines) == len(RULES) + 2
    assert "| VL012 | `invalid-value` | error | safe/unsafe | on |" in out
    assert "| VL112 | `trailing-whitespace` | warning | safe | off |" in out


def test_markdown_cells_show_as_written_on_github() -> None:
    """'<!-- tags -->' in a summary would vanish as an HTML comment; '|' would split a cell."""
    table = ruledocs.as_markdown()
    assert "&lt;!-- tags -->" in table and "<!--" not in table
    for line in table.splitlines()[2:]:
        assert line.replace("\\|", "").count("|") == 7


def test_markdown_in_dutch() -> None:
    first = ruledocs.as_markdown("nl").splitlines()[0]
    assert first == "| Code | Naam | Ernst | Herstel | Standaard | Wat de regel controleert |"


def test_rules_follows_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "vereistenlint.toml").write_text('lang = "nl"\n', encoding="utf-8")
    assert "Wat de regel controleert" in run("rules")[1]
    assert "What it checks" in run("rules", "--lang", "en")[1]


# --- rule CODE ---------------------------------------------------------------------------

HEADINGS = {
    "en": ("What it checks and why it matters", "Wrong", "Right", "Fix"),
    "nl": ("Wat de regel controleert en waarom dat ertoe doet", "Fout", "Goed", "Oplossing"),
}


def _example_lines(text: str) -> list[str]:
    """The example as `rule` shows it: indented, trailing whitespace made visible."""
    shown = []
    for line in text.strip("\n").split("\n"):
        stripped = line.rstrip(" \t")
        tail = line[len(stripped) :].replace(" ", "·").replace("\t", "→")
        shown.append(("    " + stripped + tail).rstrip())
    return shown


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_explains_every_rule(rule: Rule, lang: str) -> None:
    code, out = run("rule", rule.code, "--lang", lang)
    assert code == 0, out
    severity = ruledocs.severity_word(rule.severity.value, lang)
    assert out.startswith(f"{rule.code} {rule.name} ({severity})\n")
    assert ruledocs.fixability_word(rule.fix, lang) in out.splitlines()[1]
    blocks = out.rstrip("\n").split("\n\n")
    assert blocks[1] == rule.text("summary", lang)
    explanation, wrong, right, fix = HEADINGS[lang]
    lines = out.splitlines()
    for heading in HEADINGS[lang]:
        assert heading in lines, heading
    body = " ".join(
        line.strip() for line in lines[lines.index(explanation) + 1 : lines.index(wrong) - 1]
    )
    assert body == rule.text("explanation", lang)
    assert lines[lines.index(wrong) + 1 : lines.index(right) - 1] == _example_lines(
        rule.text("wrong", lang)
    )
    right_end = len(lines) - lines[::-1].index(fix) - 1
    assert lines[lines.index(right) + 1 : right_end - 1] == _example_lines(rule.text("right", lang))
    assert " ".join(line.strip() for line in lines[right_end + 1 :]) == rule.text("fix", lang)


def test_rule_by_name_and_in_dutch_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    code, out = run("rule", "title-full-stop")
    assert code == 0
    assert out.startswith("VL014 title-full-stop (fout)\nAutomatisch herstel: veilig")
    assert "    title: Het algoritme houdt een logboek bij." in out
    assert "--fix haalt de punt weg (veilig)." in out


def test_rule_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    code, out = run("rule", "vl012", "--lang", "en")
    assert code == 0
    assert out.startswith("VL012 invalid-value (error)\nAutomatic fix: safe/unsafe    Default: on")
    assert "\nWrong\n    status_vereiste:\n    - Geldend\n" in out


def test_trailing_whitespace_is_visible_in_examples() -> None:
    out = run("rule", "trailing-whitespace", "--lang", "en")[1]
    assert "    ## Risico··\n" in out


@pytest.mark.parametrize(("lang", "text"), [("en", "unknown rule"), ("nl", "onbekende regel")])
def test_unknown_rule_is_a_usage_error(lang: str, text: str) -> None:
    code, out = run("rule", "VL999", "--lang", lang)
    assert code == 2
    assert f"{text} 'VL999'" in out
