"""`pokin validate`: check plans, report located problems."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from pokin.cli.app import ProblemFormat, app, fail, print_problems


@app.command()
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Plan files, or folders searched for *.yaml / *.yml; a folder whose "
            "pokin.toml has [workspace] is checked as one pemda with the links between plans.",
        ),
    ],
    output_format: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: human; github when GITHUB_ACTIONS=true).",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these rule codes or groups (repeatable, or comma-separated).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Skip these rule codes or groups (repeatable, or comma-separated).",
        ),
    ] = None,
    no_config: Annotated[
        bool,
        typer.Option(
            "--no-config", help="Ignore [tool.pokin] in pyproject.toml and pokin.toml files."
        ),
    ] = False,
    plans_only: Annotated[
        bool,
        typer.Option(
            "--plans-only",
            help="Lewati berkas yang bukan rencana pokin (tanpa kunci 'pokin:' di tingkat atas), "
            "untuk hook pre-commit atas semua berkas YAML.",
        ),
    ] = False,
) -> None:
    """Check plans against the format and the consistency rules.

    Settings come from the nearest pokin.toml or [tool.pokin] table in a
    pyproject.toml above each plan; --select replaces its select, --ignore adds
    to its ignore. Exit codes: 0 no errors (warnings allowed), 1 errors found
    (or warnings with --strict), 2 could not run.
    """
    from pokin.check.config import check_names
    from pokin.check.engine import Selection
    from pokin.check.workspace import check_paths_or_workspaces
    from pokin.problems import UsageError

    if plans_only:
        from pokin.atomic import is_plan_file

        paths = [p for p in paths if os.path.isdir(p) or is_plan_file(p)]
        if not paths:
            raise typer.Exit(0)
    try:
        selection = Selection.of(
            check_names(_split(select), "--select"), check_names(_split(ignore), "--ignore")
        )
        report = check_paths_or_workspaces(paths, selection, use_config=not no_config)
    except UsageError as exc:
        fail(str(exc))
    print_problems(report, output_format or _default_format())
    raise typer.Exit(report.exit_code(strict))


def _default_format() -> str:
    """GitHub annotations inside GitHub Actions, human output elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"


def _split(values: list[str] | None) -> list[str]:
    return [part for v in values or [] for part in v.split(",") if part.strip()]
