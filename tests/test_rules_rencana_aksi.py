"""Rencana aksi rules T001–T005 on inline plans: exact (code, line) pairs."""

from __future__ import annotations

import pytest

from tests.helpers import MINIMAL, assert_loads, found

_SUB1 = "                    "  # the indentation of sub-1's indicator keys (lines 69-71)
_PROG = "            "  # the program's indicator keys (lines 47-49)


def insert(base: str, after: int, *lines: str) -> str:
    """``base`` with ``lines`` inserted after line ``after`` (1-based)."""
    rows = base.splitlines()
    rows[after:after] = lines
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    ("quarters", "expected"),
    [
        ("[10, 25, 40, 50]", [("T001", 72)]),
        ("[10, 25, 40, 55]", []),
        ('["10", "25", "40", "55"]', []),
    ],
)
def test_t001_tw_iv_equals_the_year_target(quarters: str, expected: list[tuple[str, int]]) -> None:
    text = insert(MINIMAL, 71, f"{_SUB1}target_triwulan: {quarters}")
    assert_loads(text)
    assert found(text, "rencana-aksi") == expected


def test_t001_reads_the_plan_year_of_a_yearly_target() -> None:
    text = insert(MINIMAL, 12, "          target_triwulan: [70, 80, 85, 90.05]")
    # a Renstra item is no node: rencana aksi belongs to the plan's own tree
    assert found(text, "T001") == []
    text = MINIMAL.replace(
        f"{_PROG}target: 93.59",
        f"{_PROG}target: {{2025: 93.59}}\n{_PROG}target_triwulan: [1, 2, 3, 4]",
    )
    assert found(text, "T001") == [("T001", 50)]


def test_t002_naik_values_do_not_fall_and_turun_values_do_not_rise() -> None:
    naik = insert(MINIMAL, 71, f"{_SUB1}target_triwulan: [10, 30, 25, 55]")
    assert found(naik, "T002") == [("T002", 72)]
    turun = insert(MINIMAL, 71, f"{_SUB1}target_triwulan: [80, 70, 75, 55]", f"{_SUB1}arah: turun")
    assert found(turun, "rencana-aksi") == [("T002", 72)]
    tetap = insert(MINIMAL, 71, f"{_SUB1}target_triwulan: [55, 50, 60, 55]", f"{_SUB1}arah: tetap")
    assert found(tetap, "rencana-aksi") == []


def test_t003_percent_quarter_target_outside_0_100() -> None:
    text = insert(MINIMAL, 49, f"{_PROG}target_triwulan: [25, 50, 75, 193.59]")
    assert found(text, "T003") == [("T003", 50)]
    growth = text.replace("Persentase korban", "Peningkatan persentase korban")
    assert found(growth, "T003") == []


def test_t004_quarter_targets_without_a_year_target() -> None:
    text = MINIMAL.replace(
        f"{_SUB1}target: 55\n              - id: sub-2",
        f"{_SUB1}target_triwulan: [10, 25, 40, 55]\n              - id: sub-2",
    )
    assert found(text, "rencana-aksi") == [("T004", 71)]


def test_t005_kebalikan_only_for_turun() -> None:
    text = insert(MINIMAL, 71, f"{_SUB1}metode_capaian: kebalikan")
    assert found(text, "T005") == [("T005", 72)]
    assert found(insert(text, 72, f"{_SUB1}arah: turun"), "T005") == []


@pytest.mark.parametrize(
    ("line", "expected_code"),
    [
        (f"{_SUB1}target_triwulan: [10, 25, 55]", "S005"),
        (f"{_SUB1}target_triwulan: [10, 25, 40, x]", "S005"),
        (f"{_SUB1}arah: atas", "S004"),
        (f"{_SUB1}metode_capaian: rata", "S004"),
    ],
)
def test_bad_rencana_aksi_values_are_located_schema_errors(line: str, expected_code: str) -> None:
    text = insert(MINIMAL, 71, line)
    assert found(text) == [(expected_code, 72)]


def test_percent_quarter_targets_accept_indonesian_notation() -> None:
    text = insert(MINIMAL, 49, f'{_PROG}target_triwulan: ["25,5", "50%", "75", "93,59%"]')
    assert found(text, "rencana-aksi") == []
