"""`pokin budget` against `pokin validate` on a 10,000-node synthetic plan.

Issue 4: the budget command takes no more than 1.2x the time of validate on
the same plan (both as a user runs them: the console script, output to a
file). Best of several runs each, measured in this invocation.

    .venv/bin/python bench/bench_budget.py
"""

from __future__ import annotations

import sys

from common import best_time, ensure_plan, pokin, report, seconds

LIMIT = 1.2
NODES = 10_000


def main() -> int:
    """Measure, print the ratios, exit 1 if the target is missed."""
    plan = str(ensure_plan(NODES))
    validate = best_time(pokin("validate", plan))
    budget = best_time(pokin("budget", plan))
    print(f"pokin budget vs pokin validate, {NODES}-node plan:")
    seconds("validate", validate)
    seconds("budget (human table)", budget)
    ok = report("budget / validate", budget / validate, LIMIT)
    for args in (("--format", "json"), ("--format", "csv"), ("--by", "jabatan")):
        elapsed = best_time(pokin("budget", plan, *args), runs=3)
        seconds(f"budget {' '.join(args)}", elapsed)
        ok = report(f"budget {' '.join(args)} / validate", elapsed / validate, LIMIT) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
