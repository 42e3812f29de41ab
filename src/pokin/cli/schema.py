"""`pokin schema`: the JSON Schema of the plan format."""

from __future__ import annotations

from pokin.cli.app import app, write_stdout


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft-07) of the plan format, for editors and CI."""
    from pokin.render.jsonschema import plan_schema_json

    write_stdout(plan_schema_json())
