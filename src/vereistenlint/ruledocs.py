"""The rules as documentation: one source for `vereistenlint rules`, `vereistenlint rule CODE`
and the README's rules table, so that what the command says and what the README says
cannot drift apart.

The facts (code, name, severity, fixability, default) come from the rules in code; every
sentence comes from the locale files, so each view exists in every language.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from typing import NamedTuple

from . import i18n
from .rules import RULES, Fixability, Rule

#: the documentation fields every rule has in every language
FIELDS = ("summary", "explanation", "wrong", "right", "fix")
WIDTH = 88


class RuleDoc(NamedTuple):
    """A rule as a reader sees it in one language; `fixability` and `severity` stay codes."""

    code: str
    name: str
    severity: str
    fixability: str | None
    default: bool
    summary: str
    explanation: str
    wrong: str
    right: str
    fix: str


def document(rule: Rule, lang: str = "en") -> RuleDoc:
    texts = {field: rule.text(field, lang).strip("\n") for field in FIELDS}
    fixability = None if rule.fix is Fixability.NONE else rule.fix.value
    return RuleDoc(rule.code, rule.name, rule.severity.value, fixability, rule.default, **texts)


def _cells(rule: Rule, lang: str) -> list[str]:
    """The list's columns for one rule, with severity, fixability and default in words."""
    return [
        rule.code,
        rule.name,
        severity_word(rule.severity.value, lang),
        fixability_word(rule.fix, lang),
        i18n.ui("default.on" if rule.default else "default.off", lang),
        rule.text("summary", lang),
    ]


def severity_word(severity: str, lang: str) -> str:
    return i18n.ui(f"severity.{severity}", lang)


def fixability_word(fix: Fixability, lang: str) -> str:
    """'safe', 'unsafe', 'safe/unsafe' in the reader's language, or a dash for no fix."""
    if fix is Fixability.NONE:
        return i18n.ui("fixability.none", lang)
    return "/".join(i18n.ui(f"fixability.{part}", lang) for part in fix.parts)


def _headers(lang: str) -> list[str]:
    names = ("code", "name", "severity", "fixability", "default", "summary")
    return [i18n.ui(f"column.{name}", lang) for name in names]


def as_text(lang: str = "en") -> str:
    rows = [_headers(lang), *(_cells(r, lang) for r in RULES)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True))
        + "  "
        + row[-1]
        + "\n"
        for row in rows
    )


def as_json(lang: str = "en") -> str:
    rows = [document(r, lang)._asdict() for r in RULES]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def as_markdown(lang: str = "en") -> str:
    """The README's table (English there); cells are escaped so that GitHub shows them as
    written: a '<!-- tags -->' in a summary would otherwise vanish as an HTML comment."""
    headers = _headers(lang)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in RULES:
        code, name, severity, fixability, default, summary = _cells(r, lang)
        cells = [code, f"`{name}`", severity, fixability, default, _escape(summary)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|")


def explain(rule: Rule, lang: str = "en") -> str:
    """`vereistenlint rule CODE`: the facts, then what, why, a wrong and a right example,
    and what --fix does, under headings in the reader's language."""
    d = document(rule, lang)
    facts = "    ".join(
        [
            f"{i18n.ui('label.fixability', lang)}: {fixability_word(rule.fix, lang)}",
            f"{i18n.ui('label.default', lang)}: "
            + i18n.ui("default.on" if d.default else "default.off", lang),
        ]
    )
    parts = [
        f"{d.code} {d.name} ({severity_word(d.severity, lang)})\n{facts}",
        d.summary,
        f"{i18n.ui('heading.explanation', lang)}\n{_wrap(d.explanation)}",
        f"{i18n.ui('heading.wrong', lang)}\n{_example(d.wrong)}",
        f"{i18n.ui('heading.right', lang)}\n{_example(d.right)}",
        f"{i18n.ui('heading.fix', lang)}\n{_wrap(d.fix)}",
    ]
    return "\n\n".join(parts) + "\n"


def _wrap(text: str) -> str:
    return "\n".join(
        textwrap.fill(
            paragraph,
            WIDTH,
            initial_indent="  ",
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        for paragraph in text.split("\n")
        if paragraph.strip()
    )


_TRAILING = re.compile(r"[ \t]+$")


def _example(text: str) -> str:
    """Example lines indented as a block; trailing spaces and tabs are made visible (· and
    →), since trailing whitespace is itself one of the things an example may show."""

    def visible(line: str) -> str:
        return _TRAILING.sub(lambda m: m.group().replace(" ", "·").replace("\t", "→"), line)

    return "\n".join(("    " + visible(line)).rstrip() for line in text.split("\n"))


FORMATS: dict[str, Callable[[str], str]] = {
    "text": as_text,
    "json": as_json,
    "markdown": as_markdown,
}
