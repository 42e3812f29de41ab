"""`pokin schema`: the JSON Schema of the plan format (or of realisasi files)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pokin.cli.app import app, fail, write_stdout


@app.command()
def schema(
    realisasi: Annotated[
        bool,
        typer.Option(
            "--realisasi", help="Tulis JSON Schema berkas realisasi (pokin_realisasi: 1)."
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Tulis skema ke berkas ini (misalnya pokin.schema.json di samping rencana) "
            "alih-alih ke keluaran standar.",
        ),
    ] = None,
) -> None:
    """Cetak JSON Schema (draft-07) format rencana (atau berkas realisasi), untuk editor dan CI.

    Dengan baris pertama rencana `# yaml-language-server: $schema=pokin.schema.json`
    editor (VS Code dengan ekstensi YAML) melengkapi dan memeriksa saat mengetik.
    """
    from pokin.render.jsonschema import plan_schema_json, realisasi_schema_json

    text = realisasi_schema_json() if realisasi else plan_schema_json()
    if output is None or output == "-":
        write_stdout(text)
        return
    from pokin.atomic import write_atomic
    from pokin.problems import UsageError

    try:
        write_atomic(output, text if text.endswith("\n") else text + "\n")
    except UsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{output} tidak dapat ditulis: {exc.strerror or exc}")
    sys.stderr.write(f"pokin: skema ditulis ke {output}\n")
