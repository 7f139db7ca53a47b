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


def _yaml_blocks() -> list[object]:
    import yaml

    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)\n```", README, re.DOTALL)]


SHA = re.compile(r"[0-9a-f]{40}")


def test_the_pre_commit_example_pins_a_commit_and_names_real_hooks() -> None:
    import yaml

    example = next(b for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b)
    repo = example["repos"][0]
    assert SHA.fullmatch(repo["rev"]), "no release tag exists: the example pins a commit sha"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in repo["hooks"]} <= {h["id"] for h in hooks}


def test_the_action_example_pins_a_commit_and_uses_real_inputs() -> None:
    import yaml

    workflow = next(b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b)
    steps = workflow["jobs"]["vereistenlint"]["steps"]
    ours = next(s for s in steps if s.get("uses", "").startswith("OWNER/vereistenlint@"))
    assert SHA.fullmatch(ours["uses"].split("@", 1)[1])
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert set(ours.get("with", {})) <= set(action["inputs"])
