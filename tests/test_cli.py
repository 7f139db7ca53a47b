"""The command: output format, sorting, summary, JSON, exit codes 0/1/2, index.md skipped."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from vereistenlint.cli import cli

from .conftest import ROOT

GOOD = ROOT / "vereisten"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def _bad_copy(tmp_path: Path) -> Path:
    src = GOOD / "rechtmatige_verwerking_van_persoonsgegevens.md"
    bad = tmp_path / src.name
    bad.write_text(
        src.read_text(encoding="utf-8").replace("- geldend", "- Geldend"), encoding="utf-8"
    )
    return bad


def test_bundled_examples_are_clean() -> None:
    code, out = run("check", str(GOOD))
    assert code == 0, out
    assert out.strip().splitlines()[-1] == "All good: 3 files checked, no problems."


def test_text_output_is_path_line_col_code_message(tmp_path: Path) -> None:
    bad = _bad_copy(tmp_path)
    code, out = run("check", str(bad))
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0] == (
        f"{bad.as_posix()}:5:3: VL012 'Geldend' is not allowed for status_vereiste[1]; "
        "did you mean 'geldend'? (allowed: geldend, nog-niet-geldend)"
    )
    assert (
        lines[-1] == "Found 1 error and 0 warnings in 1 file checked. 1 problem fixable with --fix."
    )


def test_output_sorted_by_path_then_position(tmp_path: Path) -> None:
    for name in ("b.md", "a.md"):
        text = (GOOD / "rechtmatige_verwerking_van_persoonsgegevens.md").read_text(encoding="utf-8")
        (tmp_path / name).write_text(
            text.replace("## Risico", "## Normen\n\nx\n\n## Risico"), encoding="utf-8"
        )
    code, out = run("check", str(tmp_path / "b.md"), str(tmp_path))
    keys = []
    for line in out.strip().splitlines()[:-1]:
        if not line or line.startswith(" "):  # the source line and caret under each finding
            continue
        path, line_no, col, _ = line.split(":", 3)
        keys.append((path, int(line_no), int(col)))
    assert keys == sorted(keys)
    assert {Path(k[0]).name for k in keys} == {"a.md", "b.md"}
    assert len(keys) == len({k[0] for k in keys}) * (len(keys) // 2)
    assert code == 1


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    text = (GOOD / "rechtmatige_verwerking_van_persoonsgegevens.md").read_text(encoding="utf-8")
    path = tmp_path / "rechtmatige_verwerking_van_persoonsgegevens.md"
    path.write_text(
        text.replace("## Risico", "## Normen\n\nIn afwachting.\n\n## Risico"), encoding="utf-8"
    )
    code, out = run("check", str(path))
    assert code == 0
    assert "VL106" in out
    assert out.strip().splitlines()[-1] == "Found 0 errors and 1 warning in 1 file checked."


def test_json_output(tmp_path: Path) -> None:
    bad = _bad_copy(tmp_path)
    code, out = run("check", "--format", "json", str(bad))
    assert code == 1
    data = json.loads(out)
    assert data == [
        {
            "path": bad.as_posix(),
            "line": 5,
            "column": 3,
            "code": "VL012",
            "name": "invalid-value",
            "severity": "error",
            "message": "'Geldend' is not allowed for status_vereiste[1]; did you mean 'geldend'? "
            "(allowed: geldend, nog-niet-geldend)",
            "fix": "safe",
        }
    ]


def test_index_md_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Overzicht\n", encoding="utf-8")
    shutil.copy(GOOD / "menselijk_toezicht_bij_hoog_risico_ai.md", tmp_path)
    code, out = run("check", str(tmp_path))
    assert code == 0
    assert "1 file checked" in out


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path / "nope.md"))
    assert code == 2
    assert "path does not exist" in out


def test_unknown_option_is_a_usage_error() -> None:
    code, _ = run("check", "--no-such-option", str(GOOD))
    assert code == 2


def test_unknown_rule_in_select_is_a_usage_error() -> None:
    code, out = run("check", "--select", "VL999", str(GOOD))
    assert code == 2
    assert "VL999" in out


def test_select_and_ignore(tmp_path: Path) -> None:
    bad = _bad_copy(tmp_path)
    assert run("check", "--ignore", "invalid-value", str(bad))[0] == 0
    assert run("check", "--select", "VL1", str(bad))[0] == 0
    assert run("check", "--select", "VL012", str(bad))[0] == 1


def test_python_dash_m_and_console_script(tmp_path: Path) -> None:
    bad = _bad_copy(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "vereistenlint", "check", str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "VL012" in proc.stdout
    assert proc.stderr == ""


def test_rules_and_rule_commands() -> None:
    code, out = run("rules")
    assert code == 0 and "VL204" in out and "applicability-mismatch" in out
    code, out = run("rule", "applicability-mismatch")
    assert code == 0 and out.startswith("VL204 applicability-mismatch (error)")
    assert run("rule", "VL999")[0] == 2
