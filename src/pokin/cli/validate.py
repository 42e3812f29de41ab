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
            help="Berkas rencana, atau folder yang dicari *.yaml / *.yml; folder yang "
            "pokin.toml-nya berisi [workspace] diperiksa sebagai satu pemda beserta "
            "keterkaitan antarrencana.",
        ),
    ],
    output_format: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Format keluaran (bawaan: human; github bila GITHUB_ACTIONS=true).",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Keluar 1 juga karena peringatan, tidak hanya galat.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Hanya kode atau kelompok aturan ini (boleh berulang, atau dipisah koma).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Lewati kode atau kelompok aturan ini (boleh berulang, atau dipisah koma).",
        ),
    ] = None,
    no_config: Annotated[
        bool,
        typer.Option(
            "--no-config", help="Abaikan [tool.pokin] di pyproject.toml dan berkas pokin.toml."
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
    """Periksa rencana terhadap format dan aturan konsistensi.

    Pengaturan diambil dari pokin.toml atau tabel [tool.pokin] pyproject.toml
    terdekat di atas tiap rencana; --select menggantikan select-nya, --ignore
    menambah ignore-nya. Kode keluar: 0 tanpa galat (peringatan boleh), 1 ada
    galat (atau peringatan dengan --strict), 2 tidak dapat berjalan.
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
