"""The evaluator's checks (I013–I016, C010, C011) and the false alarms fixed in I004, I007."""

from __future__ import annotations

import pytest

from pokin.check.engine import Selection, check_loaded
from pokin.source.load import load_text
from tests.helpers import EXAMPLE, MINIMAL, edit, found

#: MINIMAL with Tahap 1 sources and targets on the outcome and CSF: no evaluator warning.
COMPLETE = MINIMAL.replace(
    "  pj: kadis\ncsf:",
    "  pj: kadis\n  ekspektasi: [Bantuan KUBE]\n  mandat: [Penanganan bencana]\n"
    "  isu_strategis: [Perlindungan sosial kelompok rentan]\ncsf:",
).replace(
    '      - uraian: Persentase PPKS yang terlayani\n        satuan: "%"\n',
    '      - uraian: Persentase PPKS yang terlayani\n        satuan: "%"\n        target: 90\n',
)
EVALUATOR = ("I013", "I014", "I015", "I016", "C010", "C011")


def severities(text: str, *codes: str) -> list[tuple[str, int, str]]:
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(codes))
    return [(p.code, p.line, p.severity) for p in report.problems]


def test_complete_plan_has_no_evaluator_warning() -> None:
    assert found(COMPLETE, *EVALUATOR) == []


def test_minimal_plan_gets_i016() -> None:
    assert severities(MINIMAL, *EVALUATOR) == [("I016", 26, "warning")]


def test_c010_kadis_without_any_target() -> None:
    # the outcome (line 30) and CSF (line 37) targets gone: kadis has nothing to sign
    text = edit(
        MINIMAL,
        {30: ("       target: 80}", "       }"), 37: ("         target: 85}", "         }")},
    )
    assert severities(text, "C010") == [("C010", 14, "warning")]


# --- I013 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        # the rule's docstring: a last step of 17.67 against a median of 6.33
        ("{2021: 63.32, 2022: 69.65, 2023: 75.99, 2024: 82.32, 2025: 99.99}", [("I013", 12)]),
        ("{2021: 63.32, 2022: 69.65, 2023: 75.99, 2024: 82.32, 2025: 88.65}", []),
        # a reversal
        ("{2021: 70.05, 2022: 75.05, 2023: 74.05, 2024: 80.05, 2025: 85.05}", [("I013", 12)]),
        # steady downwards is steady
        ("{2021: 30, 2022: 25, 2023: 20, 2024: 15, 2025: 10}", []),
        # years apart: the step is per year
        ("{2021: 60, 2023: 70, 2024: 75, 2025: 80}", []),
        # two years are no series
        ("{2021: 70.05, 2025: 90.05}", []),
    ],
)
def test_i013_renstra_series_that_jumps_or_turns_back(
    series: str, expected: list[tuple[str, int]]
) -> None:
    assert found(edit(MINIMAL, {12: f"          target: {series}"}), "I013") == expected


def test_i013_on_the_example_renstra() -> None:
    # the tujuan's 82,32 → 94,99 is exactly twice its median step: not over it
    assert found(EXAMPLE.read_text(encoding="utf-8"), "I013") == []


# --- I014 -----------------------------------------------------------------------------


def test_i014_csf_target_differs_from_the_renstra_target() -> None:
    # the CSF measures the Renstra sasaran's own indicator (line 36), target 92 against 90,05
    text = edit(
        MINIMAL,
        {
            36: '      - {uraian: Persentase PMKS yang tertangani, satuan: "%",',
            37: ("         target: 85}", "         target: 92}"),
        },
    )
    problems = check_loaded(load_text(text, "plan.yaml"), Selection.of(["I014"])).problems
    assert [(p.code, p.line, p.node) for p in problems] == [("I014", 37, "csf-1")]
    assert "(92) berbeda dengan target Renstra 'rs-1' (90,05)" in problems[0].message
    assert found(text.replace("target: 92}", "target: 90.05}"), "I014") == []


def test_i014_program_yearly_target_compared_year_by_year() -> None:
    text = edit(
        MINIMAL,
        {
            47: "          - uraian: Persentase PMKS yang tertangani",
            49: "            target: {2021: 70.05, 2025: 91}",
        },
    )
    assert found(text, "I014") == [("I014", 49)]


# --- I015 -----------------------------------------------------------------------------


def test_i015_activity_worded_statement_above_sub_kegiatan() -> None:
    keg = MINIMAL.replace(
        "kinerja: Terpenuhinya kebutuhan dasar korban bencana",
        "kinerja: Terlaksananya pemenuhan kebutuhan dasar korban bencana",
    )
    assert found(keg, "I015") == [("I015", 53)]
    sub = MINIMAL.replace(
        "kinerja: Terpenuhinya kebutuhan permakanan korban bencana",
        "kinerja: Terlaksananya permakanan korban bencana",
    )
    assert found(sub, "I015") == []  # sub kegiatan may state the activity


