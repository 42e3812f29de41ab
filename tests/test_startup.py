"""Start-up: the quick help is Typer's help, and validate imports no more than it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import EXAMPLE, ROOT

HELP = ROOT / "src" / "pokin" / "cli" / "help.txt"


def test_quick_help_is_typers_help() -> None:
    """If this fails after a command was added or its help changed, regenerate the file:
    COLUMNS=100 python -c "import sys; sys.argv=['pokin','--help']; from pokin.cli import main; main()" > src/pokin/cli/help.txt
    """
    env = {**os.environ, "COLUMNS": "100"}
    typer_help = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv=['pokin','--help']; from pokin.cli import main; main()",
        ],
        capture_output=True,
        env=env,
        check=True,
    ).stdout
    assert HELP.read_bytes() == typer_help
    script = Path(sys.executable).with_name("pokin")
    if script.exists():
        quick = subprocess.run([str(script), "--help"], capture_output=True, env=env, check=True)
        assert quick.stdout == typer_help


def test_validate_imports_neither_rich_nor_importlib_metadata_when_piped() -> None:
    code = (
        f"import sys; sys.argv=['pokin','validate',{str(EXAMPLE)!r}]\n"
        "from pokin.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'jinja2', 'graphviz', 'typer')"
        " or m == 'importlib.metadata'), file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.stderr.strip().splitlines()[-1] == "[]"


def test_plain_human_output_is_richs_output_without_colour(
    capsys: object, monkeypatch: object
) -> None:
    import re

    import pytest

    from pokin.check.engine import check_paths
    from pokin.render.problems import print_human
    from tests.helpers import MINIMAL

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    assert isinstance(capsys, pytest.CaptureFixture)
    broken = Path(str(EXAMPLE))
    report = check_paths([str(broken)])
    assert report.problems  # the example has warnings
    monkeypatch.setenv("NO_COLOR", "1")
    print_human(report)
    plain = capsys.readouterr().out
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    print_human(report)
    coloured = capsys.readouterr().out
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    assert MINIMAL


def test_quick_validate_matches_the_typer_command(tmp_path: Path) -> None:
    """`pokin validate PATH...` runs without Typer; output and exit code are the command's."""
    from tests.helpers import MINIMAL, write

    write(tmp_path, MINIMAL, "baik.yaml")
    write(tmp_path, MINIMAL.replace("tahun: 2025", "tahun: dua"), "rusak.yaml")
    (tmp_path / "sub").mkdir()
    # a workspace whose glob matches nothing: a problem in its pokin.toml, not "no plans"
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "pokin.toml").write_text('[workspace]\nplans = ["opd/*.yaml"]\n')
    cases = [
        [str(EXAMPLE.parent / "workspace")],
        [str(tmp_path / "ws")],
        [str(EXAMPLE)],
        [str(tmp_path)],
        [str(tmp_path / "baik.yaml"), str(tmp_path / "rusak.yaml")],
        [str(tmp_path / "tidak-ada.yaml")],
        [str(tmp_path / "sub")],
    ]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    for gh in (False, True):
        if gh:
            env["GITHUB_ACTIONS"] = "true"
        for args in cases:
            runs = []
            for entry in ("pokin.__main__", "pokin.cli"):
                code = f"import sys; sys.argv=['pokin','validate',*{args!r}]; from {entry} import main; main()"
                proc = subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, env=env
                )
                runs.append((proc.returncode, proc.stdout, proc.stderr))
            assert runs[0] == runs[1], args
            if args == [str(tmp_path / "ws")]:
                assert runs[0][0] == 1 and "R005" in runs[0][1] and "pokin.toml" in runs[0][1]
