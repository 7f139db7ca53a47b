"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Every rule is described (summary as short description, explanation as full description
and help) so that a viewer can explain a result without this tool. Locations are URIs
relative to ``%SRCROOT%``, the folder the report was made in, so that the report means the
same on the machine that shows it; lines and columns are 1-based code points, as the
engine counts them.

Code scanning tracks a result across commits by its ``partialFingerprints``. Ours hash
what identifies a finding, not where it is: the file, the rule, the message with its
numbers masked (messages quote other line numbers, such as "first on line 12") and the
trimmed text of the line. Inserting lines above a finding changes none of these. Equal
hashes in one file get an occurrence number, as GitHub's own fingerprints do.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..diagnostics import Diagnostic, Severity
from ..paths import relative_to
from ..result import Result
from ..rules import RULES, Rule
from ..version import __version__
from .escape import dumps, visible
from .settings import DEFAULT, Settings
from .source import SourceLines

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "primaryLocationLineHash"

_NUMBER = re.compile(r"\d+")


def render(result: Result, settings: Settings = DEFAULT) -> str:
    base = settings.base
    root = Path(os.path.abspath(base if base is not None else os.getcwd()))
    return dumps(report(result, root)) + "\n"


def report(result: Result, root: Path) -> dict[str, Any]:
    """The SARIF log as a dict: one run of vereistenlint with every rule and result."""
    index = {rule.code: i for i, rule in enumerate(RULES)}
    sources = SourceLines()
    seen: Counter[tuple[str, str]] = Counter()
    results = []
    for d in result.diagnostics:
        location = artifact_location(d.path, root)
        line = sources.line(d.path, d.line)
        digest = fingerprint(location["uri"], d, line)
        seen[(location["uri"], digest)] += 1
        results.append(
            _result(d, location, line, index, f"{digest}:{seen[(location['uri'], digest)]}")
        )
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vereistenlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(rule, result.lang) for rule in RULES],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def artifact_location(display: str, root: Path) -> dict[str, str]:
    """A relative URI under ``%SRCROOT%``, or an absolute file URI for a file outside it."""
    rel = relative_to(display, root)
    if rel is None:
        return {"uri": Path(os.path.abspath(display)).as_uri()}
    return {"uri": quote(os.fsencode(rel), safe="/"), "uriBaseId": SRCROOT}


def fingerprint(uri: str, d: Diagnostic, line: str | None) -> str:
    """A hash of file, rule, message without numbers and the line's text: no line number."""
    parts = (uri, d.code, _NUMBER.sub("#", d.message), (line or "").strip())
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _rule(rule: Rule, lang: str) -> dict[str, Any]:
    summary, explanation = rule.text("summary", lang), rule.text("explanation", lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": explanation},
        "help": {
            "text": f"{summary}\n\n{explanation}",
            "markdown": f"**{rule.code} `{rule.name}`**: {summary}\n\n{explanation}",
        },
        "defaultConfiguration": {"level": level(rule.severity)},
    }


def _result(
    d: Diagnostic, location: dict[str, str], line: str | None, index: dict[str, int], fp: str
) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(1, d.line), "startColumn": max(1, d.column)}
    if line is not None:
        region["snippet"] = {"text": visible(line)}
    found: dict[str, Any] = {"ruleId": d.code}
    if d.code in index:
        found["ruleIndex"] = index[d.code]
    found.update(
        {
            "level": level(d.severity),
            "message": {"text": visible(d.message)},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
        }
    )
    return found
