"""N003–N007 against the official lists, on the example and on copies of it changed one way each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pokin.check.engine import Selection, check_loaded
from pokin.check.rules.nomenclature import effective_nomenclature, infer_jenis_pemda
from pokin.source.load import load_text
from tests.helpers import EXAMPLE, MINIMAL, found, run_pokin, write

TEXT = EXAMPLE.read_text(encoding="utf-8")
LINES = TEXT.splitlines()
#: The four sub kegiatan of the example that the 2027 list renumbered or dropped.
DROPPED_IN_2027 = {
    "bencana-penampungan": "1.06.06.2.01.0003",
    "linjamsos-bansos-keluarga": "1.06.05.2.02.0003",
    "rehsos-adminduk": "1.06.04.2.01.0007",
    "migran-fasilitasi-pemulangan": "1.06.03.2.01.0001",
}


def line_of(node: str, startswith: str, text: str = TEXT) -> int:
    """1-based line of the first line of ``node`` (from its id) starting with ``startswith``."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines, 1) if line.strip() == f"- id: {node}")
    return next(
        n for n in range(start, len(lines) + 1) if lines[n - 1].strip().startswith(startswith)
    )


def nomenclature(text: str, *codes: str) -> list[tuple[str, int, str | None]]:
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(codes or ["nomenclature"]))
    return [(p.code, p.line, p.node) for p in report.problems]


def declared(version: str, text: str = TEXT) -> str:
    """``text`` with ``nomenklatur: version`` after perangkat_daerah (one line more)."""
    return text.replace(
        "perangkat_daerah: Dinas Sosial Kabupaten Kotawaringin Timur\n",
        f"perangkat_daerah: Dinas Sosial Kabupaten Kotawaringin Timur\nnomenklatur: {version}\n",
    )


def recode(node: str, old: str, new: str, key: str = "kode:", text: str = TEXT) -> str:
    """``text`` with the ``key`` line of ``node`` changed from ``old`` to ``new``."""
    number = line_of(node, key, text)
    lines = text.splitlines(keepends=True)
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new)
    return "".join(lines)


# --- the example --------------------------------------------------------------------


def test_example_has_no_nomenclature_error_and_its_own_warnings() -> None:
    report = check_loaded(load_text(TEXT, "plan.yaml"), Selection.of(["nomenclature"]))
    assert {p.severity for p in report.problems} == {"warning"}
    assert [(p.code, p.node) for p in report.problems] == [
        ("N005", "linjamsos-bansos-keluarga"),
        ("N005", "tmp-pemeliharaan-makam"),
        ("N004", "penunjang-barang-cetak"),
    ]
    n004 = report.problems[2]
    assert "'Penyediaan Barang Cetakan dan Penggandaan'" in n004.message
    assert "'Keluarga'" in report.problems[0].message


def test_example_is_read_as_a_kepmendagri_900_kabupaten_plan() -> None:
    loaded = load_text(TEXT, "plan.yaml")
    assert loaded.plan is not None
    ctx = effective_nomenclature(loaded.plan)
    assert (ctx.version, ctx.version_from, ctx.jenis_pemda, ctx.jenis_from, ctx.checked) == (
        "kepmendagri-900",
        "kode",
        "kabupaten",
        "perangkat_daerah",
        True,
    )


def test_example_declared_2027_gets_n006_on_exactly_the_four_dropped_codes() -> None:
    text = declared("pemutakhiran-2027")
    n006 = [p for p in nomenclature(text) if p[0] == "N006"]
    assert n006 == sorted(
        (("N006", line_of(node, "kode:", text), node) for node in DROPPED_IN_2027),
        key=lambda p: p[1],
    )
    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(["N006"]))
    messages = {p.node: p.message for p in report.problems}
    # successors: same nama in the same kegiatan, or (adminduk) in another kegiatan
    assert (
        "'1.06.06.2.01.0007' Penyediaan Tempat Penampungan Pengungsi"
        in messages["bencana-penampungan"]
    )
    assert "'1.06.05.2.02.0006'" in messages["linjamsos-bansos-keluarga"]
    assert "'1.06.04.2.02.0009'" in messages["rehsos-adminduk"]
    # renamed: the nearest entry is suggested
    assert "'1.06.03.2.01.0003'" in messages["migran-fasilitasi-pemulangan"]


def test_example_declared_kepmendagri_900_is_the_same_as_inferred() -> None:
    assert nomenclature(declared("kepmendagri-900")) == [
        (code, line + 1, node) for code, line, node in nomenclature(TEXT)
    ]


# --- one mutation class at a time: each found at its node ------------------------------


def test_unknown_kode_is_n003_with_the_nearest_entries() -> None:
    text = recode("bencana-permakanan", '"1.06.06.2.01.0001"', '"1.06.06.2.01.0099"')
    line = line_of("bencana-permakanan", "kode:")
    problems = check_loaded(load_text(text, "plan.yaml"), Selection.of(["N003"])).problems
    assert [(p.code, p.line, p.node, p.severity) for p in problems] == [
        ("N003", line, "bencana-permakanan", "error")
    ]
    # the nama under the same kegiatan points back at the right kode
    assert "Yang terdekat: '1.06.06.2.01.0001' Penyediaan Makanan" in problems[0].message


