"""Nomenclature rules N001–N002 on inline plans: exact (code, line) pairs."""

from __future__ import annotations

import pytest

from pokin.check.engine import Selection, check_loaded
from pokin.source.load import load_text
from tests.helpers import MINIMAL, found


def kodes(program: str, kegiatan: str, sub1: str, sub2: str) -> str:
    """MINIMAL with its four codes (lines 44, 55, 66, 75) replaced."""
    return (
        MINIMAL.replace('"1.06.06.2.01.0001"', f'"{sub1}"')
        .replace('"1.06.06.2.01.0002"', f'"{sub2}"')
        .replace('"1.06.06.2.01"', f'"{kegiatan}"')
        .replace('"1.06.06"', f'"{program}"')
    )


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (("1.06.06", "1.06.06.2.01", "1.06.06.2.01.1", "1.06.06.2.01.0002"), [("N001", 66)]),
        (("1.6.06", "1.06.06.2.01", "1.06.06.2.01.0001", "1.06.06.2.01.0002"), [("N001", 44)]),
        (("1.06.06", "1.06.06.02.01", "1.06.06.2.01.0001", "1.06.06.2.01.0002"), [("N001", 55)]),
        (("1.06.06.2", "1.06.06.2.01", "1.06.06.2.01.0001", "1.06.06.2.01.0002"), [("N001", 44)]),
        (("X.XX.01", "X.XX.01.2.01", "X.XX.01.2.01.0001", "X.XX.01.2.01.0002"), []),
        # a mixed urusan/bidang is no code (X.XX or digits, not both)
        (
            ("1.XX.01", "1.XX.01.2.01", "1.XX.01.2.01.0001", "1.XX.01.2.01.0002"),
            [("N001", 44), ("N001", 55), ("N001", 66), ("N001", 75)],
        ),
        (
            ("X.06.01", "X.06.01.2.01", "X.06.01.2.01.0001", "X.06.01.2.01.0002"),
            [("N001", 44), ("N001", 55), ("N001", 66), ("N001", 75)],
        ),
        # the 2-digit sub kegiatan part of some SIPD prints
        (("4.01.05", "4.01.05.1.01", "4.01.05.1.01.01", "4.01.05.1.01.02"), []),
        (("1.06.06", "1.06.06.2.01", "1.06.06.2.01.001", "1.06.06.2.01.0002"), [("N001", 66)]),
    ],
)
def test_n001_kode_shape_per_level(
    codes: tuple[str, str, str, str], expected: list[tuple[str, int]]
) -> None:
    assert found(kodes(*codes), "N001") == expected


def test_n002_kode_not_nested_under_parent() -> None:
    text = kodes("1.06.06", "1.06.04.2.01", "1.06.06.2.01.0001", "1.06.04.2.01.0002")
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(["N002"]))
    assert [(p.code, p.line, p.node) for p in report.problems] == [
        ("N002", 55, "keg-1"),
        ("N002", 66, "sub-1"),
    ]
    assert "'1.06.06'" in report.problems[0].message


def test_n002_skips_malformed_and_missing_codes() -> None:
    text = kodes("1.6.06", "1.06.04.2.01", "1.06.04.2.01.0001", "1.06.04.2.01.0002")
    assert found(text, "N002") == []
    no_program_kode = MINIMAL.replace('        kode: "1.06.06"\n', "        # no kode\n")
    assert found(no_program_kode.replace('"1.06.06.2.01"', '"1.06.04.2.01"'), "N002") == [
        ("N002", 66),
        ("N002", 75),
    ]
