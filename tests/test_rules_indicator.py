"""Indicator rules I001–I010 on inline plans: exact (code, line) pairs."""

from __future__ import annotations

import pytest

from pokin.check.engine import Selection, check_loaded
from pokin.check.rules.indicator import unit_of, word_kind
from pokin.source.load import load_text
from tests.helpers import MINIMAL, edit, found


def test_i001_node_without_indicator() -> None:
    text = edit(MINIMAL, {28: "  catatan: x", 29: "  # -", 30: "  # -"})
    assert found(text, "I001") == [("I001", 26)]


def test_i002_program_indicator_without_target() -> None:
    text = edit(MINIMAL, {49: "            catatan: target belum ditetapkan"})
    assert found(text, "I002") == [("I002", 47)]


def test_i002_outcome_and_csf_need_no_target() -> None:
    # MINIMAL's outcome (line 29) and CSF (line 36) indicators carry no target
    assert found(MINIMAL, "I002") == []


def test_i002_subkegiatan_without_target() -> None:
    text = edit(MINIMAL, {71: "                    catatan: x"})
    assert found(text, "I002") == [("I002", 69)]


def test_i003_indicator_without_satuan_on_nodes_and_renstra() -> None:
    text = edit(MINIMAL, {11: "          catatan: x", 59: "                catatan: y"})
    assert found(text, "I003") == [("I003", 10), ("I003", 58)]


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        (49, "            target: 193.59", [("I004", 49)]),
        (49, "            target: -5", [("I004", 49)]),
        (49, "            target: 100", []),
        (49, "            target: 0", []),
        (12, "          target: {2021: 70.05, 2025: 190.05}", [("I004", 12)]),
    ],
)
def test_i004_percent_target_outside_0_100(
    line: int, value: str, expected: list[tuple[str, int]]
) -> None:
    assert found(edit(MINIMAL, {line: value}), "I004") == expected


def test_i005_jumlah_with_percent_and_persentase_with_count_unit() -> None:
    text = edit(
        MINIMAL,
        {
            48: "            satuan: orang",  # "Persentase korban bencana ..." in orang
            59: '                satuan: "%"',  # "Jumlah korban bencana ..." in %
            60: "                target: 55",
        },
    )
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(["I005"]))
    assert [(p.code, p.line, p.node, p.severity) for p in report.problems] == [
        ("I005", 48, "prog-1", "warning"),
        ("I005", 59, "keg-1", "warning"),
    ]


def test_i005_recognises_a_misspelt_jumlah() -> None:
    text = edit(
        MINIMAL,
        {
            58: "              - uraian: Jualah korban bencana yang terpenuhi kebutuhan dasarnya",
            59: '                satuan: "%"',
        },
    )
    assert found(text, "I005") == [("I005", 59)]


def test_i006_indicator_repeating_the_statement() -> None:
    # line 64: "kinerja: Terpenuhinya kebutuhan permakanan korban bencana"
    text = edit(
        MINIMAL,
        {69: "                  - uraian: Terpenuhinya Kebutuhan Permakanan, Korban Bencana"},
    )
    assert found(text, "I006") == [("I006", 69)]


def test_i007_subkegiatan_indicator_that_is_not_an_output_count() -> None:
    text = edit(
        MINIMAL,
        {
            69: "                  - uraian: Persentase orang yang mendapatkan permakanan",
            70: '                    satuan: "%"',
            71: "                    target: 100",
        },
    )
    assert found(text, "I007") == [("I007", 69)]


def test_i007_count_unit_without_jumlah_is_an_output() -> None:
    text = edit(MINIMAL, {69: "                  - uraian: Orang yang mendapatkan permakanan"})
    assert found(text, "I007") == []


def test_i008_program_indicator_that_is_a_count() -> None:
    text = edit(
        MINIMAL,
        {
            47: "          - uraian: Jumlah korban bencana yang menerima bantuan sosial",
            48: "            satuan: orang",
        },
    )
    assert found(text, "I008") == [("I008", 47)]


def test_i008_accepts_misspelt_presentase_and_percent_units() -> None:
    text = edit(
        MINIMAL,
        {
            47: "          - uraian: Presentase korban bencana yang menerima bantuan social",
            # no outcome word, but in %
            29: '    - {uraian: Kesejahteraan PPKS yang meningkat, satuan: "%",',
        },
    )
    assert found(text, "I008") == []


def test_i009_duplicate_statement_among_siblings() -> None:
    # sub-2 without a kode of its own (line 75): a copy left unedited
    text = edit(
        MINIMAL,
        {
            73: "                kinerja: Terpenuhinya Kebutuhan Permakanan Korban Bencana.",
            75: "                # kode: none",
        },
    )
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(["I009"]))
    assert [(p.code, p.line, p.node) for p in report.problems] == [("I009", 73, "sub-2")]
    assert report.problems[0].severity == "warning"
    assert "'sub-1'" in report.problems[0].message
    # the same kode twice is a copy too
    same_kode = text.replace("# kode: none", 'kode: "1.06.06.2.01.0001"')
    assert found(same_kode, "I009") == [("I009", 73)]


def test_i009_silent_when_siblings_carry_different_kode() -> None:
    # one box of the pohon kinerja, two components (PermenPAN-RB 89/2021)
    text = edit(
        MINIMAL, {73: "                kinerja: Terpenuhinya Kebutuhan Permakanan Korban Bencana."}
    )
    assert found(text, "I009") == []


def test_i009_same_statement_under_different_parents_is_fine() -> None:
    # the CSF (line 34) and sub-2 are not siblings
    text = edit(MINIMAL, {73: "                kinerja: Meningkatnya Pelayanan Sosial PPKS"})
    assert found(text, "I009") == []


def test_i010_target_year_outside_periode() -> None:
    text = edit(MINIMAL, {12: "          target: {2020: 70.05, 2025: 90.05}"})
    assert found(text, "I010") == [("I010", 12)]


@pytest.mark.parametrize(
    ("uraian", "kind"),
    [
        ("Jumlah orang", "count"),
        ("Jualah jasa", "count"),
        ("Banyaknya lembaga", "count"),
        ("Persentase PPKS", "percent"),
        ("Presentase korban", "percent"),
        ("Prosentase korban", "percent"),
        ("Indeks Kepuasan Masyarakat", "outcome"),
        ("Rata-rata lama layanan", "outcome"),
        ("Tingkat kemiskinan", "outcome"),
        ("Penyandang disabilitas terlantar", "other"),
        ("(PMKS) yang tertangani", "other"),
    ],
)
def test_word_kind(uraian: str, kind: str) -> None:
    assert word_kind(uraian) == kind


def test_unit_of() -> None:
    assert unit_of("orang/bulan") == "orang"
    assert unit_of(" % ") == "%"
    assert unit_of("TMP") == "tmp"
    assert unit_of(None) == ""


def test_i012_pk_rows_without_a_target() -> None:
    # MINIMAL's outcome (line 29) and CSF (line 36) indicators go into the Kepala Dinas PK
    assert found(MINIMAL, "I012") == []
    untargeted = edit(
        MINIMAL,
        {30: ("       target: 80}", "       }"), 37: ("         target: 85}", "         }")},
    )
    assert found(untargeted, "I012") == [("I012", 29), ("I012", 36)]
    # on by default, a warning
    assert [c for c in found(untargeted) if c[0] == "I012"] == [("I012", 29), ("I012", 36)]


def test_i012_yearly_target_without_the_plan_year() -> None:
    text = edit(MINIMAL, {49: "            target: {2024: 90}"})
    assert found(text, "I012") == [("I012", 47)]
