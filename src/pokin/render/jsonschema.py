"""The JSON Schema of the plan format, draft-07 compatible.

pydantic writes draft 2020-12; editors using yaml-language-server and many
validators read draft-07, so ``$defs`` becomes ``definitions`` and
``prefixItems`` becomes the array form of ``items``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_ID = "https://pokin.example/schema/pokin.schema.json"


def _schema(model: type[BaseModel], schema_id: str, title: str) -> dict[str, Any]:
    """``model`` as a draft-07 JSON Schema with its ``$id`` and title."""
    raw = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    schema = _draft07(raw)
    assert isinstance(schema, dict)
    definitions = schema.pop("definitions", {})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": schema_id,
        **schema,
        "title": title,
        "definitions": definitions,
    }


def plan_schema() -> dict[str, Any]:
    """The plan format as a draft-07 JSON Schema."""
    from pokin.model import Plan

    return _schema(Plan, SCHEMA_ID, "pokin plan (Penjenjangan Kinerja)")


def plan_schema_json() -> str:
    """The schema as stable, pretty-printed JSON text."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


REALISASI_SCHEMA_ID = "https://pokin.example/schema/pokin-realisasi.schema.json"


def realisasi_schema() -> dict[str, Any]:
    """The realisasi file format (``pokin_realisasi: 1``) as a draft-07 JSON Schema."""
    from pokin.source.realisasi import Realisasi

    return _schema(
        Realisasi,
        REALISASI_SCHEMA_ID,
        "pokin realisasi (realisasi kinerja dan anggaran satu periode)",
    )


def realisasi_schema_json() -> str:
    """The realisasi schema as stable, pretty-printed JSON text."""
    return json.dumps(realisasi_schema(), ensure_ascii=False, indent=2) + "\n"


def _draft07(node: Any) -> Any:
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs":
            out["definitions"] = _draft07(value)
        elif key == "prefixItems":
            out["items"] = _draft07(value)
            out.setdefault("additionalItems", False)
        elif key == "items" and "prefixItems" in node:
            continue
        else:
            out[key] = _draft07(value)
    return out
