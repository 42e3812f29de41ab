"""A first hour with pokin: --version, the schema for a pip user, GitLab Code Quality output."""

from __future__ import annotations

import json
from pathlib import Path

from pokin import __version__
from tests.helpers import EXAMPLE, MINIMAL, run_pokin, run_pokin_process


def test_version() -> None:
    run = run_pokin("--version")
    assert run.code == 0
    assert run.stdout == f"pokin {__version__}\n"


def test_version_from_the_console_script() -> None:
    run = run_pokin_process("--version")
    assert run.code == 0
    assert run.stdout.strip() == f"pokin {__version__}"


def test_schema_written_to_a_file_is_the_printed_schema(tmp_path: Path) -> None:
    out = tmp_path / "pokin.schema.json"
    assert run_pokin("schema", "-o", str(out)).code == 0
    printed = run_pokin("schema").stdout
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(printed)


def test_gitlab_code_quality_report(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL.replace("anggaran: 300\n", "anggaran: 301\n", 1), encoding="utf-8")
    run = run_pokin("validate", str(plan), "--format", "gitlab")
    assert run.code == 1
    issues = json.loads(run.stdout)
    b001 = next(i for i in issues if i["check_name"] == "B001")
    assert b001["severity"] == "major"
    assert b001["description"].startswith("B001 [prog-1] ")
    assert b001["location"]["lines"]["begin"] >= 1
    assert b001["location"]["path"].endswith("plan.yaml")
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprint_ignores_line_moves(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = MINIMAL.replace("anggaran: 300\n", "anggaran: 301\n", 1)
    plan.write_text(text, encoding="utf-8")
    first = json.loads(run_pokin("validate", str(plan), "-f", "gitlab").stdout)
    plan.write_text("# a comment above\n\n" + text, encoding="utf-8")
    second = json.loads(run_pokin("validate", str(plan), "-f", "gitlab").stdout)
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    assert [i["location"]["lines"]["begin"] for i in first] != [
        i["location"]["lines"]["begin"] for i in second
    ]


def test_plans_only_skips_other_yaml(tmp_path: Path) -> None:
    other = tmp_path / "workflow.yaml"
    other.write_text("on: push\n", encoding="utf-8")
    assert run_pokin("validate", "--plans-only", str(other)).code == 0
    assert run_pokin("validate", str(other)).code == 1
    assert run_pokin("validate", "--plans-only", str(other), str(EXAMPLE)).code == 0


def test_rules_are_explained_in_indonesian() -> None:
    run = run_pokin("rules", "B001")
    assert run.code == 0
    assert "Anggaran tertulis berbeda dengan jumlah anggaran rinciannya." in run.stdout
    assert "tingkat bawaan: galat" in run.stdout
    assert "Contoh yang salah:" in run.stdout and "Contoh yang benar:" in run.stdout
    listing = run_pokin("rules").stdout
    assert listing.splitlines()[0].split() == ["KODE", "KELOMPOK", "TINGKAT", "RINGKASAN"]
    unknown = run_pokin("rules", "B01")
    assert unknown.code == 2 and "mungkin maksud Anda: B001" in unknown.stderr


def test_every_rule_has_an_indonesian_explanation_and_every_group_a_name() -> None:
    from pokin.check.rules.registry import GROUPS, all_rules
    from pokin.render.rules_text import EXPLANATIONS, GROUP_TEXT

    assert set(EXPLANATIONS) == set(all_rules())
    assert set(GROUP_TEXT) == set(GROUPS)
