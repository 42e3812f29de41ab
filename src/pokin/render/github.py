"""GitHub Actions workflow commands: one annotation per problem.

Format (https://docs.github.com/actions/reference/workflow-commands-for-github-actions)::

    ::error file=plan.yaml,line=12,col=5,title=B001::message

Property values escape ``%``, CR, LF, ``:`` and ``,``; the message escapes
``%``, CR and LF, as the GitHub Actions toolkit does.
"""

from __future__ import annotations

from pokin.check.result import Report
from pokin.problems import Problem
from pokin.render.console import visible
from pokin.render.problems import summary_line

_COMMAND = {"error": "error", "warning": "warning"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """The workflow command line for one problem."""
    props = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", visible(problem.file).replace("\\", "/")),
            ("line", str(problem.line)),
            ("col", str(problem.column)),
            ("title", problem.code),
        )
    )
    node = f"[{problem.node}] " if problem.node else ""
    if problem.cell is not None:  # a spreadsheet cell: the annotation names it
        node = f"{problem.cell}: {node}"
    # control characters (ESC colours a CI log) shown escaped, newlines percent-encoded
    message = visible(node + problem.message, lines=True)
    return f"::{_COMMAND[problem.severity]} {props}::{escape_data(message)}"


def render_github(report: Report) -> str:
    """Every problem as an annotation, then the summary as a plain log line."""
    lines = [annotation(p) for p in report.problems]
    lines.append(summary_line(report))
    return "\n".join(lines)
