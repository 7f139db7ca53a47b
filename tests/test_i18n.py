"""Dutch and English: every text exists in both with the same placeholders, and the
language is chosen by --lang, the configuration's `lang`, the environment, else Dutch."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from vereistenlint import i18n, messages, ruledocs
from vereistenlint.cli import cli
from vereistenlint.findings import finding
from vereistenlint.rules import RULES

from .conftest import ROOT

SRC = ROOT / "src" / "vereistenlint"
TABLES = ("messages", "ui")


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def keys(table: str) -> list[str]:
    return sorted(set(i18n.catalogue("en")[table]) | set(i18n.catalogue("nl")[table]))


TABLE_KEYS = [(table, key) for table in TABLES for key in keys(table)]


@pytest.mark.parametrize(("table", "key"), TABLE_KEYS, ids=[f"{t}:{k}" for t, k in TABLE_KEYS])
def test_every_text_exists_in_both_languages_with_the_same_placeholders(
    table: str, key: str
) -> None:
    texts = {lang: i18n.catalogue(lang)[table].get(key) for lang in i18n.LANGUAGES}
    for lang, text in texts.items():
        assert isinstance(text, str) and text.strip(), f"{table}.{key} is missing in {lang}.toml"
    assert placeholders(texts["nl"]) == placeholders(texts["en"]), key
    # formatting with every placeholder filled must work (no stray braces)
    for text in texts.values():
        assert isinstance(text, str)
        text.format(**dict.fromkeys(placeholders(text), "x"))


def _english_copies() -> list[str]:
    """Dutch texts with words in them that are the English text unchanged. Only the
    examples (Dutch content in both files), '—' and '{where}: {detail}' may be equal."""
    nl, en = i18n.catalogue("nl"), i18n.catalogue("en")
    pairs = [(f"messages.{k}", v, en["messages"].get(k)) for k, v in nl["messages"].items()]
    pairs += [
        (f"rules.{code}.{field}", fields[field], en["rules"].get(code, {}).get(field))
        for code, fields in nl["rules"].items()
        for field in ("summary", "explanation", "fix")
    ]
    return [
        name
        for name, dutch, english in pairs
        if dutch == english and re.search(r"[a-z]{3}", re.sub(r"\{\w+\}", "", dutch))
    ]


def test_dutch_texts_are_translations_not_copies() -> None:
    assert _english_copies() == []


def test_the_placeholder_comparison_can_fail() -> None:
    assert placeholders("{where} lacks '{key}'") != placeholders("in {where} ontbreekt '{sleutel}'")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_rule_is_documented_in_both_languages(lang: str) -> None:
    documented = i18n.catalogue(lang)["rules"]
    assert set(documented) == {r.code for r in RULES}, f"{lang}.toml: rules without code or text"
    for rule in RULES:
        for field in ruledocs.FIELDS:
            text = i18n.rule_text(rule.code, field, lang)
            assert isinstance(text, str) and text.strip(), f"{lang}.toml: {rule.code}.{field}"
            if field not in i18n.EXAMPLE_FIELDS:
                assert field in documented[rule.code], f"{lang}.toml: {rule.code}.{field}"


def test_examples_are_stored_once() -> None:
    """An example the same in every language lives in examples.toml only; one that differs
    is in every language file (never in one language and the shared file)."""
    shared = i18n.examples()
    assert set(shared) <= {r.code for r in RULES}
    for rule in RULES:
        for field in i18n.EXAMPLE_FIELDS:
            own = [i18n.catalogue(lang)["rules"][rule.code].get(field) for lang in i18n.LANGUAGES]
            where = f"{rule.code}.{field}"
            if field in shared.get(rule.code, {}):
                assert own == [None] * len(own), f"{where} is in examples.toml and a language"
            else:
                assert None not in own, f"{where}: in one language only"
                assert len(set(own)) == len(own), f"{where} is the same: belongs in examples.toml"


def _message_keys_in_code() -> set[str]:
    """Every dotted string in the source that starts with a message namespace."""
    namespaces = {key.split(".")[0] for key in i18n.catalogue("en")["messages"]}
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", node.value)
                and node.value.split(".")[0] in namespaces
            ):
                found.add(node.value)
    return found


def test_every_message_the_code_names_exists() -> None:
    used = _message_keys_in_code()
    assert "schema.enum" in used  # the scan finds keys at all
    for lang in i18n.LANGUAGES:
        assert used - set(i18n.catalogue(lang)["messages"]) == set(), lang


def test_a_finding_renders_in_both_languages() -> None:
    f = finding("VL014", 2, 8, "toelichting.length", words=52, limit=40)
    assert (
        messages.render(f, "en") == "the toelichting has 52 words; the template asks for at most 40"
    )
    assert messages.render(f, "nl") == (
        "de toelichting telt 52 woorden; het sjabloon vraagt om hoogstens 40"
    )


def test_a_missing_text_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    real = i18n.catalogue

    def without(lang: str, name: str) -> Any:
        data = real(lang)[name]
        if lang != "nl" or name != "messages":
            return data
        return {k: v for k, v in data.items() if k != "link.empty"}

    monkeypatch.setattr(i18n, "section", without)
    assert i18n.message("link.empty", "nl") == real("en")["messages"]["link.empty"]
    assert i18n.message("link.broken", "nl") == real("nl")["messages"]["link.broken"]


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        i18n.catalogue("fr")


# --- choosing the language ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "configured", "environ", "expected"),
    [
        ("en", "nl", {"LANG": "nl_NL.UTF-8"}, "en"),  # --lang wins
        ("nl", "en", {"LANG": "en_US.UTF-8"}, "nl"),
        (None, "en", {"LANG": "nl_NL.UTF-8"}, "en"),  # then the configuration
        (None, "nl", {"LANG": "en_US.UTF-8"}, "nl"),
        (None, None, {"LANG": "en_US.UTF-8"}, "en"),  # then an English environment
        (None, None, {"LC_MESSAGES": "en_GB.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        (None, None, {"LC_ALL": "en_IE.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        (None, None, {"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "nl"),  # LC_ALL decides
        (None, None, {"LANG": "nl_NL.UTF-8"}, "nl"),  # else Dutch
        (None, None, {"LANG": "C.UTF-8"}, "nl"),
        (None, None, {}, "nl"),
    ],
)
def test_choose(
    option: str | None, configured: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose(option, configured, environ) == expected


def test_choose_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.choose(None) == "en"  # conftest: en_US.UTF-8
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert i18n.choose(None) == "nl"


# --- the check command -------------------------------------------------------------------

DUTCH = "'Geldend' is niet toegestaan bij status_vereiste[1]; bedoel je 'geldend'?"
ENGLISH = "'Geldend' is not allowed for status_vereiste[1]; did you mean 'geldend'?"


@pytest.fixture
def bad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A requirement with one wrongly cased status, in a folder of its own (no configuration
    above it), which is also the current folder."""
    src = ROOT / "vereisten" / "rechtmatige_verwerking_van_persoonsgegevens.md"
    path = tmp_path / src.name
    path.write_text(
        src.read_text(encoding="utf-8").replace("- geldend", "- Geldend"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return path


def check_messages(*args: str) -> list[str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    assert result.exit_code == 1, result.output
    return [d["message"] for d in json.loads(result.output)]


def test_check_lang_nl_gives_dutch_messages(bad: Path) -> None:
    assert check_messages("--lang", "nl", bad.name)[0].startswith(DUTCH)


def test_check_lang_en_gives_english_messages(bad: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert check_messages("--lang", "en", bad.name)[0].startswith(ENGLISH)


def test_check_in_an_english_environment_is_english(bad: Path) -> None:
    assert check_messages(bad.name)[0].startswith(ENGLISH)


@pytest.mark.parametrize("locale", ["nl_NL.UTF-8", "C.UTF-8", ""])
def test_check_is_dutch_by_default(bad: Path, monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    monkeypatch.setenv("LANG", locale)
    assert check_messages(bad.name)[0].startswith(DUTCH)


def test_check_follows_the_configuration(bad: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    config = bad.parent / "vereistenlint.toml"
    config.write_text('lang = "en"\n', encoding="utf-8")
    assert check_messages(bad.name)[0].startswith(ENGLISH)
    assert check_messages("--lang", "nl", bad.name)[0].startswith(DUTCH)  # --lang wins
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    config.write_text('lang = "nl"\n', encoding="utf-8")
    assert check_messages(bad.name)[0].startswith(DUTCH)  # over the environment


def test_an_unknown_configured_language_is_a_usage_error(bad: Path) -> None:
    (bad.parent / "vereistenlint.toml").write_text('lang = "fr"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", bad.name])
    assert result.exit_code == 2
    assert "lang" in result.output


@pytest.mark.parametrize("command", [["check", "."], ["rules"], ["rule", "VL014"]])
def test_an_unknown_lang_option_is_a_usage_error(bad: Path, command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--lang", "fr"])
    assert result.exit_code == 2
    assert "--lang" in result.output


def test_messages_and_interface_words_read_without_the_rule_docs_are_the_same() -> None:
    """A clean run reads only the part of the catalogue before the rules' documentation:
    that part must hold every message and interface word exactly as the whole file does."""
    for lang in i18n.LANGUAGES:
        head = i18n._head(lang)
        assert head is not None  # the fast path is taken for the package's own files
        whole = i18n.catalogue(lang)
        assert head == {k: v for k, v in whole.items() if k in ("messages", "ui")}


def test_a_rules_line_inside_a_string_or_a_late_table_means_the_whole_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inside = '[messages]\na = """\n[rules.VL009]\n"""\n[rules.VL001]\nsummary = "s"\n'
    late = '[messages]\na = "1"\n[rules.VL001]\nsummary = "s"\n[messages.more]\nb = "2"\n'
    plain = '[messages]\na = "1"\n[rules.VL001]\nsummary = "s"\n'
    for text, head, a in (
        (inside, False, "[rules.VL009]\n"),
        (late, False, "1"),
        (plain, True, "1"),
    ):
        monkeypatch.setattr(i18n, "_text", lambda name, text=text: text)
        i18n._head.cache_clear()
        i18n.catalogue.cache_clear()
        try:
            assert (i18n._head("en") is not None) is head
            assert i18n.message("a", "en") == a
            assert i18n.rule_text("VL001", "summary", "en") == "s"
        finally:
            i18n._head.cache_clear()
            i18n.catalogue.cache_clear()
