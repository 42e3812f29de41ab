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
    ] = "human",  # type: ignore[assignment]
) -> None:
    """Show the budget roll-up: declared anggaran, the sum of its parts, differences.

    Exit codes: 0 every declared figure matches its parts, 1 a figure differs
    (or the plan has YAML/schema errors, reported as `pokin validate` does),
    2 could not run.
    """
    from pokin.problems import UsageError
    from pokin.views.budget import budget_view

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
