"""Issue 14 figure: a workspace of 40 plans of 1,000 nodes vs the same plans as a plain folder.

    python bench/bench_workspace.py

The workspace is checked plan by plan like a folder, plus the links between
plans; the target is at most 1.2x the plain folder's time.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import best_time, ensure_plan, pokin, report, seconds

PLANS = 40
NODES = 1_000


def build(folder: Path, workspace: bool) -> None:
    """``PLANS`` copies of the synthetic plan, each with its own ``kode_pd``."""
    text = ensure_plan(NODES).read_text(encoding="utf-8")
    (folder / "opd").mkdir(parents=True)
    for i in range(PLANS):
        plan = text.replace("pokin: 1\n", f"pokin: 1\nkode_pd: pd-{i:02d}\n", 1)
        (folder / "opd" / f"pd_{i:02d}.yaml").write_text(plan, encoding="utf-8")
    if workspace:
        (folder / "pokin.toml").write_text(
            '[workspace]\npemda = "Kabupaten Contoh"\nplans = ["opd/*.yaml"]\n', encoding="utf-8"
        )


def main() -> int:
    """Measure both and print the ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        ws, plain = Path(tmp) / "ws", Path(tmp) / "plain"
        build(ws, True)
        build(plain, False)
        base = best_time(pokin("validate", str(plain)), runs=3)
        ours = best_time(pokin("validate", str(ws)), runs=3)
    print(f"pokin validate, {PLANS} plans of {NODES} nodes")
    seconds("plain folder", base)
    seconds("workspace", ours)
    return 0 if report("workspace / plain folder", ours / base, 1.2) else 1


if __name__ == "__main__":
    raise SystemExit(main())
