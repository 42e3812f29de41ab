"""GitLab Code Quality JSON (`--format gitlab`), for merge request widgets.

A list of issues, each with a description, the rule code as ``check_name``,
a fingerprint, a severity and the file and line. The fingerprint is a hash of
the code, file, node and message (not the line), so an issue keeps its
identity when lines above it move; identical problems are numbered apart.
See https://docs.gitlab.com/ci/testing/code_quality/.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pokin.check.result import Report
from pokin.problems import Problem

#: pokin severity → GitLab Code Quality severity.
SEVERITY = {"error": "major", "warning": "minor"}


def _path(file: str) -> str:
    """The file relative to the current folder (the repository root in CI), with '/'."""
    try:
        rel = os.path.relpath(file)
    except ValueError:  # another drive on Windows
        rel = file
    if rel.startswith(".."):
        rel = file
    return Path(rel).as_posix()


def _issue(problem: Problem, seen: dict[str, int]) -> dict[str, object]:
    where = f"{problem.cell}: " if problem.cell else ""
    node = f"[{problem.node}] " if problem.node else ""
    path = _path(problem.file)
    key = "\0".join((problem.code, path, problem.node or "", problem.cell or "", problem.message))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    count = seen.get(digest, 0)
    seen[digest] = count + 1
    if count:
        digest = hashlib.sha256(f"{digest}\0{count}".encode()).hexdigest()
    return {
        "description": f"{problem.code} {where}{node}{problem.message}",
        "check_name": problem.code,
        "fingerprint": digest,
        "severity": SEVERITY.get(problem.severity, "info"),
        "location": {"path": path, "lines": {"begin": problem.line}},
    }


def render_gitlab(report: Report) -> str:
    """The problems of ``report`` as a GitLab Code Quality report (a JSON list)."""
    seen: dict[str, int] = {}
    issues = [_issue(p, seen) for p in report.problems]
    return json.dumps(issues, ensure_ascii=False, indent=2)
