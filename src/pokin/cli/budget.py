"""`pokin budget`: where the money goes and whether it adds up."""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app, fail, write_stdout

if TYPE_CHECKING:
    from pokin.load import LoadResult


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
    plan: Annotated[str, typer.Argument(help="The plan file.")],
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
    import gc

    from pokin.budget import budget_view
    from pokin.load import load_file
    from pokin.problems import UsageError

    # One pass over an acyclic tree, then the process exits: the cyclic
    # collector's full passes over the loaded plan would only cost time
    # (on a 10,000-node plan, more than building the whole table).
    gc.disable()
    try:
        result = load_file(plan)
        if result.plan is None or any(p.severity == "error" for p in result.problems):
            _report_load_problems(result, output_format)
            raise typer.Exit(1)
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


def _report_load_problems(result: LoadResult, output_format: BudgetFormat) -> None:
    """Report a plan's YAML/schema problems exactly as `pokin validate` does.

    JSON goes to stdout in validate's shape; a CSV or Markdown run reports on
    stderr so that no half document lands where the table was expected.
    """
    from contextlib import redirect_stdout

    from pokin.engine import FileReport, Report
    from pokin.problems import Problem
    from pokin.render.problems import print_human, render_json

    problems = sorted(result.problems, key=Problem.sort_key)
    report = Report([FileReport(result.file, problems, result)])
    if output_format is BudgetFormat.json:
        write_stdout(render_json(report))
    elif output_format is BudgetFormat.human:
        print_human(report)
    else:
        with redirect_stdout(sys.stderr):
            print_human(report)
