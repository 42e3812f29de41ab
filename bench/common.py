"""Shared helpers for the benchmark scripts in bench/.

Every figure is a ratio against a baseline measured in the same invocation,
best of several runs, because these machines are noisy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
EXAMPLE = ROOT / "examples" / "dinsos_kotim_2025.yaml"


def precompile() -> None:
    """Compile pokin's bytecode first, as an installed package has it.

    Where PYTHONDONTWRITEBYTECODE is set, an editable install would otherwise
    recompile every module of pokin in every measured run.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)


precompile()


def pokin(*args: str) -> list[str]:
    """The command line that runs the installed ``pokin`` console script."""
    script = Path(sys.executable).with_name("pokin")
    if script.exists():
        return [str(script), *args]
    found = shutil.which("pokin")
    return [found, *args] if found else [sys.executable, "-m", "pokin", *args]


def python(*args: str) -> list[str]:
    """The command line that runs this Python."""
    return [sys.executable, *args]


def best_time(
    cmd: list[str], runs: int = 5, warmup: int = 1, ok_codes: tuple[int, ...] = (0, 1)
) -> float:
    """Best wall time in seconds of ``cmd`` over ``runs`` runs (after ``warmup``)."""
    env = {**os.environ, "NO_COLOR": "1"}
    best = float("inf")
    for i in range(warmup + runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        elapsed = time.perf_counter() - start
        if proc.returncode not in ok_codes:
            raise SystemExit(
                f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n"
                + proc.stderr.decode(errors="replace")[-2000:]
            )
        if i >= warmup:
            best = min(best, elapsed)
    return best


def best_times_interleaved(cmds: list[list[str]], runs: int = 5) -> list[float]:
    """Best wall time of each command, runs alternating between them.

    For a ratio between two commands on a busy machine: both see the same
    moments of load.
    """
    best = [float("inf")] * len(cmds)
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            best[i] = min(best[i], best_time(cmd, runs=1, warmup=0))
    return best


def ensure_plan(nodes: int, style: str = "block") -> Path:
    """A synthetic plan of about ``nodes`` nodes under bench/data (generated once).

    ``style="flow"`` writes every indicator as a flow mapping on one line.
    """
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / (f"plan_{nodes}.yaml" if style == "block" else f"plan_{nodes}_{style}.yaml")
    if not path.exists():
        subprocess.run(
            python(
                str(ROOT / "bench" / "gen_plan.py"),
                *("--nodes", str(nodes), "--style", style, "-o", str(path)),
            ),
            check=True,
        )
    return path


def cpu_and_wall(cmd: list[str], runs: int = 3) -> tuple[float, float]:
    """Best wall time of ``cmd`` and the CPU time (user + system, children included) of that run."""
    import resource

    env = {**os.environ, "NO_COLOR": "1"}
    best = (float("inf"), 0.0)
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr.decode()}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if wall < best[0]:
            best = (wall, cpu)
    return best


def report(name: str, ratio: float, limit: float, *, lower_is_better: bool = True) -> bool:
    """Print one measured ratio against its limit; return whether it passes."""
    ok = ratio <= limit if lower_is_better else ratio >= limit
    sign = "≤" if lower_is_better else "≥"
    print(f"  {name}: {ratio:.2f}× (target {sign} {limit}×) {'OK' if ok else 'MISSED'}")
    return ok


def seconds(label: str, value: float) -> None:
    """Print one absolute timing."""
    print(f"    {label}: {value * 1000:.0f} ms")
