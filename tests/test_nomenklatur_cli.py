"""`pokin nomenklatur` (look-ups) and `pokin fix` (official nama, nothing else touched)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pokin.render.fix import fix_nama_bytes
from tests.helpers import EXAMPLE, MINIMAL, run_pokin, write

# --- pokin nomenklatur ------------------------------------------------------------------


def test_kode_shows_the_entry_and_its_successor_in_2027() -> None:
    run = run_pokin("nomenklatur", "1.06.06.2.01.0003")
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines()[:6] == [
        "1.06.06.2.01.0003  sub kegiatan · kepmendagri-900 (kabupaten/kota)",
        "  nama:      Penyediaan Tempat Penampungan Pengungsi",
        "  kinerja:   Tersedianya Tempat Pengungsian Kewenangan Kabupaten/Kota",
        "  indikator: Jumlah Tempat Pengungsian Kewenangan Kabupaten/Kota",
        "  satuan:    Unit",
        "  → pemutakhiran-2027: 1.06.06.2.01.0007 Penyediaan Tempat Penampungan Pengungsi",
    ]


def test_json_per_version_with_filters() -> None:
    run = run_pokin("nomenklatur", "1.06.06.2.01.0001", "--format", "json", "--jenis-pemda", "kota")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["format_version"] == 1
    assert [(h["kode"], h["versi"], h["satuan"]) for h in data["hasil"]] == [
        ("1.06.06.2.01.0001", "kepmendagri-900", "Orang"),
        ("1.06.06.2.01.0001", "pemutakhiran-2027", "Orang"),
    ]
    assert all(h["ada_di_versi_lain"] for h in data["hasil"])
    only = run_pokin(
        "nomenklatur", "1.06.06.2.01.0001", "-f", "json", "--versi", "pemutakhiran-2027"
    )
    assert {h["versi"] for h in json.loads(only.stdout)["hasil"]} == {"pemutakhiran-2027"}


def test_words_and_prefix_and_nothing_found() -> None:
    words = run_pokin("nomenklatur", "permakanan", "--versi", "kepmendagri-900", "-f", "json")
    kodes = [h["kode"] for h in json.loads(words.stdout)["hasil"]]
    assert "1.06.06.2.01.0001" in kodes
    prefix = run_pokin("nomenklatur", "1.06.06.2", "--versi", "kepmendagri-900", "--limit", "2")
    assert prefix.stdout.startswith("1.06.06.2.01  kegiatan")
    assert "pakai --limit" in prefix.stdout
    none = run_pokin("nomenklatur", "zzzqqq")
    assert none.code == 1
    assert "Tidak ada kode nomenklatur yang cocok dengan 'zzzqqq'." in none.stdout
    bad = run_pokin("nomenklatur", "x", "--versi", "2030")
    assert bad.code == 2


# --- pokin fix --------------------------------------------------------------------------


def test_fix_replaces_only_layout_differences_and_keeps_every_other_byte(tmp_path: Path) -> None:
    original = EXAMPLE.read_bytes()
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(original)
    check = run_pokin("fix", "--check", str(plan))
    assert check.code == 1
    assert plan.read_bytes() == original  # --check changes nothing
    run = run_pokin("fix", str(plan))
    assert run.code == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1] == "15 nama diganti dengan nama resmi dalam 1 berkas."
    fixed = plan.read_bytes()
    before, after = original.decode().splitlines(), fixed.decode().splitlines()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 15
    for old, new in changed:  # only the value of a nama line changed
        assert old.split("nama:")[0] == new.split("nama:")[0]
        assert old.strip().startswith("nama:")
    assert (
        "nama: Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah" in fixed.decode()
    )
    # 'Barang Cetak' differs in a word (N004): left as written
    assert "nama: Penyediaan Barang Cetak dan Penggandaan" in fixed.decode()
    # program names printed in capitals by the list are not forced on the plan
    assert "nama: Program Penanganan Bencana" in fixed.decode()
    assert run_pokin("fix", "--check", str(plan)).code == 0  # nothing left


def test_fix_keeps_comments_quotes_crlf_and_bom() -> None:
    text = MINIMAL.replace("Dinas Contoh", "Dinas Sosial Kota Contoh").replace(
        "nama: Penyediaan Makanan", "nama: 'penyediaan  makanan'  # dari DPA"
    )
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    result = fix_nama_bytes(raw, "plan.yaml")
    assert result.fixed is not None
    assert [(f.node, f.line, f.old, f.new) for f in result.fixes] == [
        ("sub-1", 65, "penyediaan  makanan", "Penyediaan Makanan")
    ]
    assert result.fixed == raw.replace(b"'penyediaan  makanan'", b"'Penyediaan Makanan'")


def test_fix_leaves_a_broken_plan_and_a_plan_without_jenis_untouched(tmp_path: Path) -> None:
    broken = write(tmp_path, "pokin: 1\ntahun: [2025\n", "broken.yaml")
    run = run_pokin("fix", str(broken))
    assert run.code == 1
    assert "Y001 galat" in run.stdout  # reported as validate reports it
    assert broken.read_text() == "pokin: 1\ntahun: [2025\n"
    unknown = write(tmp_path, MINIMAL.replace("Penyediaan Makanan", "penyediaan makanan"))
    run = run_pokin("fix", str(unknown))
    assert run.code == 0
    assert "jenis pemda tidak diketahui" in run.stdout
    assert unknown.read_text() == MINIMAL.replace("Penyediaan Makanan", "penyediaan makanan")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_fix_does_not_replace_a_symlink(tmp_path: Path) -> None:
    target = write(
        tmp_path,
        MINIMAL.replace("Dinas Contoh", "Dinas Sosial Kota Contoh").replace(
            "Penyediaan Makanan", "penyediaan makanan"
        ),
        "real.yaml",
    )
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    run = run_pokin("fix", str(link))
    assert run.code == 1
    assert "bukan berkas biasa" in run.stdout
    assert link.is_symlink()
    assert "penyediaan makanan" in target.read_text()


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
@pytest.mark.parametrize("check", [True, False])
def test_fix_refuses_what_is_not_a_regular_file_without_waiting(
    kind: str, check: bool, tmp_path: Path
) -> None:
    target = tmp_path / "plan.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target = Path("/dev/zero")
    args = ["fix", *(["--check"] if check else []), str(target)]
    run = run_pokin(*args)
    assert run.code == 2, run.stdout + run.stderr
    expected = "tidak ada berkas rencana" if kind == "folder" else "bukan berkas biasa"
    assert expected in run.stderr
    if kind == "device":
        assert Path("/dev/zero").is_char_device()


def test_query_and_results_are_shown_escaped() -> None:
    run = run_pokin("nomenklatur", "\x1b]52;c;aGVsbG8=\x07 sosial")
    assert run.code == 1
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\\x1b]52" in run.stdout
    long = run_pokin("nomenklatur", "a" * 10_000)
    assert long.code == 1 and len(long.stdout) < 200
