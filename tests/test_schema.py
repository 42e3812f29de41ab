"""`pokin schema`: a draft-07 JSON Schema that editors and other validators can use."""

from __future__ import annotations

import json

import jsonschema
import pytest

from pokin.source.parse import parse
from tests.helpers import EXAMPLE, ROOT, run_pokin


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    run = run_pokin("schema")
    assert run.code == 0
    loaded = json.loads(run.stdout)
    assert isinstance(loaded, dict)
    return loaded


def _as_json(text: str) -> object:
    doc = parse(text, "x.yaml")
    assert not doc.problems
    return json.loads(json.dumps(doc.data))  # year keys become strings, as in JSON


def test_schema_is_draft07(schema: dict[str, object]) -> None:
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)


def test_committed_schema_is_current(schema: dict[str, object]) -> None:
    committed = json.loads((ROOT / "schema" / "pokin.schema.json").read_text(encoding="utf-8"))
    assert committed == schema, "run `make schema` and commit schema/pokin.schema.json"


def test_example_passes_the_schema(schema: dict[str, object]) -> None:
    validator = jsonschema.Draft7Validator(schema)
    errors = list(validator.iter_errors(_as_json(EXAMPLE.read_text(encoding="utf-8"))))
    assert errors == []


def test_schema_rejects_a_typo_and_a_bad_number(schema: dict[str, object]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    validator = jsonschema.Draft7Validator(schema)
    typo = _as_json(text.replace("anggaran: 372250370", "anggran: 372250370", 1))
    assert any("anggran" in e.message for e in validator.iter_errors(typo))
    bad = _as_json(text.replace("anggaran: 372250370", 'anggaran: "13.2918.000"', 1))
    assert list(validator.iter_errors(bad))
    indonesian = _as_json(text.replace("anggaran: 372250370", 'anggaran: "Rp 372.250.370"', 1))
    assert list(validator.iter_errors(indonesian)) == []


@pytest.mark.parametrize(
    "name",
    sorted(
        str(p.relative_to(ROOT))
        for folder in ("examples/documents", "examples/workspace")
        for p in (ROOT / folder).rglob("*.yaml")
    ),
)
def test_document_kinds_and_workspace_plans_pass_the_schema(
    schema: dict[str, object], name: str
) -> None:
    validator = jsonschema.Draft7Validator(schema)
    errors = list(validator.iter_errors(_as_json((ROOT / name).read_text(encoding="utf-8"))))
    assert errors == []


def test_schema_asks_tahun_and_outcome_where_the_kind_does(schema: dict[str, object]) -> None:
    validator = jsonschema.Draft7Validator(schema)
    renja = (ROOT / "examples" / "documents" / "renja_setda_kalteng_2025.yaml").read_text()
    assert any("tahun" in e.message for e in validator.iter_errors(_as_json(
        renja.replace("tahun: 2025\n", "")
    )))  # fmt: skip
    penjenjangan = _as_json(renja.replace("dokumen: renja\n", ""))
    assert any("outcome" in e.message for e in validator.iter_errors(penjenjangan))
