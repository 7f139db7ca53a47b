"""The GitHub Action, run the way a runner runs a composite action.

action.yml is parsed with PyYAML and its steps are run in order: ``uses:`` steps (such as
actions/setup-python) are skipped, ``if:`` conditions and ``${{ ... }}`` expressions are
evaluated for the ``inputs`` and ``steps.<id>.outputs`` contexts, and ``run:`` scripts go to
``bash --noprofile --norc -eo pipefail`` as on a runner, with GITHUB_ACTION_PATH,
GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP pointing at temporary
paths. The action's ``install: 'false'`` input skips the pip install: this environment has
vereistenlint on PATH already.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from .conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
GOOD = ROOT / "vereisten"
STATUS_FILE = "rechtmatige_verwerking_van_persoonsgegevens.md"
SECTION_FILE = "menselijk_toezicht_bij_hoog_risico_ai.md"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
SCHEMA = json.loads((Path(__file__).parent / "data/sarif/sarif-schema-2.1.0.json").read_text())

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the action runs bash")


@dataclass
class Run:
    status: int
    stdout: str
    summary: str
    outputs: dict[str, str]
    stderr: str = ""
    steps_run: list[str] = field(default_factory=list)


def _value(expr: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    """The value of ``inputs.NAME``, ``steps.ID.outputs.NAME`` or a quoted string."""
    expr = expr.strip()
    if expr.startswith("'") and expr.endswith("'"):
        return expr[1:-1].replace("''", "'")
    parts = expr.split(".")
    if parts[0] == "inputs" and len(parts) == 2:
        return inputs[parts[1]]
    if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
        return steps.get(parts[1], {}).get(parts[3], "")
    raise AssertionError(f"the test runner does not know the expression {expr!r}")


def _evaluate(expr: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    for op in ("==", "!="):
        if op in expr:
            left, right = expr.split(op)
            equal = _value(left, inputs, steps) == _value(right, inputs, steps)
            return "true" if equal == (op == "==") else ""
    return _value(expr, inputs, steps)


def _substitute(text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    return EXPRESSION.sub(lambda m: _evaluate(m.group(1), inputs, steps), str(text))


def _read_outputs(path: Path) -> dict[str, str]:
    outputs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    while lines:
        line = lines.pop(0)
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, delimiter = line.split("<<", 1)
            value = []
            while lines and lines[0] != delimiter:
                value.append(lines.pop(0))
            lines.pop(0)
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value_ = line.split("=", 1)
            outputs[name] = value_
    return outputs


def run_action(
    workspace: Path, tmp: Path, extra_env: dict[str, str] | None = None, **given: str
) -> Run:
    """Run action.yml's steps with these inputs (defaults from action.yml, install off)."""
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs["install"] = "false"
    unknown = set(given) - set(inputs)
    assert not unknown, f"action.yml has no inputs {unknown}"
    inputs.update(given)
    summary = tmp / "step_summary.md"
    runner_temp = tmp / "runner_temp"
    runner_temp.mkdir(exist_ok=True)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_"))}
    base_env.pop("NO_COLOR", None)
    base_env.update(
        {
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_TEMP": str(runner_temp),
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
            **(extra_env or {}),
        }
    )
    steps: dict[str, dict[str, str]] = {}
    stdout: list[str] = []
    stderr: list[str] = []
    ran: list[str] = []
    status = 0
    for number, step in enumerate(ACTION["runs"]["steps"]):
        step_id = step.get("id", f"step{number}")
        condition = step.get("if")
        if condition is not None and not _evaluate(condition, inputs, steps):
            continue
        if "uses" in step:
            continue
        output_file = tmp / f"output_{step_id}"
        env = dict(base_env, GITHUB_OUTPUT=str(output_file))
        for name, value in step.get("env", {}).items():
            env[name] = _substitute(value, inputs, steps)
        script = tmp / f"{step_id}.sh"
        script.write_text(_substitute(step["run"], inputs, steps), encoding="utf-8")
        assert step["shell"] == "bash"
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
        )
        ran.append(step_id)
        stdout.append(proc.stdout)
        stderr.append(proc.stderr)
        steps[step_id] = _read_outputs(output_file)
        if proc.returncode != 0:
            status = proc.returncode
            break
    outputs = {
        name: _substitute(spec["value"], inputs, steps) for name, spec in ACTION["outputs"].items()
    }
    text = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return Run(status, "".join(stdout), text, outputs, "".join(stderr), ran)