def test_unknown_kegiatan_is_reported_once_not_on_each_sub_kegiatan() -> None:
    text = TEXT.replace('"1.06.06.2.01', '"1.06.06.2.09')
    assert nomenclature(text, "N003") == [
        ("N003", line_of("bencana-kebutuhan-dasar", "kode:"), "bencana-kebutuhan-dasar")
    ]


def test_kode_of_the_other_version_in_an_undeclared_plan_is_a_mix() -> None:
    # 1.06.06.2.01.0007 exists only in the 2027 list; the rest of the plan is Kepmendagri 900
    text = recode("bencana-penampungan", '"1.06.06.2.01.0003"', '"1.06.06.2.01.0007"')
    problems = check_loaded(load_text(text, "plan.yaml"), Selection.of(["N006"])).problems
    assert [(p.code, p.line, p.node) for p in problems] == [
        ("N006", line_of("bencana-penampungan", "kode:"), "bencana-penampungan")
    ]
    assert "jangan mencampur versi" in problems[0].message
    assert "'1.06.06.2.01.0003' Penyediaan Tempat Penampungan Pengungsi" in problems[0].message


def test_kode_of_the_other_version_in_a_declared_plan() -> None:
    text = declared(
        "kepmendagri-900",
        recode("bencana-penampungan", '"1.06.06.2.01.0003"', '"1.06.06.2.01.0007"'),
    )
    problems = check_loaded(load_text(text, "plan.yaml"), Selection.of(["N006"])).problems
    assert [(p.code, p.line) for p in problems] == [
        ("N006", line_of("bencana-penampungan", "kode:", text))
    ]
    assert "kepmendagri-900 yang ditetapkan; kode ini dari pemutakhiran-2027" in problems[0].message


def test_provinsi_kegiatan_in_a_kabupaten_plan_is_n007_on_the_kegiatan() -> None:
    text = TEXT.replace('"1.06.06.2.01', '"1.06.06.1.01')
    assert nomenclature(text, "N003", "N006", "N007") == [
        ("N007", line_of("bencana-kebutuhan-dasar", "kode:"), "bencana-kebutuhan-dasar")
    ]
    # and the reverse: a kabupaten/kota kegiatan in a provinsi plan
    provinsi = MINIMAL.replace("Dinas Contoh", "Dinas Sosial Provinsi Kalimantan Tengah")
    assert found(provinsi, "N007") == [("N007", 55)]


def test_renamed_sub_kegiatan_nama_is_n004_at_its_nama() -> None:
    text = recode(
        "bencana-permakanan", "Penyediaan Makanan", "Penyediaan Makanan Siap Saji", "nama:"
    )
    problems = check_loaded(load_text(text, "plan.yaml"), Selection.of(["N004"])).problems
    assert [(p.code, p.line, p.node) for p in problems if p.node == "bencana-permakanan"] == [
        ("N004", line_of("bencana-permakanan", "nama:"), "bencana-permakanan")
    ]
    # differences of spacing, case and punctuation only are not reported
    same = recode("bencana-permakanan", "Penyediaan Makanan", "penyediaan  makanan.", "nama:")
    assert "bencana-permakanan" not in {n for _, _, n in nomenclature(same, "N004")}


def test_satuan_that_differs_from_the_official_is_n005_at_the_satuan() -> None:
    text = recode("bencana-permakanan", "satuan: orang", "satuan: paket", "satuan:")
    problems = check_loaded(load_text(text, "plan.yaml"), Selection.of(["N005"])).problems
    assert ("N005", line_of("bencana-permakanan", "satuan:"), "bencana-permakanan") in [
        (p.code, p.line, p.node) for p in problems
    ]
    # case is not a difference: 'orang' is the official 'Orang'
    assert "bencana-permakanan" not in {n for _, _, n in nomenclature(TEXT, "N005")}


def test_every_mutation_at_once_is_found_each_at_its_node() -> None:
    text = recode("bencana-permakanan", '"1.06.06.2.01.0001"', '"1.06.06.2.01.0099"')
    text = recode("bencana-penampungan", '"1.06.06.2.01.0003"', '"1.06.06.2.01.0007"', text=text)
    text = text.replace('"1.06.07.2.01', '"1.06.07.1.01')
    text = recode("rehsos-adminduk", "Fasilitasi Pembuatan", "Bantuan Pembuatan", "nama:", text)
    text = recode("penunjang-dpa", "Koordinasi dan", "Rapat", "nama:", text)
    got = {(code, node) for code, _, node in nomenclature(text)}
    assert {
        ("N003", "bencana-permakanan"),
        ("N006", "bencana-penampungan"),
        ("N007", "tmp-pemeliharaan"),
        ("N004", "rehsos-adminduk"),
        ("N004", "penunjang-dpa"),
    } <= got
    assert not any(code == "N003" and node != "bencana-permakanan" for code, node in got)


