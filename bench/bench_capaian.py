"""`pokin capaian` with 4 realisasi files against `pokin validate`, 10,000-node plan.

Issue 15: `pokin capaian` on a 10k-node plan with four realisasi files
(TW I–IV, every sub kegiatan reported) takes no more than 2x `pokin
validate` of the plan. Both as a user runs them (the console script, output
to a file); best of 7, interleaved, in this invocation.

    .venv/bin/python bench/bench_capaian.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import DATA, best_time, ensure_plan, pokin, report, seconds

LIMIT = 2.0
NODES = 10_000


def realisasi_files(plan: Path) -> list[Path]:
    """Four cumulative realisasi files (TW I–IV) reporting every sub kegiatan of ``plan``."""
    from pokin.source.load import load_file

    loaded = load_file(plan)
    assert loaded.plan is not None
    leaves = [ref for ref in loaded.plan.nodes if ref.level == "subkegiatan"]
    files = []
    for quarter in range(1, 5):
        path = DATA / f"realisasi_{NODES}_tw{quarter}.yaml"
        files.append(path)
        if path.exists() and path.stat().st_mtime >= plan.stat().st_mtime:
            continue
        lines = [
            "pokin_realisasi: 1",
            f"rencana: {plan.name}",
            f"tahun: {loaded.plan.model.tahun}",
            f"periode: tw{quarter}",
            f"tanggal: {loaded.plan.model.tahun + (quarter == 4)}-{(quarter * 3) % 12 + 1:02d}-10",
            "realisasi:",
        ]
        for ref in leaves:
            pagu = getattr(ref.node, "anggaran", 0)
            pagu = pagu if isinstance(pagu, int) else 0
            values = []
            for ind in ref.node.indikator:
                target = ind.target if isinstance(ind.target, int | float) else 0
                values.append(str(round(target * quarter / 4, 2)))
            lines.append(f"  {ref.id}:")
            lines.append(f"    indikator: [{', '.join(values)}]")
            lines.append(f"    anggaran: {pagu * quarter * 22 // 100}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return files


def interleaved(commands: dict[str, list[str]], rounds: int = 7) -> dict[str, float]:
    """Best time of each command, runs alternating so load drifts hit all alike."""
    best = {name: best_time(cmd, runs=1, warmup=1) for name, cmd in commands.items()}
    for _ in range(rounds - 1):
        for name, cmd in commands.items():
            best[name] = min(best[name], best_time(cmd, runs=1, warmup=0))
    return best


def main() -> int:
    """Measure, print the ratios, exit 1 if the target is missed."""
    plan = ensure_plan(NODES)
    files = [str(f) for f in realisasi_files(plan)]
    times = interleaved(
        {
            "validate": pokin("validate", str(plan)),
            "capaian": pokin("capaian", str(plan), *files),
            "capaian --format json": pokin("capaian", str(plan), *files, "--format", "json"),
            "capaian --by jabatan": pokin("capaian", str(plan), *files, "--by", "jabatan"),
            "validate 4 realisasi": pokin("validate", *files),
        }
    )
    validate = times.pop("validate")
    print(f"pokin capaian (4 realisasi files) vs pokin validate, {NODES}-node plan (best of 7):")
    seconds("validate", validate)
    ok = True
    for name, elapsed in times.items():
        seconds(name, elapsed)
        if name.startswith("capaian"):
            ok = report(f"{name} / validate", elapsed / validate, LIMIT) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
