"""`pokin capaian`: target, realisasi and capaian per node, as of the latest period given."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app, fail, load_plan, print_problems, project_settings
from pokin.render.formats import CAPAIAN_FORMATS, choice, emit

if TYPE_CHECKING:
    CapaianFormat = enum.StrEnum
else:
    CapaianFormat = choice("CapaianFormat", CAPAIAN_FORMATS)


class CapaianBy(enum.StrEnum):
    """Views of `pokin capaian`."""

    node = "node"
    jabatan = "jabatan"


@app.command()
def capaian(
    plan: Annotated[
        str,
        typer.Argument(
            metavar="RENCANA",
            help="Berkas rencana yang dilaporkan, atau folder workspace (setiap rencananya "
            "dengan berkas realisasi yang melaporkannya).",
        ),
    ],
    realisasi: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="REALISASI",
            help="Berkas realisasi (pokin_realisasi: 1), atau folder yang berisi berkas realisasi; "
            "pada workspace boleh kosong (semua berkas realisasi di bawah foldernya).",
        ),
    ] = None,
    by: Annotated[
        CapaianBy,
        typer.Option(
            "--by",
            help="node: setiap node rencana (bawaan); jabatan: capaian yang menjadi tanggung "
            "jawab setiap penanda tangan PK.",
        ),
    ] = CapaianBy.node,
    output_format: Annotated[
        CapaianFormat,
        typer.Option("--format", "-f", help="Format keluaran."),
    ] = "table",  # type: ignore[assignment]
) -> None:
    """Hitung capaian kinerja dan serapan anggaran dari berkas realisasi.

    Setiap angka dihitung per periode terakhir yang diberikan, tidak pernah
    menurut jam komputer, sehingga laporan dapat diulang dari git. Kode
    keluar: 0 tanpa galat, 1 ada galat pada berkas realisasi (tabel tetap
    dicetak bila semua berkas dapat dimuat), 2 tidak dapat dijalankan.
    """
    from pokin.check.realisasi import check_realisasi
    from pokin.check.result import Report
    from pokin.problems import UsageError
    from pokin.source.realisasi import RealisasiLoading
    from pokin.views.capaian import capaian_view

    fmt = CAPAIAN_FORMATS[output_format]
    _workspace_capaian(plan, realisasi or [], fmt.name, by.value)
    project_settings(plan)
    if not realisasi:
        fail("berikan berkas realisasi (atau folder berisi berkas realisasi) sesudah RENCANA")
    try:
        files = _realisasi_files(realisasi)
    except UsageError as exc:
        fail(str(exc))
    loading = RealisasiLoading(files)  # in worker processes while the plan loads
    try:
        loaded = load_plan(plan, "human", stderr=fmt.document)
        results = loading.results()
    except UsageError as exc:
        fail(str(exc))
    finally:
        loading.close()
    assert loaded.plan is not None
    report = check_realisasi(results, plan=loaded)
    problems = Report(report.files)
    if problems.problems:
        print_problems(Report([f for f in report.files if f.problems]), "human", stderr=True)
    if len(report.loaded) < len(files):
        # a realisasi file that does not load never yields a capaian
        failed = len(files) - len(report.loaded)
        fail(f"{failed} berkas realisasi tidak dapat dimuat; capaian tidak dihitung", 1)
    view = capaian_view(loaded.plan, report.loaded)
    emit(CAPAIAN_FORMATS, fmt.name, view, by.value)
    raise typer.Exit(problems.exit_code())


def _realisasi_files(paths: list[str]) -> list[str]:
    """Realisasi files named, and those in folders named (plans in a folder are skipped)."""
    import os

    from pokin.problems import UsageError
    from pokin.source.load import expand_paths, shown_path
    from pokin.source.realisasi import is_realisasi_file

    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            try:
                found = [f for f in expand_paths([path]) if is_realisasi_file(f)]
            except UsageError:
                found = []
            if not found:
                raise UsageError(f"tidak ada berkas realisasi (pokin_realisasi: 1) di {path}")
            files.extend(found)
        elif not os.path.exists(path):
            raise UsageError(f"tidak ada berkas atau folder bernama {shown_path(path)}")
        elif not is_realisasi_file(path):
            raise UsageError(
                f"{shown_path(path)} bukan berkas realisasi: baris 'pokin_realisasi: 1' tidak "
                "ditemukan di awal berkas"
            )
        else:
            files.append(path)
    return files


def _workspace_capaian(path: str, realisasi: list[str], fmt: str, by: str) -> None:
    """On a workspace folder: the capaian of every plan that realisasi files report; exit."""
    import os

    from pokin.check.realisasi import check_realisasi
    from pokin.check.result import Report
    from pokin.problems import UsageError
    from pokin.render.capaian import WORKSPACE_RENDERERS
    from pokin.source.realisasi import LoadedRealisasi
    from pokin.source.workspace import find_workspace, realisasi_files
    from pokin.views.capaian import capaian_view

    try:
        config = find_workspace(path)
        if config is None:
            return
        files = _realisasi_files(realisasi) if realisasi else realisasi_files(config)
    except UsageError as exc:
        fail(str(exc))
    if fmt not in WORKSPACE_RENDERERS:
        fail(f"--format {fmt} belum tersedia untuk workspace; pilihan: table, md, json, csv")
    if not files:
        fail(f"tidak ada berkas realisasi (pokin_realisasi: 1) di {path}")
    report = check_realisasi(files)
    problems = Report(report.files)
    if problems.problems:
        print_problems(Report([f for f in report.files if f.problems]), "human", stderr=True)
    if len(report.loaded) < len(files):
        failed = len(files) - len(report.loaded)
        fail(f"{failed} berkas realisasi tidak dapat dimuat; capaian tidak dihitung", 1)
    groups: dict[str, list[LoadedRealisasi]] = {}
    for real in report.loaded:
        groups.setdefault(os.path.realpath(real.rencana_path), []).append(real)
    views = [capaian_view(report.plans[group[0].file], group) for group in groups.values()]
    from pokin.render.formats import write_out

    write_out(WORKSPACE_RENDERERS[fmt](views, by))
    raise typer.Exit(problems.exit_code())
