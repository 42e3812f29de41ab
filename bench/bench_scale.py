"""Speed at scale: fmt --check and tree --svg against validate at 10k nodes, and a folder of 40 plans.

    python bench/bench_scale.py

Ratios are measured in one run (best of several), so that a busy machine
slows both sides alike. tree --svg uses the embedded WebAssembly Graphviz
(POKIN_GRAPHVIZ=wasm), as on a machine without Graphviz installed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_time, cpu_and_wall, ensure_plan, pokin, report, seconds


def main() -> int:
    """Run the measurements and print the ratios."""
    ok = True
    plan = ensure_plan(10_000)
    validate = best_time(pokin("validate", str(plan)), runs=5)
    seconds("pokin validate, 10,000 nodes", validate)

    check = best_time(pokin("fmt", "--check", str(plan)), runs=5)
    seconds("pokin fmt --check, 10,000 nodes", check)
    ok &= report("pokin fmt --check / validate, 10,000 nodes", check / validate, 1.5)

    os.environ["POKIN_GRAPHVIZ"] = "wasm"
    with tempfile.TemporaryDirectory() as tmp:
        svg = str(Path(tmp) / "tree.svg")
        tree = best_time(pokin("tree", str(plan), "--svg", svg), runs=2)
        seconds("pokin tree --svg, 10,000 nodes", tree)
        ok &= report("pokin tree --svg / validate, 10,000 nodes", tree / validate, 8)

        folder = Path(tmp) / "plans"
        folder.mkdir()
        one = ensure_plan(1_000)
        for i in range(40):
            shutil.copyfile(one, folder / f"plan_{i:02d}.yaml")
        wall, cpu = cpu_and_wall(pokin("validate", str(folder)), runs=3)
        seconds("pokin validate FOLDER of 40 plans of 1,000 nodes (wall)", wall)
        seconds("  CPU time of that run (all processes)", cpu)
        print(f"    cores: {os.cpu_count()}")
        ok &= report("40 plans: wall / CPU time", wall / cpu, 0.65)
        os.environ["POKIN_JOBS"] = "1"
        serial, _ = cpu_and_wall(pokin("validate", str(folder)), runs=2)
        del os.environ["POKIN_JOBS"]
        seconds("the same folder, one process (POKIN_JOBS=1)", serial)
        print(f"    parallel / serial wall time: {wall / serial:.2f}×")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
