"""One requirement file with every kind of defect at once: a single run finds them all.

``fixtures/all-defects/all-defects.md`` is written in the 2024 format and breaks every rule
that can meet the others in one file; ``all-defects.expected`` lists every finding as
``LINE:COLUMN CODE``. Rules that are off by default are not run by a plain check; the other
codes it cannot hold are listed below with the reason, so that a new rule has to be either
added to the file or explained here.
"""

from __future__ import annotations

from pathlib import Path

from vereistenlint import check
from vereistenlint.rules import RULES

from .conftest import FIXTURES

ALL_DEFECTS = FIXTURES / "all-defects" / "all-defects.md"

#: Codes that cannot be found together with the others in one file, and why.
NOT_IN_ONE_FILE = {
    "VL001": "an unreadable file is not checked any further",
    "VL002": "without front matter there are no keys or template to check",
    "VL003": "front matter that is not YAML leaves nothing to check against the format",
    "VL201": "the table rules run only when both the section and the maps are present",
    "VL301": "the list comment is either missing (VL301) or present and checked (VL302, VL303)",
    "VL005": "a file that fits no format gets no other check",
    "VL006": "a file over the size limit is not parsed, so nothing else is checked",
    "VL007": "an internal error ends the check of its file",
    "VL009": "a folder, not a file",
    "VL014": "a rule of the current formats (with an id), not of the 2024 format",
    "VL015": "a rule of the current formats (with an id), not of the 2024 format",
    "VL110": "a rule of the current formats (with an id), not of the 2024 format",
    "VL402": "a rule of the current formats (with an id), not of the 2024 format",
    "VL401": "repository-wide: needs a second file with the same id",
    "VL403": "repository-wide: needs a measure and the requirements it names",
    **{
        code: "site-wide: judged against a site's docs folder (tests/test_links.py)"
        for code in ("VL601", "VL602", "VL603", "VL604", "VL605", "VL606", "VL607", "VL608")
    },
    "VL404": "repository-wide: needs a tool and the measures it names",
    "VL405": "repository-wide: needs a list comment and the files it filters on",
    "VL021": "a rule of the current requirement format (uitzondering), not of the 2024 format",
    "VL022": "a rule of the current measure format (sources), not of a requirement",
    "VL304": "the website's current list hook: a rule of the current formats, not of the 2024 format",
    "VL305": "the website's current list hook: a rule of the current formats, not of the 2024 format",
}


def _expected(path: Path) -> list[tuple[int, int, str]]:
    found = []
    for raw in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            pos, code = raw.split()
            line, col = pos.split(":")
            found.append((int(line), int(col), code))
    return sorted(found)


def test_all_defects_are_found_where_expected() -> None:
    found = sorted((d.line, d.column, d.code) for d in check([ALL_DEFECTS]))
    assert found == _expected(ALL_DEFECTS)


def test_all_defects_yield_every_code_that_can_meet_the_others() -> None:
    codes = {d.code for d in check([ALL_DEFECTS])}
    assert codes == {r.code for r in RULES if r.default} - set(NOT_IN_ONE_FILE)


def test_the_exclusions_name_real_rules() -> None:
    assert set(NOT_IN_ONE_FILE) <= {r.code for r in RULES}
