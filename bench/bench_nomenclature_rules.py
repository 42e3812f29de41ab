"""What checking against the official nomenclature adds to `pokin validate`.

Target: the nomenclature checks (N003–N007, which read the shipped lists,
decide the version from the plan's codes and feed I007) cost at most 15% of
`pokin validate` on the example and at most 5% on a 10,000-node plan. "Without
them" is the same command with `--ignore N003,N004,N005,N006,N007,I007`: no
list is read (I007, which asks the lists about the indicators it would flag,
is left out too, so the figure is an upper bound). The 10,000-node plan of bench/gen_plan.py carries official Kepmendagri
900 codes, names and satuan, so the checks take the path of a real plan. Both
commands run as a user runs them, interleaved round by round; the best wall
and CPU time of each are compared.

    .venv/bin/python bench/bench_nomenclature_rules.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import sys

from bench_rules import run_once
from common import EXAMPLE, ensure_plan, pokin, report, seconds

LIST_RULES = "N003,N004,N005,N006,N007,I007"
#: (plan, largest allowed ratio of with / without).
TARGETS = (("example", 1.15), ("10000", 1.05))


def measure(plan: str, rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    """Best wall and CPU seconds of validate with and without the list checks."""
    commands = {
        "without": pokin("validate", plan, "--no-config", "--ignore", LIST_RULES),
        "with": pokin("validate", plan, "--no-config"),
    }
    run_once(commands["with"])  # warm the file cache and imports
    wall = {key: float("inf") for key in commands}
    cpu = dict(wall)
    for _ in range(rounds):
        for key, cmd in commands.items():
            w, c = run_once(cmd)
            wall[key], cpu[key] = min(wall[key], w), min(cpu[key], c)
    return wall, cpu


def main() -> int:
    """Measure both plans, print the ratios, exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (best of)")
    args = parser.parse_args()
    ok = True
    for name, limit in TARGETS:
        plan = str(EXAMPLE) if name == "example" else str(ensure_plan(int(name)))
        wall, cpu = measure(plan, args.rounds)
        print(f"pokin validate with vs without the nomenclature checks, {name} plan:")
        seconds("without (--ignore N003–N007,I007), wall", wall["without"])
        seconds("with, wall", wall["with"])
        seconds("without, CPU", cpu["without"])
        seconds("with, CPU", cpu["with"])
        ok = report("with / without (wall)", wall["with"] / wall["without"], limit) and ok
        report("with / without (CPU)", cpu["with"] / cpu["without"], limit)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
