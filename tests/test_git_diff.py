"""pokin diff against git revisions, and as git's external diff driver, in a real repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, run_pokin

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

#: What the review scenario changes, exactly as pokin reports it.
EXPECTED_CHANGES = [
    "~ kegiatan rehsos-dasar-luar-panti: anggaran Rp 266.749.630 → Rp 276.749.630 "
    "(+Rp 10.000.000, +3,75%)",
    "~ sub kegiatan rehsos-alat-bantu: anggaran Rp 102.460.000 → Rp 112.460.000 "
    "(+Rp 10.000.000, +9,76%)",
    '~ sub kegiatan rehsos-alat-bantu: indikator "Jumlah Disabilitas Yang Mendapatkan '
    'Bantuan Alat Dengar, Kursi Roda Dan Kruk": target 64 → 70',
    "→ sub kegiatan bencana-psikososial dipindah: bencana-kebutuhan-dasar → rehsos-pmks-lainnya",
    '+ kegiatan tmp-pengamanan-kegiatan "Pengamanan Taman Makam Pahlawan" ditambahkan di bawah tmp (anggaran Rp 5.000.000)',
    '+ sub kegiatan tmp-pengamanan-harian "Pengamanan Harian" ditambahkan di bawah tmp-pengamanan-kegiatan '
    "(anggaran Rp 5.000.000)",
]
EXPECTED_BUDGET = [
    "  ~ program rehsos: Rp 306.749.630 (tetap); jumlah rinciannya Rp 306.749.630 → "
    "Rp 316.749.630 (+Rp 10.000.000)",
    "  ~ program tmp: Rp 32.400.000 (tetap); jumlah rinciannya Rp 32.400.000 → "
    "Rp 37.400.000 (+Rp 5.000.000)",
]
EXPECTED_SUMMARY = "2 ditambah, 2 diubah, 1 dipindah, 0 dihapus; anggaran Rp 6.312.818.993 (tetap)"

NEW_KEGIATAN = """\
          - id: tmp-pengamanan-kegiatan
            kinerja: Terlaksananya pengamanan harian Taman Makam Pahlawan
            nama: Pengamanan Taman Makam Pahlawan
            anggaran: 5000000
            indikator:
              - uraian: Jumlah hari pengamanan
                satuan: hari
                target: 365
            subkegiatan:
              - id: tmp-pengamanan-harian
                kinerja: Terlaksananya pengamanan harian
                nama: Pengamanan Harian
                anggaran: 5000000
                indikator:
                  - uraian: Jumlah laporan pengamanan
                    satuan: laporan
                    target: 12

  # ---------------------------------------------------------------- CSF III
