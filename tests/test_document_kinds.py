"""Document kinds and partial plans: the four real-document shapes, jabatan vocabulary, pejabat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pokin.check.engine import check_file
from pokin.source.load import load_text
from tests.helpers import MINIMAL, ROOT, assert_loads, found, run_pokin

DOCUMENTS = ROOT / "examples" / "documents"

#: Each real-document shape and the findings its source really has (code, line).
SHAPES = {
    "pk_kasi_rehsos_2025.yaml": [("I001", 59)],
    # I015: the published kegiatan kinerja are worded as activities
    "renja_setda_kalteng_2025.yaml": [("C006", 125), ("I015", 126)],
    "rpjmd_kalteng_2025_2029.yaml": [("I001", 56)],
    "renstra_dinkes_kotim_2022_2026.yaml": [("C006", 71), ("I015", 72)],
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_real_document_shapes_report_only_their_real_findings(name: str) -> None:
    report = check_file(str(DOCUMENTS / name), use_config=False)
    assert [(p.code, p.line) for p in report.problems] == SHAPES[name]


def test_pk_slice_starts_at_kegiatan_without_invented_nodes() -> None:
    report = check_file(str(DOCUMENTS / "pk_kasi_rehsos_2025.yaml"), use_config=False)
    plan = report.plan
    assert plan is not None and plan.model.outcome is None
    assert [ref.level for ref in plan.roots] == ["kegiatan"]
    assert plan.nodes[0].parent is None and plan.nodes[0].depth == 0
    assert {ref.id for ref in plan.nodes} == {
        "rehsos-dasar-luar-panti",
        "rehsos-permakanan",
        "rehsos-sandang",
        "rehsos-reunifikasi",
    }


def test_rpjmd_without_tahun_reads_the_first_year_of_periode() -> None:
    report = check_file(str(DOCUMENTS / "rpjmd_kalteng_2025_2029.yaml"), use_config=False)
    assert report.plan is not None and report.plan.model.tahun == 2025


def test_the_same_rpjmd_as_penjenjangan_raises_the_false_alarms() -> None:
    text = (DOCUMENTS / "rpjmd_kalteng_2025_2029.yaml").read_text(encoding="utf-8")
    text = text.replace("dokumen: rpjmd\n", "dokumen: penjenjangan\ntahun: 2025\n")
    codes = {code for code, _ in found(text)}
    assert {"C002", "C007"} <= codes


def test_penjenjangan_is_the_default_and_needs_outcome() -> None:
    assert load_text(MINIMAL, "p.yaml").plan is not None
    assert found("pokin: 1\nperangkat_daerah: Dinas Contoh\ntahun: 2025\n") == [("S002", 1)]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("dokumen: renja\n", []),
        ("dokumen: penjenjangan\n", [("S004", 5)]),
        ("dokumen: rpjmd\n", [("S004", 5)]),
    ],
)
def test_top_level_program_list_fits_renja_only(head: str, expected: list[tuple[str, int]]) -> None:
    text = f"""\
pokin: 1
{head}perangkat_daerah: Dinas Contoh
tahun: 2025
program:
  - id: p
    kinerja: Terwujudnya rehabilitasi bagi PPKS
    nama: Program Rehabilitasi Sosial
    indikator: [{{uraian: Persentase PPKS, satuan: "%", target: 90}}]
    pj: kabid
    kegiatan:
      - id: k
        kinerja: Terpenuhinya kebutuhan dasar PPKS
        nama: Rehabilitasi Sosial Dasar
        indikator: [{{uraian: Persentase PPKS terpenuhi, satuan: "%", target: 90}}]
        pj: kabid
        subkegiatan:
          - id: s
            kinerja: Tersedianya permakanan
            nama: Penyediaan Permakanan
            anggaran: 100
            indikator: [{{uraian: Jumlah orang, satuan: orang, target: 5}}]
jabatan:
  - {{id: kabid, nama: Kepala Bidang, eselon: III}}
