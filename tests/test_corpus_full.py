"""The yardstick: the whole content repo at HEAD (../shared/corpus/algoritmekader-2026-06-full),
checked as a maintainer would check a clone: `vereistenlint check` with no arguments and no
configuration, in a temporary copy. The built-in preset recognises the layout.

Every finding is listed with the reason it is a real defect; the list is exact. The
requirements and measures are the same files as in algoritmekader-2026-06, so their findings
are those of test_corpus_2026 (listed there with their reasons); the pages that are not
content add only what breaks any page. Skips when ../shared is absent."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import corpus_copy
from .test_corpus_2026 import EXPECTED as CONTENT
from .test_corpus_2026_full import EXPECTED_TOOLS as TOOL_FINDINGS

#: Ordinary pages (label pages, about pages, explanations): only the rules that apply to every
#: page.
PAGES = {
    (
        "docs/soorten-algoritmes-en-ai/generatieve-ai.md",
        45,
        1,
        "VL120",
    ): "a merge conflict (release-v2.4.4/klein against main) committed unresolved: the site "
    "shows the markers and the handreiking link twice",
}

#: The tools (hulpmiddelen/), which the preset gives the profile `hulpmiddel`: their findings
#: are listed with their reasons in test_corpus_2026_full (the same files, configured by hand)
TOOLS: dict[tuple[str, int, int, str], str] = dict(TOOL_FINDINGS)

#: Links and anchors (the site link rules, VL6xx; tests/test_links.py has the same list): each
#: target was read.
LINKS = {
    ("docs/levenscyclus/ontwikkelen.md", 17, 17, "VL603"): "'#aanbevolen-maatregelen': the "
    "heading is 'Aanbevolen maatregelen ontwikkelfase', id aanbevolen-maatregelen-ontwikkelfase",
    ("docs/levenscyclus/verificatie-en-validatie.md", 19, 33, "VL603"): "'#aanbevolen-maatregelen'"
    ": the heading is 'Aanbevolen maatregelen voor verificatie en validatie'",
    ("docs/over-het-algoritmekader/sitemap.md", 62, 13, "VL603"): "CONTRIBUTING.md#ik-heb-een-"
    "vraag: CONTRIBUTING.md has 'Vragen en suggesties', no 'Ik heb een vraag'",
    ("docs/over-het-algoritmekader/veelgestelde-vragen.md", 62, 105, "VL603"): "the same "
    "anchor of CONTRIBUTING.md",
    ("hulpmiddelen/genAI-compliance-FAQ.md", 33, 43, "VL605"): "a link by "
    "https://minbzk.github.io/Algoritmekader/...: breaks when the site moves (warning)",
}

PREFIX = "docs/voldoen-aan-wetten-en-regels/"
CONTENT_FOLDERS = ("vereisten/", "maatregelen/", "hulpmiddelen/")


def _key(d: dict[str, object]) -> tuple[str, int, int, str]:
    path = str(d["path"]).removeprefix(PREFIX)
    return path, int(d["line"]), int(d["column"]), str(d["code"])  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    repo = tmp_path_factory.mktemp("ak-full") / "Algoritmekader"
    corpus_copy("algoritmekader-2026-06-full", repo)
    return subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", "--format", "json", "--no-cache"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


def test_no_arguments_no_configuration_every_finding_a_known_real_defect(
    run: subprocess.CompletedProcess[str],
) -> None:
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    found = {_key(d) for d in json.loads(run.stdout)}
    expected = set(CONTENT) | set(PAGES) | set(TOOLS) | set(LINKS)
    assert found == expected, (sorted(found - expected), sorted(expected - found))


def test_only_the_conflict_and_links_are_found_outside_the_content_folders(
    run: subprocess.CompletedProcess[str],
) -> None:
    outside = {
        _key(d)
        for d in json.loads(run.stdout)
        if not str(d["path"]).startswith(tuple(PREFIX + f for f in CONTENT_FOLDERS))
    }
    assert outside == set(PAGES) | {k for k in LINKS if k[0].startswith("docs/")}


def test_every_page_under_docs_is_checked_and_no_template(tmp_path: Path) -> None:
    corpus_copy("algoritmekader-2026-06-full", tmp_path / "ak")
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", "--format", "junit", "--no-cache"],
        cwd=tmp_path / "ak",
        capture_output=True,
        text=True,
        check=False,
    )
    checked = {
        line.split(' file="', 1)[1].split('"', 1)[0]
        for line in proc.stdout.splitlines()
        if "<testcase " in line
    }
    pages = {
        p.relative_to(tmp_path / "ak").as_posix() for p in (tmp_path / "ak" / "docs").rglob("*.md")
    }
    assert checked == pages
    # 63 requirements, 108 measures, 28 tools, 42 other pages, 10 index.md overview pages
    assert len(pages) == 251


def test_the_conflict_with_the_same_line_on_both_sides_is_fixed_safely(tmp_path: Path) -> None:
    from .conftest import CORPUS

    page = CORPUS / "algoritmekader-2026-06-full/docs/soorten-algoritmes-en-ai/generatieve-ai.md"
    if not page.is_file():
        pytest.skip("../shared/corpus is not present")
    target = tmp_path / "generatieve-ai.md"
    shutil.copy(page, target)
    before = target.read_text(encoding="utf-8").splitlines()
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", "--fix", "--profile", "page", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = target.read_text(encoding="utf-8").splitlines()
    gone = [x for x in before if x not in after]  # the markers, and one of two equal lines
    assert gone == ["<<<<<<< release-v2.4.4/klein", "=======", ">>>>>>> main"]
    assert len(before) - len(after) == 4 and before[45] in after


#: The editors' template copied in as a new requirement, unedited: what must be reported at
#: least (the template placeholders in its front matter come with issue 11's placeholder work).
TEMPLATE_AS_REQUIREMENT = {
    (10, 5, "VL401"): "the template's id urn:nl:ak:ver:aia-00 is the id of aia-00-verboden-...",
    (10, 5, "VL402"): "the file name does not carry the id's code",
    (66, 1, "VL108"): "'Hier staat ...' placeholder sentence under Vereiste",
    (69, 1, "VL108"): "'Hier staat ...' placeholder sentence under Toelichting",
    (86, 1, "VL108"): "'Hier staat ...' placeholder sentence under Risico",
    (92, 32, "VL302"): "list_maatregelen names aia-02-..., the template's example, not this file",
}


def test_the_template_copied_in_as_a_requirement_is_reported(tmp_path: Path) -> None:
    repo = tmp_path / "Algoritmekader"
    corpus_copy("algoritmekader-2026-06-full", repo)
    new = PREFIX + "vereisten/nieuwe-vereiste.md"
    shutil.copy(repo / "templates" / "template-vereiste.md", repo / new)
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", "--format", "json", "--no-cache"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    found = [_key(d) for d in json.loads(proc.stdout)]
    mine = {(line, col, code) for path, line, col, code in found if PREFIX + path == new}
    assert set(TEMPLATE_AS_REQUIREMENT) <= mine, sorted(set(TEMPLATE_AS_REQUIREMENT) - mine)
    # and nothing changes for the other files but the one whose id the template repeats
    others = {f for f in found if PREFIX + f[0] != new}
    duplicate = ("vereisten/aia-00-verboden-AI-praktijken.md", 3, 5, "VL401")
    assert others == set(CONTENT) | set(PAGES) | set(TOOLS) | set(LINKS) | {duplicate}
