"""`pokin diff` on two versions of a realisasi file: which figures changed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, run_pokin

TW1 = EXAMPLE.parent / "realisasi" / "2025-tw1.yaml"


def test_changed_figures_between_two_files(tmp_path: Path) -> None:
    new = tmp_path / "tw1.yaml"
    new.write_text(
        TW1.read_text(encoding="utf-8")
        .replace("indikator: [12]", "indikator: [13]")
        .replace("anggaran: 1050000", "anggaran: 1150000")
        .replace("  tmp-pemeliharaan-makam:\n    indikator: [1]\n    anggaran: 8100000\n", ""),
        encoding="utf-8",
    )
    run = run_pokin("diff", str(TW1), str(new), "--exit-code")
    assert run.code == 1, run.stderr
    assert "~ bencana-permakanan: indikator ke-1: 12 → 13" in run.stdout
    assert "~ bencana-kelompok-rentan: anggaran: Rp 1.050.000 → Rp 1.150.000" in run.stdout
    assert "- tmp-pemeliharaan-makam (tidak dilaporkan lagi)" in run.stdout
    data = json.loads(run_pokin("diff", str(TW1), str(new), "-f", "json").stdout)
    assert {
        "node": "bencana-permakanan",
        "key": "indikator",
        "indikator": 0,
        "old": 12,
        "new": 13,
    } in data["changes"]
    assert data["removed"] == ["tmp-pemeliharaan-makam"]
    same = run_pokin("diff", str(TW1), str(TW1), "--exit-code")
    assert same.code == 0 and "Tidak ada angka realisasi yang berubah." in same.stdout


def test_values_by_uraian_are_compared_by_uraian(tmp_path: Path) -> None:
    head = "pokin_realisasi: 1\nrencana: x.yaml\ntahun: 2025\nperiode: tw1\nrealisasi:\n"
    old = tmp_path / "a.yaml"
    new = tmp_path / "b.yaml"
    old.write_text(head + "  n: {indikator: {Jumlah Orang: 3, Jumlah Unit: 1}}\n", encoding="utf-8")
    new.write_text(
        head + "  n: {indikator: {jumlah  orang: 4, Jumlah Unit: 1}}\n", encoding="utf-8"
    )
    run = run_pokin("diff", str(old), str(new), "-f", "md")
    assert run.code == 0
    assert "- ~ n: indikator 'jumlah orang': 3 → 4" in run.stdout


def test_a_broken_version_is_reported_not_compared(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("pokin_realisasi: 1\nrencana: x.yaml\ntahun: 2025\nperiode: tw9\n")
    run = run_pokin("diff", str(TW1), str(bad))
    assert run.code == 2 and "S004" in run.stdout and "tidak dapat membandingkan" in run.stderr


@pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git"
)
def test_a_realisasi_file_against_its_git_revision(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "a@b.c")
    git("config", "user.name", "a")
    path = tmp_path / "tw1.yaml"
    path.write_text(TW1.read_text(encoding="utf-8"), encoding="utf-8")
    git("add", "tw1.yaml")
    git("commit", "-qm", "tw1")
    path.write_text(path.read_text().replace("indikator: [4]", "indikator: [5]"), encoding="utf-8")
    run = run_pokin("diff", str(path), "--rev", "HEAD")
    assert run.code == 0, run.stderr
    assert "~ bencana-kelompok-rentan: indikator ke-1: 4 → 5" in run.stdout


def test_as_gits_external_diff(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(TW1.read_text(encoding="utf-8").replace("[24.5]", "[25]"), encoding="utf-8")
    name = "realisasi/2025-tw1.yaml"
    args = [name, str(TW1), "a" * 40, "100644", str(new), "b" * 40, "100644"]
    run = run_pokin("diff", "--git-external", *args)
    assert run.code == 0, run.stderr
    assert "~ bencana: indikator ke-1: 24,5 → 25" in run.stdout
    added = run_pokin("diff", "--git-external", name, "/dev/null", "0" * 40, ".", *args[4:])
    assert "+ bencana-permakanan (node baru dilaporkan)" in added.stdout
    gone = run_pokin("diff", "--git-external", name, *args[1:4], "/dev/null", "0" * 40, ".")
    assert "- bencana-permakanan (tidak dilaporkan lagi)" in gone.stdout
