"""The Typer application object and what every command shares.

Commands live in their own modules (``pokin.cli.<command>``) and import the
core lazily inside the command function, so ``pokin --help`` stays quick.
"""

from __future__ import annotations

import enum
import os
import sys
from typing import NoReturn

import typer

app = typer.Typer(
    name="pokin",
    help=(
        "Penjenjangan Kinerja (PermenPAN-RB 89/2021) as version-controlled YAML: "
        "validate plans, check budgets, draw the pohon kinerja, write reports, "
        "review changes."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ProblemFormat(enum.StrEnum):
    """Output formats for problem reports."""

    human = "human"
    json = "json"
    github = "github"
    sarif = "sarif"


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``pokin: error: message`` to stderr and exit (2: could not run)."""
    sys.stderr.write(f"pokin: error: {message}\n")
    raise typer.Exit(code)


def write_stdout(text: str) -> None:
    """Write text to stdout, ending with one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def debug() -> bool:
    """Whether POKIN_DEBUG asks for full tracebacks of internal errors."""
    return bool(os.environ.get("POKIN_DEBUG"))
