"""What the consistency rules add to `pokin validate` on a 10,000-node plan.

Target: checks on a 10,000-node synthetic plan add less than 20% to the time
`pokin validate` takes without them. "Without them" is `--select yaml,schema`:
the plan is read and validated against the schema, and no rule runs. Both
commands run as a user runs them (the console script, output discarded),
interleaved round by round so that machine noise hits both alike; the best
time of each is compared. The CPU time (user + system) of the child process
is reported too: on a busy machine it is the steadier figure.

    .venv/bin/python bench/bench_rules.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

from common import ensure_plan, pokin, report, seconds

LIMIT = 1.2
NODES = 10_000


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall time and child CPU time (user + system) of one run, in seconds."""
    env = {**os.environ, "NO_COLOR": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    """Measure, print the ratio, exit 1 if the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds (best of)")
    args = parser.parse_args()
    plan = str(ensure_plan(NODES))
    with_rules = pokin("validate", plan, "--no-config")
    without = pokin("validate", plan, "--no-config", "--select", "yaml,schema")
    run_once(with_rules)  # warm the file cache and imports
    wall = {"none": float("inf"), "all": float("inf")}
    cpu = dict(wall)
    for _ in range(args.rounds):
        for key, cmd in (("none", without), ("all", with_rules)):
            w, c = run_once(cmd)
            wall[key], cpu[key] = min(wall[key], w), min(cpu[key], c)
    print(f"pokin validate with all rules vs without rules, {NODES}-node plan:")
    seconds("without rules (--select yaml,schema), wall", wall["none"])
    seconds("with all rules, wall", wall["all"])
    seconds("without rules, CPU", cpu["none"])
    seconds("with all rules, CPU", cpu["all"])
    ok = report("all rules / no rules (wall)", wall["all"] / wall["none"], LIMIT)
    report("all rules / no rules (CPU)", cpu["all"] / cpu["none"], LIMIT)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
