"""Bad input never crashes: mangled copies of the example give located problems."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pokin.check.engine import check_loaded
from pokin.problems import Problem
from pokin.source.load import load_text
from tests.helpers import EXAMPLE

LINES = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
NASTY = [
    "\t",
    ":",
    "- ",
    "&a ",
    "*a",
    "!!binary ",
    "{",
    "[",
    '"',
    "'",
    "#",
    "\x00",
    "…",
    "\ufeff",
    "  ",
]


@st.composite
def mangled(draw: st.DrawFn) -> str:
    """The example with a few lines deleted, duplicated, re-indented or spliced."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "splice"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i].lstrip()
        else:
            cut = draw(st.integers(0, max(0, len(lines[i]) - 1)))
            lines[i] = lines[i][:cut] + draw(st.sampled_from(NASTY)) + lines[i][cut:]
    return "".join(lines)


def _located(problem: Problem, text: str) -> bool:
    return (
        1 <= problem.line <= text.count("\n") + 2 and problem.column >= 1 and bool(problem.message)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_plans_give_located_problems_never_exceptions(text: str) -> None:
    report = check_loaded(load_text(text.encode("utf-8", "surrogatepass"), "mangled.yaml"))
    assert all(_located(p, text) for p in report.problems)
    assert not any(p.code == "E001" for p in report.problems), [
        p.message for p in report.problems if p.code == "E001"
    ]
