"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit in a temporary repository.

pre-commit installs pokin from this checkout into its own environment (the
first run takes a few seconds) and runs pokin-validate and pokin-fmt on the
staged YAML files; a YAML file that is not a plan is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, ROOT

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="pre-commit is not installed"
)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_hooks_validate_plans_and_skip_other_yaml(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(EXAMPLE, repo / "rencana.yaml")
    (repo / "lain.yaml").write_text("a: 1\n", encoding="utf-8")
    broken = EXAMPLE.read_text(encoding="utf-8").replace(
        "anggaran: 268037410", "anggaran: 13.2918.000", 1
    )
    (repo / "rusak.yaml").write_text(broken, encoding="utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    run = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "pokin validate" in out and "Failed" in out
    assert "rusak.yaml" in out and "S005" in out
    assert "lain.yaml" not in out  # not a plan: skipped
    assert "pokin fmt" in out
