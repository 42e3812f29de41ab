"""A few runs of pokin as a real process: exit codes, no traceback, the entry point itself.

Most CLI tests run ``pokin.cli.main`` in-process (tests.helpers.run_pokin); these
check what only a real process shows.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import EXAMPLE, run_pokin_process, write


def test_help_and_version_exit_0() -> None:
    run = run_pokin_process("--help")
    assert run.code == 0
    assert "validate" in run.stdout


def test_clean_example_exits_0() -> None:
    run = run_pokin_process("validate", str(EXAMPLE))
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr


def test_broken_plan_exits_1_without_traceback(tmp_path: Path) -> None:
    plan = write(tmp_path, "pokin: 1\nperangkat_daerah: [\n")
    run = run_pokin_process("validate", str(plan))
    assert run.code == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert f"{plan}:3:1: Y001" in run.stdout


def test_missing_file_exits_2(tmp_path: Path) -> None:
    run = run_pokin_process("validate", str(tmp_path / "tidak-ada.yaml"))
    assert run.code == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("pokin: ")