def _workspace(tmp_path: Path, files: dict[str, str]) -> Path:
    workspace = tmp_path / "workspace"
    for rel, text in files.items():
        (workspace / rel).parent.mkdir(parents=True, exist_ok=True)
        (workspace / rel).write_text(text, encoding="utf-8")
    return workspace


def _good(name: str) -> str:
    return (GOOD / name).read_text(encoding="utf-8")


def _bad_status() -> str:
    return _good(STATUS_FILE).replace("- geldend", "- Geldend")


def _extra_section() -> str:
    return _good(SECTION_FILE).replace("## Risico", "## Normen\n\nIn afwachting.\n\n## Risico")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return _workspace(
        tmp_path,
        {
            f"docs/vereisten/{SECTION_FILE}": _good(SECTION_FILE),
            f"docs/vereisten/{STATUS_FILE}": _bad_status(),
            "docs/vereisten/index.md": "# Vereisten\n",
            f"docs/extra/{SECTION_FILE}": _extra_section(),
        },
    )


# -- the action's shape --------------------------------------------------------------------


def test_action_is_composite_sets_up_python_and_installs_from_its_own_folder() -> None:
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    assert any(str(s.get("uses", "")).startswith("actions/setup-python@") for s in steps)
    install = next(s for s in steps if s.get("id") == "install")
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
    assert {"paths", "args", "fail-on-findings", "sarif-file", "install"} <= set(ACTION["inputs"])


def test_inputs_never_reach_a_script_as_text() -> None:
    """Scripts read inputs from the environment, so no input can inject shell code."""
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", "")


def test_every_script_is_valid_bash(tmp_path: Path) -> None:
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            script = tmp_path / "script.sh"
            script.write_text(step["run"], encoding="utf-8")
            proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
            assert proc.returncode == 0, proc.stderr


# -- running it ------------------------------------------------------------------------------


def test_findings_become_annotations_and_a_summary_and_fail_the_step(
    repo: Path, tmp_path: Path
) -> None:
    run = run_action(repo, tmp_path, paths="docs/vereisten docs/extra")
    assert run.steps_run == ["lint"]
    assert run.status == 1
    lines = run.stdout.splitlines()
    assert lines[0] == (
        f"::error file=docs/vereisten/{STATUS_FILE},line=5,col=3,title=VL012::'Geldend' is not "
        "allowed for status_vereiste[1]; did you mean 'geldend'? (allowed: geldend, "
        "nog-niet-geldend)"
    )
    assert lines[1].startswith(f"::warning file=docs/extra/{SECTION_FILE},line=")
    assert lines[1].split("::")[1].endswith("title=VL106")
    assert "Found 1 error and 1 warning in 3 files checked." in run.summary
    assert "| VL012 | `invalid-value` | error | 1 |" in run.summary
    assert "| VL106 | `unexpected-section` | warning | 1 |" in run.summary
    assert run.outputs == {"exit-code": "1", "sarif-file": ""}


def test_report_only_when_findings_must_not_fail(repo: Path, tmp_path: Path) -> None:
    run = run_action(repo, tmp_path, paths="docs/vereisten", **{"fail-on-findings": "false"})
    assert run.status == 0
    assert "::error file=docs/vereisten/" in run.stdout
    assert run.outputs["exit-code"] == "1"


def test_clean_files_pass(repo: Path, tmp_path: Path) -> None:
    (repo / "docs/vereisten" / STATUS_FILE).write_text(_good(STATUS_FILE), encoding="utf-8")
    run = run_action(repo, tmp_path, paths="docs/vereisten")
    assert run.status == 0
    assert "::error" not in run.stdout and "::warning" not in run.stdout
    assert "All good: 2 files checked, no problems." in run.summary
    assert run.outputs["exit-code"] == "0"


def test_extra_arguments_are_passed_on(repo: Path, tmp_path: Path) -> None:
    run = run_action(repo, tmp_path, paths="docs/vereisten\ndocs/extra", args="--ignore VL012")
    assert run.status == 0
    assert "::error" not in run.stdout and "::warning file=docs/extra/" in run.stdout


def test_a_usage_error_always_fails(repo: Path, tmp_path: Path) -> None:
    run = run_action(repo, tmp_path, paths="docs/nope", **{"fail-on-findings": "false"})
    assert run.status == 2
    assert run.outputs["exit-code"] == "2"


