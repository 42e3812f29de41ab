"""Cascade rules C001–C007 on inline plans: exact (code, line) pairs."""

from __future__ import annotations

from pokin.check.engine import Selection, check_loaded
from pokin.source.load import load_text
from tests.helpers import MINIMAL, edit, found

# MINIMAL has 80 lines; these are appended as lines 81 and on.
SECOND_CSF = """\
  - id: csf-2
    kinerja: Meningkatnya Akuntabilitas Kinerja Perangkat Daerah
    indikator:
      - {uraian: Persentase akuntabilitas kinerja, satuan: "%"}
    pj: kadis
"""
SECOND_PROGRAM = """\
      - id: prog-2
        kinerja: Terwujudnya rehabilitasi bagi PPKS
        nama: Program Rehabilitasi Sosial
        kode: "1.06.04"
        indikator:
          - {uraian: Persentase PPKS yang direhabilitasi, satuan: "%", target: 95}
        pj: kabid
"""
SECOND_KEGIATAN = """\
          - id: keg-2
            kinerja: Terpenuhinya kebutuhan dasar pengungsi
            nama: Penyelenggaraan Pemberdayaan Masyarakat Terhadap Kesiapsiagaan Bencana
            kode: "1.06.06.2.02"
            indikator:
              - {uraian: Jumlah pengungsi yang terlayani, satuan: orang, target: 20}
            pj: jf
"""


def test_c001_csf_without_program() -> None:
    assert found(MINIMAL + SECOND_CSF, "C001") == [("C001", 81)]


def test_c002_program_without_kegiatan() -> None:
    assert found(MINIMAL + SECOND_PROGRAM, "C002") == [("C002", 81)]


def test_c003_kegiatan_without_subkegiatan() -> None:
    assert found(MINIMAL + SECOND_KEGIATAN, "C003") == [("C003", 81)]


def test_c004_renstra_sasaran_realised_by_no_csf() -> None:
    text = edit(MINIMAL, {39: "    catatan: tanpa rujukan renstra"})
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(["C004"]))
    assert [(p.code, p.line, p.node, p.severity) for p in report.problems] == [
        ("C004", 7, "rs-1", "warning")
    ]


def test_c005_jabatan_that_owns_nothing() -> None:
    text = edit(MINIMAL, {61: "            catatan: pj belum ditetapkan"})
    assert found(text, "C005") == [("C005", 21)]


def test_c005_atasan_of_a_used_jabatan_counts_as_used() -> None:
    # kadis owns no node any more, but is the atasan of kabid, who owns prog-1
    text = edit(MINIMAL, {31: "  catatan: x", 38: "    catatan: y"})
    assert found(text, "C005") == []


def test_c005_rpjmd_pj_counts_as_used() -> None:
    text = MINIMAL.replace(
        "    atasan: kabid\n",
        "    atasan: kabid\n  - {id: bupati, nama: Bupati, eselon: kepala_daerah}\n",
    )
    assert found(text, "C005") == [("C005", 25)]
    assert (
        found(text + "rpjmd:\n  sasaran: Menguatnya penanganan PMKS\n  pj: bupati\n", "C005") == []
    )


def test_c006_program_and_kegiatan_need_their_own_pj() -> None:
    text = edit(MINIMAL, {50: "        catatan: x", 61: "            catatan: y"})
    assert found(text, "C006") == [("C006", 41), ("C006", 52)]


def test_c006_subkegiatan_may_inherit_pj() -> None:
    assert "pj:" not in "".join(MINIMAL.splitlines()[62:])  # sub kegiatan carry no pj
    assert found(MINIMAL, "C006") == []


def test_c007_eselon_must_fit_the_level() -> None:
    text = edit(MINIMAL, {38: "    pj: jf", 61: "            pj: kadis"})
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(["C007"]))
    assert [(p.code, p.line, p.node) for p in report.problems] == [
        ("C007", 38, "csf-1"),
        ("C007", 61, "keg-1"),
    ]
    assert "eselon JF" in report.problems[0].message


def test_c007_rpjmd_pj_must_be_kepala_daerah() -> None:
    text = MINIMAL + "rpjmd:\n  sasaran: Menguatnya penanganan PMKS\n  pj: kadis\n"
    assert found(text, "C007") == [("C007", 83)]