"""


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "NO_COLOR": "1"},
    )
    return proc.stdout


def review_edit(text: str) -> str:
    """Move a sub kegiatan, change a target and two anggaran, add a kegiatan."""
    start = text.index("              - id: bencana-psikososial")
    end = text.index("\n\n      - id: rehsos\n")
    block = text[start:end]
    text = text[:start] + text[end:]
    anchor = "            subkegiatan:\n              - id: rehsos-pmks-perbekalan-kesehatan"
    assert anchor in text
    text = text.replace(
        anchor,
        "            subkegiatan:\n"
        + block
        + "\n              - id: rehsos-pmks-perbekalan-kesehatan",
    )
    for old, new in (
        ("target: 64\n", "target: 70\n"),
        ("anggaran: 102460000", "anggaran: 112460000"),
        ("anggaran: 266749630", "anggaran: 276749630"),
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    csf3 = "\n  # ---------------------------------------------------------------- CSF III\n"
    assert text.count(csf3) == 1
    return text.replace(csf3, "\n" + NEW_KEGIATAN)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "perencana@example.org")
    git(repo, "config", "user.name", "Perencana")
    plan = repo / "plans" / "dinsos.yaml"
    shutil.copyfile(EXAMPLE, plan)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "rencana awal")
    plan.write_text(review_edit(plan.read_text(encoding="utf-8")), encoding="utf-8")
    return repo


def _body(stdout: str) -> list[str]:
    return stdout.splitlines()[1:]


def _expected_lines() -> list[str]:
    return ["", *EXPECTED_CHANGES, "", "Perubahan anggaran 2025:", *EXPECTED_BUDGET]


def test_diff_against_head_shows_exactly_the_review_changes(repo: Path) -> None:
    run = run_pokin("diff", "plans/dinsos.yaml", "--rev", "HEAD", cwd=repo)
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "pokin diff HEAD:plans/dinsos.yaml → plans/dinsos.yaml"
    assert lines[1 : 1 + len(_expected_lines())] == _expected_lines()
    assert lines[-1] == EXPECTED_SUMMARY
    # the budget consequences: declared figures that no longer match their parts
    assert (
        "  ! kegiatan bencana-kebutuhan-dasar: anggaran tertulis Rp 372.250.370, "
        "jumlah rinciannya Rp 349.150.370 (selisih Rp 23.100.000)"
    ) in lines
    # one path and no --rev means HEAD
    assert run_pokin("diff", "plans/dinsos.yaml", cwd=repo).stdout == run.stdout


def test_git_diff_with_the_pokin_driver(repo: Path) -> None:
    (repo / ".gitattributes").write_text("plans/*.yaml diff=pokin\n", encoding="utf-8")
    command = f"{sys.executable} -m pokin diff --git-external"
    git(repo, "config", "diff.pokin.command", command)
    out = git(repo, "diff", "--", "plans/dinsos.yaml")
    lines = out.splitlines()
    assert lines[0] == "pokin diff plans/dinsos.yaml"
    assert lines[1 : 1 + len(_expected_lines())] == _expected_lines()
    assert lines[-1] == EXPECTED_SUMMARY
    # a new plan file (git passes /dev/null as the old side): everything added
    shutil.copyfile(repo / "plans" / "dinsos.yaml", repo / "plans" / "baru.yaml")
    git(repo, "add", "-N", "plans/baru.yaml")
    new_file = git(repo, "diff", "--", "plans/baru.yaml")
    assert new_file.splitlines()[-1].endswith(
        "; anggaran Rp 0 → Rp 6.312.818.993 (+Rp 6.312.818.993)"
    )


def test_two_revisions(repo: Path) -> None:
    git(repo, "commit", "-qam", "tinjauan")
    run = run_pokin("diff", "--rev", "HEAD~1..HEAD", "plans/dinsos.yaml", cwd=repo)
    assert run.code == 0
    assert run.stdout.splitlines()[0] == (
        "pokin diff HEAD~1:plans/dinsos.yaml → HEAD:plans/dinsos.yaml"
    )
    assert run.stdout.splitlines()[-1] == EXPECTED_SUMMARY
    assert (
        run_pokin(
            "diff", "--exit-code", "--rev", "HEAD~1..HEAD", "plans/dinsos.yaml", cwd=repo
        ).code
        == 1
    )
    assert (
        run_pokin("diff", "--exit-code", "--rev", "HEAD..HEAD", "plans/dinsos.yaml", cwd=repo).code
        == 0
    )


def test_git_errors_exit_2(repo: Path, tmp_path: Path) -> None:
    missing_rev = run_pokin("diff", "plans/dinsos.yaml", "--rev", "tidak-ada", cwd=repo)
    assert missing_rev.code == 2
    assert "revisi 'tidak-ada' tidak ditemukan" in missing_rev.stderr
    (repo / "plans" / "baru.yaml").write_text("pokin: 1\n", encoding="utf-8")
    absent = run_pokin("diff", "plans/baru.yaml", "--rev", "HEAD", cwd=repo)
    assert absent.code == 2
    assert "berkas plans/baru.yaml tidak ada pada revisi HEAD" in absent.stderr
    outside = tmp_path / "luar"
    outside.mkdir()
    shutil.copyfile(EXAMPLE, outside / "plan.yaml")
    not_repo = run_pokin("diff", "plan.yaml", cwd=outside)
    assert not_repo.code == 2
    assert "tidak berada di dalam repositori git" in not_repo.stderr
