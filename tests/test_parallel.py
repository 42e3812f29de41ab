"""Many plans at once: the parallel map keeps order, results and errors of the serial one."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from pokin.check.engine import Selection, _check_one, check_paths
from pokin.problems import UsageError
from pokin.source.parallel import parallel_map
from tests.helpers import MINIMAL, run_pokin, write


def _folder(tmp_path: Path) -> list[str]:
    files = []
    for i in range(6):
        text = MINIMAL if i % 2 else MINIMAL.replace("tahun: 2025", "tahun: dua")
        files.append(str(write(tmp_path, text, f"plan_{i}.yaml")))
    return files


def test_parallel_map_keeps_order_and_results(tmp_path: Path) -> None:
    files = _folder(tmp_path)
    check = partial(_check_one, selection=Selection(), use_config=False, keep=False)
    serial = [check(f) for f in files]
    parallel = parallel_map(check, files, [1] * len(files), min_bytes=0)
    assert [(r.file, r.problems) for r in parallel] == [(r.file, r.problems) for r in serial]
    assert [r.file for r in parallel] == files
    assert all(r.result is None for r in parallel)  # plans are let go once checked


def test_parallel_map_raises_what_the_function_raises(tmp_path: Path) -> None:
    files = [*_folder(tmp_path), str(tmp_path / "tidak-ada.yaml")]
    check = partial(_check_one, selection=Selection(), use_config=False, keep=False)
    with pytest.raises(UsageError, match="tidak ditemukan"):
        parallel_map(check, files, [1] * len(files), min_bytes=0)


def test_folder_output_and_exit_code(tmp_path: Path) -> None:
    _folder(tmp_path)
    report = check_paths([str(tmp_path)], keep_plans=True)
    assert all(f.plan is not None for f in report.files[1::2])
    run = run_pokin("validate", str(tmp_path))
    assert run.code == 1
    files = [line.split(":")[0] for line in run.stdout.splitlines() if ":" in line]
    assert files == sorted(files)


def test_pokin_jobs_sets_the_worker_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from pokin.source.parallel import cpu_count

    monkeypatch.setenv("POKIN_JOBS", "1")
    assert cpu_count() == 1
    monkeypatch.setenv("POKIN_JOBS", "nol")
    assert cpu_count() >= 1
