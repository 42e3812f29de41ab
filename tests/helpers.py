"""Shared test helpers: run the real CLI, write inline plans, a minimal valid plan."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dinsos_kotim_2025.yaml"

#: A small valid plan; tests append or replace parts of it.
MINIMAL = textwrap.dedent(
    """\
    pokin: 1
    perangkat_daerah: Dinas Contoh
    tahun: 2025
    periode: [2021, 2025]
    renstra:
      sasaran:
        - id: rs-1
          kinerja: Meningkatnya PMKS yang tertangani
          indikator:
            - uraian: Persentase PMKS yang tertangani
              satuan: "%"
              target: {2021: 70.05, 2025: 90.05}
    jabatan:
      - id: kadis
        nama: Kepala Dinas
        eselon: II
      - id: kabid
        nama: Kepala Bidang
        eselon: III
        atasan: kadis
      - id: jf
        nama: Pejabat Fungsional
        eselon: JF
        atasan: kabid
    outcome:
      id: outcome
      kinerja: Meningkatnya Kesejahteraan PPKS
      indikator:
        - uraian: Persentase PPKS yang tertangani
          satuan: "%"
      pj: kadis
    csf:
      - id: csf-1
        kinerja: Meningkatnya Pelayanan Sosial PPKS
        indikator:
          - uraian: Persentase PPKS yang terlayani
            satuan: "%"
        pj: kadis
        renstra: rs-1
        program:
          - id: prog-1
            kinerja: Terwujudnya korban bencana yang tertangani
            nama: Program Penanganan Bencana
            kode: "1.06.06"
            anggaran: 300
            indikator:
              - uraian: Persentase korban bencana yang menerima bantuan sosial
                satuan: "%"
                target: 93.59
            pj: kabid
            kegiatan:
              - id: keg-1
                kinerja: Terpenuhinya kebutuhan dasar korban bencana
                nama: Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota
                kode: "1.06.06.2.01"
                anggaran: 300
                indikator:
                  - uraian: Jumlah korban bencana yang terpenuhi kebutuhan dasarnya
                    satuan: orang
                    target: 55
                pj: jf
                subkegiatan:
                  - id: sub-1
                    kinerja: Terpenuhinya kebutuhan permakanan korban bencana
                    nama: Penyediaan Makanan
                    kode: "1.06.06.2.01.0001"
                    anggaran: 200
                    indikator:
                      - uraian: Jumlah orang yang mendapatkan permakanan
                        satuan: orang
                        target: 55
                  - id: sub-2
                    kinerja: Tersedianya pakaian bagi korban bencana
                    nama: Penyediaan Sandang
                    kode: "1.06.06.2.01.0002"
                    anggaran: 100
                    indikator:
                      - uraian: Jumlah orang yang mendapatkan pakaian
                        satuan: orang
                        target: 55
    """
)


@dataclass
class Run:
    """The outcome of one CLI run."""

    code: int
    stdout: str
    stderr: str


def run_pokin(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run the real ``pokin`` entry point in a subprocess."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if "GITHUB_ACTIONS" not in (env or {}) else None
    proc = subprocess.run(
        [sys.executable, "-m", "pokin", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    """Write a dedented plan snippet to ``tmp_path/name``."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def found(text: str, *select: str) -> list[tuple[str, int]]:
    """(code, line) of every problem the selected rules (all when none) report on ``text``."""
    from pokin.check.engine import Selection, check_loaded
    from pokin.source.load import load_text

    report = check_loaded(load_text(text, "plan.yaml"), Selection.of(select))
    return [(p.code, p.line) for p in report.problems]


def edit(base: str, changes: dict[int, str]) -> str:
    """``base`` with whole lines replaced (1-based line numbers; line count kept)."""
    lines = base.splitlines()
    for number, text in changes.items():
        lines[number - 1] = text
    return "\n".join(lines) + "\n"
