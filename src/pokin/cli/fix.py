"""`pokin fix`: replace a nama by the official one where they differ only in layout."""

from __future__ import annotations

from typing import Annotated

import typer

from pokin.cli.app import app, fail, print_problems, write_stdout


@app.command()
def fix(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Berkas rencana, atau folder berisi *.yaml / *.yml."),
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Jangan mengubah apa pun; tampilkan penggantian dan keluar 1 bila ada."
        ),
    ] = False,
) -> None:
    """Ganti nama program, kegiatan dan sub kegiatan dengan nama resmi nomenklatur.

    Hanya nama yang berbeda dari nama resmi kodenya dalam spasi, huruf besar/kecil
    atau tanda baca yang diganti (N004 melaporkan perbedaan lain); komentar dan
    isi berkas lainnya tetap. Kode keluar: 0 selesai, 1 dengan --check bila ada
    nama yang akan diganti atau bila berkas tidak terbaca sebagai rencana,
    2 tidak dapat dijalankan.
    """
    from pokin.check.engine import check_loaded
    from pokin.check.result import Report
    from pokin.problems import UsageError
    from pokin.render.fix import fix_nama_paths, render_fix_report
    from pokin.source.load import load_text

    try:
        report = fix_nama_paths(paths, write=not check)
    except UsageError as exc:
        fail(str(exc))
    broken = [r for r in report.results if r.problems]
    if broken:
        print_problems(Report([check_loaded(load_text(r.original, r.file)) for r in broken]))
    write_stdout(render_fix_report(report, check))
    raise typer.Exit(report.exit_code(check))
