"""The pre-commit hook, run by pre-commit itself against this checkout.

A content repository with good and bad requirement files is made in a temporary folder and
``pre-commit try-repo`` runs the ``vereistenlint`` hook of this repository on it: the hook
must fail with the findings in its output, and pass once the file is corrected.

try-repo takes a repository's committed files plus its changes to tracked files, and
ignores untracked ones, so a hook file or module added but not yet committed would be
missing. The test therefore commits a snapshot of the working tree (tracked and untracked
files that git does not ignore) to a scratch repository and points try-repo at that. The
hook's environment installs this package with pip from the package index: slow, but it is
what a content repository gets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

GOOD = ROOT / "vereisten"
BAD_FILE = "rechtmatige_verwerking_van_persoonsgegevens.md"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")


def git(cwd: Path, *args: str) -> str:
    identity = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    proc = subprocess.run(
        ["git", *identity, "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def snapshot(target: Path) -> Path:
    """This checkout's working tree, untracked files included, committed in a new repo."""
    try:
        listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except (subprocess.CalledProcessError, OSError):
        pytest.skip("the checkout is not a git work tree")
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return target


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot(tmp_path_factory.mktemp("hook-repo"))


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(
    content: Path, hook_repo: Path, home: Path, hook: str = "vereistenlint"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env.update({"PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"})
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook]
    return subprocess.run(
        [*command, "--all-files"],
        cwd=content,
        env=env,
        capture_output=True,
        text=True,
    )


def test_hook_fails_on_a_bad_file_and_passes_once_it_is_fixed(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    content = tmp_path / "content"
    folder = content / "docs" / "vereisten"
    folder.mkdir(parents=True)
    for source in sorted(GOOD.glob("*.md")):
        shutil.copy(source, folder / source.name)
    (folder / "index.md").write_text("# Vereisten\n\nOverzicht.\n", encoding="utf-8")
    bad = folder / BAD_FILE
    good_text = bad.read_text(encoding="utf-8")
    bad.write_text(good_text.replace("- geldend", "- Geldend"), encoding="utf-8")
    git(content, "init", "-q")
    git(content, "add", "-A")

    failed = try_repo(content, hook_repo, pre_commit_home)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "vereistenlint" in output and "Failed" in output
    assert f"docs/vereisten/{BAD_FILE}:5:3: VL012 'Geldend' is not allowed" in output
    assert "Found 1 error and 0 warnings in 3 files checked." in output

    bad.write_text(good_text, encoding="utf-8")
    git(content, "add", "-A")
    passed = try_repo(content, hook_repo, pre_commit_home)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output and "VL012" not in output


def test_fix_hook_repairs_the_file_and_then_passes(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    bad = content / BAD_FILE
    good_text = (GOOD / BAD_FILE).read_text(encoding="utf-8")
    bad.write_text(good_text.replace("- geldend", "- Geldend"), encoding="utf-8")
    git(content, "init", "-q")
    git(content, "add", "-A")

    fixed = try_repo(content, hook_repo, pre_commit_home, "vereistenlint-fix")
    output = fixed.stdout + fixed.stderr
    assert fixed.returncode == 1, output  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in output
    assert bad.read_text(encoding="utf-8") == good_text

    git(content, "add", "-A")
    again = try_repo(content, hook_repo, pre_commit_home, "vereistenlint-fix")
    assert again.returncode == 0, again.stdout + again.stderr


def test_many_files_give_one_run_and_one_summary(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    """require_serial: without it pre-commit splits the files over one process per CPU, and
    each prints its own summary (and sees only its part of the repository). The content repo
    is laid out as the Algoritmekader's, so the built-in preset applies with no configuration:
    the template pre-commit passes along is not checked (a warning says so)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "repos" / "kader", content)
    for i in range(40):
        (content / "docs" / "over" / f"bericht-{i:02}.md").write_text(
            f"# Bericht {i}\n\n<<<<<<< HEAD\nOud.\n=======\nNieuw.\n>>>>>>> main\n",
            encoding="utf-8",
        )
    git(content, "init", "-q")
    git(content, "add", "-A")
    failed = try_repo(content, hook_repo, pre_commit_home)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    summaries = [line for line in output.splitlines() if line.startswith("Found ")]
    assert len(summaries) == 1, output
    # 19 files of the fixture repo (index.md pages are ordinary pages here) and 40 pages;
    # not the template
    assert summaries[0] == "Found 40 errors and 0 warnings in 59 files checked.", output
    assert output.count(": VL120 ") == 40
    assert "templates/template-vereiste.md: not checked" in output


def test_every_hook_runs_serially() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks and all(hook.get("require_serial") is True for hook in hooks)
