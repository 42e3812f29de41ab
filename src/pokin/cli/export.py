"""`pokin export`: the plan as a spreadsheet (Excel workbook or CSV matrix)."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app, fail, load_plan
from pokin.render.formats import EXPORT_FORMATS, choice, choices

if TYPE_CHECKING:
    ExportFormat = enum.StrEnum
else:
    ExportFormat = choice("ExportFormat", EXPORT_FORMATS)


@app.command()
def export(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Berkas rencana (YAML).")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Berkas keluaran (.xlsx atau .csv); '-' atau tanpa -o: CSV ke keluaran standar.",
        ),
    ] = None,
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Format: {choices(EXPORT_FORMATS)} (bawaan: menurut akhiran nama -o).",
        ),
    ] = None,
) -> None:
    """Tulis rencana sebagai spreadsheet: matriks berjenjang, anggaran, Renstra, PK.

    Buku kerja .xlsx berisi lembar Matriks (satu baris per node, dikelompokkan
    per tingkat), Anggaran (jumlah sebagai rumus, selisih ditandai), Renstra,
    Jabatan, Crosscutting, satu lembar per PK, dan Rencana (kepala rencana).
    `pokin import` membacanya kembali. Kode keluar: 0 ditulis, 1 rencana
    tidak terbaca (masalah dilaporkan seperti `pokin validate`), 2 tidak dapat
    berjalan.
    """
    from pokin.atomic import write_atomic
    from pokin.problems import UsageError

    fmt = str(output_format) if output_format is not None else _format_of(output)
    to_stdout = output is None or output == "-"
    if fmt == "xlsx" and to_stdout and sys.stdout.isatty():
        fail("buku kerja .xlsx tidak dicetak ke terminal; beri nama berkas dengan -o FILE.xlsx")
    result = load_plan(plan, "human", stderr=True)
    assert result.plan is not None
    data = EXPORT_FORMATS[fmt].render(result.plan)
    assert isinstance(data, bytes)
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    assert output is not None
    try:
        write_atomic(output, data, plans=[plan])
    except UsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output} tidak dapat ditulis: {exc.strerror or exc}; tidak ada yang diubah")
    nodes = len(result.plan.nodes)
    sys.stderr.write(f"pokin: {nodes} node ditulis ke {output} ({fmt}).\n")


def _format_of(output: str | None) -> str:
    """The format named by the output's suffix (CSV for standard output)."""
    if output is None or output == "-":
        return "csv"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in EXPORT_FORMATS:
        return suffix
    fail(
        f"akhiran '{Path(output).suffix or '(tanpa akhiran)'}' tidak dikenal; "
        f"pakai .xlsx atau .csv, atau pilih --format ({choices(EXPORT_FORMATS)})"
    )
