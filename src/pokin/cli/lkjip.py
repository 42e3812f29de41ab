"""`pokin lkjip`: the LKjIP chapter III (Akuntabilitas Kinerja) in HTML or Markdown."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from pokin.cli.app import app, fail, load_plan, print_problems
from pokin.cli.report import DateOption, FormatOption, TemplateDirOption


@app.command()
def lkjip(
    plan: Annotated[str, typer.Argument(metavar="RENCANA", help="Berkas rencana yang dilaporkan.")],
    realisasi: Annotated[
        list[str],
        typer.Argument(
            metavar="REALISASI", help="Berkas realisasi tahun ini, atau folder berisi berkas itu."
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Berkas tujuan .html atau .md (bawaan: layar)."
        ),
    ] = None,
    previous: Annotated[
        list[str] | None,
        typer.Option(
            "--tahun-lalu",
            metavar="REALISASI",
            help="Berkas realisasi tahun lalu (rencananya dibaca dari berkas itu), untuk "
            "kolom perbandingan; boleh diulang.",
        ),
    ] = None,
    output_format: FormatOption = None,
    template_dir: TemplateDirOption = None,
    date: DateOption = None,
) -> None:
    """Tulis Bab III LKjIP: capaian per sasaran, faktor pendukung/penghambat, anggaran.

    Kode keluar: 0 ditulis, 1 ditulis tetapi berkas realisasi mempunyai galat
    (atau ada berkas realisasi yang tidak dapat dimuat: tidak ada yang
    ditulis), 2 tidak dapat dijalankan.
    """
    from pokin.atomic import refuse_plan, write_atomic
    from pokin.check.realisasi import check_realisasi
    from pokin.check.result import Report
    from pokin.cli.capaian import _realisasi_files
    from pokin.cli.report import _date, _format, _render_error, _template_dir
    from pokin.problems import UsageError
    from pokin.render.documents import render_lkjip
    from pokin.views.capaian import CapaianView, capaian_view
    from pokin.views.lkjip import build_lkjip

    chosen = _format(output_format, output)
    if chosen not in ("html", "md"):
        fail(f"LKjIP ditulis sebagai HTML atau Markdown (.html, .md), bukan '{chosen}'")
    fmt: Literal["html", "md"] = "md" if chosen == "md" else "html"
    when = _date(date)
    tdir = _template_dir(template_dir)
    loaded = load_plan(plan, stderr=True)
    assert loaded.plan is not None
    try:
        files = _realisasi_files(realisasi)
        earlier = _realisasi_files(previous) if previous else []
    except UsageError as exc:
        fail(str(exc))
    report = check_realisasi(files, plan=loaded)
    before = check_realisasi(earlier) if earlier else None
    reports = [*report.files, *(before.files if before else [])]
    if any(f.problems for f in reports):
        print_problems(Report([f for f in reports if f.problems]), "human", stderr=True)
    if len(report.loaded) < len(files) or (before and len(before.loaded) < len(earlier)):
        fail("ada berkas realisasi yang tidak dapat dimuat; LKjIP tidak ditulis", 1)
    view = capaian_view(loaded.plan, report.loaded)
    prior: CapaianView | None = None
    if before is not None and before.loaded:
        plans = {id(p): p for p in before.plans.values()}
        if len(plans) != 1:
            fail("berkas --tahun-lalu harus melaporkan satu rencana yang sama")
        prior = capaian_view(next(iter(plans.values())), before.loaded)
    doc = build_lkjip(view, prior, when)
    try:
        text = render_lkjip(doc, fmt, tdir)
    except Exception as exc:
        _render_error(exc, tdir)
        raise
    code = Report(reports).exit_code()
    if output is None or output == "-":
        sys.stdout.write(text)
        raise typer.Exit(code)
    sources = [plan, *files, *earlier]
    try:
        refuse_plan(Path(output), sources)
        write_atomic(output, text, plans=sources)
    except UsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output} tidak dapat ditulis: {exc.strerror or exc}; tidak ada yang diubah")
    sys.stderr.write(f"Ditulis: {output}\n")
    raise typer.Exit(code)
