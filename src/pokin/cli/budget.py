"""`pokin budget`: where the money goes and whether it adds up."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app, check_plan, fail, load_plan, project_settings
from pokin.render.formats import BUDGET_FORMATS, choice, emit

if TYPE_CHECKING:
    BudgetFormat = enum.StrEnum
else:
    BudgetFormat = choice("BudgetFormat", BUDGET_FORMATS)


class BudgetBy(enum.StrEnum):
    """Views of `pokin budget`."""

    program = "program"
    csf = "csf"
    jabatan = "jabatan"
    # a workspace folder: per perangkat daerah, per urusan/bidang
    pd = "pd"
    urusan = "urusan"


@app.command()
def budget(
    plan: Annotated[
        str,
        typer.Argument(
            metavar="PLAN", help="Berkas rencana, atau folder workspace (anggaran pemda)."
        ),
    ],
    by: Annotated[
        BudgetBy | None,
        typer.Option(
            "--by",
            help="program: pohon program → kegiatan → sub kegiatan (bawaan; pada workspace: "
            "per kode program di seluruh pemda); csf: anggaran per CSF; jabatan: anggaran "
            "yang menjadi tanggung jawab tiap jabatan; pd, urusan: pada workspace, per "
            "perangkat daerah (bawaan) atau per urusan/bidang.",
        ),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            min=1,
            help="Tingkat yang ditampilkan dari puncak tampilan "
            "(bawaan: semua untuk program, 1 untuk csf).",
        ),
    ] = None,
    output_format: Annotated[
        BudgetFormat,
        typer.Option("--format", "-f", help="Format keluaran."),
    ] = "human",  # type: ignore[assignment]
) -> None:
    """Tampilkan rekap anggaran: anggaran tertulis, jumlah rinciannya, selisihnya.

    Kode keluar: 0 setiap angka tertulis sama dengan jumlah rinciannya, 1 ada
    angka yang berbeda (atau rencana mengandung galat YAML/skema, dilaporkan
    seperti `pokin validate`), 2 tidak dapat berjalan.
    """
    from pokin.problems import UsageError
    from pokin.views.budget import budget_view

    _workspace_budget(plan, by, depth, str(output_format))
    by = by or BudgetBy.program
    if by in (BudgetBy.pd, BudgetBy.urusan):
        fail(f"--by {by.value} berlaku untuk folder workspace, bukan satu berkas rencana")
    # csv and md keep stdout for the document; problems then go to stderr
    fmt = BUDGET_FORMATS[output_format]
    project_settings(plan)  # a broken pokin.toml stops every command alike
    result = load_plan(plan, fmt.name, stderr=fmt.document and fmt.name != "json")
    assert result.plan is not None
    try:
        view = budget_view(result.plan, by.value, depth)
    except UsageError as exc:
        fail(str(exc))

    emit(BUDGET_FORMATS, fmt.name, view)
    # the project settings decide, as for validate, whether a mismatch (B001) fails
    fails = bool(view.exit_code) and any(
        p.code == "B001" and p.severity == "error" for p in check_plan(result).problems
    )
    raise typer.Exit(view.exit_code if fails else 0)


def _workspace_budget(path: str, by: BudgetBy | None, depth: int | None, fmt: str) -> None:
    """On a workspace folder: print the pemda budget and exit (else return)."""
    from pokin.cli.app import print_problems
    from pokin.problems import UsageError
    from pokin.source.workspace import find_workspace

    try:
        config = find_workspace(path)
    except UsageError as exc:
        fail(str(exc))
    if config is None:
        return
    from pokin.check.engine import Selection
    from pokin.check.result import Report
    from pokin.check.workspace import check_workspace
    from pokin.render.formats import write_out
    from pokin.render.workspace import BUDGET_RENDERERS
    from pokin.views.workspace import workspace_budget

    view = (by or BudgetBy.pd).value
    if view not in ("pd", "urusan", "program"):
        fail(f"--by {view} berlaku untuk satu berkas rencana; pada workspace: pd, urusan, program")
    if depth is not None:
        fail("--depth berlaku untuk satu berkas rencana, bukan workspace")
    if fmt not in BUDGET_RENDERERS:
        fail(f"--format {fmt} belum tersedia untuk workspace; pilihan: human, md, json, csv")
    ws, report = check_workspace(config, Selection.of(["yaml", "schema"]))
    broken = [f for f in report.files if any(p.severity == "error" for p in f.problems)]
    if broken:
        print_problems(Report(broken), fmt, stderr=fmt != "human")
    result = workspace_budget(ws, view)
    write_out(BUDGET_RENDERERS[fmt](result))
    raise typer.Exit(1 if broken else result.exit_code)
