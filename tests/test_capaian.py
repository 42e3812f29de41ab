"""Capaian and serapan against hand-computed values, with the formula in each test."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest

from pokin.check.realisasi import check_realisasi
from pokin.source.load import load_file
from pokin.views.capaian import CapaianView, capaian_of, capaian_view, rounded
from tests.helpers import EXAMPLE, MINIMAL, run_pokin

REALISASI = EXAMPLE.parent / "realisasi"
DOCUMENTS = EXAMPLE.parent / "documents"


def view_of(plan: Path, *files: Path) -> CapaianView:
    loaded = load_file(plan)
    assert loaded.plan is not None
    report = check_realisasi([str(f) for f in files], plan=loaded, use_config=False)
    assert len(report.loaded) == len(files), [p for f in report.files for p in f.problems]
    return capaian_view(loaded.plan, report.loaded)


# ---------------------------------------------------------------- the formulas


def test_naik_is_realisasi_over_target() -> None:
    # 27 ÷ 35 × 100 = 77,142857…
    value, why = capaian_of(35, 27)
    assert why is None and rounded(value) == 77.14


def test_turun_is_two_targets_minus_realisasi_over_target_floored_at_zero() -> None:
    # (2 × 20 − 15) ÷ 20 × 100 = 125
    assert capaian_of(20, 15, "turun") == (125.0, None)
    # (2 × 10 − 25) ÷ 10 × 100 = −50 → 0
    assert capaian_of(10, 25, "turun") == (0.0, None)


def test_the_anchors_disagree_on_lower_is_better_and_both_are_named() -> None:
    # standar: (2 × 20 − 15) ÷ 20 × 100 = 125; kebalikan: 20 ÷ 15 × 100 = 133,33
    assert capaian_of(20, 15, "turun", "standar")[0] == 125.0
    assert rounded(capaian_of(20, 15, "turun", "kebalikan")[0]) == 133.33
    assert capaian_of(20, 0, "turun", "kebalikan") == (
        None,
        "realisasi 0: target ÷ realisasi tidak dapat dihitung",
    )


def test_tetap_falls_by_the_relative_distance() -> None:
    # 100 − |90 − 100| ÷ 100 × 100 = 90; 100 − |110 − 100| ÷ 100 × 100 = 90
    assert capaian_of(100, 90, "tetap") == (90.0, None)
    assert capaian_of(100, 110, "tetap") == (90.0, None)
    assert capaian_of(100, 100, "tetap") == (100.0, None)


def test_tercapai_and_dibatasi() -> None:
    assert capaian_of(55, 60, "naik", "tercapai") == (100.0, None)
    assert capaian_of(55, 50, "naik", "tercapai") == (0.0, None)
    assert capaian_of(0, 0, "turun", "tercapai") == (100.0, None)
    # min(60 ÷ 55 × 100, 100) = 100
    assert capaian_of(55, 60, "naik", "dibatasi") == (100.0, None)


def test_target_zero_or_missing_is_undefined_never_a_division() -> None:
    assert capaian_of(0, 5) == (None, "target 0: capaian tidak dapat dihitung")
    assert capaian_of(None, 5) == (None, "tanpa target")
    assert capaian_of(5, None) == (None, "belum ada realisasi")


def test_rounding_is_half_up_as_people_round() -> None:
    assert rounded(0.125) == 0.13 and rounded(2.675) == 2.68 and rounded(None) is None


# ---------------------------------------------------------------- the published-document faults

_FAULTS = textwrap.dedent(
    """\
    pokin_realisasi: 1
    rencana: plan.yaml
    tahun: 2025
    periode: tahunan
    tanggal: 2026-02-15
    realisasi:
      sub-1:
        indikator: [{sub}]
        capaian_tertulis: [80.5]
      prog-1:
        indikator: [{prog}]
        capaian_tertulis: [{prog_stated}]
    """
)


def _faults(tmp_path: Path, sub: str, prog: str, prog_stated: str) -> list[tuple[str, int, str]]:
    plan = MINIMAL.replace("target: 93.59", "target: 45").replace(
        "                    target: 55\n              - id: sub-2",
        "                    target: 35\n              - id: sub-2",
    )
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    real = tmp_path / "lkj.yaml"
    real.write_text(_FAULTS.format(sub=sub, prog=prog, prog_stated=prog_stated), encoding="utf-8")
    report = check_realisasi([str(real)], use_config=False)
    return [(p.code, p.line, p.message) for p in report.files[0].problems]


def test_printed_capaian_that_its_own_figures_do_not_give_is_reported(tmp_path: Path) -> None:
    # a sub kegiatan printed 80,5% whose figures give 27 ÷ 35 × 100 = 77,14%;
    # a program printed 88,6% whose figures give 40 ÷ 45 × 100 = 88,89%
    found = _faults(tmp_path, "27", "40", "88.6")
    assert [(c, line) for c, line, _ in found] == [("M015", 9), ("M015", 12)]
    assert "80,5%" in found[0][2] and "77,14%" in found[0][2]
    assert "88,6%" in found[1][2] and "88,89%" in found[1][2]


def test_printed_capaian_within_rounding_is_fine(tmp_path: Path) -> None:
    # 28,175 ÷ 35 × 100 = 80,5; 40 ÷ 45 × 100 = 88,888… printed 88,9
    assert _faults(tmp_path, "28.175", "40", "88.9") == []


# ---------------------------------------------------------------- the example's realisasi


def test_example_as_of_tw2_whatever_the_order_given() -> None:
    view = view_of(EXAMPLE, REALISASI / "2025-tw2.yaml", REALISASI / "2025-tw1.yaml")
    assert view.periode == "tw2" and view.label == "Triwulan II 2025"
    assert view.tanggal == "2025-07-08"
    permakanan = view.by_id["bencana-permakanan"]
    # TW II target 25 (target_triwulan), realisasi 30: 30 ÷ 25 × 100 = 120
    assert permakanan.indicators[0].target == 25
    assert rounded(permakanan.indicators[0].capaian) == 120.0
    # serapan: 140.000.000 ÷ 268.037.410 × 100 = 52,23
    assert permakanan.realisasi_anggaran == 140_000_000
    assert rounded(permakanan.serapan) == 52.23
    program = view.by_id["bencana"]
    # the program's realisasi is the sum of its sub kegiatan:
    # 140.000.000 + 2.100.000 + 30.000.000 + 9.000.000 + 11.550.000 = 192.650.000
    assert program.realisasi_anggaran == 192_650_000
    # 192.650.000 ÷ 372.250.370 × 100 = 51,75; capaian 48,2 ÷ 50 × 100 = 96,4
    assert rounded(program.serapan) == 51.75
    assert rounded(program.capaian) == 96.4
    # efisiensi = capaian − serapan = 96,4 − 51,7528… = 44,65
    assert rounded(program.efisiensi) == 44.65
    # a node nobody reported on has no realisasi, and no capaian
    assert view.by_id["rehsos-alat-bantu"].realisasi_anggaran is None
    assert view.by_id["rehsos-alat-bantu"].indicators[0].capaian is None


def test_example_as_of_tw1() -> None:
    view = view_of(EXAMPLE, REALISASI / "2025-tw1.yaml")
    program = view.by_id["bencana"]
    # TW I target 25, realisasi 24,5: 24,5 ÷ 25 × 100 = 98
    assert program.indicators[0].target == 25
    assert rounded(program.capaian) == 98.0


# ---------------------------------------------------------------- small real-shaped cases


def test_eselon_iv_pk_with_year_realisasi(tmp_path: Path) -> None:
    real = tmp_path / "pk-tahunan.yaml"
    real.write_text(
        textwrap.dedent(
            f"""\
            pokin_realisasi: 1
            rencana: {DOCUMENTS / "pk_kasi_rehsos_2025.yaml"}
            tahun: 2025
            periode: tahunan
            tanggal: 2026-01-20
            realisasi:
              rehsos-dasar-luar-panti:
                indikator: [128]
              rehsos-permakanan:
                indikator: [100]
                anggaran: 53000000
              rehsos-sandang:
                indikator: [25]
                anggaran: 15000000
            """
        ),
        encoding="utf-8",
    )
    view = view_of(DOCUMENTS / "pk_kasi_rehsos_2025.yaml", real)
    kegiatan = view.by_id["rehsos-dasar-luar-panti"]
    # 128 ÷ 139 × 100 = 92,09
    assert rounded(kegiatan.capaian) == 92.09
    # 53.000.000 + 15.000.000 = 68.000.000; ÷ 89.169.180 × 100 = 76,26
    assert kegiatan.realisasi_anggaran == 68_000_000
    assert rounded(kegiatan.serapan) == 76.26
    # 53.000.000 ÷ 55.160.000 × 100 = 96,08
    assert rounded(view.by_id["rehsos-permakanan"].serapan) == 96.08
    (signer,) = [g for g in view.by_jabatan() if g.jabatan.id == "kasi-rehsos-anak-lansia"]
    assert signer.anggaran == 89_169_180 and signer.realisasi_anggaran == 68_000_000


def test_renja_slice_with_only_realisasi_anggaran(tmp_path: Path) -> None:
    real = tmp_path / "renja-s1.yaml"
    real.write_text(
        textwrap.dedent(
            f"""\
            pokin_realisasi: 1
            rencana: {DOCUMENTS / "renja_setda_kalteng_2025.yaml"}
            tahun: 2025
            periode: s1
            realisasi:
              penataan-kelembagaan-provinsi: {{anggaran: 300000000}}
              penataan-anjab: {{anggaran: 250000000}}
              pembinaan-rb: {{anggaran: 500000000}}
              monev-akuntabilitas: {{anggaran: 420000000}}
            """
        ),
        encoding="utf-8",
    )
    view = view_of(DOCUMENTS / "renja_setda_kalteng_2025.yaml", real)
    program = view.by_id["penataan-organisasi"]
    # 300 + 250 + 500 + 420 juta = 1.470.000.000; ÷ 2.150.000.000 × 100 = 68,37
    assert program.realisasi_anggaran == 1_470_000_000
    assert rounded(program.serapan) == 68.37
    # 550.000.000 ÷ 850.000.000 × 100 = 64,71; 920.000.000 ÷ 1.300.000.000 × 100 = 70,77
    assert rounded(view.by_id["kelembagaan-anjab"].serapan) == 64.71
    assert rounded(view.by_id["rb-akuntabilitas"].serapan) == 70.77
    # no indicator value: no capaian, so no efisiensi either
    assert program.capaian is None and program.efisiensi is None


# ---------------------------------------------------------------- the command


def test_cli_json_shape() -> None:
    run = run_pokin("capaian", str(EXAMPLE), str(REALISASI), "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["periode"] == "tw2" and data["tanggal"] == "2025-07-08"
    node = next(n for n in data["node"] if n["id"] == "bencana-permakanan")
    assert node["indikator"][0] | {} == node["indikator"][0]
    assert (node["indikator"][0]["target"], node["indikator"][0]["realisasi"]) == (25, 30)
    assert node["indikator"][0]["capaian"] == 120.0
    assert (node["anggaran"], node["realisasi_anggaran"], node["serapan"]) == (
        268037410,
        140000000,
        52.23,
    )


def test_cli_table_md_csv_and_by_jabatan() -> None:
    table = run_pokin("capaian", str(EXAMPLE), str(REALISASI))
    assert table.code == 0, table.stderr
    assert "sampai Triwulan II 2025, data per 8 Juli 2025" in table.stdout
    assert "120,00%" in table.stdout and "52,23%" in table.stdout
    md = run_pokin("capaian", str(EXAMPLE), str(REALISASI), "-f", "md", "--by", "jabatan")
    assert md.code == 0 and "### Kepala Bidang Perlindungan dan Jaminan Sosial" in md.stdout
    raw = run_pokin("capaian", str(EXAMPLE), str(REALISASI), "-f", "csv")
    assert raw.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.stdout.lstrip("\ufeff")), delimiter=";"))
    row = next(r for r in rows if r[1] == "bencana-permakanan")
    assert row[8] == "120,00" and row[12] == "52,23"


def test_cli_a_realisasi_file_that_does_not_load_yields_no_capaian(tmp_path: Path) -> None:
    bad = tmp_path / "tw3.yaml"
    bad.write_text(
        (REALISASI / "2025-tw2.yaml")
        .read_text(encoding="utf-8")
        .replace("periode: tw2", "periode: tw3")
        .replace("indikator: [30]", "indikator: [30")
        .replace("../dinsos_kotim_2025.yaml", str(EXAMPLE)),
        encoding="utf-8",
    )
    run = run_pokin("capaian", str(EXAMPLE), str(REALISASI), str(bad), "-f", "json")
    assert run.code == 1
    assert run.stdout == ""
    assert "Y001" in run.stderr and "capaian tidak dihitung" in run.stderr


def test_cli_bad_figures_are_reported_and_the_rest_still_computed(tmp_path: Path) -> None:
    bad = tmp_path / "tw3.yaml"
    bad.write_text(
        (REALISASI / "2025-tw2.yaml")
        .read_text(encoding="utf-8")
        .replace("periode: tw2", "periode: tw3")
        .replace("tanggal: 2025-07-08", "tanggal: 2025-10-08")
        .replace("indikator: [26]", "indikator: [-26]")
        .replace("../dinsos_kotim_2025.yaml", str(EXAMPLE)),
        encoding="utf-8",
    )
    run = run_pokin("capaian", str(EXAMPLE), str(REALISASI), str(bad), "-f", "json")
    assert run.code == 1
    assert "M011" in run.stderr and "M006" in run.stderr
    data = json.loads(run.stdout)
    assert data["periode"] == "tw3"
    permakanan = next(n for n in data["node"] if n["id"] == "bencana-permakanan")
    # TW III target 40 (target_triwulan), realisasi 30: 30 ÷ 40 × 100 = 75
    assert permakanan["indikator"][0]["capaian"] == 75.0


def test_cli_another_plan_or_not_a_realisasi_file(tmp_path: Path) -> None:
    other = tmp_path / "plan.yaml"
    other.write_text(MINIMAL, encoding="utf-8")
    run = run_pokin("capaian", str(other), str(REALISASI / "2025-tw1.yaml"))
    assert run.code == 1 and "M017" in run.stderr and run.stdout == ""
    run = run_pokin("capaian", str(EXAMPLE), str(other))
    assert run.code == 2 and "bukan berkas realisasi" in run.stderr
    run = run_pokin("capaian", str(EXAMPLE), str(tmp_path / "tidak-ada.yaml"))
    assert run.code == 2 and "Traceback" not in run.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
def test_every_format_renders_plan_text_safely(tmp_path: Path, fmt: str) -> None:
    plan = MINIMAL.replace(
        "uraian: Jumlah orang yang mendapatkan permakanan",
        'uraian: "=HYPERLINK(\\"x\\") \\e[31m merah <img src=x>"',
    )
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    real = tmp_path / "tw1.yaml"
    real.write_text(
        "pokin_realisasi: 1\nrencana: plan.yaml\ntahun: 2025\nperiode: tw1\n"
        "realisasi:\n  sub-1: {indikator: [5], anggaran: 20}\n",
        encoding="utf-8",
    )
    run = run_pokin("capaian", str(tmp_path / "plan.yaml"), str(real), "-f", fmt)
    assert run.code == 0, run.stderr
    assert "\x1b" not in run.stdout
    if fmt == "csv":
        assert "'=HYPERLINK" in run.stdout
    if fmt == "md":
        assert "<img" not in run.stdout and "&lt;img" in run.stdout


# ---------------------------------------------------------------- ordinal scales (WTP…, AA…D)

_I = " " * 18  # the indentation of sub-2's indicator items in MINIMAL
_ORDINAL_PLAN = MINIMAL.replace(
    f"{_I}- uraian: Jumlah orang yang mendapatkan pakaian\n{_I}  satuan: orang\n{_I}  target: 55",
    f"{_I}- uraian: Opini BPK atas laporan keuangan\n"
    f"{_I}  satuan: opini\n"
    f"{_I}  target: WTP\n"
    f"{_I}- uraian: Predikat SAKIP perangkat daerah\n"
    f"{_I}  satuan: predikat\n"
    f"{_I}  target: BB\n"
    f"{_I}  metode_capaian: standar",
)


def _ordinal(tmp_path: Path, values: str) -> tuple[CapaianView, list[tuple[str, int]]]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(_ORDINAL_PLAN, encoding="utf-8")
    real = tmp_path / "tahunan.yaml"
    real.write_text(
        "pokin_realisasi: 1\nrencana: plan.yaml\ntahun: 2025\nperiode: tahunan\n"
        f"realisasi:\n  sub-2:\n    indikator: {values}\n",
        encoding="utf-8",
    )
    loaded = load_file(plan)
    assert loaded.plan is not None, loaded.problems
    report = check_realisasi([str(real)], plan=loaded, use_config=False)
    problems = [(p.code, p.line) for p in report.files[0].problems]
    return capaian_view(loaded.plan, report.loaded), problems


def test_grades_are_read_on_the_indicators_scale(tmp_path: Path) -> None:
    assert "opini" in _ORDINAL_PLAN
    view, problems = _ordinal(tmp_path, "[WDP, A]")
    assert problems == []
    opini, predikat = view.by_id["sub-2"].indicators
    # opini: ordinal scale, method tercapai by default: WDP below WTP → 0
    assert (opini.target, opini.realisasi, opini.capaian) == (4, 3, 0.0)
    # predikat with metode standar: rank A (6) ÷ rank BB (5) × 100 = 120
    assert (predikat.target, predikat.realisasi, predikat.capaian) == (5, 6, 120.0)
    view, _ = _ordinal(tmp_path, "[wtp, BB]")
    assert [i.capaian for i in view.by_id["sub-2"].indicators] == [100.0, 100.0]


def test_grades_are_shown_as_grades(tmp_path: Path) -> None:
    _ordinal(tmp_path, "[WDP, A]")
    run = run_pokin(
        "capaian", str(tmp_path / "plan.yaml"), str(tmp_path / "tahunan.yaml"), "-f", "json"
    )
    node = next(n for n in json.loads(run.stdout)["node"] if n["id"] == "sub-2")
    assert [(i["target"], i["realisasi"], i["capaian"]) for i in node["indikator"]] == [
        ("WTP", "WDP", 0.0),
        ("BB", "A", 120.0),
    ]
    table = run_pokin("capaian", str(tmp_path / "plan.yaml"), str(tmp_path / "tahunan.yaml"))
    assert "WTP" in table.stdout and "WDP" in table.stdout


def test_m018_a_grade_off_the_indicators_scale(tmp_path: Path) -> None:
    _, problems = _ordinal(tmp_path, "[AA, WTP]")
    assert problems == [("M018", 7), ("M018", 7)]


def test_a_target_grade_off_its_scale_is_a_schema_error(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(_ORDINAL_PLAN.replace("target: WTP", "target: AAA"), encoding="utf-8")
    result = load_file(plan)
    assert [(p.code, p.line) for p in result.problems] == [("S005", 80)]


def test_capaian_of_a_workspace(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "ws"
    shutil.copytree(EXAMPLE.parent / "workspace", folder)
    (folder / "realisasi").mkdir()
    (folder / "realisasi" / "dinsos-tw1.yaml").write_text(
        "pokin_realisasi: 1\nrencana: ../opd/dinsos.yaml\ntahun: 2025\nperiode: tw1\n"
        "realisasi:\n  bencana-permakanan: {indikator: [11], anggaran: 67009352}\n",
        encoding="utf-8",
    )
    run = run_pokin("capaian", str(folder), "-f", "json")
    assert run.code == 0, run.stderr
    (plan,) = json.loads(run.stdout)["plans"]
    node = next(n for n in plan["node"] if n["id"] == "bencana-permakanan")
    # 11 ÷ 55 × 100 = 20; 67.009.352 ÷ 268.037.410 × 100 = 25,00
    assert (node["indikator"][0]["capaian"], node["serapan"]) == (20.0, 25.0)
    table = run_pokin("capaian", str(folder))
    assert table.code == 0 and "=== dinsos — " in table.stdout
    raw = run_pokin("capaian", str(folder), "-f", "csv")
    assert raw.code == 0 and raw.stdout.startswith("\ufeffRencana;Tingkat;ID;")
    assert any(
        line.startswith("dinsos;subkegiatan;bencana-permakanan;")
        for line in raw.stdout.splitlines()
    )
