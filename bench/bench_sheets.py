"""`pokin export` and `pokin import` against `pokin validate` on a 10,000-node plan.

Issue 17: export (.xlsx) and import (of that .xlsx) each take no more than 3x
the time of validate on the same plan. Measured as a user runs them (the
console script), CPU time (user + system) of the best of several runs, plus
wall times; the CSV export and the CSV import are shown too.

    .venv/bin/python bench/bench_sheets.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import cpu_and_wall, ensure_plan, pokin, report, seconds

LIMIT = 3.0
NODES = 10_000
RUNS = 5


class Fresh:
    """A new output name per run: pokin import never overwrites."""

    def __init__(self, folder: Path, stem: str) -> None:
        self.folder, self.stem, self.n = folder, stem, 0

    def __call__(self) -> str:
        self.n += 1
        return str(self.folder / f"{self.stem}_{self.n}.yaml")


def best(make: object, runs: int = RUNS) -> tuple[float, float]:
    """Best (wall, cpu) over runs of the command ``make()`` builds anew each time."""
    assert callable(make)
    result = (float("inf"), 0.0)
    for _ in range(runs):
        wall, cpu = cpu_and_wall(make(), runs=1)
        if cpu < result[1] or result[0] == float("inf"):
            result = (wall, cpu)
    return result


def main() -> int:
    """Measure, print the ratios, exit 1 if a target is missed."""
    plan = str(ensure_plan(NODES))
    with tempfile.TemporaryDirectory(prefix="pokin-bench-sheets-") as tmp:
        folder = Path(tmp)
        xlsx, csv = str(folder / "plan.xlsx"), str(folder / "plan.csv")
        fresh_x, fresh_c = Fresh(folder, "from_xlsx"), Fresh(folder, "from_csv")
        header = ("--tahun", "2025", "--perangkat-daerah", "Dinas Sintetis")
        measured = {
            "validate": best(lambda: pokin("validate", plan)),
            "export xlsx": best(lambda: pokin("export", plan, "-o", xlsx)),
            "export csv": best(lambda: pokin("export", plan, "-o", csv)),
            "import xlsx": best(lambda: pokin("import", xlsx, "-o", fresh_x())),
            "import csv": best(lambda: pokin("import", csv, "-o", fresh_c(), *header)),
        }
        size = Path(xlsx).stat().st_size
    wall_v, cpu_v = measured.pop("validate")
    print(f"pokin export / import vs pokin validate, {NODES}-node plan (best of {RUNS}):")
    seconds("validate (cpu)", cpu_v)
    seconds("validate (wall)", wall_v)
    print(f"    .xlsx size: {size / 1024:.0f} KiB")
    ok = True
    for name, (wall, cpu) in measured.items():
        seconds(f"{name} (cpu)", cpu)
        seconds(f"{name} (wall)", wall)
        ratio = cpu / cpu_v
        if name in ("export xlsx", "import xlsx"):
            ok = report(f"{name} / validate, cpu", ratio, LIMIT) and ok
        else:
            print(f"  {name} / validate, cpu: {ratio:.2f}×")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
