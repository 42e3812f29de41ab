"""`pokin budget` against `pokin validate` on a 10,000-node synthetic plan.

Target: the budget command takes no more than 1.2x the time of validate on
the same plan (both as a user runs them: the console script, output to a
file). Best of several runs each, measured in this invocation.

    .venv/bin/python bench/bench_budget.py
"""

from __future__ import annotations

import sys

from common import best_time, ensure_plan, pokin, report, seconds

LIMIT = 1.2
NODES = 10_000


def interleaved(commands: dict[str, list[str]], rounds: int = 7) -> dict[str, float]:
    """Best time of each command, runs alternating so load drifts hit all alike."""
    best = {name: best_time(cmd, runs=1, warmup=1) for name, cmd in commands.items()}
    for _ in range(rounds - 1):
        for name, cmd in commands.items():
            best[name] = min(best[name], best_time(cmd, runs=1, warmup=0))
    return best


def main() -> int:
    """Measure, print the ratios, exit 1 if the target is missed."""
    plan = str(ensure_plan(NODES))
    times = interleaved(
        {
            "validate": pokin("validate", plan),
            "budget": pokin("budget", plan),
            "budget --format json": pokin("budget", plan, "--format", "json"),
            "budget --format csv": pokin("budget", plan, "--format", "csv"),
            "budget --by jabatan": pokin("budget", plan, "--by", "jabatan"),
        }
    )
    validate = times.pop("validate")
    print(f"pokin budget vs pokin validate, {NODES}-node plan (best of 7, interleaved):")
    seconds("validate", validate)
    ok = True
    for name, elapsed in times.items():
        seconds(name, elapsed)
        ok = report(f"{name} / validate", elapsed / validate, LIMIT) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
