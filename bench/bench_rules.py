"""What the consistency rules add to `pokin validate` on a 10,000-node plan.

Issue 3: checks on a 10,000-node synthetic plan add less than 20% to the time
`pokin validate` takes without them. "Without them" is `--select yaml,schema`:
the plan is read and validated against the schema, and no rule runs. Both
commands run as a user runs them (the console script, output discarded),
interleaved round by round so that machine noise hits both alike; the best
time of each is compared.

    .venv/bin/python bench/bench_rules.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import sys

from common import best_time, ensure_plan, pokin, report, seconds

LIMIT = 1.2
NODES = 10_000


def main() -> int:
    """Measure, print the ratio, exit 1 if the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds (best of)")
    args = parser.parse_args()
    plan = str(ensure_plan(NODES))
    with_rules = pokin("validate", plan, "--no-config")
    without = pokin("validate", plan, "--no-config", "--select", "yaml,schema")
    best_time(with_rules, runs=1, warmup=0)  # warm the file cache and imports
    best_all = best_none = float("inf")
    for _ in range(args.rounds):
        best_none = min(best_none, best_time(without, runs=1, warmup=0))
        best_all = min(best_all, best_time(with_rules, runs=1, warmup=0))
    print(f"pokin validate with all rules vs without rules, {NODES}-node plan:")
    seconds("without rules (--select yaml,schema)", best_none)
    seconds("with all rules", best_all)
    ok = report("all rules / no rules", best_all / best_none, LIMIT)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
