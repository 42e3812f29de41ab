"""`pokin diff` of two versions of the 10,000-node plan against `pokin validate` of one.

Target: diff ≤ 2.5× validate, best of several runs, same invocation.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, best_time, ensure_plan, pokin, report, seconds

LIMIT = 2.5


def modified_copy(plan: Path) -> Path:
    """A second version: every 50th anggaran raised, every 40th target changed."""
    out = DATA / f"{plan.stem}_modified.yaml"
    text = plan.read_text(encoding="utf-8")
    counter = {"a": 0, "t": 0}

    def anggaran(m: re.Match[str]) -> str:
        counter["a"] += 1
        value = int(m.group(2))
        return f"{m.group(1)}{value + 1000 if counter['a'] % 50 == 0 else value}"

    def target(m: re.Match[str]) -> str:
        counter["t"] += 1
        return f"{m.group(1)}{m.group(2)}{'1' if counter['t'] % 40 == 0 else ''}"

    text = re.sub(r"(anggaran: )(\d+)", anggaran, text)
    text = re.sub(r"(target: )(\d+)", target, text)
    out.write_text(text, encoding="utf-8")
    return out


def main() -> int:
    plan = ensure_plan(10_000)
    other = modified_copy(plan)
    print("bench_diff: pokin diff (two versions) vs pokin validate (one), 10,000 nodes")
    validate = best_time(pokin("validate", str(plan)))
    diff = best_time(pokin("diff", str(plan), str(other)))
    seconds("pokin validate", validate)
    seconds("pokin diff", diff)
    ok = report("diff / validate", diff / validate, LIMIT)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
