"""`pokin validate`: check plans, report located problems."""

from __future__ import annotations

from typing import Annotated

import typer

from pokin.cli.app import ProblemFormat, app, fail, write_stdout


@app.command()
def validate(
    paths: Annotated[
        list[str], typer.Argument(help="Plan files, or folders searched for *.yaml / *.yml.")
    ],
    output_format: Annotated[
        ProblemFormat | None,
        typer.Option("--format", "-f", help="Output format (default: human)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rule codes or groups (repeatable, or comma-separated)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Skip these rule codes or groups (repeatable, or comma-separated)."),
    ] = None,
) -> None:
    """Check plans against the format and the consistency rules.

    Exit codes: 0 no errors (warnings allowed), 1 errors found (or warnings
    with --strict), 2 could not run.
    """
    from pokin.engine import Selection, check_paths
    from pokin.problems import UsageError
    from pokin.render.problems import print_human, render_json

    selection = Selection.of(_split(select), _split(ignore))
    try:
        report = check_paths(paths, selection)
    except UsageError as exc:
        fail(str(exc))
    fmt = output_format or ProblemFormat.human
    if fmt is ProblemFormat.json:
        write_stdout(render_json(report))
    elif fmt is ProblemFormat.human:
        print_human(report)
    else:
        fail(f"format {fmt.value} is not available yet")
    raise typer.Exit(report.exit_code(strict))


def _split(values: list[str] | None) -> list[str]:
    return [part for v in values or [] for part in v.split(",") if part.strip()]
