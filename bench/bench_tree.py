"""Figures: drawing the pohon kinerja as SVG with the embedded renderer.

    python bench/bench_tree.py

The embedded (WebAssembly) Graphviz is forced with POKIN_GRAPHVIZ=wasm, as on
a machine without Graphviz installed. Its compiled module is cached per user;
the first run below warms that cache, and a separate figure shows the cost
without the cache.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import EXAMPLE, best_time, ensure_plan, pokin, report, seconds


def main() -> int:
    """Run the measurements and print the ratios."""
    os.environ["POKIN_GRAPHVIZ"] = "wasm"
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        svg = str(Path(tmp) / "tree.svg")
        print("pokin tree --svg (embedded WebAssembly Graphviz)")
        validate = best_time(pokin("validate", str(EXAMPLE)), runs=10)
        seconds("pokin validate example", validate)
        tree = best_time(pokin("tree", str(EXAMPLE), "--svg", svg), runs=10)
        seconds("pokin tree example --svg (module cache warm)", tree)
        ok &= report("pokin tree --svg / pokin validate, example", tree / validate, 3)

        os.environ["POKIN_NO_CACHE"] = "1"
        cold = best_time(pokin("tree", str(EXAMPLE), "--svg", svg), runs=3)
        del os.environ["POKIN_NO_CACHE"]
        seconds("pokin tree example --svg (no module cache)", cold)
        print(f"    the module cache saves {(cold - tree) * 1000:.0f} ms per run")

        plan = ensure_plan(1_000)
        big = best_time(pokin("tree", str(plan), "--svg", svg), runs=3, warmup=0)
        seconds("pokin tree --svg, 1,000 nodes", big)
        limit = 60.0
        passed = big < limit
        verdict = "OK" if passed else "MISSED"
        print(f"  1,000-node plan to SVG: {big:.1f} s (target < {limit:.0f} s) {verdict}")
        ok &= passed
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