def test_sarif_file_for_code_scanning(repo: Path, tmp_path: Path) -> None:
    run = run_action(repo, tmp_path, paths="docs", **{"sarif-file": "results/vl.sarif"})
    assert run.status == 1
    assert run.outputs["sarif-file"] == "results/vl.sarif"
    log = json.loads((repo / "results" / "vl.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {f"docs/vereisten/{STATUS_FILE}", f"docs/extra/{SECTION_FILE}"}


def test_annotations_are_capped_errors_first_and_the_summary_lists_all(tmp_path: Path) -> None:
    files: dict[str, Any] = {}
    for i in range(15):  # warnings in folder 'a', errors in 'b': sorted, warnings come first
        files[f"docs/a{i:02}/{SECTION_FILE}"] = _extra_section()
        files[f"docs/b{i:02}/{STATUS_FILE}"] = _bad_status()
    workspace = _workspace(tmp_path, files)
    run = run_action(workspace, tmp_path, paths="docs")
    assert run.status == 1
    kinds = [line.split(" ")[0] for line in run.stdout.splitlines() if line.startswith("::")]
    annotations = [k for k in kinds if k in ("::error", "::warning")]
    assert annotations == ["::error"] * 10 + ["::warning"] * 10
    rows = [row for row in run.summary.splitlines() if row.startswith("| `docs/")]
    assert len(rows) == 30
    assert sum(" | VL012 | error | " in row for row in rows) == 15
    assert sum(" | VL106 | warning | " in row for row in rows) == 15
    assert "| VL012 | `invalid-value` | error | 15 |" in run.summary
    assert "| VL106 | `unexpected-section` | warning | 15 |" in run.summary
    assert "Found 15 errors and 15 warnings in 30 files checked." in run.summary
    listed = [line for line in run.stdout.splitlines() if line.startswith("docs/")]
    assert len(listed) == 30


def _git(cwd: Path, *args: str) -> None:
    identity = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    subprocess.run(
        ["git", *identity, "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_in_a_pull_request_the_changed_files_get_the_annotations_first(tmp_path: Path) -> None:
    """15 files with errors on the base branch; the pull request changes two others, whose
    findings sort last: they still get annotated, and the summary lists everything."""
    files: dict[str, Any] = {f"docs/a{i:02}/{STATUS_FILE}": _bad_status() for i in range(15)}
    origin = _workspace(tmp_path / "origin", files)
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "base")
    workspace = tmp_path / "workspace"
    _git(tmp_path, "clone", "-q", "--depth=1", f"file://{origin}", str(workspace))
    _git(workspace, "checkout", "-q", "-b", "feature")
    for name in ("z1", "z2"):
        (workspace / "docs" / name).mkdir(parents=True)
        (workspace / "docs" / name / STATUS_FILE).write_text(_bad_status(), encoding="utf-8")
    _git(workspace, "add", "-A")
    _git(workspace, "commit", "-q", "-m", "pull request")
    run = run_action(workspace, tmp_path, {"GITHUB_BASE_REF": "main"}, paths="docs")
    assert run.status == 1, run.stderr
    annotated = [
        line.split("file=", 1)[1].split(",", 1)[0]
        for line in run.stdout.splitlines()
        if line.startswith("::error ")
    ]
    assert len(annotated) == 10
    assert annotated[:2] == [f"docs/z1/{STATUS_FILE}", f"docs/z2/{STATUS_FILE}"]
    assert "the pull request changes were annotated first" in run.stdout
    rows = [row for row in run.summary.splitlines() if row.startswith("| `docs/")]
    assert len(rows) == 17


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_without_a_base_the_order_is_plain(tmp_path: Path) -> None:
    files: dict[str, Any] = {f"docs/a{i:02}/{STATUS_FILE}": _bad_status() for i in range(12)}
    workspace = _workspace(tmp_path, files)
    _git(workspace, "init", "-q", "-b", "main")
    run = run_action(workspace, tmp_path, {"GITHUB_BASE_REF": "main"}, paths="docs")
    annotated = [line for line in run.stdout.splitlines() if line.startswith("::error ")]
    assert f"docs/a00/{STATUS_FILE}" in annotated[0]  # no origin to compare with: plain order
    assert "the pull request changes were annotated first" not in run.stdout