# --- which list applies ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "jenis"),
    [
        ("Dinas Sosial Kabupaten Kotawaringin Timur", "kabupaten"),
        ("Dinas Sosial Kota Palangka Raya", "kota"),
        ("Dinas Sosial Provinsi Kalimantan Tengah", "provinsi"),
        ("Dinas Sosial Kab. Kotawaringin Timur", "kabupaten"),
        ("Dinas Sosial Kotawaringin", None),
        ("Dinas Contoh", None),
    ],
)
def test_jenis_pemda_from_perangkat_daerah(name: str, jenis: str | None) -> None:
    assert infer_jenis_pemda(name) == jenis


def test_declared_keys_and_workspace_defaults_win_over_inference() -> None:
    text = MINIMAL.replace("Dinas Contoh", "Dinas Sosial Kota Contoh\njenis_pemda: provinsi")
    plan = load_text(text, "plan.yaml").plan
    assert plan is not None
    ctx = effective_nomenclature(plan, "kepmendagri-900", "kota")
    assert (ctx.jenis_pemda, ctx.jenis_from, ctx.version, ctx.version_from) == (
        "provinsi",
        "rencana",
        "kepmendagri-900",
        "workspace",
    )
    assert not ctx.checked  # Kepmendagri 900 has no provinsi list
    # the first call decides for the plan: the rules see the workspace's choice
    assert effective_nomenclature(plan) is ctx


def test_plan_without_jenis_pemda_is_not_checked_against_the_lists() -> None:
    text = MINIMAL.replace('"1.06.06.2.01.0001"', '"1.06.06.2.01.0099"')
    assert found(text, "nomenclature") == []
    assert found(text.replace("Dinas Contoh", "Dinas Sosial Kota Contoh"), "N003") == [("N003", 66)]


def test_plan_year_breaks_a_tie_between_versions() -> None:
    # MINIMAL's codes are in both lists
    for tahun, version in ((2025, "kepmendagri-900"), (2027, "pemutakhiran-2027")):
        text = MINIMAL.replace("Dinas Contoh", "Dinas Sosial Kota Contoh").replace(
            "tahun: 2025", f"tahun: {tahun}"
        )
        plan = load_text(text.replace("periode: [2021, 2025]", "periode: [2021, 2029]"), "p")
        assert plan.plan is not None
        assert effective_nomenclature(plan.plan).version == version


def test_unknown_nomenklatur_value_is_a_schema_error() -> None:
    text = MINIMAL.replace("Dinas Contoh", "Dinas Contoh\nnomenklatur: permendagri-90")
    assert found(text) == [("S004", 3)]


# --- N001 and the penunjang programs ---------------------------------------------------


def test_penunjang_written_with_the_dinas_urusan_is_the_x_xx_entry() -> None:
    # the example writes X.XX.01 as 1.06.01: no N003
    assert not [p for p in nomenclature(TEXT) if p[0] == "N003"]
    two_digit = recode("bencana-permakanan", '"1.06.06.2.01.0001"', '"1.06.06.2.01.01"')
    assert nomenclature(two_digit, "N001", "N003", "N006") == []


# --- what validate says ----------------------------------------------------------------


def test_validate_names_the_inferred_version_in_human_and_json(tmp_path: Path) -> None:
    human = run_pokin("validate", str(EXAMPLE), "--no-config")
    assert human.code == 0
    assert (
        "Nomenklatur kepmendagri-900 (menurut kode-kode rencana; tetapkan dengan "
        "'nomenklatur:'), jenis pemda kabupaten (menurut perangkat_daerah)." in human.stdout
    )
    data = json.loads(run_pokin("validate", str(EXAMPLE), "--format", "json").stdout)
    assert data["nomenklatur"] == {
        str(EXAMPLE): {
            "versi": "kepmendagri-900",
            "versi_dari": "kode",
            "jenis_pemda": "kabupaten",
            "jenis_pemda_dari": "perangkat_daerah",
            "diperiksa": True,
        }
    }
    # a plan that declares both keys needs no note
    plan = write(
        tmp_path,
        MINIMAL.replace(
            "Dinas Contoh", "Dinas Contoh\nnomenklatur: kepmendagri-900\njenis_pemda: kota"
        ),
    )
    assert "Nomenklatur" not in run_pokin("validate", str(plan), "--no-config").stdout


def test_workspace_values_that_name_no_list_are_ignored() -> None:
    plan = load_text(TEXT, "plan.yaml").plan
    assert plan is not None
    ctx = effective_nomenclature(plan, "permendagri-90", "desa")
    assert (ctx.version, ctx.version_from, ctx.jenis_pemda, ctx.jenis_from) == (
        "kepmendagri-900",
        "kode",
        "kabupaten",
        "perangkat_daerah",
    )
