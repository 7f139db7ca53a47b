"""The README stays true: its rules table is the code's, its commands are the ones CI runs."""

from __future__ import annotations

import re

from vereistenlint import ruledocs

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_table_matches_the_code() -> None:
    m = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", README, re.DOTALL)
    assert m is not None
    assert m.group(1) == ruledocs.as_markdown()


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    test_command = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()
