"""`pokin schema --realisasi`: the JSON Schema of realisasi files."""

from __future__ import annotations

import json

import jsonschema

from pokin.source.parse import parse
from tests.helpers import EXAMPLE, ROOT, run_pokin


def _schema() -> dict[str, object]:
    run = run_pokin("schema", "--realisasi")
    assert run.code == 0
    loaded = json.loads(run.stdout)
    assert isinstance(loaded, dict)
    return loaded


def test_realisasi_schema_is_draft07_and_committed() -> None:
    schema = _schema()
    jsonschema.Draft7Validator.check_schema(schema)
    committed = ROOT / "schema" / "pokin-realisasi.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == schema, "run `make schema`"


def test_example_realisasi_files_pass_and_bad_ones_fail_the_schema() -> None:
    validator = jsonschema.Draft7Validator(_schema())
    for path in sorted((EXAMPLE.parent / "realisasi").glob("*.yaml")):
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        data = json.loads(json.dumps(doc.data, default=str))
        assert not list(validator.iter_errors(data)), path
    text = (EXAMPLE.parent / "realisasi" / "2025-tw1.yaml").read_text(encoding="utf-8")
    bad = parse(text.replace("periode: tw1", "periode: tw5"), "x.yaml").data
    assert list(validator.iter_errors(json.loads(json.dumps(bad, default=str))))
