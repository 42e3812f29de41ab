"""`pokin budget`: where the money goes and whether it adds up."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from pokin.cli.app import app, fail, load_plan, write_stdout


class BudgetFormat(enum.StrEnum):
    """Output formats of `pokin budget`."""

    human = "human"
    json = "json"
    csv = "csv"
    md = "md"


class BudgetBy(enum.StrEnum):
    """Views of `pokin budget`."""

    program = "program"
    csf = "csf"
    jabatan = "jabatan"


@app.command()
def budget(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="The plan file.")],
    by: Annotated[
        BudgetBy,
        typer.Option(
            "--by",
            help="program: program → kegiatan → sub kegiatan tree; csf: money per CSF; "
            "jabatan: money each position answers for.",
        ),
    ] = BudgetBy.program,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            min=1,
            help="Levels shown from the top of the view (default: all for program, 1 for csf).",
        ),
    ] = None,
    output_format: Annotated[
        BudgetFormat,
        typer.Option("--format", "-f", help="Output format."),
    ] = BudgetFormat.human,
) -> None:
    """Show the budget roll-up: declared anggaran, the sum of its parts, differences.

    Exit codes: 0 every declared figure matches its parts, 1 a figure differs
    (or the plan has YAML/schema errors, reported as `pokin validate` does),
    2 could not run.
    """
    from pokin.problems import UsageError
    from pokin.views.budget import budget_view

    # csv and md keep stdout for the document; problems then go to stderr
    result = load_plan(
        plan, output_format.value, stderr=output_format in (BudgetFormat.csv, BudgetFormat.md)
    )
    assert result.plan is not None
    try:
        view = budget_view(result.plan, by.value, depth)
    except UsageError as exc:
        fail(str(exc))

    from pokin.render import budget as render

    if output_format is BudgetFormat.json:
        write_stdout(render.render_json(view))
    elif output_format is BudgetFormat.csv:
        sys.stdout.flush()
        sys.stdout.buffer.write(render.render_csv(view).encode("utf-8"))
        sys.stdout.buffer.flush()
    elif output_format is BudgetFormat.md:
        write_stdout(render.render_md(view))
    else:
        render.print_human(view)
    raise typer.Exit(view.exit_code)
