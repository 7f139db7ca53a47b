"""GitHub Actions: workflow-command annotations in the log, and a Markdown step summary.

GitHub shows at most 10 error and 10 warning annotations per step and drops the rest, so
errors come first and each kind is capped here; the log then lists every finding and the
step summary ($GITHUB_STEP_SUMMARY) holds them all in a table with counts per rule.

The listing echoes text from the checked files. A line of it that started with ``::``
would be read as a workflow command, so it is printed between ``::stop-commands::`` and
the matching end token; the token is a hash of the listing, which the listing cannot
contain.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote

from .. import i18n
from ..diagnostics import Diagnostic, Severity
from ..paths import relative_to
from ..result import Result
from ..rules import BY_CODE
from .escape import visible
from .settings import DEFAULT, Settings
from .text import summary

#: Annotations GitHub shows per step, for each of errors and warnings.
MAX_ANNOTATIONS = 10

#: GitHub accepts at most 1 MiB of step summary per step; stay well below it.
SUMMARY_LIMIT = 1_000_000

#: a file listing (NUL- or newline-separated, relative to the workspace) the files a pull
#: request changes; the action writes it when the event has a base
CHANGED_FILES = "VEREISTENLINT_CHANGED_FILES"


def changed_files(env: Mapping[str, str]) -> frozenset[str] | None:
    """The files the pull request changes, or None when that is not known."""
    listing = env.get(CHANGED_FILES)
    if not listing:
        return None
    try:
        text = Path(listing).read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None
    return frozenset(p for p in re.split(r"[\0\n]", text) if p)


def render(result: Result, settings: Settings = DEFAULT) -> str:
    env = os.environ if settings.environ is None else settings.environ
    base = Path(env.get("GITHUB_WORKSPACE") or os.getcwd())
    changed = changed_files(env)

    def first_in_changed(found: list[Diagnostic]) -> list[Diagnostic]:
        """The few annotation slots go to what the pull request touched (stable sort)."""
        if changed is None:
            return found
        return sorted(found, key=lambda d: (relative_to(d.path, base) or d.path) not in changed)

    errors = first_in_changed([d for d in result.diagnostics if d.severity is Severity.ERROR])
    warnings = first_in_changed([d for d in result.diagnostics if d.severity is not Severity.ERROR])
    shown_errors, shown_warnings = errors[:MAX_ANNOTATIONS], warnings[:MAX_ANNOTATIONS]
    lines = [annotation(d, base) for d in (*shown_errors, *shown_warnings)]
    if len(shown_errors) < len(errors) or len(shown_warnings) < len(warnings):
        text = i18n.ui("github.annotated", result.lang).format(
            shown_errors=len(shown_errors),
            errors=len(errors),
            shown_warnings=len(shown_warnings),
            warnings=len(warnings),
            limit=MAX_ANNOTATIONS,
        )
        if changed:
            text += " " + i18n.ui("github.changed_first", result.lang)
        lines.append(text)
    listing = [_plain(d) for d in result.diagnostics]
    listing.append(summary(result.diagnostics, len(result.files), result.lang, result.fixed))
    token = hashlib.sha256("\n".join(listing).encode("utf-8")).hexdigest()
    lines += [f"::stop-commands::{token}", *listing, f"::{token}::"]
    return "\n".join(lines) + "\n"


def annotation(d: Diagnostic, base: Path) -> str:
    """``::error file=…,line=…,col=…,title=CODE::message`` (``::warning`` for warnings)."""
    kind = "error" if d.severity is Severity.ERROR else "warning"
    path = relative_to(d.path, base) or d.path
    props = f"file={_prop(visible(path))},line={d.line},col={d.column},title={_prop(d.code)}"
    return f"::{kind} {props}::{_data(visible(d.message))}"


def step_summary(result: Result, settings: Settings = DEFAULT) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the totals, counts per rule, then every finding."""
    env = os.environ if settings.environ is None else settings.environ
    lang = result.lang
    base = Path(env.get("GITHUB_WORKSPACE") or os.getcwd())
    link = _linker(env)
    found = result.diagnostics
    out = ["## vereistenlint", ""]
    if not found:
        out.append(summary(found, len(result.files), result.lang, result.fixed))
        return "\n".join(out) + "\n"
    out += [summary(found, len(result.files), result.lang, result.fixed), ""]
    out += [_row(lang, "rule", "name", "severity", "findings"), "|---|---|---|---:|"]
    counts = Counter(d.code for d in found)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = BY_CODE.get(code)
        name = rule.name if rule else ""
        severity = i18n.ui(f"severity.{rule.severity.value}", lang) if rule else ""
        out.append(f"| {code} | `{name}` | {severity} | {count} |")
    out += [
        "",
        _row(lang, "file", "line", "column", "rule", "severity", "message"),
        "|---|---:|---:|---|---|---|",
    ]
    size = sum(len(line.encode("utf-8")) + 1 for line in out)
    for index, d in enumerate(found):
        path = relative_to(d.path, base) or d.path
        row = (
            f"| {link(path, d.line)} | {d.line} | {d.column} | {d.code} "
            f"| {i18n.ui(f'severity.{d.severity.value}', lang)} "
            f"| {_cell(visible(d.message))} |"
        )
        size += len(row.encode("utf-8")) + 1
        if size > SUMMARY_LIMIT:
            out.append("\n" + i18n.ui("github.more", lang).format(count=len(found) - index))
            break
        out.append(row)
    return "\n".join(out) + "\n"


def _row(lang: str, *columns: str) -> str:
    """A table's header row, in the report's language."""
    return "| " + " | ".join(i18n.ui(f"column.{c}", lang) for c in columns) + " |"


def _linker(env: Mapping[str, str]) -> Callable[[str, int], str]:
    """Links into the repository at the commit checked, when the runner says which that is."""
    server, repo, sha = (
        env.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )

    def link(path: str, line: int) -> str:
        text = _code(visible(path))
        if not (server and repo and sha) or path.startswith(("/", "../")):
            return text
        url = f"{server}/{repo}/blob/{sha}/{quote(os.fsencode(path), safe='/')}#L{line}"
        return f"[{text}]({url})"

    return link


def _plain(d: Diagnostic) -> str:
    return f"{visible(d.path)}:{d.line}:{d.column}: {d.code} {visible(d.message)}"


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def _data(text: str) -> str:
    """Escaping of a workflow command's message, as GitHub's own toolkit does it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """Escaping of a workflow command's property value: also ':' and ','."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


_MARKDOWN_SPECIAL = "\\`*_[]<>|~"
_BACKTICKS = re.compile("`+")


def _cell(text: str) -> str:
    """Text in a Markdown table cell: no line breaks, Markdown and HTML characters escaped."""
    escaped = "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in _one_line(text))
    return escaped.replace("&", "&amp;")


def _code(text: str) -> str:
    """Text as a code span in a table cell: shown verbatim, only '|' needs escaping."""
    text = _one_line(text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
