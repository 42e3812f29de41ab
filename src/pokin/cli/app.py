"""The Typer application object and what every command shares.

Commands live in their own modules (``pokin.cli.<command>``) and import the
core lazily inside the command function, so ``pokin --help`` stays quick.
"""

from __future__ import annotations

import enum
import os
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from pokin.render.formats import PROBLEM_FORMATS, choice, emit, write_out

app = typer.Typer(
    name="pokin",
    help=(
        "Penjenjangan Kinerja (PermenPAN-RB 89/2021) sebagai YAML dalam git: periksa "
        "rencana, cocokkan anggaran, gambar pohon kinerja, tulis laporan dan PK, tinjau "
        "perubahan, tukar dengan Excel."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from pokin import __version__

        sys.stdout.write(f"pokin {__version__}\n")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Tampilkan versi pokin lalu keluar.",
        ),
    ] = False,
) -> None:
    """Options before the command (pokin --version)."""


if TYPE_CHECKING:
    ProblemFormat = enum.StrEnum
else:
    #: The --format choice of problem reports, built from the registry's names.
    ProblemFormat = choice("ProblemFormat", PROBLEM_FORMATS)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``pokin: error: message`` to stderr and exit (2: could not run)."""
    sys.stderr.write(f"pokin: error: {message}\n")
    raise typer.Exit(code)


def write_stdout(text: str) -> None:
    """Write text to stdout, ending with one newline."""
    write_out(text)


def debug() -> bool:
    """Whether POKIN_DEBUG asks for full tracebacks of internal errors."""
    return bool(os.environ.get("POKIN_DEBUG"))


if TYPE_CHECKING:
    from pokin.check.config import Settings
    from pokin.check.result import FileReport, Report
    from pokin.source.load import LoadResult


def print_problems(report: Report, fmt: str = "human", *, stderr: bool = False) -> None:
    """Print a problem report as `pokin validate` does, in any of its formats.

    A ``fmt`` that is not a problem format (a command's own, such as csv)
    prints the human report. ``stderr=True`` keeps a command's own output
    stream clean (CSV, Markdown).
    """
    emit(PROBLEM_FORMATS, fmt if fmt in PROBLEM_FORMATS else "human", report, stderr=stderr)


def load_plan(path: str, fmt: str = "human", *, stderr: bool = False) -> LoadResult:
    """Load the plan a command works on, or end the command.

    A missing or unreadable file exits 2. A plan with YAML or schema errors
    (anything the loader reports as an error) is reported exactly as
    `pokin validate` reports it, and the command exits 1.
    """
    from pokin.check.result import Report
    from pokin.problems import UsageError
    from pokin.source.load import load_file

    try:
        result = load_file(path)
    except UsageError as exc:
        fail(str(exc))
    if result.plan is not None and not any(p.severity == "error" for p in result.problems):
        return result
    print_problems(Report([check_plan(result)]), fmt, stderr=stderr)
    raise typer.Exit(1)


def check_plan(result: LoadResult) -> FileReport:
    """The plan's problems as `pokin validate` finds them, with the same settings.

    Every command reads one settings object: the nearest pokin.toml or
    ``[tool.pokin]`` above the plan (select, ignore, severity, strict).
    """
    from pokin.check.engine import check_loaded

    return check_loaded(result, settings=project_settings(result.file))


def project_settings(plan: str) -> Settings:
    """The settings of the nearest pokin.toml / [tool.pokin] above ``plan`` (bad ones exit 2)."""
    from pokin.check.config import find_settings
    from pokin.problems import UsageError

    try:
        return find_settings(plan)
    except UsageError as exc:
        fail(str(exc))
