"""`pokin budget` on the example plan: every view and format against the seed.

Figures are the seed's (Tahap 5, lembar 5.3, "Anggaran"), added by hand:

* programs: bencana 372.250.370, rehsos 306.749.630, linjamsos 100.000.000,
  migran 23.000.000, dayasos 150.000.000, tmp 32.400.000,
  penunjang 5.328.418.993 — total 6.312.818.993;
* CSF I pelayanan-sosial = bencana + rehsos + linjamsos + migran = 802.000.000,
  CSF II psks = dayasos + tmp = 182.400.000,
  CSF III akuntabilitas = penunjang = 5.328.418.993;
* per jabatan (what each position answers for, as in its PK): kadis = the
  outcome = 6.312.818.993; kabid-linjamsos (programs bencana + linjamsos) and
  jf-linjamsos (their kegiatan) = 472.250.370; kabid-rehsos and jf-rehsos
  (rehsos + migran) = 329.749.630; kabid-dayasos and jf-dayasos (dayasos +
  tmp) = 182.400.000; sekretaris and jf-sekretariat (penunjang) =
  5.328.418.993.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pokin.source.load import load_file
from pokin.views.budget import budget_view
from tests.helpers import EXAMPLE, run_pokin

TOTAL = 6_312_818_993
PROGRAMS = {
    "bencana": 372_250_370,
    "rehsos": 306_749_630,
    "linjamsos": 100_000_000,
    "migran": 23_000_000,
    "dayasos": 150_000_000,
    "tmp": 32_400_000,
    "penunjang": 5_328_418_993,
}
CSF = {"pelayanan-sosial": 802_000_000, "psks": 182_400_000, "akuntabilitas": 5_328_418_993}
# in the order of the atasan tree (jabatan list order among siblings)
JABATAN = {
    "kadis": 6_312_818_993,
    "sekretaris": 5_328_418_993,
    "jf-sekretariat": 5_328_418_993,
    "kabid-linjamsos": 472_250_370,
    "jf-linjamsos": 472_250_370,
    "kabid-rehsos": 329_749_630,
    "jf-rehsos": 329_749_630,
    "kabid-dayasos": 182_400_000,
    "jf-dayasos": 182_400_000,
}
# seed lembar 5.3, kegiatan of the seven programs
KEGIATAN = {
    "bencana-kebutuhan-dasar": 372_250_370,
    "rehsos-dasar-luar-panti": 266_749_630,
    "rehsos-pmks-lainnya": 40_000_000,
    "linjamsos-data-fakir-miskin": 100_000_000,
    "migran-pemulangan": 23_000_000,
    "dayasos-psks": 150_000_000,
    "tmp-pemeliharaan": 32_400_000,
    "penunjang-perencanaan": 140_241_400,
    "penunjang-keuangan": 3_710_085_665,
    "penunjang-kepegawaian": 65_510_000,
    "penunjang-umum": 667_292_466,
    "penunjang-jasa": 514_997_012,
    "penunjang-pemeliharaan-bmd": 230_292_450,
}
SUBKEGIATAN_COUNT = 44  # 5 + 12 + 2 + 1 + 1 + 1 + 2 + 2 + 2 + 1 + 8 + 3 + 4


def test_seed_figures_add_up() -> None:
    """The hand-computed figures agree with each other before they test anything."""
    assert sum(PROGRAMS.values()) == TOTAL
    assert sum(CSF.values()) == TOTAL
    assert sum(KEGIATAN.values()) == TOTAL
    # positions nest: the Kepala Dinas answers for all, each Kepala Bidang
    # (and the Sekretaris) for their programs, each fungsional for the same money
    assert JABATAN["kadis"] == TOTAL
    heads = ("sekretaris", "kabid-linjamsos", "kabid-rehsos", "kabid-dayasos")
    assert sum(JABATAN[h] for h in heads) == TOTAL


def _json(*args: str) -> tuple[int, dict[str, object]]:
    run = run_pokin("budget", str(EXAMPLE), "--format", "json", *args)
    return run.code, json.loads(run.stdout)


def test_program_view_json_is_every_budget_node_with_seed_figures() -> None:
    code, doc = _json()
    assert code == 0
    assert list(doc) == ["format_version", "total", "rows"]
    assert doc["format_version"] == 1
    assert doc["total"] == TOTAL
    rows = doc["rows"]
    assert isinstance(rows, list)
    for row in rows:
        assert list(row) == ["id", "level", "declared", "computed", "difference", "share"]
        assert row["difference"] == 0
    by_level: dict[str, list[str]] = {}
    for row in rows:
        by_level.setdefault(row["level"], []).append(row["id"])
    assert by_level["program"] == list(PROGRAMS)
    assert by_level["kegiatan"] == list(KEGIATAN)
    assert len(by_level["subkegiatan"]) == SUBKEGIATAN_COUNT
    assert set(by_level) == {"program", "kegiatan", "subkegiatan"}
    amounts = {row["id"]: (row["declared"], row["computed"]) for row in rows}
    for ident, amount in {**PROGRAMS, **KEGIATAN}.items():
        assert amounts[ident] == (amount, amount)
    assert amounts["rehsos-adminduk"] == (271_000, 271_000)
    assert amounts["tmp-pengamanan"] == (0, 0)
    share = {row["id"]: row["share"] for row in rows}
    assert share["penunjang"] == round(5_328_418_993 / TOTAL, 6) == 0.844063
    assert share["bencana"] == round(372_250_370 / TOTAL, 6)


def test_program_view_is_a_tree_in_file_order() -> None:
    result = load_file(EXAMPLE)
    assert result.plan is not None
    view = budget_view(result.plan)
    ids = [row.id for row in view.rows]
    assert ids[:7] == [
        "bencana",
        "bencana-kebutuhan-dasar",
        "bencana-permakanan",
        "bencana-kelompok-rentan",
        "bencana-sandang",
        "bencana-penampungan",
        "bencana-psikososial",
    ]
    assert ids[7:9] == ["rehsos", "rehsos-dasar-luar-panti"]
    assert [row.indent for row in view.rows[:3]] == [0, 1, 2]
    assert view.exit_code == 0
    assert view.total == {2025: TOTAL}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--depth", "1"), list(PROGRAMS)),
        (("--by", "csf"), list(CSF)),
        (("--by", "jabatan"), list(JABATAN)),
    ],
)
def test_view_rows_and_amounts(args: tuple[str, ...], expected: list[str]) -> None:
    code, doc = _json(*args)
    assert code == 0
    rows = doc["rows"]
    assert isinstance(rows, list)
    assert [row["id"] for row in rows] == expected
    figures = {**PROGRAMS, **CSF, **JABATAN}
    for row in rows:
        assert row["computed"] == figures[row["id"]]
        assert row["difference"] == 0
    if "jabatan" in args:  # nested positions: the first (Kepala Dinas) holds it all
        assert (rows[0]["computed"], rows[0]["share"]) == (TOTAL, 1.0)
    else:
        assert sum(row["computed"] for row in rows) == TOTAL
        assert round(sum(row["share"] for row in rows), 5) == 1.0


def test_csf_view_declares_nothing_and_goes_deeper_with_depth() -> None:
    code, doc = _json("--by", "csf", "--depth", "2")
    assert code == 0
    rows = doc["rows"]
    assert isinstance(rows, list)
    assert [(r["level"], r["id"]) for r in rows][:6] == [
        ("csf", "pelayanan-sosial"),
        ("program", "bencana"),
        ("program", "rehsos"),
        ("program", "linjamsos"),
        ("program", "migran"),
        ("csf", "psks"),
    ]
    assert len(rows) == 3 + 7
    assert all(r["declared"] is None for r in rows if r["level"] == "csf")


def test_depth_two_of_program_view() -> None:
    code, doc = _json("--depth", "2")
    rows = doc["rows"]
    assert isinstance(rows, list)
    assert code == 0
    assert len(rows) == 7 + len(KEGIATAN)
    assert {r["level"] for r in rows} == {"program", "kegiatan"}


def test_human_table_shows_every_line_and_the_total_last() -> None:
    run = run_pokin("budget", str(EXAMPLE))
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == (
        "Anggaran Dinas Sosial Kabupaten Kotawaringin Timur, tahun 2025, "
        "per program, kegiatan dan sub kegiatan"
    )
    table = "\n".join(lines)
    for ident in [*PROGRAMS, *KEGIATAN, "rehsos-adminduk", "penunjang-gedung-kantor"]:
        assert f" {ident} " in table
    program = next(line for line in lines if " penunjang " in line)
    assert "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota" in program
    assert program.count("Rp 5.328.418.993") == 2
    assert program.endswith("84,41%")
    total = next(line for line in lines if line.lstrip().startswith("Total"))
    assert "Rp 6.312.818.993" in total
    assert total.endswith("100,00%")
    assert lines.index(total) > max(i for i, line in enumerate(lines) if "penunjang-gedung" in line)
    assert "≠" not in table
    assert lines[-1] == "✓ Semua anggaran tertulis sama dengan jumlah rinciannya."


def test_human_name_falls_back_to_kinerja_for_csf() -> None:
    run = run_pokin("budget", str(EXAMPLE), "--by", "csf")
    assert run.code == 0
    row = next(line for line in run.stdout.splitlines() if " pelayanan-sosial " in line)
    assert "Meningkatnya Pelayanan Sosial PPKS" in row
    assert "Rp 802.000.000" in row
    assert row.endswith("12,70%")


def test_csv_parses_back_with_bom_header_and_integer_amounts(tmp_path: Path) -> None:
    out = tmp_path / "anggaran.csv"
    with out.open("wb") as stdout:
        proc = subprocess.run(
            [sys.executable, "-m", "pokin", "budget", str(EXAMPLE), "--by", "csf", "-f", "csv"],
            stdout=stdout,
            check=False,
        )
    assert proc.returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfTingkat;")
    assert raw.count(b"\r\n") == 5 and b"\r\r" not in raw
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0] == [
        "Tingkat",
        "ID",
        "Nama",
        "Anggaran tertulis",
        "Jumlah rincian",
        "Selisih",
        "Porsi (%)",
    ]
    assert rows[1:] == [
        [
            "csf",
            "pelayanan-sosial",
            "Meningkatnya Pelayanan Sosial PPKS",
            "",
            "802000000",
            "0",
            "12,70",
        ],
        [
            "csf",
            "psks",
            "Meningkatnya Kapasitas Potensi Sumber Kesejahteraan Sosial (PSKS) dan "
            "Restorasi Nilai-Nilai Sosial",
            "",
            "182400000",
            "0",
            "2,89",
        ],
        [
            "csf",
            "akuntabilitas",
            "Meningkatnya Akuntabilitas Kinerja Perangkat Daerah",
            "",
            "5328418993",
            "0",
            "84,41",
        ],
        ["total", "", "Jumlah anggaran rencana", "", "6312818993", "0", "100,00"],
    ]


def test_csv_program_view_keeps_names_with_separators_intact() -> None:
    run = run_pokin("budget", str(EXAMPLE), "--format", "csv")
    rows = list(
        csv.reader(io.StringIO(run.stdout.removeprefix("\ufeff"), newline=""), delimiter=";")
    )
    assert len(rows) == 1 + 7 + len(KEGIATAN) + SUBKEGIATAN_COUNT + 1
    assert all(len(row) == 7 for row in rows)
    gaji = next(row for row in rows if row[1] == "penunjang-gaji")
    assert gaji == [
        "subkegiatan",
        "penunjang-gaji",
        "Penyediaan Gaji dan Tunjangan ASN",
        "3536925665",
        "3536925665",
        "0",
        "56,03",
    ]


def test_markdown_table() -> None:
    run = run_pokin("budget", str(EXAMPLE), "--by", "jabatan", "--format", "md")
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert lines[2] == (
        "|  | Tingkat | ID | Nama | Anggaran tertulis | Jumlah rincian | Selisih | Porsi |"
    )
    assert lines[3] == "|:-:|---|---|---|--:|--:|--:|--:|"
    assert lines[4] == (
        "|  | Jabatan | kadis | Kepala Dinas Sosial "
        "| Rp 6.312.818.993 | Rp 6.312.818.993 |  | 100,00% |"
    )
    assert lines[13] == (
        "|  | **Total** |  | **Jumlah anggaran rencana** |  | **Rp 6.312.818.993** |  | **100,00%** |"
    )
    assert all(line.count("|") - line.count("\\|") == 9 for line in lines[2:14])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--depth", "0"), "--depth"),
        (("--by", "jabatan", "--depth", "2"), "--depth tidak berlaku untuk --by jabatan"),
        (("--by", "bidang"), "--by"),
        (("--format", "xlsx"), "--format"),
    ],
)
def test_bad_options_exit_2(args: tuple[str, ...], message: str) -> None:
    run = run_pokin("budget", str(EXAMPLE), *args)
    assert run.code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_missing_file_exits_2() -> None:
    run = run_pokin("budget", "tidak-ada.yaml")
    assert run.code == 2
    assert run.stderr == "pokin: error: berkas tidak ditemukan: tidak-ada.yaml\n"
