"""`pokin schema`: the JSON Schema of the plan format (or of realisasi files)."""

from __future__ import annotations

from typing import Annotated

import typer

from pokin.cli.app import app, write_stdout


@app.command()
def schema(
    realisasi: Annotated[
        bool,
        typer.Option(
            "--realisasi", help="Tulis JSON Schema berkas realisasi (pokin_realisasi: 1)."
        ),
    ] = False,
) -> None:
    """Print the JSON Schema (draft-07) of the plan format, for editors and CI."""
    if realisasi:
        from pokin.render.jsonschema import realisasi_schema_json

        write_stdout(realisasi_schema_json())
        return
    from pokin.render.jsonschema import plan_schema_json

    write_stdout(plan_schema_json())
