"""Output formats as registries: name → renderer, one mapping per kind of result.

A command's ``--format`` choice is built from the keys of its registry (as
check-jsonschema builds its ``--output-format`` from its reporters), so a new
format is one entry here and one renderer function. Renderers are named as
``"module:function"`` and imported only when chosen, so ``pokin --help``
stays quick.

A renderer takes the result and returns the text (or bytes) to write to
standard output, or ``None`` when it printed by itself (the coloured
terminal renderers).
"""

from __future__ import annotations

import enum
import importlib
import sys
from collections.abc import Mapping
from contextlib import redirect_stdout
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name, a short description and its renderer."""

    name: str
    help: str
    renderer: str  # "module:function"
    #: Whether the output is a document for a file or a pipe (problems then go to stderr).
    document: bool = False

    def render(self, result: Any, *args: Any) -> str | bytes | None:
        """Run the renderer on ``result``."""
        module, function = self.renderer.split(":")
        return getattr(importlib.import_module(module), function)(result, *args)  # type: ignore[no-any-return]


def _registry(*formats: OutputFormat) -> dict[str, OutputFormat]:
    return {f.name: f for f in formats}


#: Problem reports: `pokin validate`, and the load problems of every other command.
PROBLEM_FORMATS: dict[str, OutputFormat] = _registry(
    OutputFormat("human", "teks berwarna untuk terminal", "pokin.render.problems:print_human"),
    OutputFormat("json", "JSON untuk alat lain", "pokin.render.problems:render_json", True),
    OutputFormat("github", "anotasi GitHub Actions", "pokin.render.github:render_github", True),
    OutputFormat("sarif", "SARIF 2.1.0 (code scanning)", "pokin.render.sarif:render_sarif", True),
    OutputFormat("gitlab", "GitLab Code Quality (JSON)", "pokin.render.gitlab:render_gitlab", True),
)

#: `pokin budget`.
BUDGET_FORMATS: dict[str, OutputFormat] = _registry(
    OutputFormat("human", "tabel untuk terminal", "pokin.render.budget:print_human"),
    OutputFormat("json", "JSON untuk alat lain", "pokin.render.budget:render_json", True),
    OutputFormat(
        "csv", "CSV (pemisah ';', BOM) untuk spreadsheet", "pokin.render.budget:csv_bytes", True
    ),
    OutputFormat("md", "tabel Markdown", "pokin.render.budget:render_md", True),
)

#: `pokin diff`.
DIFF_FORMATS: dict[str, OutputFormat] = _registry(
    OutputFormat("human", "teks berwarna untuk terminal", "pokin.render.diff:print_human"),
    OutputFormat("md", "Markdown untuk pull request", "pokin.render.diff:render_markdown", True),
    OutputFormat("json", "JSON untuk alat lain", "pokin.render.diff:render_json", True),
)

# --- `pokin nomenklatur` --------------------------------------------------------
NOMENCLATURE_FORMATS: dict[str, OutputFormat] = _registry(
    OutputFormat("human", "teks untuk terminal", "pokin.render.nomenclature:render_human"),
    OutputFormat("json", "JSON untuk alat lain", "pokin.render.nomenclature:render_json", True),
)
# --- end `pokin nomenklatur` ----------------------------------------------------

# --- `pokin capaian` ------------------------------------------------------------
CAPAIAN_FORMATS: dict[str, OutputFormat] = _registry(
    OutputFormat("table", "tabel untuk terminal", "pokin.render.capaian:print_table"),
    OutputFormat("json", "JSON untuk alat lain", "pokin.render.capaian:render_json", True),
    OutputFormat(
        "csv", "CSV (pemisah ';', BOM) untuk spreadsheet", "pokin.render.capaian:render_csv", True
    ),
    OutputFormat("md", "tabel Markdown", "pokin.render.capaian:render_md", True),
)

#: `pokin diff` on two versions of a realisasi file.
REALISASI_DIFF_FORMATS: dict[str, OutputFormat] = _registry(
    OutputFormat("human", "teks untuk terminal", "pokin.render.realisasi_diff:render_text"),
    OutputFormat(
        "md", "Markdown untuk pull request", "pokin.render.realisasi_diff:render_md", True
    ),
    OutputFormat("json", "JSON untuk alat lain", "pokin.render.realisasi_diff:render_json", True),
)
# --- end `pokin capaian` --------------------------------------------------------


def choice(name: str, registry: Mapping[str, OutputFormat]) -> type[enum.StrEnum]:
    """A string enum of the registry's names, for a Typer ``--format`` option."""
    return enum.StrEnum(name, {key: key for key in registry})  # type: ignore[return-value]


def choices(registry: Mapping[str, OutputFormat]) -> str:
    """'human, json, github, sarif' for help texts and messages."""
    return ", ".join(registry)


def write_out(output: str | bytes | None) -> None:
    """Write a renderer's output to stdout (text ends with one newline)."""
    if output is None:
        return
    if isinstance(output, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(output)
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(output if output.endswith("\n") else output + "\n")


def emit(
    registry: Mapping[str, OutputFormat],
    name: str,
    result: Any,
    *args: Any,
    stderr: bool = False,
) -> None:
    """Render ``result`` in the format ``name`` of ``registry`` and write it.

    ``stderr=True`` sends the output to standard error, keeping a command's
    own document on standard output clean.
    """
    fmt = registry[name]
    if stderr:
        with redirect_stdout(sys.stderr):
            write_out(fmt.render(result, *args))
    else:
        write_out(fmt.render(result, *args))


# --- `pokin export` -------------------------------------------------------------
#: Spreadsheets of a plan; each renderer takes a LoadedPlan and returns bytes.
EXPORT_FORMATS: dict[str, OutputFormat] = _registry(
    OutputFormat(
        "xlsx",
        "buku kerja Excel: matriks, anggaran berumus, Renstra, jabatan, PK",
        "pokin.render.sheets:render_xlsx",
        True,
    ),
    OutputFormat(
        "csv",
        "matriks berjenjang sebagai CSV (pemisah ';', BOM)",
        "pokin.render.sheets:render_matrix_csv",
        True,
    ),
)
# --- end `pokin export` ---------------------------------------------------------
