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


# ---- content classes: Unicode digits, huge numbers, markup, control characters

#: Values that once crashed a command or reached a terminal raw.
HOSTILE_VALUES = [
    "1²",
    "2①",
    "٣",
    "9" * 5000,
    "-" + "9" * 4400,
    "0x" + "F" * 5000,
    "1e400",
    "-1e400",
    "1e300",
    '"' + "1" * 5000 + '"',
    '"1,004,422,800"',
    '"93.59"',
    '"50 persen"',
    "'[/]'",
    "'[link=https://x.test]klik[/link]'",
    "'[bold]x\\'",
    '"\\e]52;c;cHduZWQ=\\a"',
    '"\\e[2J\\e[31mmerah"',
    '"\\u202e\\u2066kanan"',
    '"=HYPERLINK(\\"x\\")"',
    '"<img src=x onerror=alert(1)>"',
    '"![x](http://e.test)"',
    '"baris\\n::error::palsu"',
    '"\\x85\\u2028\\u2029"',
]
#: Where they go: keys whose values they replace in the example.
SLOTS = ["tahun", "anggaran", "target", "id", "kinerja", "nama", "kode", "satuan", "pj", "periode"]


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """The example with a few values (in any slot) replaced by hostile ones."""
    lines = list(LINES)
    candidates = [
        i
        for i, line in enumerate(lines)
        if any(line.lstrip(" -").startswith(f"{slot}:") for slot in SLOTS)
    ]
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.sampled_from(candidates))
        key, _, _ = lines[i].partition(":")
        lines[i] = f"{key}: {draw(st.sampled_from(HOSTILE_VALUES))}\n"
    return "".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile())
def test_hostile_values_give_located_problems_and_safe_output(text: str) -> None:
    from pokin.check.result import Report
    from pokin.render.console import visible
    from pokin.render.github import render_github
    from pokin.render.problems import render_json

    report = check_loaded(load_text(text, "hostile.yaml"))
    assert all(_located(p, text) for p in report.problems)
    assert not any(p.code == "E001" for p in report.problems)
    full = Report([report])
    for line in render_github(full).split("\n"):
        assert not line.startswith("::") or line.startswith(("::error ", "::warning "))
        assert "\x1b" not in line
    render_json(full)
    for p in report.problems:
        shown = visible(p.message)
        assert not any(ch in shown for ch in "\x1b\x07\u202e\n")
    plan = report.plan
    if plan is None:
        return
    from pokin.render.budget import render_csv, render_md
    from pokin.render.diff import plain_text, render_markdown
    from pokin.views.budget import budget_view
    from pokin.views.diff import compare

    for by in ("program", "csf", "jabatan"):
        view = budget_view(plan, by, None)
        render_csv(view)
        assert "<img" not in render_md(view)
    original = load_text(EXAMPLE.read_bytes(), "example.yaml").plan
    changes = compare(original, plan)
    assert not any(ch in plain_text(changes) for ch in "\x1b\x07\u202e")
    markdown = render_markdown(changes)
    assert "<img" not in markdown and "![x](" not in markdown
