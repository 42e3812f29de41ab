"""Inline suppressions `# pokin: ignore[CODE]` and E002 for those that suppress nothing."""

from __future__ import annotations

from pokin.check.engine import Selection, check_loaded
from pokin.check.suppress import find_suppressions
from pokin.source.load import load_text
from tests.helpers import MINIMAL, edit

#: MINIMAL's own evaluator warnings (kadis signs no target; no Tahap 1 sources).
QUIET = ("C010", "I016")


def problems(text: str, *select: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of every problem the selected rules report on ``text``."""
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(select))
    return [(p.code, p.line, p.column) for p in report.problems]


MISMATCH = {45: "        anggaran: 999"}  # prog-1 declares 999, its kegiatan sum to 300


def test_mismatch_is_reported_without_suppression() -> None:
    assert problems(edit(MINIMAL, MISMATCH), "budget", "engine") == [("B001", 45, 19)]


def test_suppression_on_the_problem_line() -> None:
    text = edit(MINIMAL, {45: "        anggaran: 999  # pokin: ignore[B001]"})
    assert problems(text, "budget", "engine") == []


def test_suppression_on_the_node_id_line() -> None:
    text = edit(MINIMAL, {**MISMATCH, 41: "      - id: prog-1  # pokin: ignore[B001]"})
    assert problems(text, "budget", "engine") == []


def test_suppression_with_a_reason_after_it() -> None:
    text = edit(MINIMAL, {**MISMATCH, 41: "      - id: prog-1  # pokin: ignore[B001] menurut DPA"})
    assert problems(text, "budget", "engine") == []


def test_suppression_by_group_and_several_codes() -> None:
    text = edit(MINIMAL, {**MISMATCH, 41: "      - id: prog-1  # pokin: ignore[budget]"})
    assert problems(text, "budget", "engine") == []
    text = edit(
        MINIMAL,
        {
            **MISMATCH,
            50: "        catatan: x",
            41: "      - id: prog-1  # pokin: ignore[B001, C006]",
        },
    )
    # kabid, no longer pj of prog-1, then signs no target (C010 at its jabatan)
    assert problems(text, "budget", "cascade", "engine") == [("C010", 17, 5)]


def test_suppression_on_another_node_does_not_apply_and_is_reported() -> None:
    text = edit(MINIMAL, {**MISMATCH, 52: "          - id: keg-1  # pokin: ignore[B001]"})
    assert problems(text, "budget", "engine") == [("B001", 45, 19), ("E002", 52, 24)]


def test_unused_suppression_is_e002_warning() -> None:
    text = edit(MINIMAL, {41: "      - id: prog-1  # pokin: ignore[B001]"})
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of((), QUIET))
    assert [(p.code, p.line, p.column, p.severity) for p in report.problems] == [
        ("E002", 41, 21, "warning")
    ]


def test_unknown_code_and_malformed_comment_are_e002() -> None:
    text = edit(
        MINIMAL,
        {
            41: "      - id: prog-1  # pokin: ignore[B999]",
            52: "          - id: keg-1  # pokin: ignor B001",
        },
    )
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of((), QUIET))
    assert [(p.code, p.line) for p in report.problems] == [("E002", 41), ("E002", 52)]
    assert "B999" in report.problems[0].message


def test_suppressions_of_rules_that_did_not_run_are_not_judged() -> None:
    text = edit(MINIMAL, {41: "      - id: prog-1  # pokin: ignore[I005]"})
    assert problems(text, "budget", "engine") == []
    assert problems(text, "indicator", "engine") == [("I016", 26, 3), ("E002", 41, 21)]


def test_e002_can_be_ignored() -> None:
    text = edit(MINIMAL, {41: "      - id: prog-1  # pokin: ignore[B001]"})
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of((), ["E002", *QUIET]))
    assert report.problems == []


def test_comment_marker_inside_a_quoted_value_is_not_a_suppression() -> None:
    assert find_suppressions('catatan: "lihat#pokin: ignore[B001]"\n') == {}
    found = find_suppressions("anggaran: 1  # pokin: ignore[b001,I005]  # alasan\n")
    assert [(s.line, s.column, s.names) for s in found.values()] == [(1, 14, ("B001", "I005"))]
