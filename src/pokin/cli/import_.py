"""`pokin import`: a spreadsheet (the exported workbook, a CSV, a mapped sheet) into a plan."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import ProblemFormat, app, fail, print_problems, project_settings

if TYPE_CHECKING:
    from pokin.check.result import Report
    from pokin.problems import Problem
    from pokin.source.sheets import Imported

#: The comment block above an imported plan.
HEADER = "# Diimpor dari {source} dengan `pokin import`. Periksa dengan: pokin validate {plan}\n\n"


@app.command("import")
def import_(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="Spreadsheet: buku kerja dari pokin export (.xlsx, .ods …), CSV matriksnya, "
            "atau lembar lain dengan --columns / --mapping.",
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="PLAN", help="Berkas rencana baru (YAML); tidak ditimpa."
        ),
    ],
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="FIELD=KOLOM,…",
            help="Kolom lembar yang dipetakan, misalnya kode=A,nama=B,kinerja=B,indikator=C,"
            "satuan=D,target=E,anggaran=F (field: id, tingkat, kode, nama, kinerja, indikator, "
            "satuan, target, anggaran, pj, catatan).",
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--mapping",
            metavar="FILE.toml",
            help="Berkas pemetaan: sheet, start_row dan tabel [columns] (lihat docs/excel.md).",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAMA", help="Lembar yang dibaca dengan --columns."),
    ] = None,
    start_row: Annotated[
        int,
        typer.Option(
            "--start-row", min=1, metavar="N", help="Baris data pertama dengan --columns."
        ),
    ] = 2,
    tahun: Annotated[
        int | None,
        typer.Option("--tahun", metavar="TAHUN", help="Tahun anggaran rencana."),
    ] = None,
    perangkat_daerah: Annotated[
        str | None,
        typer.Option("--perangkat-daerah", metavar="NAMA", help="Nama perangkat daerah."),
    ] = None,
    output_format: Annotated[
        ProblemFormat | None,
        typer.Option("--format", "-f", help="Format laporan masalah (seperti pokin validate)."),
    ] = None,
) -> None:
    """Baca spreadsheet menjadi rencana pokin baru.

    Tanpa --columns/--mapping dibaca tata letak `pokin export` (lembar
    Matriks, Renstra, Jabatan, Crosscutting, Rencana) atau CSV matriksnya.
    Setiap baris yang tidak terbaca dilaporkan pada selnya (FILE.xlsx:Matriks!C12)
    dan tidak diimpor; sisanya ditulis. Rencana yang ditulis lalu diperiksa
    seperti `pokin validate`, masalahnya ditunjukkan pada sel asalnya. Kode
    keluar: 0 tanpa galat, 1 ada galat, 2 tidak dapat berjalan (berkas tidak
    ada, keluaran sudah ada, opsi salah).
    """
    from pokin.problems import UsageError
    from pokin.source.sheets import (
        Mapping,
        import_mapped,
        import_workbook,
        parse_columns,
        read_mapping_file,
        read_tables,
    )

    if os.path.lexists(output):
        fail(f"{output} sudah ada; pokin import tidak menimpa berkas, pilih nama lain")
    try:
        tables = read_tables(source)
        if columns is not None or mapping is not None:
            if columns is not None and mapping is not None:
                raise UsageError("pilih salah satu: --columns atau --mapping")
            if tahun is None or perangkat_daerah is None:
                raise UsageError(
                    "lembar yang dipetakan tidak memuat kepala rencana; "
                    "beri --tahun dan --perangkat-daerah"
                )
            if mapping is not None:
                chosen = read_mapping_file(mapping)
                if sheet is not None:
                    chosen.sheet = sheet
            else:
                assert columns is not None
                chosen = Mapping(parse_columns(columns), sheet, start_row - 1)
            imported = import_mapped(tables, chosen, tahun, perangkat_daerah)
        else:
            imported = import_workbook(tables, tahun, perangkat_daerah)
    except UsageError as exc:
        fail(str(exc))
    missing = [k for k in ("perangkat_daerah", "tahun") if k not in imported.data]
    if missing and not any(p.severity == "error" for p in imported.problems):
        options = " dan ".join("--" + k.replace("_", "-") for k in missing)
        fail(f"{source} tidak memuat {' dan '.join(missing)}; beri {options}")
    report = _write_and_check(source, output, imported)
    print_problems(report, str(output_format or "human"), stderr=False)
    sys.stderr.write(f"pokin: {imported.nodes} node dari {source} ditulis ke {output}.\n")
    raise typer.Exit(report.exit_code(False))


def _write_and_check(source: str, output: str, imported: Imported) -> Report:
    """Write the plan, check it as validate does; every problem shown at its cell."""
    from pokin.atomic import write_atomic
    from pokin.check.engine import check_loaded
    from pokin.check.result import FileReport, Report
    from pokin.problems import UsageError
    from pokin.render.plan_yaml import plan_yaml
    from pokin.source.load import load_text

    text = plan_yaml(imported.data, HEADER.format(source=source, plan=output))
    try:
        write_atomic(output, text, plans=[source])
    except UsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output} tidak dapat ditulis: {exc.strerror or exc}; tidak ada yang diubah")
    checked = check_loaded(load_text(text, output), settings=project_settings(output))
    moved = [_at_cell(p, source, imported) for p in checked.problems]
    at_cells = sorted(imported.problems, key=_cell_order)
    at_cells += sorted((p for p in moved if p.file == source), key=_cell_order)
    sheet = FileReport(source, at_cells)
    plan = FileReport(output, [p for p in moved if p.file != source])
    return Report([f for f in (sheet, plan) if f.problems] or [sheet])


def _at_cell(problem: Problem, source: str, imported: Imported) -> Problem:
    """A problem of the written plan, moved to the cell its value came from (if any)."""
    import dataclasses

    from pokin.source.sheets import cell_position

    cell = imported.cell_of(problem.path)
    if cell is None:
        return problem
    line, column = cell_position(cell)
    return dataclasses.replace(problem, file=source, line=line, column=column, cell=cell)


def _cell_order(problem: Problem) -> tuple[str, int, int]:
    """Problems sheet by sheet, then row by row."""
    sheet = (problem.cell or "").rpartition("!")[0]
    return (sheet, problem.line, problem.column)