"""
    assert [(c, n) for c, n in found(text) if c.startswith("S")] == expected


def test_outcome_with_a_top_level_program_list_is_refused() -> None:
    text = MINIMAL + "program:\n  - {id: x, kinerja: Sesuatu, nama: Program X}\n"
    assert found(text) == [("S004", 81)]


def test_rpjmd_stops_at_program() -> None:
    text = (DOCUMENTS / "rpjmd_kalteng_2025_2029.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        pj: kadis-pendidikan\n",
        "        pj: kadis-pendidikan\n        kegiatan:\n"
        "          - {id: k, kinerja: Sesuatu, nama: Kegiatan X}\n",
    )
    assert ("S004", 80) in found(text)


@pytest.mark.parametrize(
    ("written", "canonical", "grade"),
    [
        ("II.a", "II.a", "II"),
        ("iv.b", "IV.b", "IV"),
        ("jpt", "II", "II"),
        ("administrator", "III", "III"),
        ("Pengawas", "IV", "IV"),
        ("I.b", "I.b", "I"),
        ("pelaksana", "pelaksana", "pelaksana"),
    ],
)
def test_eselon_vocabulary_is_normalised_and_keeps_the_written_form(
    written: str, canonical: str, grade: str
) -> None:
    text = MINIMAL.replace("    eselon: III\n", f"    eselon: {written}\n", 1)
    result = load_text(text, "p.yaml")
    assert result.plan is not None, result.problems
    jab = result.plan.jabatan_by_id["kabid"]
    assert (jab.eselon, jab.grade, jab.eselon_written) == (canonical, grade, written)


def test_unknown_eselon_is_located() -> None:
    text = MINIMAL.replace("    eselon: III\n", "    eselon: V\n", 1)
    assert found(text) == [("S004", 19)]


def test_camat_of_eselon_iii_may_own_the_csf() -> None:
    # the head of the PD (atasan: the kepala daerah) owns the strategic level
    text = MINIMAL.replace("    eselon: II\n", "    eselon: III.a\n    atasan: bupati\n", 1)
    text = text.replace(
        "jabatan:\n", "jabatan:\n  - {id: bupati, nama: Bupati, eselon: kepala_daerah}\n", 1
    )
    assert_loads(text)
    assert found(text, "C007") == []


def test_pejabat_nip_has_18_digits() -> None:
    good = MINIMAL.replace(
        "    eselon: II\n",
        "    eselon: II\n    pejabat:\n      nama: Drs. Contoh Nama, M.Si\n"
        '      nip: "197001011990031001"\n      pangkat: Pembina Utama Muda (IV/c)\n'
        "      status: plt\n",
        1,
    )
    result = load_text(good, "p.yaml")
    assert result.plan is not None
    pejabat = result.plan.jabatan_by_id["kadis"].pejabat
    assert pejabat is not None and (pejabat.nip, pejabat.status) == ("197001011990031001", "plt")
    bad = good.replace('"197001011990031001"', '"19700101199003"')
    assert found(bad) == [("S004", 19)]
    # a kepala daerah has no NIP; a pejabat not yet known by NIP gets a blank line
    without = good.replace('      nip: "197001011990031001"\n', "")
    assert without != good
    loaded = load_text(without, "p.yaml").plan
    assert loaded is not None and loaded.jabatan_by_id["kadis"].pejabat is not None
    assert loaded.jabatan_by_id["kadis"].pejabat.nip is None


def test_pokin_rules_shows_the_kinds_each_rule_applies_to() -> None:
    run = run_pokin("rules", "C002")
    assert "jenis dokumen: penjenjangan, renstra, renja" in run.stdout
    listing = run_pokin("rules").stdout
    assert "(tidak untuk: rpjmd, pk)" in listing


@pytest.mark.parametrize("command", ["tree", "budget"])
def test_views_work_on_a_partial_plan(command: str) -> None:
    run = run_pokin(command, str(DOCUMENTS / "renja_setda_kalteng_2025.yaml"))
    assert run.code in (0, 1) and not run.stderr  # 1: the plan's real C006
    assert "penataan-organisasi" in run.stdout
    assert "_dokumen" not in run.stdout


def test_diff_of_a_partial_plan(tmp_path: Path) -> None:
    old = DOCUMENTS / "renja_setda_kalteng_2025.yaml"
    new = tmp_path / "renja.yaml"
    new.write_text(
        old.read_text(encoding="utf-8")
        .replace("anggaran: 700000000", "anggaran: 750000000")
        .replace("anggaran: 1300000000", "anggaran: 1350000000")
        .replace("anggaran: 2150000000", "anggaran: 2200000000"),
        encoding="utf-8",
    )
    run = run_pokin("diff", str(old), str(new), "--format", "json")
    assert run.code == 0, run.stderr
    changed = [(c["id"], c["field"]) for c in json.loads(run.stdout)["changes"]]
    assert changed == [
        ("penataan-organisasi", "anggaran"),
        ("rb-akuntabilitas", "anggaran"),
        ("pembinaan-rb", "anggaran"),
    ]


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_report_and_pk_of_every_shape(name: str, tmp_path: Path) -> None:
    report = run_pokin("report", str(DOCUMENTS / name), "-f", "md", "--no-diagram")
    assert report.code == 1 and not report.stderr  # 1: the shape's real finding
    assert "_dokumen" not in report.stdout
    pk = run_pokin("pk", str(DOCUMENTS / name), "--all", "-o", str(tmp_path))
    # documents are written; the exit code reports the plan's errors, as report's does
    assert pk.code == 1 and "PK ditulis" in pk.stderr, pk.stderr
    assert "Traceback" not in pk.stderr


def test_crosscutting_needs_exactly_one_of_ke_and_mitra() -> None:
    text = MINIMAL.replace(
        "  pj: kadis\n",
        "  pj: kadis\n  crosscutting:\n    - ke: dinkes:gizi\n      mitra: PKK\n"
        "      peran: Posyandu\n    - ke: dinkes\n      peran: Data\n",
        1,
    )
    lines = text.splitlines()
    first = lines.index("    - ke: dinkes:gizi") + 1
    second = lines.index("    - ke: dinkes") + 1
    assert found(text) == [("S004", first), ("S006", second)]


def test_report_of_a_renja_does_not_call_its_programs_csf() -> None:
    run = run_pokin(
        "report", str(DOCUMENTS / "renja_setda_kalteng_2025.yaml"), "-f", "md", "--no-diagram"
    )
    assert "tidak memuat outcome" in run.stdout
    assert "| CSF I |" not in run.stdout
    assert "| Nama Program | Program Penataan Organisasi (4.01.02) |" in run.stdout


def test_induk_only_on_a_top_level_node() -> None:
    text = (DOCUMENTS / "pk_kasi_rehsos_2025.yaml").read_text(encoding="utf-8")
    top = text.replace(
        "    pj: kasi-rehsos-anak-lansia\n",
        "    pj: kasi-rehsos-anak-lansia\n    induk: dinsos:rehsos-dasar-luar-panti\n",
    )
    assert found(top, "schema") == []
    nested = text.replace(
        "        nama: Penyediaan Sandang\n",
        "        nama: Penyediaan Sandang\n        induk: dinsos:rehsos-sandang\n",
    )
    line = nested.splitlines().index("        induk: dinsos:rehsos-sandang") + 1
    assert found(nested, "schema") == [("S004", line)]
