"""Suppression comments: what an editor says should not be reported here, and whether it was.

    <!-- vereistenlint-disable CODE[,CODE] -->   ...   <!-- vereistenlint-enable [CODE] -->
    <!-- vereistenlint-disable-next-line CODE -->
    title: ...  # vereistenlint: ignore[CODE]     (a front-matter line)

Codes may be given by code or name; no codes means every rule. A directive that ends up
suppressing nothing is reported as unused-suppression (off by default).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .document import Document
from .findings import Finding, finding, term
from .rules import lookup
from .rules.suppression import UNUSED_SUPPRESSION
from .scan import finditer_pieces

_BODY = re.compile(
    r"<!--\s*vereistenlint-(?P<kind>disable-next-line|disable|enable)\b(?P<codes>[^>]*?)-->"
)
_FRONT = re.compile(r"#\s*vereistenlint:\s*ignore\[(?P<codes>[^\]]*)\]")


class Directive(NamedTuple):
    line: int  # 1-based position of the comment
    column: int
    text: str
    first: int  # 1-based lines it covers, inclusive
    last: int
    codes: frozenset[str] | None  # None: every rule


def directives(doc: Document) -> tuple[tuple[Directive, ...], list[Finding]]:
    """The document's suppression comments, and findings for the ones naming unknown rules."""
    found: list[Directive] = []
    problems: list[Finding] = []
    fm = doc.front_matter
    if fm is not None:
        for i in range(fm.open_line + 1, fm.close_line):
            for m in finditer_pieces(_FRONT, doc.lines[i], "]"):
                codes = _codes(m.group("codes"), doc, i, m, problems)
                found.append(Directive(i + 1, m.start() + 1, m.group(), i + 1, i + 1, codes))
    open_ranges: list[tuple[int, int, str, frozenset[str] | None]] = []
    end = len(doc.lines)
    for i in range(doc.body_start, len(doc.lines)):
        for m in finditer_pieces(_BODY, doc.lines[i], "-->"):
            codes = _codes(m.group("codes"), doc, i, m, problems)
            kind = m.group("kind")
            if kind == "disable-next-line":
                found.append(Directive(i + 1, m.start() + 1, m.group(), i + 2, i + 2, codes))
            elif kind == "disable":
                open_ranges.append((i + 1, m.start() + 1, m.group(), codes))
            else:
                still_open: list[tuple[int, int, str, frozenset[str] | None]] = []
                for line, col, text, disabled in open_ranges:
                    if codes is None or disabled is None or disabled <= codes:
                        found.append(Directive(line, col, text, line, i + 1, disabled))
                    else:
                        still_open.append((line, col, text, disabled - codes))
                        found.append(Directive(line, col, text, line, i + 1, disabled & codes))
                open_ranges = still_open
    for line, col, text, disabled in open_ranges:
        found.append(Directive(line, col, text, line, end, disabled))
    return tuple(found), problems


def _codes(
    raw: str, doc: Document, index: int, m: re.Match[str], problems: list[Finding]
) -> frozenset[str] | None:
    names = [n for n in re.split(r"[\s,]+", raw.strip()) if n]
    if not names:
        return None
    codes = set()
    for name in names:
        rule = lookup(name)
        if rule is None:
            problems.append(
                finding(
                    UNUSED_SUPPRESSION,
                    index + 1,
                    m.start() + 1,
                    "suppression.unknown_rule",
                    directive=m.group(),
                    code=name,
                )
            )
        else:
            codes.add(rule.code)
    return frozenset(codes)


def suppress(
    findings: Iterable[Finding], found: Sequence[Directive]
) -> tuple[list[Finding], set[int]]:
    """The findings no directive covers, and the indexes of the directives that covered one.

    Findings and directives are not compared pair by pair (thousands of each would take
    millions of comparisons): the lines each code is disabled on are merged into sorted
    ranges, and the lines each code's findings are on are sorted, so that each question is
    a binary search.
    """
    findings = list(findings)
    if not found:
        return findings, set()
    ranges: dict[str | None, list[tuple[int, int]]] = defaultdict(list)
    for d in found:
        for code in d.codes if d.codes is not None else (None,):
            ranges[code].append((d.first, d.last))
    covered = {code: _Ranges(spans) for code, spans in ranges.items()}
    everything = covered.get(None)
    kept: list[Finding] = []
    lines: dict[str, list[int]] = defaultdict(list)
    for f in findings:
        if f.code == UNUSED_SUPPRESSION:
            kept.append(f)
            continue
        mine = covered.get(f.code)
        if (everything is not None and everything.holds(f.line)) or (
            mine is not None and mine.holds(f.line)
        ):
            lines[f.code].append(f.line)
        else:
            kept.append(f)
    for numbers in lines.values():
        numbers.sort()
    every_line = sorted(n for numbers in lines.values() for n in numbers)
    used = {
        i
        for i, d in enumerate(found)
        if any(
            _any_between(every_line if code is None else lines.get(code, []), d.first, d.last)
            for code in (d.codes if d.codes is not None else (None,))
        )
    }
    return kept, used


class _Ranges:
    """Line ranges merged into sorted, disjoint ones: does one hold a line, in log time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for first, last in sorted(spans):
            if merged and first <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], last))
            else:
                merged.append((first, last))
        self._firsts = [a for a, _ in merged]
        self._lasts = [b for _, b in merged]

    def holds(self, line: int) -> bool:
        i = bisect.bisect_right(self._firsts, line) - 1
        return i >= 0 and line <= self._lasts[i]


def _any_between(sorted_lines: list[int], first: int, last: int) -> bool:
    i = bisect.bisect_left(sorted_lines, first)
    return i < len(sorted_lines) and sorted_lines[i] <= last


def unused(found: Sequence[Directive], used: set[int]) -> list[Finding]:
    return [
        finding(
            UNUSED_SUPPRESSION,
            d.line,
            d.column,
            "suppression.unused",
            directive=d.text,
            codes=sorted(d.codes) if d.codes else term("word.all_rules"),
        )
        for i, d in enumerate(found)
        if i not in used
    ]