# --- I016 -----------------------------------------------------------------------------


def test_i016_names_the_missing_sources() -> None:
    text = COMPLETE.replace("  mandat: [Penanganan bencana]\n", "")
    problems = check_loaded(load_text(text, "plan.yaml"), Selection.of(["I016"])).problems
    assert [(p.code, p.line) for p in problems] == [("I016", 26)]
    assert "tidak mencantumkan mandat:" in problems[0].message
    bare = check_loaded(load_text(MINIMAL, "plan.yaml"), Selection.of(["I016"])).problems
    assert "mandat, isu strategis dan ekspektasi:" in bare[0].message


# --- C010, C011 -----------------------------------------------------------------------


def test_c010_jabatan_whose_kinerja_has_no_target_for_tahun() -> None:
    # kabid's program target moved to another year: kabid signs nothing for 2025
    assert found(COMPLETE, "C010") == []
    lines = COMPLETE.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.strip() == "target: 93.59")
    text = edit(COMPLETE, {number: "            target: {2024: 93.59}"})
    assert found(text, "C010") == [("C010", 17)]


def test_c010_not_for_the_rpjmd_pj_nor_an_unused_jabatan() -> None:
    text = MINIMAL.replace(
        "jabatan:\n",
        "rpjmd:\n  sasaran: Menguatnya penanganan PMKS\n  pj: bupati\njabatan:\n"
        "  - {id: bupati, nama: Bupati, eselon: kepala_daerah}\n"
        "  - {id: lama, nama: Kepala Seksi Lama, eselon: IV}\n",
    )
    text = text.replace("       target: 80}", "       }").replace(
        "         target: 85}", "         }"
    )
    assert [code for code, _ in found(text, "C010")] == ["C010"]  # kadis only


def test_c011_csf_without_renstra_in_a_plan_that_lists_sasaran() -> None:
    text = edit(MINIMAL, {39: "    # renstra: rs-1"})
    problems = check_loaded(load_text(text, "plan.yaml"), Selection.of(["C011"])).problems
    assert [(p.code, p.line, p.severity) for p in problems] == [("C011", 33, "warning")]
    assert "rs-1" in problems[0].message
    assert found(MINIMAL, "C011") == []


# --- false alarms -------------------------------------------------------------------------


def test_i004_growth_and_ratio_over_100_percent_is_a_warning() -> None:
    growth = edit(
        MINIMAL,
        {
            47: "          - uraian: Peningkatan Jumlah Penerima Bantuan Sosial",
            49: "            target: 120",
        },
    )
    assert severities(growth, "I004") == [("I004", 49, "warning")]
    share = edit(MINIMAL, {49: "            target: 120"})
    assert severities(share, "I004") == [("I004", 49, "error")]


KOTA = MINIMAL.replace("Dinas Contoh", "Dinas Sosial Kota Contoh")


def test_i007_silent_on_the_official_indikator_of_the_kode() -> None:
    # 1.06.06.2.01.0001's official indikator, with the '%' it should not have: still
    # the official wording, so not flagged by I007 (N005 reports the satuan)
    official = "Jumlah Orang yang Mendapatkan Permakanan 3x1 Hari dalam Masa Tanggap Darurat"
    persen = edit(KOTA, {69: "                  - uraian: Persentase " + official[7:]})
    assert found(persen, "I007") == [("I007", 69)]
    from pokin.nomenclature import lookup

    entry = lookup("1.06.06.2.01.0001", "kepmendagri-900", "kota")
    assert entry is not None and entry.indikator is not None
    wording = edit(
        KOTA,
        {
            69: f"                  - uraian: {entry.indikator}",
            70: "                    satuan: Hari",
        },
    )
    assert found(wording, "I007") == []
    assert (
        found(
            edit(
                MINIMAL,
                {
                    69: f"                  - uraian: {entry.indikator}",
                    70: "                    satuan: Hari",
                },
            ),
            "I007",
        )
        == []
    )


@pytest.mark.parametrize("satuan", ["Km", "Ha", "m³", "Unit", "Ruang", "Ton"])
def test_i007_learns_the_official_satuan(satuan: str) -> None:
    text = edit(
        MINIMAL,
        {
            69: "                  - uraian: Panjang jalan lingkungan yang dibangun",
            70: f"                    satuan: {satuan}",
        },
    )
    assert found(text, "I007") == []
    assert found(edit(text, {70: "                    satuan: zzz"}), "I007") == [("I007", 69)]
