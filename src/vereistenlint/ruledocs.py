"""The rules as documentation: one source for `vereistenlint rules` and the README's table."""

from __future__ import annotations

import json

from .rules import RULES


def as_text() -> str:
    return "".join(f"{r.code}  {r.name:<24} {r.severity.value:<8} {r.summary}\n" for r in RULES)


def as_json() -> str:
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "summary": r.summary,
            "explanation": r.explanation,
        }
        for r in RULES
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def as_markdown() -> str:
    lines = ["| Code | Name | Severity | What it checks |", "|---|---|---|---|"]
    lines += [f"| {r.code} | `{r.name}` | {r.severity.value} | {r.summary} |" for r in RULES]
    return "\n".join(lines) + "\n"


FORMATS = {"text": as_text, "json": as_json, "markdown": as_markdown}
