"""Project settings: [tool.pokin] in pyproject.toml, pokin.toml, and their precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pokin.check.config import Settings, clear_cache, find_settings, parse_settings
from pokin.problems import UsageError
from tests.helpers import MINIMAL, run_pokin, write

# MINIMAL with prog-1 owning nothing itself (C006, error at line 41) and a
# kegiatan indicator worded "Jumlah" in % (I005, warning at line 59). MINIMAL's
# own evaluator warnings come along: kabid then signs no target (C010, line 17)
# and its outcome has no mandat, isu strategis, ekspektasi (I016, line 26).
PLAN = MINIMAL.replace("        pj: kabid\n", "        catatan: pj belum ditetapkan\n").replace(
    "                satuan: orang\n                target: 55\n            pj: jf",
    '                satuan: "%"\n                target: 55\n            pj: jf',
)


@pytest.fixture(autouse=True)
def _fresh_settings() -> None:
    clear_cache()


def codes(
    tmp_path: Path, *args: str, plan: Path | None = None
) -> tuple[int, list[tuple[str, int, str]]]:
    """Exit code and (code, line, severity) of `pokin validate --format json`."""
    target = plan or tmp_path / "plan.yaml"
    run = run_pokin("validate", str(target), "--format", "json", *args)
    assert run.stderr == "" or run.code == 2, run.stderr
    if run.code == 2:
        return 2, []
    data = json.loads(run.stdout)
    return run.code, [(p["code"], p["line"], p["severity"]) for p in data["problems"]]


def test_without_settings(tmp_path: Path) -> None:
    write(tmp_path, PLAN)
    assert codes(tmp_path) == (
        1,
        [
            ("C010", 17, "warning"),
            ("I016", 26, "warning"),
            ("C006", 41, "error"),
            ("I005", 59, "warning"),
        ],
    )


def test_pyproject_tool_pokin_ignore_and_severity(tmp_path: Path) -> None:
    write(tmp_path, PLAN)
    write(
        tmp_path,
        '[tool.pokin]\nignore = ["I005"]\n[tool.pokin.severity]\nC006 = "warning"\n',
        "pyproject.toml",
    )
    assert codes(tmp_path) == (
        0,
        [("C010", 17, "warning"), ("I016", 26, "warning"), ("C006", 41, "warning")],
    )


def test_strict_in_settings_fails_on_warnings(tmp_path: Path) -> None:
    write(tmp_path, PLAN)
    write(tmp_path, 'strict = true\nignore = ["C006"]\n', "pokin.toml")
    assert codes(tmp_path) == (
        1,
        [("C010", 17, "warning"), ("I016", 26, "warning"), ("I005", 59, "warning")],
    )


def test_pokin_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path, PLAN)
    write(tmp_path, '[tool.pokin]\nignore = ["I005"]\n', "pyproject.toml")
    write(tmp_path, 'ignore = ["C006"]\n', "pokin.toml")
    assert codes(tmp_path) == (
        0,
        [("C010", 17, "warning"), ("I016", 26, "warning"), ("I005", 59, "warning")],
    )


def test_nearest_file_wins_and_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    sub = tmp_path / "rencana" / "2025"
    sub.mkdir(parents=True)
    plan = write(sub, PLAN)
    write(tmp_path, 'ignore = ["cascade"]\n', "pokin.toml")
    write(sub, "[project]\nname = 'x'\n", "pyproject.toml")  # no [tool.pokin]
    assert codes(tmp_path, plan=plan) == (0, [("I016", 26, "warning"), ("I005", 59, "warning")])
    write(tmp_path / "rencana", 'ignore = ["indicator"]\n', "pokin.toml")
    clear_cache()
    assert codes(tmp_path, plan=plan) == (1, [("C010", 17, "warning"), ("C006", 41, "error")])


def test_command_line_select_replaces_and_ignore_adds(tmp_path: Path) -> None:
    write(tmp_path, PLAN)
    write(tmp_path, 'select = ["indicator"]\nignore = ["I007"]\n', "pokin.toml")
    assert codes(tmp_path) == (0, [("I016", 26, "warning"), ("I005", 59, "warning")])
    assert codes(tmp_path, "--select", "cascade") == (
        1,
        [("C010", 17, "warning"), ("C006", 41, "error")],
    )
    assert codes(tmp_path, "--ignore", "I005") == (0, [("I016", 26, "warning")])


def test_no_config_option(tmp_path: Path) -> None:
    write(tmp_path, PLAN)
    write(tmp_path, 'ignore = ["C006", "I005"]\n', "pokin.toml")
    assert codes(tmp_path) == (0, [("C010", 17, "warning"), ("I016", 26, "warning")])
    assert codes(tmp_path, "--no-config") == (
        1,
        [
            ("C010", 17, "warning"),
            ("I016", 26, "warning"),
            ("C006", 41, "error"),
            ("I005", 59, "warning"),
        ],
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('ignor = ["I005"]\n', "'ignor' tidak dikenal"),
        ('ignore = ["I05"]\n', "'I05' bukan kode"),
        ('[severity]\nS001 = "warning"\n', "tidak dapat diubah"),
        ('[severity]\nC006 = "info"\n', '"error" atau "warning"'),
        ("strict = 1\n", "'strict' harus true atau false"),
        ("ignore = [\n", "TOML tidak valid"),
    ],
)
def test_bad_settings_exit_2(tmp_path: Path, toml: str, message: str) -> None:
    write(tmp_path, PLAN)
    write(tmp_path, toml, "pokin.toml")
    run = run_pokin("validate", str(tmp_path / "plan.yaml"))
    assert run.code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_unknown_code_on_the_command_line_exits_2_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, PLAN)
    run = run_pokin("validate", str(tmp_path / "plan.yaml"), "--ignore", "I0005,budgte")
    assert run.code == 2
    assert "'I0005'" in run.stderr


def test_parse_settings_normalises_names() -> None:
    settings = parse_settings(
        {
            "select": "budget, i005",
            "ignore": ["C6".replace("6", "006")],
            "severity": {"indicator": "error"},
        },
        "pokin.toml",
    )
    assert settings == Settings(
        ("budget", "I005"), ("C006",), False, {"indicator": "error"}, "pokin.toml"
    )
    assert settings.severity_of("I005", "indicator", "warning") == "error"
    assert settings.severity_of("B001", "budget", "error") == "error"


def test_find_settings_without_any_file(tmp_path: Path) -> None:
    assert find_settings(write(tmp_path, PLAN)) == Settings()


def test_parse_settings_rejects_wrong_types() -> None:
    with pytest.raises(UsageError, match="'select' harus berupa daftar"):
        parse_settings({"select": 5}, "pokin.toml")
