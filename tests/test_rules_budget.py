"""Budget rules B002–B004 on inline plans: exact (code, line) pairs."""

from __future__ import annotations

from pokin.check.engine import Selection, check_loaded
from pokin.source.load import load_text
from tests.helpers import MINIMAL, edit, found


def test_minimal_plan_is_clean_under_every_rule() -> None:
    # only the evaluator's warning: the outcome lists no Tahap 1 sources
    assert found(MINIMAL) == [("I016", 26)]


def test_b002_subkegiatan_without_anggaran_is_reported_at_its_id_line() -> None:
    text = edit(MINIMAL, {67: "                catatan: belum dianggarkan"})
    assert found(text, "B002") == [("B002", 63)]


def test_b002_kegiatan_and_program_may_omit_anggaran() -> None:
    text = edit(MINIMAL, {45: "        # no anggaran", 56: "            # no anggaran"})
    assert found(text, "B002") == []


def test_b003_zero_anggaran_is_a_warning_at_the_anggaran_line() -> None:
    text = edit(
        MINIMAL,
        {
            67: "                anggaran: 0",
            45: "        anggaran: 100",
            56: "            anggaran: 100",
        },
    )
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(["B003"]))
    assert [(p.code, p.line, p.severity, p.node) for p in report.problems] == [
        ("B003", 67, "warning", "sub-1")
    ]
    assert "Rp 0 untuk tahun 2025" in report.problems[0].message
    # nothing else (beyond MINIMAL's I016): no I002 for its target either
    assert found(text) == [("I016", 26), ("B003", 67)]


def test_b003_zero_for_the_plan_year_in_a_yearly_mapping() -> None:
    text = edit(MINIMAL, {67: "                anggaran: {2024: 50, 2025: 0}"})
    assert found(text, "B003") == [("B003", 67)]
    text = edit(MINIMAL, {67: "                anggaran: {2024: 0, 2025: 200}"})
    assert found(text, "B003") == []


def test_b004_yearly_anggaran_key_outside_periode() -> None:
    text = edit(MINIMAL, {45: "        anggaran: {2025: 300, 2026: 5}"})
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(["B004"]))
    assert [(p.code, p.line, p.column) for p in report.problems] == [("B004", 45, 31)]
    assert "Tahun 2026" in report.problems[0].message
    assert "2021–2025" in report.problems[0].message


def test_b004_not_checked_without_periode() -> None:
    text = edit(MINIMAL, {4: "# periode not given", 45: "        anggaran: {2025: 300, 2026: 5}"})
    assert found(text, "B004") == []
