"""Shared test helpers: run the real CLI, write inline plans, a minimal valid plan."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
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
        - {uraian: Persentase PPKS yang tertangani, satuan: "%",
           target: 80}
      pj: kadis
    csf:
      - id: csf-1
        kinerja: Meningkatnya Pelayanan Sosial PPKS
        indikator:
          - {uraian: Persentase PPKS yang terlayani, satuan: "%",
             target: 85}
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


def _cli_env(env: dict[str, str] | None) -> dict[str, str]:
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    if "GITHUB_ACTIONS" not in (env or {}):
        full_env.pop("GITHUB_ACTIONS", None)
    return full_env


@contextlib.contextmanager
def _environment(env: dict[str, str], cwd: Path | None) -> Iterator[None]:
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env)
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def run_pokin(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run the real ``pokin`` entry point (``pokin.cli.main``) in this process.

    Arguments, environment, working folder, standard output (text and bytes)
    and standard error are those of a real run; the exit code is the one
    ``main`` exits with. Settings read from configuration files are forgotten
    before each run, as a new process would. :func:`run_pokin_process` runs a
    real subprocess, for the few tests about the process itself.
    """
    from pokin.check.config import clear_cache
    from pokin.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="")
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="")
    code = 0
    clear_cache()
    gc_was_enabled = gc.isenabled()
    saved_argv = sys.argv
    with _environment(_cli_env(env), cwd):
        sys.argv = ["pokin", *args]
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.argv = saved_argv
            stdout.flush()
            stderr.flush()
            if gc_was_enabled:
                gc.enable()
    return Run(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def run_pokin_process(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Run:
    """Run the real ``pokin`` entry point in a subprocess (exit codes, tracebacks, signals)."""
    full_env = _cli_env(env)
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


def edit(base: str, changes: dict[int, str | tuple[str, str]]) -> str:
    """``base`` with whole lines replaced (1-based line numbers; line count kept).

    A change given as ``(old, new)`` first asserts that the line holds
    ``old`` (stripped), so a test fails loudly when the base plan moves under
    it instead of silently editing another line.
    """
    lines = base.splitlines()
    for number, change in changes.items():
        if isinstance(change, tuple):
            old, new = change
            assert lines[number - 1].strip() == old.strip(), (
                f"line {number} is {lines[number - 1]!r}, expected {old!r}"
            )
            change = new
        lines[number - 1] = change
    return "\n".join(lines) + "\n"


def assert_loads(text: str) -> None:
    """Assert that ``text`` still loads as a plan (the premise of a rule test)."""
    from pokin.source.load import load_text

    result = load_text(text, "plan.yaml")
    assert result.plan is not None, [(p.code, p.line, p.message) for p in result.problems]
