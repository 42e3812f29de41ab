"""The shipped nomenclature index: rebuilt byte for byte, and facts of the real lists."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import pokin.nomenclature as nomen
from pokin.nomenclature import (
    comparable,
    covers,
    kewenangan,
    lookup,
    nearest,
    normalise_kode,
    normalise_text,
    same_name_in_parent,
    search,
    successors,
    versions_with,
)
from pokin.nomenclature.index import DATA

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "scripts" / "build_nomenclature.py"
RENUMBERED = ("1.06.04.2.01.0007", "1.06.06.2.01.0003", "1.06.05.2.02.0003", "1.06.03.2.01.0001")


def reference() -> Path:
    """$POKIN_REFERENCE, ../shared/reference, or a shared/reference further up (worktrees)."""
    env = os.environ.get("POKIN_REFERENCE")
    if env:
        return Path(env)
    for parent in (ROOT.parent, *ROOT.parent.parents):
        if (parent / "shared" / "reference").is_dir():
            return parent / "shared" / "reference"
    return ROOT.parent / "shared" / "reference"


def build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_nomenclature", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_rebuild_is_byte_identical_to_committed_data() -> None:
    ref = reference()
    if not ref.is_dir():
        pytest.skip(f"folder spreadsheet sumber tidak ada: {ref} (atur POKIN_REFERENCE)")
    files, _ = build_module().build(ref)
    assert sorted(files) == sorted(p.name for p in DATA.iterdir())
    for name, data in files.items():
        assert (DATA / name).read_bytes() == data, f"{name} berbeda: jalankan {BUILD.name}"


def test_check_flag_passes_on_committed_data() -> None:
    ref = reference()
    if not ref.is_dir():
        pytest.skip(f"folder spreadsheet sumber tidak ada: {ref} (atur POKIN_REFERENCE)")
    proc = subprocess.run(
        [sys.executable, str(BUILD), "--check", "--reference", str(ref)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_check_flag_fails_on_stale_data(tmp_path: Path) -> None:
    ref = reference()
    if not ref.is_dir():
        pytest.skip(f"folder spreadsheet sumber tidak ada: {ref} (atur POKIN_REFERENCE)")
    for p in DATA.iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
    stale = tmp_path / "kepmendagri-900.tsv"
    stale.write_bytes(stale.read_bytes().replace(b"PROGRAM PENANGANAN BENCANA", b"PROGRAM X"))
    proc = subprocess.run(
        [sys.executable, str(BUILD), "--check", "--reference", str(ref), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "kepmendagri-900.tsv" in proc.stderr


@pytest.mark.parametrize("kode", RENUMBERED)
def test_four_codes_are_kepmendagri_900_only(kode: str) -> None:
    entry = lookup(kode, "kepmendagri-900", "kabupaten")
    assert entry is not None and entry.level == "subkegiatan"
    assert entry.jenis == "kabkot" and entry.previous is None
    assert lookup(kode, "pemutakhiran-2027", "kabupaten") is None
    assert lookup(kode, "pemutakhiran-2027", "provinsi") is None
    assert versions_with(kode, "kabupaten") == ("kepmendagri-900",)
    # None of them is named as the previous kode of a 2027 sub kegiatan.
    assert successors(kode, "kabupaten") == []


def test_where_the_four_codes_went_by_name() -> None:
    moved = {
        "1.06.06.2.01.0003": "1.06.06.2.01.0007",  # Penyediaan Tempat Penampungan Pengungsi
        "1.06.05.2.02.0003": "1.06.05.2.02.0006",  # Fasilitasi Bantuan Sosial Kesejahteraan Keluarga
    }
    for old, new in moved.items():
        found = same_name_in_parent(old, "kepmendagri-900", "kota")
        assert [e.kode for e in found] == [new]
        assert found[0].version == "pemutakhiran-2027"
    # Same nama, but under another kegiatan of the same program.
    assert same_name_in_parent("1.06.04.2.01.0007", "kepmendagri-900", "kota") == []
    found = same_name_in_parent("1.06.04.2.01.0007", "kepmendagri-900", "kota", within="program")
    assert [e.kode for e in found] == ["1.06.04.2.02.0009"]
    # Renamed as well as renumbered: only a suggestion finds it.
    assert same_name_in_parent("1.06.03.2.01.0001", "kepmendagri-900", "kota", "program") == []
    old = lookup("1.06.03.2.01.0001", "kepmendagri-900", "kota")
    assert old is not None
    near = nearest(old.nama, "subkegiatan", "pemutakhiran-2027", "kota", parent="1.06.03.2.01")
    assert near and near[0].kode == "1.06.03.2.01.0003"


def test_program_names() -> None:
    for version in nomen.VERSIONS:
        entry = lookup("1.06.06", version, "kabupaten")
        assert entry is not None
        assert (entry.level, entry.nama) == ("program", "PROGRAM PENANGANAN BENCANA")
    kegiatan = lookup("1.06.06.2.01", "kepmendagri-900", "kota")
    assert kegiatan is not None and kegiatan.level == "kegiatan"
    assert kegiatan.nama == "Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota"
    assert kegiatan.satuan is None and kegiatan.kinerja is None


def test_urusan_and_bidang_levels() -> None:
    urusan = lookup("1", "kepmendagri-900", "kabupaten")
    assert urusan is not None and urusan.level == "urusan"
    bidang = lookup("1.06", "pemutakhiran-2027", "provinsi")
    assert bidang is not None
    assert (bidang.level, bidang.nama, bidang.jenis) == (
        "bidang",
        "URUSAN PEMERINTAHAN BIDANG SOSIAL",
        "both",
    )
    # The 2027 list has no urusan rows.
    assert lookup("1", "pemutakhiran-2027", "kabupaten") is None


def test_sub_kegiatan_fields() -> None:
    entry = lookup("1.06.06.2.01.0001", "kepmendagri-900", "kota")
    assert entry == nomen.Entry(
        kode="1.06.06.2.01.0001",
        level="subkegiatan",
        nama="Penyediaan Makanan",
        kinerja="Terpenuhinya Orang yang Mendapatkan Permakanan 3x1 Hari dalam Masa Tanggap "
        "Darurat (Pengungsian) Kewenangan Kabupaten/Kota",
        indikator="Jumlah Orang yang Mendapatkan Permakanan 3x1 Hari dalam Masa Tanggap Darurat "
        "(Pengungsian) Kewenangan Kabupaten/Kota",
        satuan="Orang",
        jenis="kabkot",
        version="kepmendagri-900",
        previous=None,
    )


def test_penunjang_through_x_xx() -> None:
    direct = lookup("X.XX.01.2.01.0001", "kepmendagri-900", "kabupaten")
    assert direct is not None and direct.nama == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    # Any urusan/bidang stands for X.XX on the penunjang program 01.
    assert lookup("1.06.01.2.01.0001", "kepmendagri-900", "kabupaten") == direct
    assert lookup("1.06.01.2.01.01", "kepmendagri-900", "kota") == direct
    assert lookup("1.XX.01.2.01.0001", "kepmendagri-900", "kota") == direct
    program = lookup("1.06.01", "kepmendagri-900", "kabupaten")
    assert program is not None and program.kode == "X.XX.01"
    assert program.nama == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    prov = lookup("2.08.01.1.01.0001", "pemutakhiran-2027", "provinsi")
    assert prov is not None and prov.kode == "X.XX.01.1.01.0001"
    assert versions_with("1.06.01.2.01.0001", "kota") == nomen.VERSIONS
    assert lookup("1.06.01.2.99.0001", "kepmendagri-900", "kota") is None
    # The penunjang of the other list's kewenangan is not there.
    assert lookup("1.06.01.1.01.0001", "kepmendagri-900", "kota") is None


def test_a_kode_per_jenis_pemda() -> None:
    kode = "1.01.02.3.05.0001"
    prov = lookup(kode, "pemutakhiran-2027", "provinsi")
    kab = lookup(kode, "pemutakhiran-2027", "kabupaten")
    kota = lookup(kode, "pemutakhiran-2027", "kota")
    assert prov is not None and kab is not None
    assert (prov.jenis, prov.nama) == (
        "prov",
        "Penyediaan Beasiswa Status Mahasiswa Jenjang Diploma/Akademi Komunitas",
    )
    assert (kab.jenis, kab.nama) == ("kabkot", "Pembangunan USB (Unit Sekolah Baru)")
    assert kota == kab
    # Identical in both lists: one entry of jenis both.
    both = lookup("1.06.06", "pemutakhiran-2027", "provinsi")
    assert both is not None and both.jenis == "both"
    assert both == lookup("1.06.06", "pemutakhiran-2027", "kota")


def test_kepmendagri_900_has_no_provinsi_list() -> None:
    assert covers("kepmendagri-900", "kabupaten") and covers("kepmendagri-900", "kota")
    assert not covers("kepmendagri-900", "provinsi")
    assert covers("pemutakhiran-2027", "provinsi")
    assert lookup("1.06.06", "kepmendagri-900", "provinsi") is None


def all_entries() -> list[nomen.Entry]:
    found = []
    for version in nomen.VERSIONS:
        for jenis_pemda in ("kota", "provinsi"):
            found += search("", version, jenis_pemda)  # empty query: nothing
            for urusan in "123456789X":
                found += search(urusan, version, jenis_pemda, limit=100_000)
    return found


def test_repairs_applied() -> None:
    entries = all_entries()
    assert len({(e.version, e.jenis, e.kode) for e in entries}) == 4_367 + 9_288
    satuan = {e.satuan for e in entries if e.satuan}
    assert not [s for s in satuan if "Â" in s or "Ã" in s or "â€" in s]
    assert "Dokuman" not in satuan and "Doumen" not in satuan and "Organiasasi" not in satuan
    assert "M³/Hari" in satuan
    texts = [t for e in entries for t in (e.nama, e.kinerja, e.indikator, e.satuan) if t]
    assert not [t for t in texts if "\n" in t or "  " in t or t != t.strip()]
    assert not [t for t in texts if "DPA- SKPD" in t or "Kabupaten/ Kota" in t]
    renamed = lookup("1.03.07.2.01.0038", "pemutakhiran-2027", "kota")
    assert renamed is not None and renamed.previous == "1.03.07.2.01.0018"
    assert renamed.nama.startswith("Optimalisasi Sistem Pengelolaan Air Limbah")
    listed = (DATA / "repairs.txt").read_text(encoding="utf-8")
    assert "Dokuman -> Dokumen" in listed and "MÂ³/Hari -> M³/Hari" in listed


def test_successors_from_subkegiatan_sebelumnya() -> None:
    found = successors("1.02.02.2.02.0028", "kota")
    assert [(e.kode, e.previous) for e in found] == [("1.02.02.2.02.0053", "1.02.02.2.02.0028")]
    assert found[0].nama.startswith("Pengambilan, Pemeriksaan dan Pengiriman Spesimen")
    assert successors("1.02.02.2.02.28", "kota") == found
    # PROV rows name provinsi codes: nothing for a kabupaten.
    prov = successors("1.02.02.1.02.0013", "provinsi")
    assert prov and all(e.jenis in ("prov", "both") for e in prov)
    assert successors("1.02.02.1.02.0013", "kabupaten") == []


def test_search_words() -> None:
    found = search("permakanan", "kepmendagri-900", "kabupaten")
    assert [(e.kode, e.nama) for e in found] == [
        ("1.06.04.2.01.0001", "Penyediaan Permakanan"),
        ("1.06.04.2.02.0003", "Penyediaan Permakanan"),
        # nama without the word, found through its kinerja/indikator
        ("1.06.06.2.01.0001", "Penyediaan Makanan"),
    ]
    everywhere = search("Permakanan")
    assert {e.version for e in everywhere} == set(nomen.VERSIONS)
    assert all("permakanan" in e.nama.casefold() for e in everywhere[:3])
    # every word must match, in any order and case
    both = search("PENGUNGSI tempat", "pemutakhiran-2027", "kota")
    assert both[0].nama == "Penyediaan Tempat Penampungan Pengungsi"
    assert search("permakanan zzzz") == []
    assert len(search("dokumen", limit=5)) == 5


def test_search_kode_prefix() -> None:
    found = search("1.06.06.2.01", "kepmendagri-900", "kota")
    assert found[0].kode == "1.06.06.2.01" and found[0].level == "kegiatan"
    assert all(e.kode.startswith("1.06.06.2.01") for e in found)
    assert [e.kode for e in found[1:3]] == ["1.06.06.2.01.0001", "1.06.06.2.01.0002"]
    penunjang = search("4.01.01.2.02", "kepmendagri-900", "kota")
    assert penunjang and all(e.kode.startswith("X.XX.01.2.02") for e in penunjang)


def test_nearest_kode() -> None:
    found = nearest("1.06.06.2.01.0010", "subkegiatan", "kepmendagri-900", "kabupaten")
    assert len(found) == 3 and all(e.kode.startswith("1.06.06.2.01.") for e in found)
    # a provinsi kegiatan in a kabupaten plan: the kabupaten one is suggested
    found = nearest("1.06.06.1.01.0001", "subkegiatan", "pemutakhiran-2027", "kota", n=1)
    assert [e.kode for e in found] == ["1.06.06.2.01.0001"]
    program = nearest("1.06.6", "program", "kepmendagri-900", "kota", n=1)
    assert [e.kode for e in program] == ["1.06.06"]


def test_nearest_name() -> None:
    found = nearest(
        "Penyediaan Tempat Penampungan Pengungsian", "subkegiatan", "kepmendagri-900", "kota"
    )
    assert found[0].kode == "1.06.06.2.01.0003"
    assert nearest("zzzz qqqq", "subkegiatan", "kepmendagri-900", "kota") == []
    found = nearest("penyediaan makanan", "subkegiatan", "kepmendagri-900", "kota",
                    parent="1.06.06.2.01")  # fmt: skip
    assert found[0].nama == "Penyediaan Makanan"
    with pytest.raises(ValueError, match="level tidak dikenal"):
        nearest("x", "sub", "kepmendagri-900", "kota")


def test_text_helpers() -> None:
    assert normalise_text("  Penyediaan \n  Makanan\t") == "Penyediaan Makanan"
    assert comparable("Koordinasi dan Penyusunan Dokumen RKA- SKPD") == comparable(
        "koordinasi  dan penyusunan dokumen RKA-SKPD."
    )
    assert comparable("Penyediaan Makanan") != comparable("Penyediaan Permakanan")
    assert normalise_kode("4.01.05.1.01.01") == "4.01.05.1.01.0001"
    assert normalise_kode(" 1.06.06.2.01.7 ") == "1.06.06.2.01.0007"
    assert normalise_kode("x.xx.01.2.01.0001") == "X.XX.01.2.01.0001"
    assert normalise_kode("1.06.06.2.01.123") == "1.06.06.2.01.123"
    assert normalise_kode("1.06.06") == "1.06.06"


@pytest.mark.parametrize(
    ("kode", "expected"),
    [
        ("1.06.06.1.01.0001", "provinsi"),
        ("1.06.06.2.01", "kabkot"),
        ("1.01.08.7.01", "khusus"),
        ("4.01.04.5.01.0001", "khusus"),
        ("1.06.06", None),
        ("1.06.06.9.01", None),
    ],
)
def test_kewenangan(kode: str, expected: str | None) -> None:
    assert kewenangan(kode) == expected


def test_unknown_version_or_jenis_pemda() -> None:
    with pytest.raises(ValueError, match="versi nomenklatur tidak dikenal"):
        lookup("1.06.06", "permendagri-90", "kota")
    with pytest.raises(ValueError, match="jenis_pemda tidak dikenal"):
        lookup("1.06.06", "kepmendagri-900", "kabkot")


def test_loader_reads_no_spreadsheet_library() -> None:
    code = (
        "import sys, pokin.nomenclature as n\n"
        "n.lookup('1.06.06', 'kepmendagri-900', 'kota')\n"
        "n.search('permakanan')\n"
        "n.nearest('Penyediaan Makanan', 'subkegiatan', 'pemutakhiran-2027', 'provinsi')\n"
        "bad = {'python_calamine', 'openpyxl', 'xlrd', 'pandas'} & set(sys.modules)\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
