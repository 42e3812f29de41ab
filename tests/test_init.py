"""`pokin init`: a commented skeleton that validates, with official kode chains."""

from __future__ import annotations

from pathlib import Path

from pokin.source.load import load_file
from tests.helpers import run_pokin

PD = "Dinas Sosial Kabupaten Kotawaringin Timur"


def test_init_with_three_kode_from_different_programs_validates(tmp_path: Path) -> None:
    plan = tmp_path / "rencana.yaml"
    run = run_pokin(
        "init", str(plan), "--perangkat-daerah", PD, "--tahun", "2025",
        "--kode", "1.06.06.2.01.0001",  # Penyediaan Makanan (bencana)
        "--kode", "1.06.04.2.01.0001",  # Penyediaan Permakanan (rehabilitasi sosial)
        "--kode", "1.06.01.2.02.0001",  # Penyediaan Gaji dan Tunjangan ASN (penunjang)
        "--kode", "1.06.06.2.01.0002",  # a second sub kegiatan of the same kegiatan
    )  # fmt: skip
    assert run.code == 0, run.stderr
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=pokin.schema.json\n")
    assert "pokin: 1  # versi format rencana" in text
    validate = run_pokin("validate", str(plan))
    assert validate.code == 0, validate.stdout
    assert run_pokin("fmt", "--check", str(plan)).code == 0  # already canonical
    assert "0 galat" in validate.stdout
    loaded = load_file(plan).plan
    assert loaded is not None
    programs = loaded.level_nodes("program")
    assert [p.node.kode for p in programs] == ["1.06.06", "1.06.04", "1.06.01"]  # type: ignore[attr-defined]
    makanan = loaded.by_id["penyediaan-makanan"].node
    assert makanan.nama == "Penyediaan Makanan"  # type: ignore[attr-defined]
    assert makanan.indikator[0].satuan == "Orang"
    assert makanan.indikator[0].uraian.startswith("Jumlah Orang yang Mendapatkan Permakanan")
    # the two sub kegiatan of 1.06.06.2.01 share their kegiatan
    kegiatan = loaded.by_id["penyediaan-sandang"].parent
    assert kegiatan is not None and [c.id for c in kegiatan.children] == [
        "penyediaan-makanan",
        "penyediaan-sandang",
    ]


def test_init_without_kode_validates(tmp_path: Path) -> None:
    plan = tmp_path / "rencana.yaml"
    assert (
        run_pokin("init", str(plan), "--perangkat-daerah", "Dinas X", "--tahun", "2026").code == 0
    )
    assert run_pokin("validate", str(plan)).code == 0


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    plan = tmp_path / "rencana.yaml"
    plan.write_text("# punya saya\n", encoding="utf-8")
    run = run_pokin("init", str(plan), "--perangkat-daerah", PD, "--tahun", "2025")
    assert run.code == 2
    assert "sudah ada" in run.stderr
    assert plan.read_text(encoding="utf-8") == "# punya saya\n"


def test_init_unknown_kode_is_a_usage_error(tmp_path: Path) -> None:
    plan = tmp_path / "rencana.yaml"
    run = run_pokin(
        "init", str(plan), "--perangkat-daerah", PD, "--tahun", "2025", "--kode", "1.06.99.2.01"
    )
    assert run.code == 2
    assert "tidak ada dalam nomenklatur" in run.stderr
    assert not plan.exists()
